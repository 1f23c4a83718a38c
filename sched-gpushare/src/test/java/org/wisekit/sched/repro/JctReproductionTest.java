package org.wisekit.sched.repro;

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

/** The smoke profile of {@code sched-gpushare/jct} on the shipped traces: report files, claims, invariant. */
class JctReproductionTest {

    @TempDir
    Path reports;

    @Test
    void isRegisteredAndTheSmokeProfileWritesTheReport() throws Exception {
        RealData.load(d -> d.verifiedPath(Dataset.GPU_TRACES, JctReproduction.THROUGHPUTS));
        Reproduction jct = ServiceLoader.load(Reproduction.class).stream().map(ServiceLoader.Provider::get)
                .filter(r -> r.id().equals("sched-gpushare/jct")).findFirst().orElseThrow();
        ReproductionRunner runner = new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT);
        Results results = runner.run(jct);

        assertThat(results.claims()).extracting(Claim::key).containsExactly("bsbf-vs-tiresias", "bsbf-le-ffs",
                "bsbf-vs-ffs-gain", "bsbf-le-sjf", "bsbf-shares-beneficial", "testbed-agreement");
        assertThat(claim(results, "bsbf-shares-beneficial").verdict()).isEqualTo(Verdict.INVARIANT);
        assertThat(claim(results, "testbed-agreement").verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
        for (String key : List.of("bsbf-vs-tiresias", "bsbf-le-ffs", "bsbf-vs-ffs-gain", "bsbf-le-sjf")) {
            Claim c = claim(results, key);
            assertThat(c.measured()).as(key).isNotNull();
            assertThat(c.verdict()).as(key).isIn(Verdict.REPRODUCED, Verdict.PARTIAL, Verdict.NOT_REPRODUCED);
        }
        assertThat(results.datasets()).containsKey("gpu-traces:gpu-traces/gavel/simulation_throughputs.json");

        Path out = runner.outputDirectory(jct);
        for (String file : List.of("report.md", "results.json", "avg-jct.png", "jct-cdf-gavel-2869ce.png",
                "jct-cdf-tiresias-60job.png", "jct-vs-load-gavel-2869ce.png")) {
            assertThat(out.resolve(file)).isRegularFile();
        }
        String report = Files.readString(out.resolve("report.md"));
        assertThat(report).contains("knows durations", "Load search (FIFO)", "events/s", "sub-batched jobs");
    }

    private static Claim claim(Results results, String key) {
        return results.claims().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
    }
}
