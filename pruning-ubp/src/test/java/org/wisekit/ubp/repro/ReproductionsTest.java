package org.wisekit.ubp.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.Split;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Profile;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.ReproductionRunner;
import org.wisekit.harness.Results;
import org.wisekit.harness.Verdict;

/** Every reproduction end to end at the smoke profile: claims, report and plots. */
class ReproductionsTest {

    @TempDir
    Path reports;

    private Results runSmoke(Reproduction reproduction) throws Exception {
        return new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT).run(reproduction);
    }

    private Path folder(String name) {
        return reports.resolve("pruning-ubp").resolve(name);
    }

    @Test
    void kernelReproductionTimesEveryKernelAndWritesItsReport() throws Exception {
        Results results = runSmoke(new KernelReproduction());
        assertThat(results.claims()).extracting(Claim::key).containsExactly("wros-close-to-abp", "sliding-close-to-abp",
                "abp-faster-than-dense", "ubp-faster-than-dense");
        assertThat(results.claims()).allSatisfy(c -> assertThat(c.measured()).isNotNull());
        assertThat(folder("kernel").resolve("latency-80.png")).isRegularFile();
        assertThat(folder("kernel").resolve("speedup-vs-sparsity.png")).isRegularFile();
        assertThat(Files.readString(folder("kernel").resolve("report.md"))).contains("UBP-WROS", "ND4J sgemm", "pw13");
    }

    @Test
    void selectionReproductionKeepsMoreScoreWithUbpOnTrainedWeights() throws Exception {
        RealData.load(d -> d.fashionMnist(Split.TEST));
        Results results = runSmoke(new SelectionReproduction());
        assertThat(results.claims()).extracting(Claim::key).containsExactly("bed-over-abp", "bed-near-optimal",
                "score-order", "bed-faster-than-dp", "bed-faster-than-naive-greedy");
        // The kept scores are deterministic; the two timing claims depend on the machine.
        assertThat(results.claims().subList(0, 3)).allSatisfy(c ->
                assertThat(c.verdict()).as(c.key() + ": " + c.measuredText()).isEqualTo(Verdict.REPRODUCED));
        assertThat(folder("selection").resolve("kept-score-fc1.png")).isRegularFile();
        assertThat(Files.readString(folder("selection").resolve("report.md")))
                .contains("reconstructed", "UBP-DP", "picked exactly the naive greedy's blocks in 6 of 6 cases");
    }

    @Test
    void accuracyReproductionTrainsPrunesAndScores() throws Exception {
        RealData.load(d -> d.fashionMnist(Split.TEST));
        Results results = runSmoke(new AccuracyReproduction());
        assertThat(results.claims()).extracting(Claim::key).containsExactly("bed-vs-abp-80", "bed-vs-abp-90",
                "cnn-bed-vs-abp-90");
        assertThat(results.claims().get(0).measured()).isNotNull();
        assertThat(results.claims().get(2).verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
        assertThat(folder("accuracy").resolve("accuracy-vs-sparsity.png")).isRegularFile();
        assertThat(Files.readString(folder("accuracy").resolve("report.md"))).contains("UBP-BED", "unstructured");
    }
}
