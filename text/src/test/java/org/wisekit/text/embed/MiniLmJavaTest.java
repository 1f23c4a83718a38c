package org.wisekit.text.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wisekit.datasets.Split;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.text.WordPieceTokenizer;

/** The Java MiniLM (tokenizer + forward + pooling) against ONNX Runtime on the same ONNX file. */
class MiniLmJavaTest {

    static MiniLmJava model;
    static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() throws Exception {
        model = MiniLmJava.fromClasspath();
        try (InputStream in = MiniLmJavaTest.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            tokenizer = WordPieceTokenizer.read(in);
        }
    }

    @Test
    void tokenizerMatchesKnownIds() {
        assertThat(tokenizer.encode("Hello world")).containsExactly(101, 7592, 2088, 102);
        assertThat(tokenizer.vocabSize()).isEqualTo(30522);
        // Accents stripped, punctuation split, unknown-free subwords.
        assertThat(tokenizer.encode("Café, naïve!")).containsExactly(tokenizer.encode("cafe , naive !"));
        assertThat(tokenizer.encode("x".repeat(1000))).hasSize(3); // [CLS] [UNK] [SEP]
    }

    @Test
    void embeddingMatchesTheKnownVector() {
        float[] e = model.embed(tokenizer.encode("Hello world"));
        assertThat(e[0]).isCloseTo(-0.034477f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(e[1]).isCloseTo(0.031023f, org.assertj.core.data.Offset.offset(1e-5f));
        float[] a = model.embed(tokenizer.encode("A man is eating food."));
        float[] b = model.embed(tokenizer.encode("A man is eating a piece of bread."));
        double cos = 0;
        for (int i = 0; i < a.length; i++) {
            cos += a[i] * b[i];
        }
        assertThat(cos).isCloseTo(0.7553, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void forwardEqualsOnnxRuntimeOnRealSentences() throws Exception {
        List<String> sentences = RealData.load(d -> d.trec(Split.TEST)).texts().subList(0, 25);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        byte[] onnx;
        try (InputStream in = MiniLmJavaTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            onnx = in.readAllBytes();
        }
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
            for (String s : sentences) {
                int[] ids = tokenizer.encode(s);
                long[][] idArr = new long[1][ids.length];
                long[][] mask = new long[1][ids.length];
                long[][] types = new long[1][ids.length];
                for (int i = 0; i < ids.length; i++) {
                    idArr[0][i] = ids[i];
                    mask[0][i] = 1;
                }
                try (OnnxTensor a = OnnxTensor.createTensor(env, idArr); OnnxTensor m = OnnxTensor.createTensor(env, mask);
                     OnnxTensor t = OnnxTensor.createTensor(env, types);
                     OrtSession.Result r = session.run(Map.of("input_ids", a, "attention_mask", m, "token_type_ids", t))) {
                    float[][][] hidden = (float[][][]) r.get(0).getValue();
                    float[] java = model.lastHiddenState(ids, new MiniLmJava.Trace() { });
                    for (int i = 0; i < ids.length; i++) {
                        for (int j = 0; j < MiniLmJava.DIM; j++) {
                            assertThat(java[i * MiniLmJava.DIM + j]).as(s).isCloseTo(hidden[0][i][j],
                                    org.assertj.core.data.Offset.offset(1e-4f));
                        }
                    }
                }
            }
        }
    }

    @Test
    void withTensorsReplacesOnlyTheNamedTensors() {
        float[] zero = new float[MiniLmJava.Linear.OUTPUT.rows * MiniLmJava.Linear.OUTPUT.cols];
        MiniLmJava changed = model.withTensors(Map.of(MiniLmJava.Linear.OUTPUT.tensorName(5), zero));
        assertThat(changed.matrix(5, MiniLmJava.Linear.OUTPUT)).isSameAs(zero);
        assertThat(changed.matrix(4, MiniLmJava.Linear.OUTPUT)).isSameAs(model.matrix(4, MiniLmJava.Linear.OUTPUT));
        assertThat(model.matrix(5, MiniLmJava.Linear.OUTPUT)).isNotSameAs(zero);
        int[] ids = tokenizer.encode("Hello world");
        assertThat(changed.embed(ids)).isNotEqualTo(model.embed(ids));
        assertThatThrownBy(() -> model.withTensors(Map.of("no.such.weight", zero)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown tensor name 'no.such.weight'");
        assertThatThrownBy(() -> model.withTensors(Map.of(MiniLmJava.Linear.OUTPUT.tensorName(5), new float[3])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrong size");
    }

    @Test
    void badIdsAreRejected() {
        assertThatThrownBy(() -> model.embed(new int[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ids: length must be in 1..512, got 0");
        assertThatThrownBy(() -> model.embed(new int[] {101, 30522, 102})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token 30522 outside the vocabulary");
    }

    @Test
    void traceSeesEveryBlock() {
        int[] ids = tokenizer.encode("A man is eating food.");
        int[] seen = new int[2];
        float[] traced = model.embed(ids, new MiniLmJava.Trace() {
            @Override
            public void blockInput(int layer, float[] h, int t) {
                assertThat(t).isEqualTo(ids.length);
                seen[0]++;
            }

            @Override
            public void linearInput(int layer, MiniLmJava.Linear linear, float[] x, int t, int width) {
                assertThat(width).isEqualTo(linear.cols);
                seen[1]++;
            }
        });
        assertThat(seen).containsExactly(MiniLmJava.LAYERS, MiniLmJava.LAYERS * 4); // query (k, v share it), out, up, down
        assertThat(traced).isEqualTo(model.embed(ids));
    }

    @Test
    void malformedOnnxIsRejected() {
        assertThatThrownBy(() -> OnnxGraph.parse(new byte[] {0x3a, 0x7f, 0x0a})).hasMessageContaining("truncated");
        assertThatThrownBy(() -> OnnxGraph.parse(new byte[] {0x08, 0x06})).hasMessageContaining("no graph");
    }
}
