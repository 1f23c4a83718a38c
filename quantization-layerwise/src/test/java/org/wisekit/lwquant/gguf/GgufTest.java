package org.wisekit.lwquant.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.lwquant.TestModels;
import org.wisekit.lwquant.llama.Linear;
import org.wisekit.lwquant.llama.LlamaConfig;
import org.wisekit.lwquant.llama.LlamaModel;
import org.wisekit.lwquant.quant.Half;

/** GGUF: ggml block types against an independent reference, container and llama round trips, malformed files. */
class GgufTest {

    @TempDir
    Path dir;

    // ---- an independent reference of ggml's quantize_row_*_ref / dequantize_row_* (written from the C) ----

    /** C roundf. */
    private static int roundf(float v) {
        return v >= 0 ? (int) Math.floor(v + 0.5d) : -(int) Math.floor(-v + 0.5d);
    }

    private static float[] refQ8(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length / 32; i++) {
            float amax = 0.0f;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[i * 32 + j]));
            }
            float d = amax / ((1 << 7) - 1);
            float id = d != 0.0f ? 1.0f / d : 0.0f;
            float dh = Half.toFloat(Half.fromFloat(d));
            for (int j = 0; j < 32; j++) {
                y[i * 32 + j] = (byte) roundf(x[i * 32 + j] * id) * dh;
            }
        }
        return y;
    }

    private static byte[] refQ4Bytes(float[] x) {
        byte[] out = new byte[x.length / 32 * 18];
        for (int i = 0; i < x.length / 32; i++) {
            float amax = 0.0f;
            float max = 0.0f;
            for (int j = 0; j < 32; j++) {
                float v = x[i * 32 + j];
                if (amax < Math.abs(v)) {
                    amax = Math.abs(v);
                    max = v;
                }
            }
            float d = max / -8;
            float id = d != 0.0f ? 1.0f / d : 0.0f;
            short h = Half.fromFloat(d);
            out[i * 18] = (byte) h;
            out[i * 18 + 1] = (byte) (h >> 8);
            for (int j = 0; j < 16; j++) {
                float x0 = x[i * 32 + j] * id;
                float x1 = x[i * 32 + 16 + j] * id;
                int xi0 = Math.min(15, (byte) (x0 + 8.5f));
                int xi1 = Math.min(15, (byte) (x1 + 8.5f));
                out[i * 18 + 2 + j] = (byte) (xi0 | (xi1 << 4));
            }
        }
        return out;
    }

    private static float[] refQ4(float[] x) {
        byte[] b = refQ4Bytes(x);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length / 32; i++) {
            float d = Half.toFloat((short) ((b[i * 18] & 0xff) | (b[i * 18 + 1] << 8)));
            for (int j = 0; j < 16; j++) {
                int q = b[i * 18 + 2 + j] & 0xff;
                y[i * 32 + j] = ((q & 15) - 8) * d;
                y[i * 32 + 16 + j] = ((q >> 4) - 8) * d;
            }
        }
        return y;
    }

    private static float[] reference(GgmlType t, float[] x) {
        return switch (t) {
            case F32 -> x.clone();
            case F16 -> {
                float[] y = new float[x.length];
                for (int i = 0; i < x.length; i++) {
                    y[i] = Half.toFloat(Half.fromFloat(x[i]));
                }
                yield y;
            }
            case Q8_0 -> refQ8(x);
            case Q4_0 -> refQ4(x);
        };
    }

    private static float[] randomValues(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * (1 + (i / 32) % 5));
        }
        return x;
    }

    @Test
    void blockTypesMatchTheReference() {
        float[] x = randomValues(32 * 40, 3);
        Arrays.fill(x, 0, 32, 0f); // an all-zero block: d = 0
        for (int j = 32; j < 64; j++) {
            x[j] = (j - 48) * 0.5f; // exact halves after scaling: roundf ties away from zero
        }
        x[64 + 5] = -100f; // the largest magnitude negative: Q4_0's d > 0
        x[96 + 7] = 100f;
        for (GgmlType t : GgmlType.values()) {
            byte[] enc = t.encode(x);
            assertThat(enc).hasSize((int) t.bytes(x.length));
            float[] got = t.decode(enc, x.length);
            float[] want = reference(t, x);
            for (int i = 0; i < x.length; i++) {
                assertThat(Float.floatToIntBits(got[i])).as("%s value %d", t, i).isEqualTo(Float.floatToIntBits(want[i]));
            }
        }
        assertThat(GgmlType.Q4_0.encode(x)).isEqualTo(refQ4Bytes(x));
        assertThat(GgmlType.Q8_0.decode(GgmlType.Q8_0.encode(x), x.length)[32]).isCloseTo(-8f, org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(GgmlType.roundf(-2.5f)).isEqualTo(-3f);
        assertThat(GgmlType.roundf(2.5f)).isEqualTo(3f);
        assertThat(GgmlType.Q4_0.bitsPerValue()).isEqualTo(4.5);
        assertThat(GgmlType.Q8_0.bitsPerValue()).isEqualTo(8.5);
        assertThatThrownBy(() -> GgmlType.Q4_0.encode(new float[33])).hasMessageContaining("multiple of 32");
    }

    @Test
    void containerRoundTrip() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("general.architecture", "test");
        meta.put("general.alignment", 64);
        meta.put("a.u32", 7);
        meta.put("a.i32", -7);
        meta.put("a.u64", 1L << 40);
        meta.put("a.i64", -5L);
        meta.put("a.f32", 1.5f);
        meta.put("a.f64", Math.PI);
        meta.put("a.bool", true);
        meta.put("a.str", "h\u00e9llo \u65e5\u672c");
        meta.put("a.strings", List.of("x", "", "\u2581y"));
        meta.put("a.ints", List.of(1, -2, 3));
        meta.put("a.floats", List.of(0.5f, -1f));
        meta.put("a.empty", List.of());
        float[] special = {0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, 1e-30f, 3};
        List<Gguf.Tensor> tensors = new ArrayList<>();
        tensors.add(Gguf.Tensor.of("f32", special, GgmlType.F32, special.length));
        tensors.add(Gguf.Tensor.of("f16", randomValues(6, 1), GgmlType.F16, 3, 2));
        tensors.add(Gguf.Tensor.of("q8", randomValues(64 * 3, 2), GgmlType.Q8_0, 64, 3));
        tensors.add(Gguf.Tensor.of("q4", randomValues(32 * 5, 4), GgmlType.Q4_0, 32, 5));
        byte[] bytes = Gguf.serialize(meta, tensors);
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(4)).isEqualTo(3);
        assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GGUF");
        Gguf.Contents c = Gguf.parse(bytes);
        assertThat(c.version()).isEqualTo(3);
        assertThat(c.metadata()).containsExactlyEntriesOf(meta);
        assertThat(c.tensors().keySet()).containsExactly("f32", "f16", "q8", "q4");
        for (Gguf.Tensor t : tensors) {
            Gguf.Tensor r = c.tensors().get(t.name());
            assertThat(r.type()).isEqualTo(t.type());
            assertThat(r.dims()).isEqualTo(t.dims());
            assertThat(r.data()).isEqualTo(t.data());
        }
        float[] back = c.tensors().get("f32").toFloats();
        for (int i = 0; i < special.length; i++) {
            assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(special[i]));
        }
        // tensor data starts at multiples of the alignment
        assertThat(bytes.length % 64).isZero();
    }

    @Test
    void llamaRoundTripFollowsTheAllocation() {
        LlamaConfig cfg = new LlamaConfig(40, 64, 4, 4, 2, 96, 32, 10000, 1e-5, false);
        LlamaModel m = TestModels.randomModel(cfg, 5);
        int[] bits = {4, 2, 2, 4};
        GgmlType[] types = GgufLlama.types(bits, 4, 2);
        assertThat(types).containsExactly(GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_0, GgmlType.Q8_0);
        assertThat(GgufLlama.types(new int[] {8, 4}, 8, 4)).containsExactly(GgmlType.Q8_0, GgmlType.Q4_0);
        assertThat(GgufLlama.types(new int[] {16, 4}, 16, 4)).containsExactly(GgmlType.F16, GgmlType.Q4_0);
        assertThat(GgufLlama.types(new int[] {4, 4}, 4, 4)).containsOnly(GgmlType.Q4_0);
        Path file = dir.resolve("m.gguf");
        GgufLlama.write(file, m, types, Map.of("lwquant.bits", List.of(4, 2, 2, 4)));
        Gguf.Contents g = Gguf.read(file);
        assertThat(g.metadata()).containsEntry("general.architecture", "llama").containsEntry("llama.block_count", 4)
                .containsEntry("llama.attention.head_count_kv", 2).containsEntry("general.file_type", 2)
                .containsEntry("lwquant.bits", List.of(4, 2, 2, 4));
        assertThat(g.tensors().get("blk.1.ffn_down.weight").type()).isEqualTo(GgmlType.Q4_0);
        assertThat(g.tensors().get("blk.0.attn_k.weight").type()).isEqualTo(GgmlType.Q8_0);
        assertThat(g.tensors().get("blk.0.attn_k.weight").dims()).containsExactly(64, 32);
        assertThat(g.tensors().get("token_embd.weight").type()).isEqualTo(GgmlType.F32);
        assertThat(GgufLlama.blockTypes(g)).containsExactly(types);
        LlamaModel back = GgufLlama.read(file);
        assertThat(back.config().layers()).isEqualTo(4);
        assertThat(back.config().kvHeads()).isEqualTo(2);
        assertThat(back.config().normEps()).isCloseTo(1e-5, org.assertj.core.data.Offset.offset(1e-12));
        Map<String, float[]> expected = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : m.weights().entrySet()) {
            float[] want = e.getValue();
            for (int l = 0; l < 4; l++) {
                for (Linear lin : Linear.values()) {
                    if (lin.tensorName(l).equals(e.getKey())) {
                        want = reference(types[l], e.getValue()); // rows are permuted whole, so per-row blocks agree
                    }
                }
            }
            expected.put(e.getKey(), want);
            float[] got = back.weights().get(e.getKey());
            for (int i = 0; i < want.length; i++) {
                assertThat(Float.floatToIntBits(got[i])).as("%s[%d]", e.getKey(), i).isEqualTo(Float.floatToIntBits(want[i]));
            }
        }
        int[] tokens = {1, 5, 9, 3, 0, 39};
        assertThat(back.logits(tokens)).containsExactly(new LlamaModel(back.config(), expected).logits(tokens));
    }

    @Test
    void qkPermutationIsLlamaCppsAndInvertible() {
        // 1 head of 4 rows (hd = 4): HF rows [r0 r1 | r2 r3] (halves) -> GGUF [r0 r2 r1 r3]
        float[] w = {0, 1, 2, 3};
        assertThat(GgufLlama.permute(w, 4, 1, 1, false)).containsExactly(0, 2, 1, 3);
        float[] x = randomValues(8 * 3, 9);
        assertThat(GgufLlama.permute(GgufLlama.permute(x, 8, 3, 2, false), 8, 3, 2, true)).containsExactly(x);
        assertThat(GgufLlama.ggufName("model.layers.11.self_attn.o_proj.weight")).isEqualTo("blk.11.attn_output.weight");
        assertThat(GgufLlama.ggufName("model.layers.0.post_attention_layernorm.weight")).isEqualTo("blk.0.ffn_norm.weight");
    }

    private static byte[] small() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("k", "v");
        return Gguf.serialize(meta, List.of(Gguf.Tensor.of("t", randomValues(32, 1), GgmlType.Q8_0, 32)));
    }

    @Test
    void malformedFilesAreRejected() {
        byte[] ok = small();
        assertThat(Gguf.parse(ok).tensors()).containsKey("t");
        byte[] magic = ok.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> Gguf.parse(magic)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad magic");
        byte[] version = ok.clone();
        version[4] = 9;
        assertThatThrownBy(() -> Gguf.parse(version)).hasMessageContaining("GGUF version 9 is not supported");
        // the file ends with 30 bytes of padding after the 34 bytes of the one Q8_0 block: every shorter prefix is invalid
        for (int cut = 0; cut < ok.length - 30; cut += 3) {
            byte[] part = Arrays.copyOf(ok, cut);
            assertThatThrownBy(() -> Gguf.parse(part)).as("cut at %d", cut).isInstanceOf(IllegalArgumentException.class)
                    .satisfiesAnyOf(e -> assertThat(e).hasMessageContaining("truncated"),
                            e -> assertThat(e).hasMessageContaining("bad magic"));
        }
        // layout: magic 4, version 4, counts 16, key (8 + 1), type 4, value (8 + 1), name (8 + 1), n_dims 4, dim 8, type 4
        int kvType = 4 + 4 + 16 + 9;
        byte[] badValue = ok.clone();
        badValue[kvType] = 42;
        assertThatThrownBy(() -> Gguf.parse(badValue)).hasMessageContaining("unknown value type 42");
        int tensorType = kvType + 4 + 9 + 9 + 4 + 8;
        assertThat(ok[tensorType]).isEqualTo((byte) 8);
        byte[] badType = ok.clone();
        badType[tensorType] = 7;
        assertThatThrownBy(() -> Gguf.parse(badType)).hasMessageContaining("unknown or unsupported ggml type 7");
        byte[] badOffset = ok.clone();
        badOffset[tensorType + 4] = 3;
        assertThatThrownBy(() -> Gguf.parse(badOffset)).hasMessageContaining("not a multiple of the alignment");
        byte[] hugeString = ok.clone();
        hugeString[24 + 6] = 1; // key length
        assertThatThrownBy(() -> Gguf.parse(hugeString)).hasMessageContaining("truncated");
        byte[] dims = ok.clone();
        dims[tensorType - 8 - 4] = 9; // n_dims
        assertThatThrownBy(() -> Gguf.parse(dims)).hasMessageContaining("9 dims");
        assertThatThrownBy(() -> Gguf.read(Path.of("/nonexistent/x.gguf"))).hasMessageContaining("cannot read");
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("x", new Object());
        assertThatThrownBy(() -> Gguf.serialize(bad, List.of())).hasMessageContaining("unsupported value type");
        assertThatThrownBy(() -> GgufLlama.fromGguf(Gguf.parse(ok))).hasMessageContaining("general.architecture");
    }
}
