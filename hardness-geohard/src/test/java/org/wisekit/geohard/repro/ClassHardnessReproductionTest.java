package org.wisekit.geohard.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.Split;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Profile;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.ReproductionRunner;
import org.wisekit.harness.Results;
import org.wisekit.harness.Verdict;

/** The smoke profile of {@code hardness-geohard/class-hardness} on a TREC sample: report files, claims, cache reuse. */
class ClassHardnessReproductionTest {

    @TempDir
    Path reports;

    @Test
    void isRegisteredAndTheSmokeProfileWritesTheReport() throws Exception {
        RealData.load(d -> d.trec(Split.TRAIN));
        Reproduction study = ServiceLoader.load(Reproduction.class).stream().map(ServiceLoader.Provider::get)
                .filter(r -> r.id().equals("hardness-geohard/class-hardness")).findFirst().orElseThrow();
        ReproductionRunner runner = new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT);
        Results results = runner.run(study);

        assertThat(results.claims()).extracting(Claim::key).containsExactly("class-f1-consistency", "geohard-per-set",
                "geohard-macro", "geohard-vs-baselines", "geohard-vs-components", "class-aware-icl");
        for (Claim c : results.claims().subList(0, 5)) {
            assertThat(c.measured()).as(c.key()).isNotNull();
            assertThat(c.verdict()).as(c.key()).isIn(Verdict.REPRODUCED, Verdict.PARTIAL, Verdict.NOT_REPRODUCED,
                    Verdict.INCONCLUSIVE);
        }
        assertThat(results.claims().get(5).verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
        assertThat(results.datasets()).containsKey("trec:text-classification/trec/train_5500.label");

        Path out = runner.outputDirectory(study);
        for (String file : List.of("report.md", "results.json", "geohard-vs-f1-trec-coarse.png", "macro-pearson.png")) {
            assertThat(out.resolve(file)).isRegularFile();
        }
        String report = Files.readString(out.resolve("report.md"));
        assertThat(report).contains("Table-2-style matrix", "GeoHard (UMAP-2, train; headline)", "kNN label disagreement",
                "Thrust", "PVI", "SA and Spread", "ENTY");
        try (var cached = Files.list(out.resolve("embeddings-cache"))) {
            assertThat(cached.filter(f -> f.toString().endsWith(".npy")).count()).isEqualTo(2);
        }
    }
}
