package org.wisekit.dfmsd.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Profile;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.ReproductionRunner;
import org.wisekit.harness.Results;
import org.wisekit.harness.Verdict;

/** The smoke profile of {@code distill-dfmsd/hetero} on Fashion-MNIST canvases: claims, report, plots, cache. */
class HeteroReproductionTest {

    @TempDir
    Path reports;

    @Test
    void isRegisteredAndTheSmokeProfileWritesTheReportAndCachesTheTeachers() throws Exception {
        RealData.load(d -> d.fashionMnist(org.wisekit.datasets.Split.TEST));
        Reproduction study = ServiceLoader.load(Reproduction.class).stream().map(ServiceLoader.Provider::get)
                .filter(r -> r.id().equals("distill-dfmsd/hetero")).findFirst().orElseThrow();
        ReproductionRunner runner = new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT);
        Results results = runner.run(study);

        assertThat(results.claims()).extracting(Claim::key).containsExactly("dfmsd-vs-nokd", "dfmsd-vs-best-baseline",
                "ablation-stages", "ablation-enhancement", "ablation-alignment", "homogeneous-vs-nokd",
                "cifar-dfmsd-vs-nokd", "coco");
        for (String key : List.of("dfmsd-vs-nokd", "dfmsd-vs-best-baseline", "ablation-stages", "homogeneous-vs-nokd")) {
            Claim c = claim(results, key);
            assertThat(c.measured()).as(key).isNotNull();
            assertThat(c.verdict()).as(key).isIn(Verdict.REPRODUCED, Verdict.NOT_REPRODUCED, Verdict.INCONCLUSIVE);
        }
        assertThat(claim(results, "dfmsd-vs-nokd").note()).contains("the CenterNet teacher is");
        assertThat(claim(results, "cifar-dfmsd-vs-nokd").verdict()).isEqualTo(Verdict.NOT_RUN);
        assertThat(claim(results, "coco").verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
        Path out = runner.outputDirectory(study);
        for (String file : List.of("report.md", "results.json", "ap-fashion.png", "loss-fashion.png",
                "overhead-fashion.png")) {
            assertThat(out.resolve(file)).isRegularFile();
        }
        assertThat(Files.readString(out.resolve("report.md"))).contains("real pixels, synthetic layout",
                "DFMSD is a reconstruction", "Teachers on the test canvases");
        try (var files = Files.list(out.resolve("teachers-cache"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".safetensors")).count()).isEqualTo(2);
        }
    }

    private static Claim claim(Results results, String key) {
        return results.claims().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
    }
}
