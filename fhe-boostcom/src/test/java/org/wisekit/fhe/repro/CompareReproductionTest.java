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
                "switches-identical", "iz-operation-counts", "speedup-packed", "speedup-underfilled", "gpu-11x");
        // exactness and structure are deterministic; the two speed-ups depend on the machine
        assertThat(results.claims().subList(0, 4)).allSatisfy(c ->
                assertThat(c.verdict()).as(c.key() + ": " + c.measuredText()).isEqualTo(Verdict.REPRODUCED));
        assertThat(results.claims().get(0).measured()).isGreaterThanOrEqualTo(100);
        assertThat(results.claims().subList(4, 6)).allSatisfy(c -> assertThat(c.measured()).isPositive());
        assertThat(results.claims().get(6).verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
        Path folder = reports.resolve("fhe-boostcom").resolve("compare");
        assertThat(folder.resolve("ablation-ladder.png")).isRegularFile();
        assertThat(Files.readString(folder.resolve("report.md"))).contains("Ablation ladder", "budget exact",
                "sort of N = 4", "argmin");
    }

    @Test
    void isRegistered() {
        assertThat(ServiceLoader.load(Reproduction.class).stream().map(ServiceLoader.Provider::type))
                .contains(CompareReproduction.class);
    }
}
