package org.wisekit.vitdw.repro;

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
import org.wisekit.harness.ReproductionRunner;
import org.wisekit.harness.Results;
import org.wisekit.harness.Verdict;

/** The reproduction end to end at the smoke profile: claims, report and plots. */
class ReproductionsTest {

    @TempDir
    Path reports;

    @Test
    void smallDataTrainsEveryArmAndWritesItsReport() throws Exception {
        RealData.load(d -> d.fashionMnist(Split.TEST));
        RealData.load(d -> d.cifar10Test(1));
        Results results = new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT)
                .run(new SmallDataReproduction());
        assertThat(results.claims()).extracting(Claim::key).containsExactly("dw-gain-256", "gain-small-vs-large",
                "dw-parameter-overhead", "faster-convergence", "bypass-2", "parallel-3-5", "cifar10-gain",
                "step-time-overhead", "coco-detection");
        // the parameter claim is exact arithmetic; the others depend on (tiny) training runs
        assertThat(results.claims().get(2).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(results.claims().get(8).verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
        // every claim but convergence (null when the target is never reached) carries a measurement
        assertThat(results.claims().subList(0, 8)).filteredOn(c -> !c.key().equals("faster-convergence"))
                .allSatisfy(c -> assertThat(c.measured()).as(c.key()).isNotNull());
        Path folder = reports.resolve("vit-dwconv").resolve("small-data");
        assertThat(folder.resolve("accuracy-vs-size.png")).isRegularFile();
        assertThat(folder.resolve("validation-curves.png")).isRegularFile();
        assertThat(Files.readString(folder.resolve("report.md"))).contains("DW bypass-2 (k=3)", "DW parallel (k=3,5)",
                "CIFAR-10");
    }
}
