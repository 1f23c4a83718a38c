package org.wisekit.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.harness.testing.MonteCarloPiReproduction;

/** Reports by profile, the index over profiles, resuming, estimates and the all-or-nothing report folder. */
class ReportLayoutTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path reports;

    private ReproductionRunner runner(Profile profile, long seed, String commit) {
        return new ReproductionRunner(reports, profile, seed, null, Progress.SILENT, commit);
    }

    /** Writes a cache into its sub-folder and a plot; fails on request, after writing. */
    private static final class Caching implements Reproduction {
        final AtomicBoolean fail = new AtomicBoolean();
        boolean sawCache;

        @Override public String id() { return "m/caching"; }
        @Override public String title() { return "t"; }
        @Override public String paper() { return "p"; }

        @Override
        public List<Claim> run(RunContext c) throws Exception {
            Path cache = c.outputDirectory().resolve("cache/seed.bin");
            sawCache = Files.exists(cache);
            Files.createDirectories(cache.getParent());
            Files.writeString(cache, "cached " + c.seed());
            Files.writeString(c.outputDirectory().resolve("scratch.txt"), "top-level file of one run");
            if (fail.get()) {
                throw new IllegalStateException("interrupted on purpose");
            }
            return List.of(Claim.atLeast("k", "s", "", 2, "x", 1));
        }

        @Override
        public OptionalDouble estimatedSeconds(Profile p) {
            return p == Profile.FULL ? OptionalDouble.of(7200) : OptionalDouble.empty();
        }
    }

    @Test
    void eachProfileHasItsOwnFolderAndTheIndexListsBoth() throws Exception {
        runner(Profile.SMOKE, 1, COMMIT).run(new MonteCarloPiReproduction());
        runner(Profile.DEFAULT, 1, COMMIT).run(new Caching());
        runner(Profile.SMOKE, 1, COMMIT).run(new Caching());

        assertThat(reports.resolve("harness-test/monte-carlo-pi/smoke/results.json")).exists();
        assertThat(reports.resolve("m/caching/default/results.json")).exists();
        assertThat(reports.resolve("m/caching/smoke/results.json")).exists();
        assertThat(Results.read(reports.resolve("m/caching/default/results.json")).profile()).isEqualTo("default");

        String index = Files.readString(reports.resolve("index.md"));
        assertThat(index).contains("2 reproductions, 3 reports",
                "| reproduction | `default` profile | `smoke` profile |",
                "| m/caching | [1 of 1 reproduced](m/caching/default/report.md), ",
                "[1 of 1 reproduced](m/caching/smoke/report.md), ",
                "| harness-test/monte-carlo-pi | — | [1 of 1 reproduced](harness-test/monte-carlo-pi/smoke/report.md)",
                "## Profile `default`", "## Profile `smoke`",
                "[m/caching](m/caching/smoke/report.md)", "`0123456789`");
        // the main job's section comes first, and each section has its own summary
        assertThat(index.indexOf("## Profile `default`")).isLessThan(index.indexOf("## Profile `smoke`"));
        String smoke = index.substring(index.indexOf("## Profile `smoke`"));
        assertThat(smoke).contains("2 reproductions.", "| **total** | 2 | 0 | 0 | 0 | 0 | 1 |");
        String dflt = index.substring(index.indexOf("## Profile `default`"), index.indexOf("## Profile `smoke`"));
        assertThat(dflt).contains("1 reproductions.", "| **total** | 1 | 0 | 0 | 0 | 0 | 0 |")
                .doesNotContain("monte-carlo-pi");
    }

    @Test
    void theIndexIgnoresFoldersThatAreNotAProfileAndStagingFolders() throws Exception {
        runner(Profile.SMOKE, 1, COMMIT).run(new Caching());
        Path stray = reports.resolve("m/caching/.smoke.partial-1-2/results.json");
        Files.createDirectories(stray.getParent());
        Files.copy(reports.resolve("m/caching/smoke/results.json"), stray);
        Path oldLayout = reports.resolve("m/other/results.json");
        Files.createDirectories(oldLayout.getParent());
        Files.copy(reports.resolve("m/caching/smoke/results.json"), oldLayout);
        String index = Files.readString(ReportIndex.refresh(reports));
        assertThat(index).contains("1 reproductions, 1 reports").doesNotContain(".smoke.partial", "m/other");
        assertThat(ReportIndex.readAll(reports)).hasSize(1);
    }

    @Test
    void resumeNeedsTheSameCommitProfileAndSeedAndAKnownCommit() throws Exception {
        Caching r = new Caching();
        assertThat(runner(Profile.SMOKE, 1, COMMIT).isDone(r)).isFalse();
        runner(Profile.SMOKE, 1, COMMIT).run(r);
        assertThat(runner(Profile.SMOKE, 1, COMMIT).isDone(r)).isTrue();
        assertThat(runner(Profile.SMOKE, 2, COMMIT).isDone(r)).isFalse();
        assertThat(runner(Profile.DEFAULT, 1, COMMIT).isDone(r)).isFalse();
        assertThat(runner(Profile.SMOKE, 1, "fedcba9876543210fedcba9876543210fedcba98").isDone(r)).isFalse();

        runner(Profile.SMOKE, 1, null).run(r);
        assertThat(Results.read(reports.resolve("m/caching/smoke/results.json")).commit()).isEqualTo("unknown");
        assertThat(runner(Profile.SMOKE, 1, "unknown").isDone(r)).isFalse();

        Files.writeString(reports.resolve("m/caching/smoke/results.json"), "{broken");
        assertThat(runner(Profile.SMOKE, 1, COMMIT).isDone(r)).isFalse();
        assertThat(runner(Profile.SMOKE, 1, COMMIT).previous(r)).isEmpty();
    }

    @Test
    void estimatesComeFromTheLastRunElseTheReproductionElseUnknown() throws Exception {
        Caching r = new Caching();
        ReproductionRunner.Estimate none = runner(Profile.SMOKE, 1, COMMIT).estimate(r);
        assertThat(none.seconds()).isEmpty();
        assertThat(none.describe()).isEqualTo("unknown (no earlier run at this profile)");
        ReproductionRunner.Estimate own = runner(Profile.FULL, 1, COMMIT).estimate(r);
        assertThat(own.seconds()).hasValue(7200);
        assertThat(own.describe()).isEqualTo("about 2.0 h (the reproduction's own estimate)");

        Results done = runner(Profile.SMOKE, 1, COMMIT).run(r);
        ReproductionRunner.Estimate last = runner(Profile.SMOKE, 9, "other").estimate(r);
        assertThat(last.seconds()).hasValue(done.durationSeconds());
        assertThat(last.source()).isEqualTo("last run on " + done.machine().cpu() + ", " + done.machine().cores() + " cores");
    }

    @Test
    void durationsReadAsPeopleReadThem() {
        assertThat(ReproductionRunner.duration(0.4)).isEqualTo("0 s");
        assertThat(ReproductionRunner.duration(89)).isEqualTo("89 s");
        assertThat(ReproductionRunner.duration(12 * 60)).isEqualTo("12 min");
        assertThat(ReproductionRunner.duration(5400)).isEqualTo("1.5 h");
        assertThat(ReproductionRunner.duration(Double.NaN)).isEqualTo("unknown");
        assertThat(ReproductionRunner.duration(-1)).isEqualTo("unknown");
    }

    @Test
    void aFailedRunLeavesThePreviousReportAndNoStagingFolder() throws Exception {
        Caching r = new Caching();
        runner(Profile.SMOKE, 1, COMMIT).run(r);
        Path dir = reports.resolve("m/caching/smoke");
        String before = Files.readString(dir.resolve("results.json"));

        r.fail.set(true);
        assertThatThrownBy(() -> runner(Profile.SMOKE, 2, COMMIT).run(r)).hasMessage("interrupted on purpose");
        assertThat(Files.readString(dir.resolve("results.json"))).isEqualTo(before);
        assertThat(Files.readString(dir.resolve("cache/seed.bin"))).isEqualTo("cached 1");
        try (Stream<Path> s = Files.list(dir.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("smoke");
        }
    }

    @Test
    void cachesInSubfoldersCarryOverAndTopLevelFilesDoNot() throws Exception {
        Caching r = new Caching();
        runner(Profile.SMOKE, 1, COMMIT).run(r);
        assertThat(r.sawCache).isFalse();
        Path dir = reports.resolve("m/caching/smoke");
        Files.writeString(dir.resolve("stale-plot.png"), "from an older version");
        runner(Profile.SMOKE, 2, COMMIT).run(r);
        assertThat(r.sawCache).isTrue();
        assertThat(Files.readString(dir.resolve("cache/seed.bin"))).isEqualTo("cached 2");
        assertThat(dir.resolve("stale-plot.png")).doesNotExist();
        assertThat(dir.resolve("scratch.txt")).exists();
        assertThat(Results.read(dir.resolve("results.json")).seed()).isEqualTo(2);
    }

    @Test
    void leftoversOfAnInterruptedRunAreCleanedOrPutBack() throws Exception {
        Caching r = new Caching();
        runner(Profile.SMOKE, 1, COMMIT).run(r);
        Path parent = reports.resolve("m/caching");
        // killed while writing: a staging folder; killed between the two renames: the old report aside
        Files.createDirectories(parent.resolve(".smoke.partial-1-1"));
        Files.move(parent.resolve("smoke"), parent.resolve(".smoke.old-1-1"));
        Files.createDirectories(parent.resolve(".default.partial-1-1"));

        runner(Profile.SMOKE, 3, COMMIT).run(r);
        assertThat(r.sawCache).as("the report put back still carried its cache").isTrue();
        try (Stream<Path> s = Files.list(parent)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("smoke", ".default.partial-1-1");
        }
        assertThat(Results.read(parent.resolve("smoke/results.json")).seed()).isEqualTo(3);
    }
}
