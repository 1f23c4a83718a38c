package org.wisekit.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict rules of issue 16: intervals over seeds, one-seed claims, invariants, NOT_RUN, NaN, re-checking. */
class VerdictRulesTest {

    @Test
    void intervalIsTheStudentTIntervalOfTheMean() {
        SeedSummary s = SeedSummary.of(new double[] {1, 2, 3});
        // mean 2, sample std 1, t(0.975, 2) = 4.302653, half width 4.302653 / sqrt(3)
        assertThat(s.mean()).isEqualTo(2.0);
        assertThat(s.std()).isCloseTo(1.0, within(1e-12));
        assertThat(s.high() - s.mean()).isCloseTo(4.302653 / Math.sqrt(3), within(1e-5));
        assertThat(s.mean() - s.low()).isCloseTo(s.high() - s.mean(), within(1e-12));
    }

    @Test
    void intervalStraddlingTheThresholdIsInconclusive() {
        double[] seeds = {0.9, 1.1, 1.3};       // mean 1.1, interval about 0.60 to 1.60
        Claim straddles = Claim.overSeeds("k", "gain >= 1", "1.2x", seeds, "x", Threshold.atLeast(1.0));
        assertThat(straddles.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(straddles.measured()).isCloseTo(1.1, within(1e-12));
        assertThat(straddles.seeds().n()).isEqualTo(3);
        assertThat(straddles.measuredText()).contains("n = 3", "95 % CI");

        assertThat(Claim.overSeeds("k", "gain >= 1", "", new double[] {1.50, 1.52, 1.49}, "x", Threshold.atLeast(1.0))
                .verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(Claim.overSeeds("k", "gain >= 1", "", new double[] {0.50, 0.52, 0.49}, "x", Threshold.atLeast(1.0))
                .verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(Claim.overSeeds("k", "cost <= 1", "", new double[] {0.9, 1.1, 1.3}, "x", Threshold.atMost(1.0))
                .verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Claim.overSeeds("k", "gap 0 +- 1", "", new double[] {0.1, -0.1, 0.0}, "pt", Threshold.within(0, 1))
                .verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(Claim.overSeeds("k", "gap 0 +- 1", "", new double[] {0.5, 1.5, 1.0}, "pt", Threshold.within(0, 1))
                .verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Claim.overSeeds("k", "gap 0 +- 1", "", new double[] {5.0, 5.1, 4.9}, "pt", Threshold.within(0, 1))
                .verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
    }

    @Test
    void oneSeedClaimSaysSoAndIsDecidedByItsValue() {
        Claim one = Claim.overSeeds("k", "BED keeps more than ABP", "yes", new double[] {1.2}, "x", Threshold.atLeast(1));
        assertThat(one.statement()).isEqualTo("BED keeps more than ABP (one seed)");
        assertThat(one.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(one.measuredText()).isEqualTo("1.2 x");
        assertThatThrownBy(() -> new Claim("k", "s", "", 1.0, "", "", Verdict.INCONCLUSIVE, "", Threshold.atLeast(1),
                SeedSummary.of(new double[] {1}))).hasMessageContaining("two or more seeds");
    }

    @Test
    void nanMeasurementsNeverReproduce() {
        Claim nanSeed = Claim.overSeeds("k", "s", "", new double[] {1, Double.NaN, 3}, "", Threshold.atLeast(0));
        assertThat(nanSeed.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(nanSeed.measured()).isNull();
        assertThat(nanSeed.seeds()).isNull();
        assertThat(Threshold.atMost(1).check(Double.NaN)).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(Threshold.within(0, 1).check(Double.NaN, 0.5)).isEqualTo(Verdict.NOT_REPRODUCED);
    }

    @Test
    void invariantsAreAKindOfTheirOwn() {
        Claim holds = Claim.invariant("theta0", "theta = 0 reproduces TS exactly", true, 0.0, "", "max |p - p_TS| = 0");
        Claim fails = Claim.invariant("clamp", "accuracy within the clamp", false, 3.0, "pt", "<= 0");
        assertThat(holds.verdict()).isEqualTo(Verdict.INVARIANT);
        assertThat(fails.verdict()).isEqualTo(Verdict.INVARIANT_VIOLATED);
        assertThat(holds.verdict().isInScope()).isFalse();
        assertThat(fails.verdict().isInvariant()).isTrue();
        assertThat(holds.paperValue()).isEqualTo("by construction");
    }

    @Test
    void notRunNeedsTheProfileThatRunsIt() {
        Claim skipped = Claim.notRun("mobilenet", "MobileNet accuracy", "71 %", "runs at the full profile");
        assertThat(skipped.verdict()).isEqualTo(Verdict.NOT_RUN);
        assertThat(skipped.verdict().isInScope()).isFalse();
        assertThatThrownBy(() -> Claim.notRun("k", "s", "", " ")).hasMessageContaining("NOT_RUN needs a reason");
        assertThatThrownBy(() -> Claim.outOfScope("k", "s", "", "")).hasMessageContaining("OUT_OF_SCOPE needs a reason");
    }

    @Test
    void thresholdsRejectBadInputAndRecheckCounts() {
        assertThatThrownBy(() -> new Threshold(">", 1, 0)).hasMessageContaining("comparator must be");
        assertThatThrownBy(() -> Threshold.within(0, -1)).hasMessageContaining("tolerance >= 0");
        assertThatThrownBy(() -> Threshold.atLeast(Double.NaN)).hasMessageContaining("finite value");
        Threshold count = Threshold.count(9, 7);
        assertThat(count.check(9)).isEqualTo(Verdict.REPRODUCED);
        assertThat(count.check(7)).isEqualTo(Verdict.PARTIAL);
        assertThat(count.check(6)).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(count.text()).isEqualTo("9 of 9 (partial from 7)");
        Claim counted = Claim.counted("k", "s", "", 7, 9, 7);
        assertThat(counted.rule()).isEqualTo(count);
        assertThat(counted.threshold()).isEqualTo(count.text());
    }

    @Test
    void resultsRoundTripThroughJsonAndTheIndexCountsInvariantsApart(@TempDir Path reports) throws Exception {
        List<Claim> claims = List.of(
                Claim.overSeeds("a", "gain", "1.2x", new double[] {0.9, 1.1, 1.3}, "x", Threshold.atLeast(1.0)),
                Claim.atLeast("b", "speed", "2x", 2.5, "x", 2),
                Claim.invariant("c", "theta = 0 equals TS", true, null, "", "identity"),
                Claim.invariant("d", "clamp", false, null, "", "identity"),
                Claim.notRun("e", "big model", "", "runs at the full profile"),
                Claim.outOfScope("f", "GPU", "", "needs a GPU"));
        Results r = new Results(Results.SCHEMA_VERSION, "m/x", "m", "smoke", 1, 1.0, null,
                Machine.current(), Map.of("fashion-mnist", "ab12"), claims, "t", "p");
        assertThat(r.commit()).isEqualTo("unknown");
        Path file = reports.resolve("m/x/smoke/results.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, r.toJson());
        Results back = Results.read(file);
        assertThat(back.claims()).isEqualTo(claims);
        assertThat(back.datasets()).containsEntry("fashion-mnist", "ab12");
        for (Claim c : back.claims()) {
            if (c.rule() != null && c.seeds() == null) {
                assertThat(c.rule().check(c.measured())).isEqualTo(c.verdict());
            }
        }

        String index = Files.readString(ReportIndex.refresh(reports));
        // REPRODUCED, NOT_REPRODUCED, PARTIAL, INCONCLUSIVE, NOT_RUN, OUT_OF_SCOPE, invariants, share
        assertThat(index).contains("| m | 1 | 0 | 0 | 1 | 1 | 1 | 1 of 2 | 1 of 2 (50 %) |");
    }

    @Test
    void schemaOneFilesStillRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "{\"id\":\"m/x\",\"module\":\"m\",\"profile\":\"default\",\"seed\":1,\"durationSeconds\":2,"
                + "\"machine\":{\"cores\":2,\"jvm\":\"j\",\"os\":\"o\",\"cpu\":\"c\"},\"claims\":[{\"key\":\"k\",\"statement\":\"s\","
                + "\"paperValue\":\"1\",\"measured\":1.0,\"unit\":\"\",\"threshold\":\">= 1\",\"verdict\":\"REPRODUCED\","
                + "\"note\":\"\"}],\"title\":\"t\",\"paper\":\"p\"}");
        Results old = Results.read(file);
        assertThat(old.schemaVersion()).isEqualTo(1);
        assertThat(old.commit()).isEqualTo("unknown");
        assertThat(old.claims().get(0).rule()).isNull();
    }

    @Test
    void datasetsARunRecordsReachResultsJson(@TempDir Path reports) throws Exception {
        Reproduction reads = new Reproduction() {
            public String id() {
                return "m/reads";
            }

            public String title() {
                return "reads data";
            }

            public String paper() {
                return "none";
            }

            public List<Claim> run(RunContext context) {
                context.recordDataset("fashion-mnist:t10k-images-idx3-ubyte.gz", "abc123");
                assertThatThrownBy(() -> context.recordDataset(" ", "x")).hasMessageContaining("needs a name");
                return List.of(Claim.atLeast("k", "s", "", 1, "", 0));
            }
        };
        Results r = new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT).run(reads);
        assertThat(r.datasets()).containsExactly(Map.entry("fashion-mnist:t10k-images-idx3-ubyte.gz", "abc123"));
        assertThat(Files.readString(reports.resolve("m/reads/smoke/report.md"))).contains("`fashion-mnist:t10k-images-idx3-ubyte.gz` (sha256 abc123");
        assertThat(Results.read(reports.resolve("m/reads/smoke/results.json")).datasets()).isEqualTo(r.datasets());
    }

    @Test
    void gitCommitIsReadFromTheCheckoutOrUnknown(@TempDir Path dir) throws Exception {
        assertThat(Provenance.gitCommit(dir)).isEqualTo("unknown");
        Path git = Files.createDirectories(dir.resolve("repo/.git/refs/heads"));
        String hash = "0123456789abcdef0123456789abcdef01234567";
        Files.writeString(dir.resolve("repo/.git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(git.resolve("main"), hash + "\n");
        assertThat(Provenance.gitCommit(Files.createDirectories(dir.resolve("repo/sub/dir")))).isEqualTo(hash);
        Files.delete(git.resolve("main"));
        Files.writeString(dir.resolve("repo/.git/packed-refs"), "# pack-refs\n" + hash + " refs/heads/main\n");
        assertThat(Provenance.gitCommit(dir.resolve("repo"))).isEqualTo(hash);
        Files.writeString(dir.resolve("repo/.git/HEAD"), "garbage\n");
        assertThat(Provenance.gitCommit(dir.resolve("repo"))).isEqualTo("unknown");
    }
}
