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
import org.wisekit.harness.Threshold;
import org.wisekit.harness.Verdict;

/** Every reproduction end to end at the smoke profile: claims, report and plots. */
class ReproductionsTest {

    @TempDir
    Path reports;

    private Results runSmoke(Reproduction reproduction) throws Exception {
        return new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT).run(reproduction);
    }

    /** Reports live in {@code <module>/<name>/<profile>/}. */
    private Path folder(String name) {
        return reports.resolve("pruning-ubp").resolve(name).resolve(Profile.SMOKE.id());
    }

    @Test
    void kernelReproductionTimesEveryKernelAndWritesItsReport() throws Exception {
        Results results = runSmoke(new KernelReproduction());
        assertThat(results.claims()).extracting(Claim::key).containsExactly("wros-close-to-abp", "sliding-close-to-abp",
                "abp-faster-than-dense", "ubp-faster-than-dense", "abp-faster-than-nd4j", "ubp-faster-than-nd4j");
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
        // score-order counts only the cases where the exact DP ran: at the smoke profile fc2 and the crop at
        // 80 and 90 % (fc1 is above the DP's cell limit), so 4 of 6 layer-sparsity cases.
        Claim order = results.claims().get(2);
        assertThat(order.rule()).isNotNull();
        assertThat(order.rule().value()).isEqualTo(4);
        assertThat(order.statement()).contains("where the exact DP runs");
        assertThat(folder("selection").resolve("kept-score-fc1.png")).isRegularFile();
        assertThat(Files.readString(folder("selection").resolve("report.md")))
                .contains("reconstructed", "UBP-DP", "picked exactly the naive greedy's blocks in 6 of 6 cases");
    }

    @Test
    void accuracyReproductionTrainsPrunesAndScores() throws Exception {
        RealData.load(d -> d.fashionMnist(Split.TEST));
        Results results = runSmoke(new AccuracyReproduction());
        assertThat(results.claims()).extracting(Claim::key).containsExactly("bed-vs-abp-80", "bed-vs-abp-90",
                "bed-gap-90", "cnn-bed-vs-abp-90");
        // The accuracy claims are decided over seeds on the per-seed BED - ABP gaps (one seed at smoke).
        for (Claim c : results.claims().subList(0, 3)) {
            assertThat(c.seeds()).as(c.key()).isNotNull();
            assertThat(c.seeds().n()).isEqualTo(1);
            assertThat(c.statement()).endsWith("(one seed)");
            assertThat(c.measured()).isEqualTo(c.seeds().values()[0]);
            assertThat(c.verdict()).isEqualTo(c.rule().check(c.measured()));
        }
        assertThat(results.claims().get(1).rule()).isEqualTo(Threshold.atLeast(0));
        assertThat(results.claims().get(2).rule()).isEqualTo(Threshold.atLeast(0.3));
        assertThat(results.claims().get(1).measured()).isEqualTo(results.claims().get(2).measured());
        // The MobileNet claim is skipped at this profile (it runs at the full one), not out of scope.
        assertThat(results.claims().get(3).verdict()).isEqualTo(Verdict.NOT_RUN);
        assertThat(results.claims().get(3).note()).contains("full profile");
        assertThat(Files.readString(folder("accuracy").resolve("report.md"))).contains("gets the same");
        assertThat(folder("accuracy").resolve("accuracy-vs-sparsity.png")).isRegularFile();
        assertThat(Files.readString(folder("accuracy").resolve("report.md"))).contains("UBP-BED", "unstructured");
    }
}
