package org.wisekit.eeg.repro;

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

/** The smoke profile of {@code eeg-icwmh/preprocessing} on S001 imagery: report files, claims, the invariant. */
class PreprocessingReproductionTest {

    @TempDir
    Path reports;

    @Test
    void isRegisteredAndTheSmokeProfileWritesTheReport() throws Exception {
        RealData.load(d -> d.verifiedPath(Dataset.EEG, "eeg/physionet-eegmmidb-S001/S001R04.edf"));
        Reproduction study = ServiceLoader.load(Reproduction.class).stream().map(ServiceLoader.Provider::get)
                .filter(r -> r.id().equals("eeg-icwmh/preprocessing")).findFirst().orElseThrow();
        ReproductionRunner runner = new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT);
        Results results = runner.run(study);

        assertThat(results.claims()).extracting(Claim::key).containsExactly("full-vs-raw", "ablation-order",
                "gain-invariance", "dominant-leads-hurt-raw", "dominant-leads-spare-full", "preprocessing-cost",
                "perceive-lab", "high-gamma");
        assertThat(claim(results, "gain-invariance").verdict()).isEqualTo(Verdict.INVARIANT);
        assertThat(claim(results, "dominant-leads-spare-full").verdict()).isIn(Verdict.INVARIANT,
                Verdict.INVARIANT_VIOLATED);
        for (String key : List.of("full-vs-raw", "ablation-order", "dominant-leads-hurt-raw", "preprocessing-cost")) {
            assertThat(claim(results, key).measured()).as(key).isNotNull();
            assertThat(claim(results, key).verdict()).as(key).isIn(Verdict.REPRODUCED, Verdict.PARTIAL,
                    Verdict.NOT_REPRODUCED, Verdict.INCONCLUSIVE);
        }
        Path out = runner.outputDirectory(study);
        for (String file : List.of("report.md", "results.json", "accuracy.png", "stages-s001-imagery.png")) {
            assertThat(out.resolve(file)).isRegularFile();
        }
        assertThat(Files.readString(out.resolve("report.md"))).contains("Reconstructed method", "CSP + log-variance + LDA",
                "EEGNet-like", "Dominant leads", "ICWMH vs per-channel z-score");
    }

    private static Claim claim(Results results, String key) {
        return results.claims().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
    }
}
