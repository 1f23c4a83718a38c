package org.wisekit.asr.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Profile;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.ReproductionRunner;
import org.wisekit.harness.Results;
import org.wisekit.harness.Verdict;

/** The smoke profile of {@code asr-dynamic-encoder/subnets} on FSDD: claims, report, plots, model cache. */
class SubnetsReproductionTest {

    @TempDir
    Path reports;

    @Test
    void isRegisteredAndTheSmokeProfileWritesTheReportAndCachesEveryArm() throws Exception {
        RealData.load(d -> d.fsdd());
        Reproduction study = ServiceLoader.load(Reproduction.class).stream().map(ServiceLoader.Provider::get)
                .filter(r -> r.id().equals("asr-dynamic-encoder/subnets")).findFirst().orElseThrow();
        ReproductionRunner runner = new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT);
        Results results = runner.run(study);

        assertThat(results.claims()).extracting(Claim::key).containsExactly(
                "topk-size4", "topk-size8", "topk-size12", "topk-size16", "topk-supernet", "topk-vs-naive",
                "topk-conv-kept", "izo-size4", "izo-size8", "izo-size12", "izo-size16", "izo-supernet",
                "izo-vs-naive", "izo-conv-kept", "masks-nested", "pruned-skipped");
        for (Claim c : results.claims()) {
            if (c.key().startsWith("masks") || c.key().startsWith("pruned")) {
                assertThat(c.verdict()).as(c.key()).isEqualTo(Verdict.INVARIANT);
            } else {
                assertThat(c.measured()).as(c.key()).isNotNull();
                assertThat(c.verdict()).as(c.key()).isIn(Verdict.REPRODUCED, Verdict.NOT_REPRODUCED,
                        Verdict.NOT_RUN);
                if (c.verdict() == Verdict.NOT_RUN) {
                    assertThat(c.note()).as(c.key()).contains("measured but not decided", "DER >= 90 %");
                }
            }
        }
        Path out = runner.outputDirectory(study);
        for (String file : List.of("report.md", "results.json", "der-vs-size.png", "kept-modules.png", "loss.png")) {
            assertThat(out.resolve(file)).isRegularFile();
        }
        assertThat(Files.readString(out.resolve("report.md"))).contains("Free Spoken Digit Dataset",
                "Kept modules per size", "Inference at each size", "Deviations and reconstructions");
        try (var files = Files.list(out.resolve("models-cache"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".safetensors")).count()).isEqualTo(8);
        }
    }
}
