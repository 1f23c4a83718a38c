package org.wisekit.vitdw.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.Split;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Profile;
import org.wisekit.harness.Progress;
import org.wisekit.harness.ReproductionRunner;
import org.wisekit.harness.Results;
import org.wisekit.harness.Threshold;
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
                "dw-parameter-overhead", "faster-convergence", "bypass-2-parameters", "bypass-2", "parallel-3-5",
                "cifar10-gain", "step-time-overhead", "coco-detection");
        Map<String, Claim> byKey = results.claims().stream().collect(Collectors.toMap(Claim::key, c -> c));
        // parameter counts are analytic: invariants that hold, never counted as reproductions
        assertThat(byKey.get("dw-parameter-overhead").verdict()).isEqualTo(Verdict.INVARIANT);
        assertThat(byKey.get("bypass-2-parameters").verdict()).isEqualTo(Verdict.INVARIANT);
        assertThat(byKey.get("bypass-2-parameters").measured()).isEqualTo(1152.0);
        assertThat(byKey.get("coco-detection").verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
        assertThat(results.claims()).noneMatch(c -> c.verdict() == Verdict.NOT_RUN);
        // the headline gain is decided on the interval over the smoke profile's 2 seeds, from per-seed values
        Claim gain = byKey.get("dw-gain-256");
        assertThat(gain.seeds()).isNotNull();
        assertThat(gain.seeds().n()).isEqualTo(2);
        assertThat(gain.rule()).isEqualTo(Threshold.atLeast(1.5));
        assertThat(gain.verdict()).isEqualTo(gain.rule().check(gain.seeds().low(), gain.seeds().high()));
        assertThat(gain.measured()).isCloseTo(gain.seeds().mean(), within(1e-12));
        // claims with one seed at this profile say so, and are decided on the value
        for (String key : List.of("gain-small-vs-large", "bypass-2", "parallel-3-5", "cifar10-gain")) {
            Claim c = byKey.get(key);
            assertThat(c.statement()).as(key).endsWith("(one seed)");
            assertThat(c.seeds().n()).as(key).isEqualTo(1);
            assertThat(c.verdict()).as(key).isEqualTo(c.rule().check(c.measured()));
        }
        // convergence is per seed too (NaN, and nothing measured, when a seed never reaches the target)
        assertThat(byKey.get("faster-convergence").rule()).isEqualTo(Threshold.atMost(0.6));
        // the step-time overhead comes from interleaved medians of the same batch, with its rule recorded
        Claim step = byKey.get("step-time-overhead");
        assertThat(step.rule()).isEqualTo(Threshold.atMost(10));
        assertThat(step.statement()).contains("interleaved");
        assertThat(step.verdict()).isEqualTo(step.rule().check(step.measured()));
        // every claim but convergence and the out-of-scope one carries a measurement
        assertThat(results.claims()).filteredOn(c -> !c.key().equals("faster-convergence")
                        && c.verdict() != Verdict.OUT_OF_SCOPE)
                .allSatisfy(c -> assertThat(c.measured()).as(c.key()).isNotNull());
        Path folder = reports.resolve("vit-dwconv").resolve("small-data").resolve("smoke");
        assertThat(folder.resolve("accuracy-vs-size.png")).isRegularFile();
        assertThat(folder.resolve("validation-curves.png")).isRegularFile();
        assertThat(Files.readString(folder.resolve("report.md"))).contains("DW bypass-2 (k=3)", "DW parallel (k=3,5)",
                "CIFAR-10");
    }
}
