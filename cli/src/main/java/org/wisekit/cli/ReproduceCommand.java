package org.wisekit.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
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
 * {@code wisekit reproduce <id|module|all>}: runs reproductions, writes their reports and prints the
 * claims (or, with {@code --json}, the results.json objects as one JSON array). A reproduction that fails
 * does not stop the others; the exit status is non-zero if any failed.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Run reproductions and write reports/<module>/<name>/report.md, results.json and plots.")
final class ReproduceCommand implements Callable<Integer> {

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

    @Option(names = "--json", description = "Print the results.json objects as one JSON array on stdout.")
    boolean json;

    @Mixin
    DataDirOption data;

    @Override
    public Integer call() {
        List<Reproduction> selected = app.reproductions().select(target);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Path reports = (out != null ? out : Wisekit.home().resolve("reports")).toAbsolutePath().normalize();
        ReproductionRunner runner = new ReproductionRunner(reports, profile, seed, data.directory(), app.progress());

        List<Results> done = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        // stdout carries only the claims or the JSON: output from libraries (SameDiff prints every
        // differentiated op with System.out) goes to stderr while the reproductions run.
        PrintStream systemOut = System.out;
        System.setOut(System.err);
        try {
            runAll(selected, runner, done, failures, stdout, stderr);
        } finally {
            System.setOut(systemOut);
        }
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

    private void runAll(List<Reproduction> selected, ReproductionRunner runner, List<Results> done,
            List<Throwable> failures, PrintWriter stdout, PrintWriter stderr) {
        for (Reproduction r : selected) {
            stderr.printf("wisekit: running %s (%s profile) ...%n", r.id(), profile.id());
            stderr.flush();
            try {
                Results res = runner.run(r);
                done.add(res);
                stderr.printf("wisekit: %s done in %.1f s: %s -> %s%n", r.id(), res.durationSeconds(),
                        verdictSummary(res), runner.outputDirectory(r).resolve("report.md"));
                if (!json) {
                    printClaims(stdout, res);
                }
            } catch (Exception | LinkageError e) {
                failures.add(e);
                if (app.verbose) {
                    e.printStackTrace(stderr);
                }
                stderr.println("wisekit: " + r.id() + " failed: " + Wisekit.describe(e));
            }
            stderr.flush();
        }
    }

    private static String verdictSummary(Results res) {
        StringBuilder sb = new StringBuilder();
        res.claims().stream().map(Claim::verdict).distinct().forEach(v -> {
            long n = res.claims().stream().filter(c -> c.verdict() == v).count();
            sb.append(sb.length() == 0 ? "" : ", ").append(n).append(' ').append(v);
        });
        return sb.toString();
    }

    private static void printClaims(PrintWriter out, Results res) {
        out.println(res.id() + " — " + res.title());
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
