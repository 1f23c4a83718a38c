package org.wisekit.lwquant.repro;

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
import org.wisekit.harness.Threshold;
import org.wisekit.harness.Verdict;

/** The reproduction end to end at the smoke profile (a 4-block decoder trained in seconds). */
class ReproductionsTest {

    @TempDir
    Path reports;

    @Test
    void orderingReproductionWritesClaimsTablesAndPlots() throws Exception {
        RealData.load(d -> d.fortunes("fortunes"));
        RealData.load(d -> d.trec(org.wisekit.datasets.Split.TEST));
        System.setProperty("wisekit.lwquant.cache", reports.resolve("cache").toString());
        Results results = new ReproductionRunner(reports, Profile.SMOKE, 1, null, Progress.SILENT)
                .run(new OrderingReproduction());
        assertThat(results.claims()).extracting(Claim::key).contains("auc-lim-rtn-sym-g32-lo2",
                "f5-lim-vs-random-gptq-sym-g32-lo3", "auc-zd-rtn-sym-g32-lo2", "quant-beats-prune-lo3", "prune-wins-lo2", "minilm-auc-lim-lo2", "minilm-auc-zd-lo2")
                .doesNotContain("quant-beats-prune-lo2");
        assertThat(results.claims()).filteredOn(c -> c.verdict() != Verdict.NOT_RUN)
                .allSatisfy(c -> assertThat(c.measured()).as(c.key()).isNotNull());
        // Equal bytes: with 4 blocks, one pruned 4-bit block saves more bytes than moving all four to 3 bits, so
        // the 3-bit comparison cannot run at the smoke profile; at 2 bits, pruning 1 block = 3 blocks at 2 bits.
        Claim lo3 = claim(results, "quant-beats-prune-lo3");
        assertThat(lo3.verdict()).isEqualTo(Verdict.NOT_RUN);
        assertThat(lo3.note()).contains("default profile");
        Claim lo2 = claim(results, "prune-wins-lo2");
        assertThat(lo2.rule()).isEqualTo(Threshold.count(2, 1));
        assertThat(lo2.verdict()).isEqualTo(lo2.rule().check(lo2.measured()));
        assertThat(lo2.note()).contains("p=1/k=3");
        // provenance: the pretrained MiniLM weights and tokenizer (classpath files) are recorded with their sha256,
        // in the returned results and in results.json, next to the data files
        assertThat(results.datasets()).containsKeys(MiniLmStudy.WEIGHTS_RECORD, MiniLmStudy.TOKENIZER_RECORD);
        assertThat(results.datasets().get(MiniLmStudy.WEIGHTS_RECORD))
                .isEqualTo(MiniLmProvenanceTest.sha256Of(org.wisekit.text.embed.MiniLmJava.RESOURCE));
        Path folder = reports.resolve("quantization-layerwise").resolve("ordering").resolve(Profile.SMOKE.id());
        assertThat(Results.read(folder.resolve("results.json")).datasets()).containsAllEntriesOf(results.datasets())
                .containsKey(MiniLmStudy.WEIGHTS_RECORD);
        assertThat(folder.resolve("importance-bars.png")).isRegularFile();
        assertThat(folder.resolve("ppl-gptq-sym-g32-lo2.png")).isRegularFile();
        assertThat(folder.resolve("minilm-cosine-lo2.png")).isRegularFile();
        System.clearProperty("wisekit.lwquant.cache");
        assertThat(Files.readString(folder.resolve("report.md"))).contains("Deviation from the paper", "LIM", "BI",
                "avg bits (LIM order)", "equal bytes", "not as a check").doesNotContain("Cross-checks");
    }

    private static Claim claim(Results results, String key) {
        return results.claims().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
    }
}
