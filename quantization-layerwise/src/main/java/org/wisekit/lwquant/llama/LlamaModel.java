package org.wisekit.lwquant.llama;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.wisekit.lwquant.internal.TensorMaps;
import org.wisekit.tensor.Gemm;

/**
 * A llama-style decoder evaluated in plain Java on float32 weights named as in Hugging Face checkpoints
 * ({@code model.embed_tokens.weight}, {@code model.layers.i.self_attn.q_proj.weight}, ...,
 * {@code model.norm.weight}, {@code lm_head.weight}); weight matrices are out x in. One implementation
 * serves the model trained here and any llama-style checkpoint read from safetensors.
 *
 * <p>Per block: {@code h += o(attn(rope(q(n1(h))), rope(k(n1(h))), v(n1(h))))}, then
 * {@code h += down(silu(gate(n2(h))) * up(n2(h)))}, with {@code n(x) = x / sqrt(mean(x^2) + eps) * g}.
 * Immutable; blocks can be skipped ({@link #logits(int[], boolean[], ForwardTrace)}) for layer pruning.
 */
public final class LlamaModel {

    public static final String EMBED = "model.embed_tokens.weight";
    public static final String FINAL_NORM = "model.norm.weight";
    public static final String LM_HEAD = "lm_head.weight";

    private final LlamaConfig config;
    private final Map<String, float[]> weights;
    /** Per layer and linear: the transposed (in x out) matrix that Gemm multiplies by. */
    private final float[][][] transposed;
    private final float[] lmHeadT;
    private final float[] cos;
    private final float[] sin;

    /**
     * @param weights every tensor of the model by name; extra names are rejected, except Hugging Face's
     *                {@code rotary_emb.inv_freq} buffers
     */
    public LlamaModel(LlamaConfig config, Map<String, float[]> weights) {
        this.config = config;
        Map<String, float[]> copy = new LinkedHashMap<>();
        Map<String, Integer> expected = expectedSizes(config);
        for (Map.Entry<String, float[]> e : weights.entrySet()) {
            if (e.getKey().endsWith("rotary_emb.inv_freq")) {
                continue;
            }
            Integer size = expected.get(e.getKey());
            if (size == null) {
                throw new IllegalArgumentException("weights: unknown tensor name '" + e.getKey() + "' for a "
                        + config.layers() + "-layer llama model");
            }
            if (e.getValue().length != size) {
                throw new IllegalArgumentException("weights: tensor '" + e.getKey() + "' has " + e.getValue().length
                        + " values, the config needs " + size);
            }
            copy.put(e.getKey(), e.getValue());
        }
        TreeSet<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(copy.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("weights: missing tensor '" + missing.first() + "' (" + missing.size()
                    + " missing)");
        }
        this.weights = Collections.unmodifiableMap(copy);
        Linear[] linears = Linear.values();
        this.transposed = new float[config.layers()][linears.length][];
        for (int l = 0; l < config.layers(); l++) {
            for (Linear lin : linears) {
                transposed[l][lin.ordinal()] = transpose(copy.get(lin.tensorName(l)), lin.rows(config), lin.cols(config));
            }
        }
        float[] head = config.tiedEmbeddings() ? copy.get(EMBED) : copy.get(LM_HEAD);
        this.lmHeadT = transpose(head, config.vocabSize(), config.dim());
        int half = config.headDim() / 2;
        this.cos = new float[config.maxContext() * half];
        this.sin = new float[config.maxContext() * half];
        for (int p = 0; p < config.maxContext(); p++) {
            for (int i = 0; i < half; i++) {
                double freq = Math.pow(config.ropeTheta(), -2.0 * i / config.headDim());
                cos[p * half + i] = (float) Math.cos(p * freq);
                sin[p * half + i] = (float) Math.sin(p * freq);
            }
        }
    }

