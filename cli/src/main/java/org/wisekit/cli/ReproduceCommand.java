package org.wisekit.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Profile;
import org.wisekit.harness.ReproductionRunner;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.Results;
import org.wisekit.harness.Verdict;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit reproduce <id|module|all>}: prints its plan (with an estimate per reproduction and in
 * total) on stderr, runs the reproductions with overall progress on stderr, writes their reports into
 * {@code <out>/<module>/<name>/<profile>/} and prints the claims (or, with {@code --json}, the results.json
 * objects as one JSON array). {@code --resume} skips reproductions whose report for the same commit,
 * profile and seed is already there. A reproduction that fails does not stop the others; the exit status
 * is non-zero if any failed.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Run reproductions and write <out>/<module>/<name>/<profile>/report.md, results.json and plots,"
                + " and <out>/index.md.",
                "Prints the plan with estimates and the overall progress on stderr; each report is replaced only when"
                        + " its run completes, so an interrupted run loses at most the reproduction in progress."})
final class ReproduceCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @ParentCommand
    Wisekit app;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<id|module|all>", description = "A reproduction id, a module, or 'all'.")
    String target;

    @Option(names = "--profile", paramLabel = "smoke|default|full", defaultValue = "default",
            converter = ProfileConverter.class,
            description = "smoke (seconds), default (minutes), full (closest to the paper). Default: ${DEFAULT-VALUE}.")
    Profile profile;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for every random choice. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Reports folder. Default: <wisekit home>/reports.")
    Path out;

    @Option(names = "--resume", description = "Skip reproductions whose report in the reports folder has the same commit,"
            + " profile and seed (never when the commit is unknown); they still appear in the output.")
    boolean resume;

    @Option(names = "--json", description = "Print the results.json objects (run or skipped) as one JSON array on stdout.")
    boolean json;

    @Mixin
    DataDirOption data;

    /** One reproduction of the plan. */
    private record Step(Reproduction reproduction, ReproductionRunner.Estimate estimate, Results skipped) {
        boolean skip() {
            return skipped != null;
        }

        double seconds() {
            return estimate.seconds().orElse(0);
        }
    }

    @Override
    public Integer call() {
        List<Reproduction> selected = app.reproductions().select(target);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Path reports = (out != null ? out : Wisekit.home("--out").resolve("reports")).toAbsolutePath().normalize();
        ReproductionRunner runner = new ReproductionRunner(reports, profile, seed, data.directory(), app.progress(),
                app.commit());

        List<Step> plan = new ArrayList<>();
        for (Reproduction r : selected) {
            Results skipped = resume && runner.isDone(r) ? runner.previous(r).orElse(null) : null;
            plan.add(new Step(r, runner.estimate(r), skipped));
        }
        printPlan(stderr, plan, runner);

        List<Results> done = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        // stdout carries only the claims or the JSON: output from libraries (SameDiff prints every
        // differentiated op with System.out) goes to stderr while the reproductions run.
        PrintStream systemOut = System.out;
        System.setOut(System.err);
        long start = System.nanoTime();
        try {
            runAll(plan, runner, done, failures, stdout, stderr, start);
        } finally {
            System.setOut(systemOut);
        }
        long ran = plan.stream().filter(s -> !s.skip()).count();
        stderr.printf("wisekit: %d run (%d failed), %d skipped by --resume, in %s; reports in %s%n", ran, failures.size(),
                plan.size() - ran, ReproductionRunner.duration(elapsed(start)), reports);
        if (json) {
            stdout.println(Results.toJsonArray(done));
        } else if (!done.isEmpty()) {
            stdout.println("Index of all claims: " + reports.resolve("index.md"));
        }
        List<String> violated = done.stream().flatMap(r -> r.claims().stream()
                .filter(c -> c.verdict() == Verdict.INVARIANT_VIOLATED).map(c -> r.id() + ": " + c.statement())).toList();
        // A violated invariant is a defect in the implementation, not a finding: the run fails (reports stay).
        violated.forEach(v -> stderr.println("wisekit: invariant violated in " + v));
        stderr.flush();
        if (failures.isEmpty()) {
            return violated.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
        }
        boolean allData = failures.stream().allMatch(f -> Wisekit.exitCode(f) == ExitCodes.DATA);
        return allData ? ExitCodes.DATA : ExitCodes.FAILED;
    }

    private void printPlan(PrintWriter err, List<Step> plan, ReproductionRunner runner) {
        long skipped = plan.stream().filter(Step::skip).count();
        err.printf("wisekit: plan: %d reproduction(s) at the %s profile, seed %d, commit %s%s%n", plan.size(),
                profile.id(), seed, shortCommit(runner.commit()), resume ? ", " + skipped + " skipped by --resume" : "");
        if (resume && runner.commit().equals("unknown")) {
            err.println("wisekit: --resume skips nothing: the commit of this code is unknown (not run from a git checkout)");
        }
        int width = plan.stream().mapToInt(s -> s.reproduction().id().length()).max().orElse(0);
        for (Step s : plan) {
            err.printf("  %-" + width + "s  %s%n", s.reproduction().id(),
                    s.skip() ? "skip: " + skippedText(s, runner) : s.estimate().describe());
        }
        List<Step> toRun = plan.stream().filter(s -> !s.skip()).toList();
        long unknown = toRun.stream().filter(s -> s.estimate().seconds().isEmpty()).count();
        double total = toRun.stream().mapToDouble(Step::seconds).sum();
        err.printf("  total: %s for %d reproduction(s)%s%n", unknown == toRun.size() && !toRun.isEmpty()
                        ? "unknown" : "about " + ReproductionRunner.duration(total), toRun.size(),
                unknown == 0 || unknown == toRun.size() ? "" : ", plus " + unknown + " without an estimate");
        err.flush();
    }

    private void runAll(List<Step> plan, ReproductionRunner runner, List<Results> done, List<Throwable> failures,
                        PrintWriter stdout, PrintWriter stderr, long start) {
        for (int i = 0; i < plan.size(); i++) {
            Step step = plan.get(i);
            Reproduction r = step.reproduction();
            String position = "[" + (i + 1) + "/" + plan.size() + "] ";
            if (step.skip()) {
                done.add(step.skipped());
                stderr.printf("wisekit: %s%s skipped (%s)%n", position, r.id(), skippedText(step, runner));
                if (!json) {
                    printClaims(stdout, step.skipped(), "skipped: " + skippedText(step, runner));
                }
                stderr.flush();
                continue;
            }
            stderr.printf("wisekit: %srunning %s (%s profile, %s); elapsed %s, %s%n", position, r.id(), profile.id(),
                    step.estimate().seconds().isPresent()
                            ? "about " + ReproductionRunner.duration(step.seconds()) : "no estimate",
                    ReproductionRunner.duration(elapsed(start)), left(plan.subList(i, plan.size())));
            stderr.flush();
            try {
                Results res = runner.run(r);
                done.add(res);
                stderr.printf("wisekit: %s%s done in %s: %s -> %s%n", position, r.id(),
                        ReproductionRunner.duration(res.durationSeconds()), verdictSummary(res),
                        runner.outputDirectory(r).resolve("report.md"));
                if (!json) {
                    printClaims(stdout, res, null);
                }
            } catch (Exception | LinkageError e) {
                failures.add(e);
                if (app.verbose) {
                    e.printStackTrace(stderr);
                }
                stderr.println("wisekit: " + position + r.id() + " failed: " + Wisekit.describe(e));
            }
            stderr.flush();
        }
    }

    /** "about 40 min left" from the estimates of what is still to run (this one included). */
    private static String left(List<Step> remaining) {
        List<Step> toRun = remaining.stream().filter(s -> !s.skip()).toList();
        long unknown = toRun.stream().filter(s -> s.estimate().seconds().isEmpty()).count();
        if (unknown == toRun.size()) {
            return "time left unknown";
        }
        double seconds = toRun.stream().mapToDouble(Step::seconds).sum();
        return "about " + ReproductionRunner.duration(seconds) + " left" + (unknown == 0 ? ""
                : " plus " + unknown + " without an estimate");
    }

    private static String skippedText(Step s, ReproductionRunner runner) {
        Path file = runner.outputDirectory(s.reproduction()).resolve("results.json");
        String when;
        try {
            when = WHEN.format(Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.MINUTES));
        } catch (IOException e) {
            when = "an earlier run";
        }
        Results r = s.skipped();
        return "report from " + when + ", commit " + shortCommit(r.commit()) + ", seed " + r.seed() + ", took "
                + ReproductionRunner.duration(r.durationSeconds());
    }

    private static double elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String shortCommit(String commit) {
        return commit.length() > 10 ? commit.substring(0, 10) : commit;
    }

    private static String verdictSummary(Results res) {
        StringBuilder sb = new StringBuilder();
        res.claims().stream().map(Claim::verdict).distinct().forEach(v -> {
            long n = res.claims().stream().filter(c -> c.verdict() == v).count();
            sb.append(sb.length() == 0 ? "" : ", ").append(n).append(' ').append(v);
        });
        return sb.toString();
    }

    private static void printClaims(PrintWriter out, Results res, String note) {
        out.println(res.id() + " — " + res.title() + (note == null ? "" : " (" + note + ")"));
        for (Claim c : res.claims()) {
            out.printf(Locale.ROOT, "  %-15s %s%n      paper %s | measured %s | threshold %s%s%n",
                    c.verdict(), c.statement(), c.paperValue(), c.measuredText(),
                    c.threshold().isEmpty() ? "—" : c.threshold(), c.note().isEmpty() ? "" : " | " + c.note());
        }
        out.println();
    }

    /** Lets picocli report a bad profile with the allowed values. */
    static final class ProfileConverter implements CommandLine.ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            try {
                return Profile.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
