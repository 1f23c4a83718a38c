package org.wisekit.text.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wisekit.text.onnx.MiniLmOnnx;

/**
 * Both backends on the bundled all-MiniLM-L6-v2 (the model jar is a test dependency, so these always run):
 * agreement within 1e-4, the known vector and cosine, independence of batch size and order, the model identity,
 * argument errors.
 */
class SentenceEncodersTest {

    /** Varied inputs: short, punctuation, accents, CJK, emoji, empty, and one far beyond 128 tokens. */
    static final List<String> SENTENCES = List.of(
            "Hello world",
            "A man is eating food.",
            "A man is eating a piece of bread.",
            "What is the capital city of the country with the largest population in Africa?",
            "Caf\u00e9, na\u00efve r\u00e9sum\u00e9 -- \u00c5ngstr\u00f6m's \"quoted\" (parenthesised) text!!!",
            "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8 and \u4e2d\u6587 with emoji \uD83D\uDE42\uD83D\uDE80",
            "",
            ("The committee met on Tuesday to review the proposal, which had been revised three times since "
                    + "the spring; several members argued that the budget was unrealistic, while others said the "
                    + "schedule mattered more. ").repeat(6));

    static MiniLmFiles files;
    static SentenceEncoder java;
    static SentenceEncoder onnx;

    @BeforeAll
    static void open() {
        files = MiniLmFiles.fromClasspath();
        java = SentenceEncoders.miniLm(SentenceEncoders.Backend.JAVA, files);
        onnx = SentenceEncoders.miniLm(SentenceEncoders.Backend.ONNX, files);
    }

    @AfterAll
    static void close() {
        if (onnx != null) {
            onnx.close();
        }
    }

    static double maxAbsDiff(float[][] a, float[][] b) {
        assertThat(a.length).isEqualTo(b.length);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).hasSameSizeAs(b[i]);
            for (int j = 0; j < a[i].length; j++) {
                worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return worst;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void backendsAndIdentity() throws Exception {
        assertThat(java.backend()).isEqualTo("java");
        assertThat(onnx.backend()).isEqualTo("onnxruntime-1.20.0");
        assertThat(java.dimension()).isEqualTo(384);
        assertThat(onnx.dimension()).isEqualTo(384);
        String sha;
        try (InputStream in = getClass().getResourceAsStream(MiniLmJava.RESOURCE)) {
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
        assertThat(java.modelId()).isEqualTo(onnx.modelId()).startsWith("all-MiniLM-L6-v2 onnx-sha256=" + sha + " ")
                .contains(" tokenizer-sha256=").endsWith(" max-tokens=128");
        assertThat(SentenceEncoders.onnxRuntimeAvailable()).isTrue();
    }

    @Test
    void onnxAndJavaAgreeWithin1e4() {
        assertThat(files.tokenizer().encode(SENTENCES.get(7))).hasSize(128); // the long one is truncated
        float[][] a = java.encode(SENTENCES);
        float[][] b = onnx.encode(SENTENCES);
        assertThat(maxAbsDiff(a, b)).isLessThanOrEqualTo(1e-4);
        for (float[] row : b) {
            assertThat(Math.sqrt(dot(row, row))).isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void knownVectorAndCosineOnBothBackends() {
        float[] expected = {-0.034477f, 0.031023f, 0.006735f, 0.026109f, -0.039362f};
        for (SentenceEncoder e : List.of(java, onnx)) {
            float[][] v = e.encode(SENTENCES.subList(0, 3));
            for (int j = 0; j < expected.length; j++) {
                assertThat(v[0][j]).as("%s, value %d", e.backend(), j).isCloseTo(expected[j], within(1e-5f));
            }
            assertThat(dot(v[1], v[2])).as(e.backend()).isCloseTo(0.7553, within(1e-4));
        }
    }

    @Test
    void independentOfBatchSizeAndOrder() {
        List<String> texts = new ArrayList<>(SENTENCES);
        texts.addAll(List.of("Who was Galileo?", "How far is it from Denver to Aspen?", "What is a caldera?"));
        float[][] reference = onnx.encode(texts);
        List<Integer> perm = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            perm.add(i);
        }
        Collections.shuffle(perm, new Random(3));
        List<String> shuffled = perm.stream().map(texts::get).toList();
        float[][] javaRef = java.encode(texts);
        float[][] javaShuffled = java.encode(shuffled);
        for (int i = 0; i < perm.size(); i++) {
            assertThat(javaShuffled[i]).isEqualTo(javaRef[perm.get(i)]); // one text at a time: bit for bit
        }
        for (int batch : new int[] {1, 3}) {
            try (MiniLmOnnx small = MiniLmOnnx.open(files, batch, 1)) {
                assertThat(small.batchSize()).isEqualTo(batch);
                float[][] got = small.encode(shuffled);
                float[][] back = new float[got.length][];
                for (int i = 0; i < perm.size(); i++) {
                    back[perm.get(i)] = got[i];
                }
                // measured bit-identical; padding is masked, so only float rounding could differ
                assertThat(maxAbsDiff(back, reference)).as("batch %d", batch).isLessThanOrEqualTo(1e-6);
            }
        }
        assertThat(onnx.encode(texts)).isDeepEqualTo(reference); // deterministic
    }

    @Test
    void progressCountsTextsDone() {
        List<String> texts = Collections.nCopies(40, "A short question?");
        for (SentenceEncoder e : List.of(java, onnx)) {
            List<Integer> seen = new ArrayList<>();
            assertThat(e.encode(texts, seen::add)).hasNumberOfRows(40);
            assertThat(seen).as(e.backend()).isSorted().endsWith(40);
            assertThat(seen.get(0)).isPositive();
        }
        assertThat(onnx.encode(List.of())).isEmpty();
        assertThat(java.encode(List.of())).isEmpty();
    }

    @Test
    void nullTextsAreRejectedNamingTheIndex() {
        List<String> withNull = Arrays.asList("a", "b", null, "d");
        for (SentenceEncoder e : List.of(java, onnx)) {
            assertThatThrownBy(() -> e.encode(withNull)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("texts[2]: is null");
            assertThatThrownBy(() -> e.encode(null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("texts: must not be null");
        }
    }

    @Test
    void badSettingsAndAClosedSession() {
        assertThatThrownBy(() -> MiniLmOnnx.open(files, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize: must be >= 1, got 0");
        assertThatThrownBy(() -> MiniLmOnnx.open(files, 8, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("threads: must be >= 0");
        assertThatThrownBy(() -> SentenceEncoders.miniLm(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backend: must not be null");
        assertThatThrownBy(() -> SentenceEncoders.miniLm(SentenceEncoders.Backend.JAVA, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("files: must not be null");
        MiniLmOnnx closed = MiniLmOnnx.open(files, 8, 1);
        closed.close();
        closed.close(); // idempotent
        assertThatThrownBy(() -> closed.encode(List.of("x"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the encoder is closed");
        assertThat(closed.encode(List.of())).isEmpty(); // nothing to run
    }
}