    /** Element counts of every tensor the config needs. */
    public static Map<String, Integer> expectedSizes(LlamaConfig c) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(EMBED, c.vocabSize() * c.dim());
        for (int l = 0; l < c.layers(); l++) {
            m.put("model.layers." + l + ".input_layernorm.weight", c.dim());
            for (Linear lin : Linear.values()) {
                m.put(lin.tensorName(l), lin.rows(c) * lin.cols(c));
            }
            m.put("model.layers." + l + ".post_attention_layernorm.weight", c.dim());
        }
        m.put(FINAL_NORM, c.dim());
        if (!c.tiedEmbeddings()) {
            m.put(LM_HEAD, c.vocabSize() * c.dim());
        }
        return m;
    }

    /** The shape of a tensor of this config (out x in for matrices, [dim] for norms). */
    public static int[] shapeOf(LlamaConfig c, String name) {
        if (name.equals(EMBED) || name.equals(LM_HEAD)) {
            return new int[] {c.vocabSize(), c.dim()};
        }
        for (Linear lin : Linear.values()) {
            if (name.endsWith("." + lin.hfName + ".weight")) {
                return new int[] {lin.rows(c), lin.cols(c)};
            }
        }
        return new int[] {c.dim()};
    }

    public LlamaConfig config() {
        return config;
    }

    /** All tensors by name (unmodifiable; arrays must not be modified). */
    public Map<String, float[]> weights() {
        return weights;
    }

    /** The out x in matrix of {@code linear} in {@code layer} (not copied). */
    public float[] matrix(int layer, Linear linear) {
        return weights.get(linear.tensorName(layer));
    }

    /** A model with some tensors replaced (e.g. by dequantized weights); the rest is shared. */
    public LlamaModel withTensors(Map<String, float[]> replacements) {
        return new LlamaModel(config, TensorMaps.replaced(weights, replacements));
    }

    /** Next-token logits (T x vocab) for a sequence of at most {@code maxContext} tokens. */
    public float[] logits(int[] tokens) {
        return logits(tokens, null, ForwardTrace.NONE);
    }

    /**
     * @param skip blocks to leave out (layer pruning), or {@code null}
     */
    public float[] logits(int[] tokens, boolean[] skip, ForwardTrace trace) {
        int t = tokens.length;
        if (t < 1 || t > config.maxContext()) {
            throw new IllegalArgumentException("tokens: length must be in 1.." + config.maxContext() + ", got " + t);
        }
        int d = config.dim();
        float[] embed = weights.get(EMBED);
        float[] h = new float[t * d];
        for (int i = 0; i < t; i++) {
            int tok = tokens[i];
            if (tok < 0 || tok >= config.vocabSize()) {
                throw new IllegalArgumentException("tokens: id " + tok + " outside [0, " + config.vocabSize() + ")");
            }
            System.arraycopy(embed, tok * d, h, i * d, d);
        }
        Workspace ws = new Workspace(config, t);
        for (int l = 0; l < config.layers(); l++) {
            if (skip != null && skip[l]) {
                continue;
            }
            trace.blockInput(l, h, t);
            block(l, h, t, ws, trace);
            trace.blockOutput(l, h, t);
        }
        float[] normed = new float[t * d];
        rmsNorm(h, weights.get(FINAL_NORM), normed, t, d, config.normEps());
        float[] out = new float[t * config.vocabSize()];
        Gemm.multiply(normed, lmHeadT, out, t, d, config.vocabSize());
        return out;
    }

    /** Scratch buffers of one forward pass. */
    private static final class Workspace {
        final float[] normed;
        final float[] q;
        final float[] k;
        final float[] v;
        final float[] attn;
        final float[] proj;
        final float[] gate;
        final float[] up;
        final float[] scores;

        Workspace(LlamaConfig c, int t) {
            int kvWidth = c.kvHeads() * c.headDim();
            normed = new float[t * c.dim()];
            q = new float[t * c.dim()];
            k = new float[t * kvWidth];
            v = new float[t * kvWidth];
            attn = new float[t * c.dim()];
            proj = new float[t * c.dim()];
            gate = new float[t * c.hidden()];
            up = new float[t * c.hidden()];
            scores = new float[t];
        }
    }

    private void block(int l, float[] h, int t, Workspace ws, ForwardTrace trace) {
        LlamaConfig c = config;
        int d = c.dim();
        int hd = c.headDim();
        int kvWidth = c.kvHeads() * hd;
        float[][] m = transposed[l];
        rmsNorm(h, weights.get("model.layers." + l + ".input_layernorm.weight"), ws.normed, t, d, c.normEps());
        trace.linearInput(l, Linear.Input.ATTENTION, ws.normed, t, d);
        Gemm.multiply(ws.normed, m[Linear.Q.ordinal()], ws.q, t, d, d);
        Gemm.multiply(ws.normed, m[Linear.K.ordinal()], ws.k, t, d, kvWidth);
        Gemm.multiply(ws.normed, m[Linear.V.ordinal()], ws.v, t, d, kvWidth);
        rope(ws.q, t, c.heads(), hd);
        rope(ws.k, t, c.kvHeads(), hd);
        attention(ws, t, c.heads(), c.kvHeads(), hd);
        trace.linearInput(l, Linear.Input.ATTENTION_OUTPUT, ws.attn, t, d);
        Gemm.multiply(ws.attn, m[Linear.O.ordinal()], ws.proj, t, d, d);
        for (int i = 0; i < t * d; i++) {
            h[i] += ws.proj[i];
        }
        rmsNorm(h, weights.get("model.layers." + l + ".post_attention_layernorm.weight"), ws.normed, t, d, c.normEps());
        trace.linearInput(l, Linear.Input.MLP, ws.normed, t, d);
        int f = c.hidden();
        Gemm.multiply(ws.normed, m[Linear.GATE.ordinal()], ws.gate, t, d, f);
        Gemm.multiply(ws.normed, m[Linear.UP.ordinal()], ws.up, t, d, f);
        for (int i = 0; i < t * f; i++) {
            float g = ws.gate[i];
            ws.gate[i] = g / (1f + (float) Math.exp(-g)) * ws.up[i];
        }
        trace.linearInput(l, Linear.Input.MLP_ACTIVATION, ws.gate, t, f);
        Gemm.multiply(ws.gate, m[Linear.DOWN.ordinal()], ws.proj, t, f, d);
        for (int i = 0; i < t * d; i++) {
            h[i] += ws.proj[i];
        }
    }

    static void rmsNorm(float[] x, float[] gain, float[] out, int t, int d, double eps) {
        for (int i = 0; i < t; i++) {
            double ss = 0;
            for (int j = 0; j < d; j++) {
                float v = x[i * d + j];
                ss += v * v;
            }
            float inv = (float) (1.0 / Math.sqrt(ss / d + eps));
            for (int j = 0; j < d; j++) {
                out[i * d + j] = x[i * d + j] * inv * gain[j];
            }
        }
    }

    /** Rotary embedding, "rotate half" layout: pairs (i, i + hd/2) of each head turn by pos * theta^(-2i/hd). */
    private void rope(float[] x, int t, int heads, int hd) {
        int half = hd / 2;
        int width = heads * hd;
        for (int p = 0; p < t; p++) {
            for (int hIdx = 0; hIdx < heads; hIdx++) {
                int base = p * width + hIdx * hd;
                for (int i = 0; i < half; i++) {
                    float c = cos[p * half + i];
                    float s = sin[p * half + i];
                    float x1 = x[base + i];
                    float x2 = x[base + i + half];
                    x[base + i] = x1 * c - x2 * s;
                    x[base + i + half] = x2 * c + x1 * s;
                }
            }
        }
    }

    /** Causal softmax attention per head into {@code ws.attn}. */
    private static void attention(Workspace ws, int t, int heads, int kvHeads, int hd) {
        int width = heads * hd;
        int kvWidth = kvHeads * hd;
        int group = heads / kvHeads;
        float scale = (float) (1.0 / Math.sqrt(hd));
        java.util.Arrays.fill(ws.attn, 0f);
        for (int hIdx = 0; hIdx < heads; hIdx++) {
            int kvOff = (hIdx / group) * hd;
            for (int i = 0; i < t; i++) {
                int qOff = i * width + hIdx * hd;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j <= i; j++) {
                    float s = 0;
                    int kOff = j * kvWidth + kvOff;
                    for (int e = 0; e < hd; e++) {
                        s += ws.q[qOff + e] * ws.k[kOff + e];
                    }
                    s *= scale;
                    ws.scores[j] = s;
                    max = Math.max(max, s);
                }
                float sum = 0;
                for (int j = 0; j <= i; j++) {
                    float p = (float) Math.exp(ws.scores[j] - max);
                    ws.scores[j] = p;
                    sum += p;
                }
                float inv = 1f / sum;
                for (int j = 0; j <= i; j++) {
                    float p = ws.scores[j] * inv;
                    int vOff = j * kvWidth + kvOff;
                    for (int e = 0; e < hd; e++) {
                        ws.attn[qOff + e] += p * ws.v[vOff + e];
                    }
                }
            }
        }
    }

    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    /** Names of all block-linear tensors, layer by layer. */
    public List<String> linearTensorNames() {
        List<String> names = new ArrayList<>();
        for (int l = 0; l < config.layers(); l++) {
            for (Linear lin : Linear.values()) {
                names.add(lin.tensorName(l));
            }
        }
        return names;
    }
}
