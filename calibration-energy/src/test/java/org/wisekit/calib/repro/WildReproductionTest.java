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
import org.wisekit.harness.Threshold;
import org.wisekit.harness.Verdict;

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
        // The clamp T(x) >= 1e-3 > 0 keeps the argmax: an invariant, never counted as a reproduction.
        Claim accuracy = claim(first, "accuracy-identical");
        assertThat(accuracy.verdict()).isEqualTo(Verdict.INVARIANT);
        assertThat(accuracy.paperValue()).isEqualTo("by construction");
        // Seeded claims go through Claim.overSeeds: one seed at smoke, decided on the value.
        Claim lowest = claim(first, "lowest-mean-ece");
        assertThat(lowest.rule()).isEqualTo(Threshold.atMost(1.0));
        assertThat(lowest.seeds().n()).isEqualTo(1);
        assertThat(lowest.statement()).endsWith("(one seed)");
        assertThat(lowest.verdict()).isEqualTo(lowest.rule().check(lowest.measured()));
        assertThat(claim(first, "backbone-overconfident").seeds().values()).hasSize(1);
        // id-ece-vs-ts: an invariant exactly when energy is TS bit for bit (theta = 0), else a seeded claim.
        Claim idEce = claim(first, "id-ece-vs-ts");
        if (idEce.verdict().isInvariant()) {
            assertThat(idEce.measured()).isZero();
            assertThat(idEce.note()).contains("theta = 0");
        } else {
            assertThat(idEce.rule()).isEqualTo(Threshold.atMost(1.0));
            assertThat(idEce.seeds()).isNotNull();
        }

        Path out = runner.outputDirectory(wild);
        for (String file : List.of("report.md", "results.json", "ece-vs-severity.png", "ood-ece.png", "reliability-id.png",
                "reliability-severity-5.png", "reliability-ood.png", "objective-theta2.png", "logits-cache/seed-1.bin")) {
            assertThat(out.resolve(file)).isRegularFile();
        }
        String report = Files.readString(out.resolve("report.md"));
        assertThat(report).contains("ECE % by shift level", "TS val+OOD", "CIFAR-10 logits", "bit for bit on 1 of 1 seeds",
                "dL/dtheta2 at theta = 0", "Why theta2 collapses");

        Results second = runner.run(wild);     // from the logit cache: same numbers
        assertThat(second.claims()).isEqualTo(first.claims());
    }

    @Test
    void idEceIsAnInvariantOnlyWhileEnergyIsTs() {
        Claim collapsed = WildReproduction.idEceVsTs(new double[] {0, 0, 0}, true, "3 seeds");
        assertThat(collapsed.verdict()).isEqualTo(Verdict.INVARIANT);
        assertThat(WildReproduction.idEceVsTs(new double[] {0, 0.5, 0}, true, "3 seeds").verdict())
                .isEqualTo(Verdict.INVARIANT_VIOLATED);
        Claim within = WildReproduction.idEceVsTs(new double[] {0.2, 0.3, 0.25}, false, "3 seeds");
        assertThat(within.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(within.seeds().n()).isEqualTo(3);
        assertThat(WildReproduction.idEceVsTs(new double[] {1.5, 1.6, 1.7}, false, "3 seeds").verdict())
                .isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(WildReproduction.idEceVsTs(new double[] {0.2, 1.8, 1.0}, false, "3 seeds").verdict())
                .isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void accuracyIdentityIsAnInvariant() {
        assertThat(WildReproduction.accuracyIdentical(51, 51).verdict()).isEqualTo(Verdict.INVARIANT);
        assertThat(WildReproduction.accuracyIdentical(50, 51).verdict()).isEqualTo(Verdict.INVARIANT_VIOLATED);
        assertThat(WildReproduction.accuracyIdentical(51, 51).verdict().isInScope()).isFalse();
    }

    private static Claim claim(Results results, String key) {
        return results.claims().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
    }
}
