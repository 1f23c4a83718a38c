package org.wisekit.geohard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.io.Npy;
import org.wisekit.geohard.ClassHardness;
import org.wisekit.geohard.GeoHard;
import org.wisekit.geohard.Options;
import org.wisekit.harness.Tool;
import org.wisekit.harness.testing.ToolRunner;
import org.wisekit.text.embed.SentenceEncoder;
import org.wisekit.text.embed.SentenceEncoders;

class GeoHardCommandTest {

    @TempDir
    Path dir;

    private Path data;
    private Path csv;
    private Path npy;
    private Path f1;

    /** Three classes on a line at -3, 0, +3 (two points each at the centre -+1): inter -4.5, -3, -4.5, intra 1. */
    @BeforeEach
    void files() throws IOException {
        data = Files.writeString(dir.resolve("train.tsv"),
                "label\ttext\nneg\tbad film\nneg\tawful\nneu\tok\nneu\tfine I guess\npos\tgreat\tfun\npos\tsuperb\n");
        double[] values = {-4, -2, -1, 1, 2, 4};
        csv = Files.writeString(dir.resolve("emb.csv"), "-4\n-2\n-1\n1\n2\n4\n");
        npy = Files.write(dir.resolve("emb.npy"), Npy.writeFloat64(values, 6, 1));
        f1 = Files.writeString(dir.resolve("f1.tsv"), "class\tf1\nneg\t0.80\nneu\t0.60\npos\t0.90\n");
    }

    @Test
    void jsonFollowsTheConventionAndHoldsEveryTerm() {
        ToolRunner.Run run = ToolRunner.assertConvention(new GeoHardTool(), dir, List.of(), "--data", data.toString(),
                "--embeddings", npy.toString(), "--f1", f1.toString(), "--json");
        JsonNode json = run.json();
        assertThat(json.get("items").asInt()).isEqualTo(6);
        assertThat(json.get("classes").asInt()).isEqualTo(3);
        assertThat(json.get("transform").asText()).isEqualTo("none");
        JsonNode per = json.get("perClass");
        assertThat(per.size()).isEqualTo(3);
        assertThat(per.get(0).get("class").asText()).isEqualTo("neg");
        assertThat(per.get(0).get("inter").asDouble()).isCloseTo(-4.5, within(1e-12));
        assertThat(per.get(1).get("inter").asDouble()).isCloseTo(-3.0, within(1e-12));
        assertThat(per.get(1).get("intra").asDouble()).isCloseTo(1.0, within(1e-12));
        assertThat(per.get(1).get("geoHard").asDouble()).isCloseTo(-2.0, within(1e-12));
        assertThat(per.get(1).get("rank").asInt()).isEqualTo(1);
        assertThat(per.get(2).get("f1").asDouble()).isEqualTo(0.9);
        assertThat(json.get("pearson").get("defined").asBoolean()).isTrue();
        assertThat(json.get("pearson").get("raw").asDouble()).isNegative();
        assertThat(json.get("pearson").get("signAdjusted").asDouble())
                .isCloseTo(-json.get("pearson").get("raw").asDouble(), within(1e-15));
        assertThat(json.get("spearman").get("trivial").asBoolean()).isFalse();
    }

    @Test
    void csvEmbeddingsGiveTheSameNumbersAsNpyAndNoF1GivesNullCorrelations() {
        JsonNode a = ToolRunner.run(new GeoHardTool(), "--data", data.toString(), "--embeddings", csv.toString(), "--json").json();
        JsonNode b = ToolRunner.run(new GeoHardTool(), "--data", data.toString(), "--embeddings", npy.toString(), "--json").json();
        assertThat(a.get("perClass")).isEqualTo(b.get("perClass"));
        assertThat(a.get("pearson").isNull()).isTrue();
    }

