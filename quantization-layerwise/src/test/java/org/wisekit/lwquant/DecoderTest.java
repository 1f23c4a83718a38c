package org.wisekit.lwquant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.lwquant.llama.Linear;
import org.wisekit.lwquant.llama.LlamaCheckpoint;
import org.wisekit.lwquant.llama.LlamaConfig;
import org.wisekit.lwquant.llama.LlamaModel;
import org.wisekit.lwquant.quant.GptqQuantizer;
import org.wisekit.lwquant.quant.RtnQuantizer;

/** Importance scores, allocation, the quantized format and checkpoints. */
class DecoderTest {

    static final LlamaConfig TINY = new LlamaConfig(256, 32, 2, 4, 2, 64, 16, 10000, 1e-5, false);

    @TempDir
    Path dir;

    @Test
    void identityBlockGetsTheLowestLim() {
        LlamaConfig c = new LlamaConfig(256, 32, 3, 4, 4, 64, 16, 10000, 1e-5, false);
        LlamaModel model = TestModels.randomModel(c, 4);
        Map<String, float[]> zero = new HashMap<>();
        zero.put(Linear.O.tensorName(1), new float[32 * 32]);
        zero.put(Linear.DOWN.tensorName(1), new float[32 * 64]);
        LlamaModel withIdentity = model.withTensors(zero);
        List<int[]> windows = List.of(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, new int[] {9, 8, 7, 6});
        double[] lim = LayerImportance.lim(withIdentity, windows);
        assertThat(lim[1]).isCloseTo(-1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(lim[0]).isGreaterThan(-1 + 1e-3);
        assertThat(lim[2]).isGreaterThan(-1 + 1e-3);
        assertThat(Ordering.byScore("lim", lim, true).leastImportantFirst()[0]).isEqualTo(1);
        double[] bi = LayerImportance.blockInfluence(withIdentity, windows);
        for (int l = 0; l < 3; l++) {
            assertThat(bi[l]).isCloseTo(lim[l] + 1, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void zdOfGaussianWeightsIsTheNormalTail() {
        float[][] m = {QuantizerTest.gaussian(200_000, 1), QuantizerTest.gaussian(100_000, 2)};
        assertThat(LayerImportance.zd(m, LayerImportance.ZdVariant.POOLED)).isCloseTo(0.1587, org.assertj.core.data.Offset.offset(0.003));
        assertThat(LayerImportance.zd(m, LayerImportance.ZdVariant.POOLED_ABS)).isCloseTo(0.3173, org.assertj.core.data.Offset.offset(0.004));
        assertThat(LayerImportance.zd(m, LayerImportance.ZdVariant.PER_MATRIX)).isCloseTo(0.1587, org.assertj.core.data.Offset.offset(0.004));
    }

    @Test
    void orderingsAllocateAndPrune() {
        Ordering o = Ordering.byScore("s", new double[] {0.5, 0.1, 0.9, 0.3}, true);
        assertThat(o.leastImportantFirst()).containsExactly(1, 3, 0, 2);
        assertThat(o.allocate(0.5, 4, 2)).containsExactly(4, 2, 4, 2);
        assertThat(o.prune(1)).containsExactly(false, true, false, false);
        assertThat(Ordering.byScore("zd", new double[] {0.5, 0.1, 0.9, 0.3}, false).leastImportantFirst())
                .containsExactly(2, 0, 3, 1);
        assertThat(o.reversed().leastImportantFirst()).containsExactly(2, 0, 3, 1);
        // use_more_bits for n = 16: i < 2, i >= 14, or (i - 2) % 3 == 2.
        assertThat(Ordering.llamaCpp(16).leastImportantFirst()).containsExactly(2, 3, 5, 6, 8, 9, 11, 12, 0, 1, 4, 7, 10, 13, 14, 15);
        assertThatThrownBy(() -> o.allocate(1.5, 4, 2)).hasMessageContaining("fraction must be in [0, 1], got 1.5");
        assertThat(Ordering.random(12, 5).leastImportantFirst()).containsExactly(Ordering.random(12, 5).leastImportantFirst());
    }

    @Test
    void quantizedModelRoundTripsAndItsBytesAreTheReportedBits() throws Exception {
        LlamaModel model = TestModels.randomModel(TINY, 5);
        List<int[]> calib = List.of(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new int[] {4, 3, 2, 1, 200, 100});
        Calibration cal = Calibration.of(model, calib);
        for (var q : List.of(new RtnQuantizer(32, false), new GptqQuantizer(32, true))) {
            QuantizedLlama ql = QuantizedLlama.quantize(model, new int[] {4, 2}, q, cal);
            Path file = dir.resolve(q.name() + ".safetensors");
            ql.write(file);
            QuantizedLlama back = QuantizedLlama.read(file);
            assertThat(back.bitsPerBlock()).containsExactly(4, 2);
            assertThat(back.dequantized().logits(calib.get(0))).containsExactly(ql.dequantized().logits(calib.get(0)));
            long quantBytes = 0;
            var contents = org.wisekit.datasets.io.Safetensors.read(file);
            for (var e : contents.tensors().entrySet()) {
                if (e.getKey().endsWith(".qcodes") || e.getKey().endsWith(".scales") || e.getKey().endsWith(".qzeros")) {
                    quantBytes += e.getValue().data().length;
                }
            }
            assertThat(quantBytes).isEqualTo(ql.quantizedBytes());
            long weights = 2L * (4 * 32 * 32 + 3 * 64 * 32 - 2 * 32 * 16);
            assertThat(ql.averageBits()).isEqualTo(8.0 * quantBytes / weights);
        }
        assertThatThrownBy(() -> QuantizedLlama.quantize(model, new int[] {4, 5}, new RtnQuantizer(32, true), null))
                .hasMessageContaining("bits 5 not supported");
        assertThatThrownBy(() -> QuantizedLlama.quantize(model, new int[] {4, 4}, new GptqQuantizer(32, true), null))
                .hasMessageContaining("needs calibration");
    }

    @Test
    void checkpointRoundTripAndBadCheckpoints() throws Exception {
        LlamaModel model = TestModels.randomModel(TINY, 6);
        Path file = dir.resolve("m.safetensors");
        LlamaCheckpoint.save(model, file, Map.of("seed", "6"));
        LlamaModel back = LlamaCheckpoint.load(file);
        assertThat(back.logits(new int[] {5, 6, 7})).containsExactly(model.logits(new int[] {5, 6, 7}));

        byte[] bytes = Files.readAllBytes(file);
        Files.write(dir.resolve("t.safetensors"), java.util.Arrays.copyOf(bytes, 100));
        assertThatThrownBy(() -> LlamaCheckpoint.load(dir.resolve("t.safetensors"))).hasMessageContaining("truncated");
        Files.write(dir.resolve("s.safetensors"), java.util.Arrays.copyOf(bytes, 4));
        assertThatThrownBy(() -> LlamaCheckpoint.load(dir.resolve("s.safetensors"))).hasMessageContaining("truncated");

        Map<String, float[]> extra = new HashMap<>(model.weights());
        extra.put("model.layers.0.mlp.extra.weight", new float[4]);
        assertThatThrownBy(() -> new LlamaModel(TINY, extra)).hasMessageContaining("unknown tensor name 'model.layers.0.mlp.extra.weight'");

        LlamaConfig wider = new LlamaConfig(256, 32, 2, 4, 2, 96, 16, 10000, 1e-5, false);
        Path mismatch = dir.resolve("w").resolve("m.safetensors");
        LlamaCheckpoint.save(model, mismatch, Map.of());
        Files.writeString(mismatch.resolveSibling("config.json"), new org.json.JSONObject(wider.toHfMap()).toString());
        assertThatThrownBy(() -> LlamaCheckpoint.load(mismatch)).hasMessageContaining("has shape [64, 32], the config needs [96, 32]");
    }
}
