package org.wisekit.lwquant.bert;

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

/** The Java MiniLM (tokenizer + forward + pooling) against ONNX Runtime on the same ONNX file. */
class MiniLmTest {

    static MiniLm model;
    static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() throws Exception {
        model = MiniLm.fromClasspath();
        try (InputStream in = MiniLmTest.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
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
        try (InputStream in = MiniLmTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
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
                    float[] java = model.lastHiddenState(ids, new MiniLm.Trace() { });
                    for (int i = 0; i < ids.length; i++) {
                        for (int j = 0; j < MiniLm.DIM; j++) {
                            assertThat(java[i * MiniLm.DIM + j]).as(s).isCloseTo(hidden[0][i][j],
                                    org.assertj.core.data.Offset.offset(1e-4f));
                        }
                    }
                }
            }
        }
    }

    @Test
    void malformedOnnxIsRejected() {
        assertThatThrownBy(() -> OnnxGraph.parse(new byte[] {0x3a, 0x7f, 0x0a})).hasMessageContaining("truncated");
        assertThatThrownBy(() -> OnnxGraph.parse(new byte[] {0x08, 0x06})).hasMessageContaining("no graph");
    }
}