    @Test
    void textSummaryAndConstantF1Flagged() throws IOException {
        Path flat = Files.writeString(dir.resolve("flat.tsv"), "neg\t0.5\nneu\t0.5\npos\t0.5\n");
        ToolRunner.Run run = ToolRunner.run(new GeoHardTool(), "--data", data.toString(), "--embeddings", csv.toString(),
                "--f1", flat.toString(), "--transform", "pca:1", "--balance", "2", "--seed", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("transform pca:1", "neu", "rank 1 = hardest", "pearson vs f1: undefined",
                "f1 is constant");
    }

    @Test
    void withoutEmbeddingsTheTextsAreEmbeddedWithMiniLm() throws IOException {
        List<String> texts = List.of("What a dreadful film", "Awful acting and a dull plot", "It was okay",
                "Fine, nothing special", "A wonderful, joyful film", "Superb acting throughout");
        List<String> labels = List.of("neg", "neg", "neu", "neu", "pos", "pos");
        StringBuilder tsv = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            tsv.append(labels.get(i)).append('\t').append(texts.get(i)).append('\n');
        }
        Path file = Files.writeString(dir.resolve("texts.tsv"), tsv.toString());
        JsonNode json = ToolRunner.run(new GeoHardTool(), "--data", file.toString(), "--json").json();

        float[][] v;
        try (SentenceEncoder encoder = SentenceEncoders.miniLm()) {
            v = encoder.encode(texts);
        }
        List<ClassHardness> expected = GeoHard.compute(v, labels.toArray(String[]::new), Options.defaults());
        assertThat(json.get("dimensions").asInt()).isEqualTo(384);
        for (int c = 0; c < 3; c++) {
            assertThat(json.get("perClass").get(c).get("geoHard").asDouble())
                    .isCloseTo(expected.get(c).geoHard(), within(1e-12));
        }
    }

    @Test
    void emptyTextIsAnErrorNamingTheLine() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.tsv"), "neg\tbad\nneg\t   \npos\tgood\n");
        assertError(2, empty + ":2: empty text", "--data", empty.toString());
    }

    @Test
    void badInputsNameTheFileAndLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.tsv"), "neg\tx\nno tab here\n");
        assertError(2, bad + ":2: expected label<TAB>text", "--data", bad.toString(), "--embeddings", csv.toString());
        Path unknown = Files.writeString(dir.resolve("unknown.tsv"), "neg\t0.5\nmixed\t0.5\n");
        assertError(2, "unknown class 'mixed'", "--data", data.toString(), "--embeddings", csv.toString(),
                "--f1", unknown.toString());
        Path missing = Files.writeString(dir.resolve("missing.tsv"), "neg\t0.5\nneu\t0.7\n");
        assertError(2, "no value for class 'pos'", "--data", data.toString(), "--embeddings", csv.toString(),
                "--f1", missing.toString());
        Path shortCsv = Files.writeString(dir.resolve("short.csv"), "1\n2\n");
        assertError(2, "has 2 rows but --data", "--data", data.toString(), "--embeddings", shortCsv.toString());
        Path nanCsv = Files.writeString(dir.resolve("nan.csv"), "1\n2\nx\n");
        assertError(2, nanCsv + ":3: column 1 is not a number: 'x'", "--data", data.toString(), "--embeddings",
                nanCsv.toString());
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "1,2\n2,3\n3\n4,5\n5,6\n6,7\n");
        assertError(2, ragged + ":3: 1 columns, line 1 has 2", "--data", data.toString(), "--embeddings", ragged.toString());
        assertError(2, "transform 'umap:2'", "--data", data.toString(), "--embeddings", csv.toString(),
                "--transform", "umap:2");
        assertError(2, "balance 3 exceeds the size of class 'neg'", "--data", data.toString(), "--embeddings",
                csv.toString(), "--balance", "3");
        assertError(2, "--data " + dir.resolve("nope.tsv") + ": no such file", "--data", dir.resolve("nope.tsv").toString(),
                "--embeddings", csv.toString());
        Path single = Files.writeString(dir.resolve("single.tsv"), "a\tx\na\ty\nb\tz\n");
        Path three = Files.writeString(dir.resolve("three.csv"), "1\n2\n3\n");
        assertError(2, "class 'b' has 1 item", "--data", single.toString(), "--embeddings", three.toString());
    }

    private static void assertError(int status, String message, String... args) {
        ToolRunner.Run run = ToolRunner.run(new GeoHardTool(), args);
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(status);
        assertThat(run.err()).contains(message);
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void registeredAsATool() {
        assertThat(ServiceLoader.load(Tool.class).stream().map(p -> p.type().getName()))
                .contains(GeoHardTool.class.getName());
    }
}
