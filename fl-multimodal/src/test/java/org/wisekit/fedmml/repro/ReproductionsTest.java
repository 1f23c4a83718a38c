package org.wisekit.fedmml.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Profile;
import org.wisekit.harness.Progress;
import org.wisekit.harness.ReproductionRunner;
import org.wisekit.harness.Results;
import org.wisekit.harness.Threshold;
import org.wisekit.harness.Verdict;

class ReproductionsTest {

    @TempDir
    Path reports;

    @Test
    void resourcesReproductionRunsEveryScheme() throws Exception {
        RealData.load(d -> d.fsdd());
        RealData.load(d -> d.mnistDigits());
        Results results = new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT)
                .run(new ResourcesReproduction());
        assertThat(results.claims()).extracting(Claim::key).containsExactly("lw-fusion-accuracy",
                "lw-contrastive-recall5", "prog-fusion-accuracy", "memory-ratio", "flops-ratio", "communication-ratio",
                "flops-analytic", "bytes-analytic");
        assertThat(results.claims()).allSatisfy(c -> assertThat(c.measured()).isNotNull());
        // the accuracy claims compare single runs: decided on the value, and the statement says so
        assertThat(results.claims().subList(0, 3)).allSatisfy(c -> {
            assertThat(c.statement()).endsWith("(one seed)");
            assertThat(c.seeds().n()).isEqualTo(1);
            assertThat(c.verdict()).isEqualTo(c.rule().check(c.measured()));
        });
        // Prog is held to the note's criterion for "can surpass": at least FedMML's accuracy minus 1 point
        assertThat(results.claims().get(2).rule()).isEqualTo(Threshold.atLeast(-1));
        // the Recall@5 claim carries the chance level of the retrieval set it was measured on
        assertThat(results.claims().get(1).note()).contains("random ranking scores");
        // memory is named for what it is: counted per step, not a measured peak
        assertThat(results.claims().get(3).statement()).contains("counted per step").doesNotContain("peak training");
        // LW trains a third of the layers per stage: it must cost less than FedMML on every resource
        assertThat(results.claims().subList(3, 6)).allSatisfy(c -> {
            assertThat(c.measured()).isGreaterThan(1.0);
            assertThat(c.rule()).isEqualTo(Threshold.atLeast(2.0));
        });
        // the counted FLOPs and bytes agree with the closed form (AnalyticCost) within 2 %, ratios included
        assertThat(results.claims().subList(6, 8)).allSatisfy(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.INVARIANT);
            assertThat(c.measured()).isBetween(0.0, 2.0);
            assertThat(c.note()).contains("FedMML / LW-FedMML", "closed form");
        });
        Path folder = reports.resolve("fl-multimodal").resolve("resources").resolve("smoke");
        assertThat(folder.resolve("accuracy-per-round.png")).isRegularFile();
        assertThat(folder.resolve("resource-ratios.png")).isRegularFile();
        assertThat(Files.readString(folder.resolve("report.md"))).contains("LW-FedMML", "reconstructed",
                "Counted against the closed form", "GFLOP closed form");
    }

    @Test
    void chanceRecallIsTheHypergeometricMissProbability() {
        // 300 items, 30 per digit (the default test set): 1 - C(270, 5) / C(300, 5) = 41.17 %
        int[] labels = new int[300];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        assertThat(ResourcesReproduction.chanceRecall(labels, 5)).isCloseTo(41.1716, within(1e-3));
        // 60 items, 6 per digit (the smoke test set): 1 - C(54, 5) / C(60, 5) = 42.09 %
        assertThat(ResourcesReproduction.chanceRecall(java.util.Arrays.copyOf(labels, 60), 5))
                .isCloseTo(100 * (1 - 54.0 * 53 * 52 * 51 * 50 / (60.0 * 59 * 58 * 57 * 56)), within(1e-9));
        // every item of one label: a hit always
        assertThat(ResourcesReproduction.chanceRecall(new int[] {3, 3, 3}, 5)).isEqualTo(100.0);
    }
}
