package org.wisekit.tensor.nd4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The pre-LayerNorm transformer block as SameDiff ops: {@code x + Attn(LN1(x))}, then {@code + MLP(LN2(.))},
 * with multi-head scaled dot-product attention and a two-layer MLP. The wisekit models that build transformer
 * encoders (vit-dwconv's ViT, fl-multimodal's image and audio encoders) build their blocks here; the
 * {@link Builder} options cover the ways they differ: the token layout, fused or separate Q/K/V projections, the
 * affine op, the GELU form and whether the attention has an output projection. There is no dropout.
 *
 * <p>The block does not own its parameters: {@link #apply} asks a {@link Parameters} source for each one as
 * the ops that use it are built, always in the order of {@link Param} (skipping those the options leave out),
 * so callers choose names and initial values, and a caller that creates its variables in that order gets the
 * same variables in the same order whatever the options.
 *
 * <p>Shapes: {@code d = dim}, {@code T = tokens}, {@code h = heads}, {@code dh = headDim},
 * {@code inner = h * dh}. Per-token ops (norms, projections, MLP) run on {@code [B * T, d]} rows; attention on
 * {@code [B, h, T, dh]}. Instances are immutable.
 */
public final class TransformerBlock {

    /** How the block's input and output hold the tokens. */
    public enum Layout {
        /** {@code [B * T, d]}: one row per token (LayerNorm over axis 1). */
        ROWS,
        /** {@code [B, T, d]}: one matrix per sequence (LayerNorm over axis 2, per-token ops reshaped to rows). */
        SEQUENCES
    }

    /** How queries, keys and values are projected from the normalised tokens. */
    public enum Qkv {
        /** One {@code [d, 3 inner]} weight with a {@code [3 inner]} bias, split as (q, k, v) x heads (timm). */
        FUSED_WITH_BIAS,
        /** Three {@code [d, inner]} weights without bias (vit-pytorch). */
        SEPARATE_NO_BIAS
    }

    /** The op of every affine map {@code x W + b}. */
    public enum Affine {
        /** ND4J's {@code xw_plus_b} ({@code sd.nn().linear}). */
        XW_PLUS_B,
        /** {@code matmul} followed by {@code add}. */
        MATMUL_ADD
    }

    /** The MLP's activation. */
    public enum Activation {
        /** ND4J's {@code gelu}: the sigmoid approximation {@code x sigmoid(1.702 x)}. */
        GELU,
        /**
         * ND4J's {@code precise_gelu}, which in 1.0.0-M2.1 computes {@code 0.5 x (1 + tanh(sqrt(2 / pi) x))}: the tanh
         * approximation without its cubic term (up to 0.034 from the exact GELU).
         */
        PRECISE_GELU
    }

    /** The block's parameters, in the order {@link #apply} asks for them, with their default name suffixes. */
    public enum Param {
        /** First LayerNorm gain {@code [d]}. */
        LN1_GAIN("ln1.g"),
        /** First LayerNorm bias {@code [d]}. */
        LN1_BIAS("ln1.b"),
        /** Query weight {@code [d, inner]} ({@link Qkv#SEPARATE_NO_BIAS}). */
        QUERY("attn.wq"),
        /** Key weight {@code [d, inner]} ({@link Qkv#SEPARATE_NO_BIAS}). */
        KEY("attn.wk"),
        /** Value weight {@code [d, inner]} ({@link Qkv#SEPARATE_NO_BIAS}). */
        VALUE("attn.wv"),
        /** Fused query-key-value weight {@code [d, 3 inner]} ({@link Qkv#FUSED_WITH_BIAS}). */
        QKV("attn.wqkv"),
        /** Fused query-key-value bias {@code [3 inner]} ({@link Qkv#FUSED_WITH_BIAS}). */
        QKV_BIAS("attn.bqkv"),
        /** Attention output weight {@code [inner, d]} (with an output projection). */
        OUT_WEIGHT("attn.out.w"),
        /** Attention output bias {@code [d]} (with an output projection). */
        OUT_BIAS("attn.out.b"),
        /** Second LayerNorm gain {@code [d]}. */
        LN2_GAIN("ln2.g"),
        /** Second LayerNorm bias {@code [d]}. */
        LN2_BIAS("ln2.b"),
        /** First MLP weight {@code [d, mlp]}. */
        MLP1_WEIGHT("mlp1.w"),
        /** First MLP bias {@code [mlp]}. */
        MLP1_BIAS("mlp1.b"),
        /** Second MLP weight {@code [mlp, d]}. */
        MLP2_WEIGHT("mlp2.w"),
        /** Second MLP bias {@code [d]}. */
        MLP2_BIAS("mlp2.b");

        private final String suffix;

        Param(String suffix) {
            this.suffix = suffix;
        }

        /** The default name suffix, e.g. {@code attn.wq}; a block named {@code block0} calls it {@code block0.attn.wq}. */
        public String suffix() {
            return suffix;
        }
    }

    /** Where the block's parameters come from; called once per parameter, in {@link Param} order. */
    @FunctionalInterface
    public interface Parameters {

        /**
         * The variable for one parameter.
         *
         * @param param what the parameter is
         * @param shape its shape
         * @param fanIn the input width of the affine map it belongs to ({@code d}, {@code inner} or {@code mlp}),
         *              0 for LayerNorm parameters (PyTorch's default initialisation bounds use it)
         * @return a variable of the block's graph with that shape
         */
        SDVariable get(Param param, long[] shape, int fanIn);
    }

    private final int dim;
    private final int tokens;
    private final int heads;
    private final int headDim;
    private final int mlpDim;
    private final Layout layout;
    private final Qkv qkv;
    private final Affine affine;
    private final Activation activation;
    private final boolean outputProjection;

    private TransformerBlock(Builder b) {
        this.dim = b.dim;
        this.tokens = b.tokens;
        this.heads = b.heads;
        this.headDim = b.headDim;
        this.mlpDim = b.mlpDim;
        this.layout = b.layout;
        this.qkv = b.qkv;
        this.affine = b.affine;
        this.activation = b.activation;
        this.outputProjection = b.outputProjection;
    }

    /**
     * A builder with the defaults: {@link Layout#ROWS}, {@link Qkv#FUSED_WITH_BIAS}, {@link Affine#XW_PLUS_B},
     * {@link Activation#GELU}, with an output projection.
     *
     * @param dim     model width d
     * @param tokens  tokens per sequence T
     * @param heads   attention heads h
     * @param headDim width per head dh
     * @param mlpDim  hidden width of the MLP
     * @return a new builder
     */
    public static Builder builder(int dim, int tokens, int heads, int headDim, int mlpDim) {
        return new Builder(dim, tokens, heads, headDim, mlpDim);
    }

    /** Options of a {@link TransformerBlock}; every setter returns this builder. */
    public static final class Builder {
        private final int dim;
        private final int tokens;
        private final int heads;
        private final int headDim;
        private final int mlpDim;
        private Layout layout = Layout.ROWS;
        private Qkv qkv = Qkv.FUSED_WITH_BIAS;
        private Affine affine = Affine.XW_PLUS_B;
        private Activation activation = Activation.GELU;
        private boolean outputProjection = true;

        private Builder(int dim, int tokens, int heads, int headDim, int mlpDim) {
            if (dim < 1 || tokens < 1 || heads < 1 || headDim < 1 || mlpDim < 1) {
                throw new IllegalArgumentException("dim, tokens, heads, headDim and mlpDim must be >= 1, got " + dim + ", "
                        + tokens + ", " + heads + ", " + headDim + ", " + mlpDim);
            }
            this.dim = dim;
            this.tokens = tokens;
            this.heads = heads;
            this.headDim = headDim;
            this.mlpDim = mlpDim;
        }

        /** How the input and output hold the tokens. */
        public Builder layout(Layout value) {
            this.layout = java.util.Objects.requireNonNull(value, "layout");
            return this;
        }

        /** Fused or separate query-key-value projections. */
        public Builder qkv(Qkv value) {
            this.qkv = java.util.Objects.requireNonNull(value, "qkv");
            return this;
        }

        /** The op of the affine maps. */
        public Builder affine(Affine value) {
            this.affine = java.util.Objects.requireNonNull(value, "affine");
            return this;
        }

        /** The MLP's activation. */
        public Builder activation(Activation value) {
            this.activation = java.util.Objects.requireNonNull(value, "activation");
            return this;
        }

        /** Whether the attention output goes through an affine map {@code [inner, d]} (needs inner = d when false). */
        public Builder outputProjection(boolean value) {
            this.outputProjection = value;
            return this;
        }

        /** The block. */
        public TransformerBlock build() {
            if (!outputProjection && heads * headDim != dim) {
                throw new IllegalArgumentException("without an output projection heads * headDim must equal dim, got "
                        + heads + " * " + headDim + " != " + dim);
            }
            return new TransformerBlock(this);
        }
    }

    /** Model width d. */
    public int dim() {
        return dim;
    }

    /** Attention width {@code heads * headDim}. */
    public int innerDim() {
        return heads * headDim;
    }

    /**
     * Builds the block on {@code x} in {@code sd}.
     *
     * @param sd         the graph
     * @param x          the input tokens, {@code [B * T, d]} or {@code [B, T, d]} as the layout says
     * @param parameters the source of the block's variables
     * @param probsName  name of the attention probabilities {@code [B, h, T, T]} (to read them back), or null
     * @return the output tokens, in the input's layout
     */
    public SDVariable apply(SameDiff sd, SDVariable x, Parameters parameters, String probsName) {
        int inner = innerDim();
        SDVariable n1 = norm(sd, x, parameters, Param.LN1_GAIN, Param.LN1_BIAS);
        SDVariable q;
        SDVariable k;
        SDVariable v;
        if (qkv == Qkv.FUSED_WITH_BIAS) {
            SDVariable fused = affine(sd, n1, parameters, Param.QKV, Param.QKV_BIAS, dim, 3 * inner)
                    .reshape(-1, tokens, 3, heads, headDim);
            SDVariable[] split = sd.unstack(fused.permute(2, 0, 3, 1, 4), 0, 3);   // each [B, h, T, dh]
            q = split[0];
            k = split[1];
            v = split[2];
        } else {
            q = headsOf(n1.mmul(parameters.get(Param.QUERY, new long[] {dim, inner}, dim)));
            k = headsOf(n1.mmul(parameters.get(Param.KEY, new long[] {dim, inner}, dim)));
            v = headsOf(n1.mmul(parameters.get(Param.VALUE, new long[] {dim, inner}, dim)));
        }
        SDVariable scores = sd.linalg().mmul(q, k, false, true, false).mul(1.0 / Math.sqrt(headDim));
        SDVariable probs = probsName == null ? sd.nn().softmax(scores, 3) : sd.nn().softmax(probsName, scores, 3);
        SDVariable context = sd.linalg().mmul(probs, v).permute(0, 2, 1, 3).reshape(-1, inner);
        SDVariable attended = outputProjection
                ? affine(sd, context, parameters, Param.OUT_WEIGHT, Param.OUT_BIAS, inner, dim) : context;
        SDVariable h1 = x.add(toLayout(attended));
        SDVariable n2 = norm(sd, h1, parameters, Param.LN2_GAIN, Param.LN2_BIAS);
        SDVariable hidden = affine(sd, n2, parameters, Param.MLP1_WEIGHT, Param.MLP1_BIAS, dim, mlpDim);
        hidden = activation == Activation.GELU ? sd.nn().gelu(hidden) : sd.nn().preciseGelu(hidden);
        return h1.add(toLayout(affine(sd, hidden, parameters, Param.MLP2_WEIGHT, Param.MLP2_BIAS, mlpDim, dim)));
    }

    /** LayerNorm over the features; the result as rows [B * T, d]. */
    private SDVariable norm(SameDiff sd, SDVariable x, Parameters parameters, Param gain, Param bias) {
        long[] shape = {dim};
        if (layout == Layout.ROWS) {
            return sd.nn().layerNorm(x, parameters.get(gain, shape, 0), parameters.get(bias, shape, 0), false, 1);
        }
        return sd.nn().layerNorm(x, parameters.get(gain, shape, 0), parameters.get(bias, shape, 0), false, 2)
                .reshape(-1, dim);
    }

    private SDVariable affine(SameDiff sd, SDVariable rows, Parameters parameters, Param weight, Param bias, int in,
                              int out) {
        SDVariable w = parameters.get(weight, new long[] {in, out}, in);
        if (affine == Affine.XW_PLUS_B) {
            return sd.nn().linear(rows, w, parameters.get(bias, new long[] {out}, in));
        }
        SDVariable product = rows.mmul(w);
        return product.add(parameters.get(bias, new long[] {out}, in));
    }

    /** [B * T, inner] -> [B, h, T, dh]. */
    private SDVariable headsOf(SDVariable rows) {
        return rows.reshape(-1, tokens, heads, headDim).permute(0, 2, 1, 3);
    }

    private SDVariable toLayout(SDVariable rows) {
        return layout == Layout.ROWS ? rows : rows.reshape(-1, tokens, dim);
    }
}
