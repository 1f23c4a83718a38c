package org.wisekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.Reproductions;
import org.wisekit.harness.RunContext;
import org.wisekit.harness.testing.MonteCarloPiReproduction;

/** {@code wisekit reproduce}: reports by profile, the plan with estimates, overall progress and --resume. */
class ReproduceResumeTest {

    @TempDir
    Path reports;

    private String commit = WisekitTest.COMMIT;

    /** A second reproduction that counts its runs, so a skip is visible. */
    private static final class Counting implements Reproduction {
        int runs;

        @Override public String id() { return "harness-test/counting"; }
        @Override public String title() { return "counts its runs"; }
        @Override public String paper() { return "none"; }

        @Override
        public List<Claim> run(RunContext c) {
            runs++;
            return List.of(Claim.atLeast("k", "one run at least", "", runs, "runs", 1));
        }
    }

    private final Counting counting = new Counting();

    private record Run(int status, String out, String err) {
        JsonNode json() {
            return Json.parse(out, "stdout");
        }
    }

    private Run reproduce(String... args) {
        Wisekit app = new Wisekit(Reproductions.of(List.of(new MonteCarloPiReproduction(), counting)), List.of(),
                Progress.SILENT);
        app.commit = () -> commit;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 3];
        all[0] = "reproduce";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--out";
        all[args.length + 2] = reports.toString();
        int status = app.execute(new PrintWriter(out), new PrintWriter(err), all);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void twoProfilesGiveTwoFoldersAndTheIndexListsBoth() throws Exception {
        assertThat(reproduce("harness-test", "--profile", "smoke", "--json").status()).isZero();
        Run second = reproduce(MonteCarloPiReproduction.ID, "--profile", "default", "--json");
        assertThat(second.status()).as(second.err()).isZero();

        assertThat(reports.resolve("harness-test/monte-carlo-pi/smoke/results.json")).exists();
        assertThat(reports.resolve("harness-test/monte-carlo-pi/default/results.json")).exists();
        assertThat(reports.resolve("harness-test/counting/smoke/results.json")).exists();
        assertThat(reports.resolve("harness-test/counting/default")).doesNotExist();
        assertThat(second.json().get(0).get("profile").asText()).isEqualTo("default");
        String index = Files.readString(reports.resolve("index.md"));
        assertThat(index).contains("| reproduction | `default` profile | `smoke` profile |",
                "(harness-test/monte-carlo-pi/default/report.md)", "(harness-test/monte-carlo-pi/smoke/report.md)",
                "## Profile `default`", "## Profile `smoke`");
    }

    @Test
    void thePlanAndTheProgressGoToStderrWithEstimates() {
        Run first = reproduce("harness-test", "--profile", "smoke", "--json");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.err()).contains(
                "wisekit: plan: 2 reproduction(s) at the smoke profile, seed 42, commit 0123456789",
                "  harness-test/counting        unknown (no earlier run at this profile)",
                "  total: unknown for 2 reproduction(s)",
                "wisekit: [1/2] running harness-test/counting (smoke profile, no estimate); elapsed 0 s, time left unknown",
                "wisekit: [2/2] running harness-test/monte-carlo-pi",
                "wisekit: 2 run (0 failed), 0 skipped by --resume");
        assertThat(first.json().size()).isEqualTo(2);

        // the second run's estimates come from the first run's reports
        Run again = reproduce("harness-test", "--profile", "smoke", "--seed", "7", "--json");
        assertThat(again.err()).containsPattern("harness-test/monte-carlo-pi  about \\d+ s \\(last run on .+, \\d+ cores\\)")
                .containsPattern("total: about \\d+ s for 2 reproduction\\(s\\)\\n")
                .containsPattern("\\[1/2\\] running harness-test/counting \\(smoke profile, about \\d+ s\\); elapsed \\d+ s,"
                        + " about \\d+ s left");
    }

    @Test
    void resumeSkipsTheSameCommitProfileAndSeedAndRerunsAnotherSeed() throws Exception {
        assertThat(reproduce("all", "--profile", "smoke", "--json").status()).isZero();
        assertThat(counting.runs).isEqualTo(1);
        String firstReport = Files.readString(reports.resolve("harness-test/counting/smoke/results.json"));

        Run resumed = reproduce("all", "--profile", "smoke", "--resume", "--json");
        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(counting.runs).as("skipped, not run again").isEqualTo(1);
        assertThat(resumed.err()).contains("2 skipped by --resume", "  total: about 0 s for 0 reproduction(s)",
                "[1/2] harness-test/counting skipped (report from ", "commit 0123456789, seed 42",
                "wisekit: 0 run (0 failed), 2 skipped by --resume");
        // skipped ones are in the JSON, read back from disk
        JsonNode array = resumed.json();
        assertThat(array.size()).isEqualTo(2);
        assertThat(array.get(0).get("id").asText()).isEqualTo("harness-test/counting");
        assertThat(array.get(0).get("commit").asText()).isEqualTo(WisekitTest.COMMIT);
        assertThat(Files.readString(reports.resolve("harness-test/counting/smoke/results.json"))).isEqualTo(firstReport);

        // without --json the summary says so
        Run text = reproduce("harness-test/counting", "--profile", "smoke", "--resume");
        assertThat(text.out()).contains("harness-test/counting — counts its runs (skipped: report from ");
        assertThat(counting.runs).isEqualTo(1);

        Run otherSeed = reproduce("all", "--profile", "smoke", "--seed", "43", "--resume", "--json");
        assertThat(otherSeed.err()).contains("0 skipped by --resume");
        assertThat(counting.runs).isEqualTo(2);
        assertThat(otherSeed.json().get(0).get("seed").asLong()).isEqualTo(43);

        // another profile is never a match
        reproduce("harness-test/counting", "--profile", "default", "--seed", "43", "--resume");
        assertThat(counting.runs).isEqualTo(3);
    }

    @Test
    void resumeNeverSkipsWhenTheCommitIsUnknownOrDiffers() {
        commit = "unknown";
        reproduce("harness-test/counting", "--profile", "smoke");
        Run unknown = reproduce("harness-test/counting", "--profile", "smoke", "--resume");
        assertThat(counting.runs).isEqualTo(2);
        assertThat(unknown.err()).contains("wisekit: --resume skips nothing: the commit of this code is unknown");
        commit = WisekitTest.COMMIT;
        reproduce("harness-test/counting", "--profile", "smoke", "--resume");
        assertThat(counting.runs).as("the report on disk was from an unknown commit").isEqualTo(3);
        commit = "fedcba9876543210fedcba9876543210fedcba98";
        reproduce("harness-test/counting", "--profile", "smoke", "--resume");
        assertThat(counting.runs).isEqualTo(4);
    }
}
