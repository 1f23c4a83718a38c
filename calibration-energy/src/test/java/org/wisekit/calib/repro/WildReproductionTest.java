package org.wisekit.calib.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.Split;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Profile;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.ReproductionRunner;
import org.wisekit.harness.Results;

class WildReproductionTest {

    @TempDir
    Path reports;

    @Test
    void smokeProfileWritesAReportWithMeasuredVerdictsAndReusesItsLogitCache() throws Exception {
        RealData.load(d -> d.fashionMnist(Split.TEST));
        RealData.load(d -> d.sklearnDigits());
        RealData.load(d -> d.cifar10Test(1));
        RealData.load(d -> d.verifiedPath(Dataset.CALIBRATION_LOGITS, "calibration-logits/cifar10_logits_val.csv"));
        Reproduction wild = java.util.ServiceLoader.load(Reproduction.class).stream()
                .map(java.util.ServiceLoader.Provider::get).filter(r -> r.id().equals("calibration-energy/wild"))
                .findFirst().orElseThrow();
        ReproductionRunner runner = new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT);
        Results first = runner.run(wild);

        assertThat(first.claims()).extracting(Claim::key).containsExactly("lowest-mean-ece", "mean-ece-vs-ts",
                "ood-ece-vs-ts", "id-ece-vs-ts", "accuracy-identical", "severity-slope", "beats-ts-val-ood",
                "backbone-overconfident");
        assertThat(first.claims()).allMatch(c -> c.measured() != null);
        Claim accuracy = first.claims().stream().filter(c -> c.key().equals("accuracy-identical")).findFirst().orElseThrow();
        assertThat(accuracy.verdict()).isEqualTo(org.wisekit.harness.Verdict.REPRODUCED);

        Path out = runner.outputDirectory(wild);
        for (String file : List.of("report.md", "results.json", "ece-vs-severity.png", "ood-ece.png", "reliability-id.png",
                "reliability-severity-5.png", "reliability-ood.png", "logits-cache/seed-1.bin")) {
            assertThat(out.resolve(file)).isRegularFile();
        }
        String report = Files.readString(out.resolve("report.md"));
        assertThat(report).contains("ECE % by shift level", "TS val+OOD", "CIFAR-10 logits", "bit for bit on 1 of 1 seeds");

        Results second = runner.run(wild);     // from the logit cache: same numbers
        assertThat(second.claims()).isEqualTo(first.claims());
    }
}
