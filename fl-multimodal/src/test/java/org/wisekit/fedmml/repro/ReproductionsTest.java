package org.wisekit.fedmml.repro;

import static org.assertj.core.api.Assertions.assertThat;

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
                "lw-contrastive-recall5", "prog-fusion-accuracy", "memory-ratio", "flops-ratio", "communication-ratio");
        assertThat(results.claims()).allSatisfy(c -> assertThat(c.measured()).isNotNull());
        // LW trains a third of the layers per stage: it must cost less than FedMML on every resource
        assertThat(results.claims().subList(3, 6)).allSatisfy(c -> assertThat(c.measured()).isGreaterThan(1.0));
        Path folder = reports.resolve("fl-multimodal").resolve("resources");
        assertThat(folder.resolve("accuracy-per-round.png")).isRegularFile();
        assertThat(folder.resolve("resource-ratios.png")).isRegularFile();
        assertThat(Files.readString(folder.resolve("report.md"))).contains("LW-FedMML", "reconstructed");
    }
}
