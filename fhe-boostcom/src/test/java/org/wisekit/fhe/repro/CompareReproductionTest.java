package org.wisekit.fhe.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Profile;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.ReproductionRunner;
import org.wisekit.harness.Results;
import org.wisekit.harness.Verdict;

class CompareReproductionTest {

    @TempDir
    Path reports;

    @Test
    void smokeRunIsExactAndWritesTheLadder() throws Exception {
        Results results = new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT)
                .run(new CompareReproduction());
        assertThat(results.claims()).extracting(Claim::key).containsExactly("compare-exact", "circuits-exact",
                "switches-identical", "iz-circuit-structure", "iz-lt-cost", "speedup-packed", "speedup-underfilled",
                "helib-parity", "secure-presets", "gpu-11x");
        // exactness and structure hold by construction when the code is right: invariants, not reproductions
        assertThat(results.claims().subList(0, 4)).allSatisfy(c ->
                assertThat(c.verdict()).as(c.key() + ": " + c.measuredText()).isEqualTo(Verdict.INVARIANT));
        assertThat(results.claims().get(0).measured()).isGreaterThanOrEqualTo(100);
        // the LT cost is checked against IZ's published sqrt(2p) + 1.5 log2 p (p = 17 at T0: ~11.96)
        Claim cost = results.claims().get(4);
        assertThat(cost.rule().comparator()).isEqualTo("<=");
        assertThat(cost.rule().value()).isCloseTo(Math.sqrt(34) + 1.5 * Math.log(17) / Math.log(2),
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(cost.measured()).isPositive();
        assertThat(cost.verdict()).as(cost.measuredText()).isEqualTo(Verdict.REPRODUCED);
        // the speed-ups are decided over the interleaved rounds (2 at smoke); their verdict depends on the machine
        assertThat(results.claims().subList(5, 7)).allSatisfy(c -> {
            assertThat(c.measured()).isPositive();
            assertThat(c.seeds()).isNotNull();
            assertThat(c.seeds().n()).isEqualTo(2);
            assertThat(c.verdict()).isEqualTo(c.rule().check(c.seeds().low(), c.seeds().high()));
            assertThat(c.paperValue()).contains("11.1x");
        });
        // T0 against HElib's T0 anchor (per round); the smoke profile runs no secure preset
        Claim parity = results.claims().get(7);
        assertThat(parity.rule().comparator()).isEqualTo("<=");
        assertThat(parity.seeds().n()).isEqualTo(2);
        assertThat(parity.paperValue()).contains("0.06 s per batch of 51");
        assertThat(results.claims().get(8).verdict()).isEqualTo(Verdict.NOT_RUN);
        assertThat(results.claims().get(9).verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
        Path folder = reports.resolve("fhe-boostcom").resolve("compare").resolve("smoke");
        assertThat(folder.resolve("ablation-ladder.png")).isRegularFile();
        assertThat(Files.readString(folder.resolve("report.md"))).contains("Ablation ladder", "budget exact",
                "sort of N = 4", "argmin", "min/max of 51 pairs", "Parameter sets of this run", "No secure B1",
                "HElib + IZ at the same p, m and word size");
    }

    @Test
    void isRegistered() {
        assertThat(ServiceLoader.load(Reproduction.class).stream().map(ServiceLoader.Provider::type))
                .contains(CompareReproduction.class);
    }
}
