package org.wisekit.lutmm.repro;

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

/** The reproduction end to end at the smoke profile on the real data. */
class ReproductionTest {

    @TempDir
    Path reports;

    @Test
    void paretoReproductionMeasuresEveryClaimAndWritesItsReport() throws Exception {
        RealData.load(d -> d.fashionMnist(Split.TEST));
        RealData.load(d -> d.sklearnSampleImage("china.jpg"));
        Results results = new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT)
                .run(new ParetoReproduction());
        assertThat(results.claims()).extracting(Claim::key).containsExactly("e1-c32-within-1pt", "e1-pareto",
                "e1-speedup", "e2-nmse-monotone", "e3-fused-bit-identical", "e3-accuracy-drop", "e3-throughput-vs-int8",
                "amu-fpga");
        // bit-identity of the fused pipeline does not depend on the machine or the profile
        assertThat(results.claims().get(4).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(results.claims().get(4).measured()).isZero();
        assertThat(results.claims().get(0).measured()).isNotNull();
        Path folder = reports.resolve("lutmm-amu").resolve("pareto");
        for (String plot : new String[]{"e1-accuracy-vs-speedup.png", "e2-nmse-vs-speedup.png", "resolution-study.png"}) {
            assertThat(folder.resolve(plot)).isRegularFile();
        }
        assertThat(Files.readString(folder.resolve("report.md"))).contains("MADDNESS C=32", "exact (ND4J sgemm)",
                "Bolt C=8", "PQ C=8", "PCA k=4", "int8 QNN", "reconstructed", "flower.jpg");
    }
}
