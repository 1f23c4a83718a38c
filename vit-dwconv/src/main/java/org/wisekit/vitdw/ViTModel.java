package org.wisekit.vitdw;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.tensor.nd4j.Nd4jThreads;
import org.wisekit.tensor.nd4j.SeededInit;
import org.wisekit.tensor.nd4j.TransformerBlock;

/**
 * A ViT with optional depth-wise convolution shortcuts as a SameDiff graph (see {@link ViTConfig} and
 * {@link DwShortcut}). The DW module follows the official code: the patch tokens of a group's input
 * (cls token dropped), seen as the {@code H x W} patch grid (token n at row n / W, column n % W), go
 * through GELU -> BatchNorm -> k x k depth-wise convolution (padding k / 2, with bias; computed in the
 * per-channel matrix form of {@link #depthwiseConv}), get an all-zero cls row and are added to the
 * group's output.
 *
 * <p>Initialisation follows PyTorch's defaults (linear and conv weights and biases uniform in
 * +-1/sqrt(fan-in), cls token and positions standard normal, norms 1 and 0). Every parameter draws from
 * its own stream seeded by (seed, name), so models with and without shortcuts built from the same seed
 * share the ViT weights exactly. BatchNorm is explicit: the graph takes a {@code train} flag (1: batch
 * statistics, 0: running statistics); {@link #gradients} updates the running statistics like PyTorch
 * (momentum 0.1, unbiased variance).
 *
 * <p>The blocks are the shared pre-LN {@link TransformerBlock} (module tensor-nd4j) and the initial values come
 * from {@link SeededInit}. GELU is ND4J's {@code preciseGelu}, which in 1.0.0-M2.1 computes
 * {@code 0.5 x (1 + tanh(sqrt(2 / pi) x))} (the tanh form without its cubic term; up to 0.034 from PyTorch's
 * erf form). Every run uses SameDiff sessions that never reuse arrays ({@link Nd4jThreads#withoutArrayReuse}).
 */
public final class ViTModel {

    static final String IMAGES = "images";
    static final String LABELS = "labels";
    static final String TRAIN = "train";
    static final String LOGITS = "logits";
    static final String LOSS = "loss";
    private static final double BN_EPS = 1e-5;
    private static final double BN_MOMENTUM = 0.1;

    private final ViTConfig config;
    private final DwShortcut shortcut;
    private final DataType dataType;
    private final SameDiff sd = SameDiff.create();
    private final Map<String, INDArray> parameters = new LinkedHashMap<>();
    private final List<String> batchNorms = new ArrayList<>();
    private final SeededInit init;

    private ViTModel(ViTConfig config, DwShortcut shortcut, long seed, DataType dataType) {
        shortcut.checkDepth(config.depth());
        this.config = config;
        this.shortcut = shortcut;
        this.dataType = dataType;
        this.init = new SeededInit(seed, SeededInit.Mixing.XOR_PRODUCT);
        build();
    }

    /** A float32 model whose weights are drawn from {@code seed}. */
    public static ViTModel create(ViTConfig config, DwShortcut shortcut, long seed) {
        return new ViTModel(config, shortcut, seed, DataType.FLOAT);
    }

    /** The same in {@code dataType} (DOUBLE for gradient checks). */
    static ViTModel create(ViTConfig config, DwShortcut shortcut, long seed, DataType dataType) {
        return new ViTModel(config, shortcut, seed, dataType);
    }

    public ViTConfig config() {
        return config;
    }

    public DwShortcut shortcut() {
        return shortcut;
    }

    /** The trainable parameters by name, in creation order; the arrays are the graph's own (live). */
    public Map<String, INDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** Number of trainable values. */
    public long parameterCount() {
        return parameters.values().stream().mapToLong(INDArray::length).sum();
    }

    /** Number of trainable values in the DW modules (names starting with "dw"). */
    public long dwParameterCount() {
        return parameters.entrySet().stream().filter(e -> e.getKey().startsWith("dw"))
                .mapToLong(e -> e.getValue().length()).sum();
    }

    /** Logits [n, classes] for images [n, H, W, C] in evaluation mode (BatchNorm running statistics). */
    public INDArray logits(INDArray images) {
        Nd4jThreads.withoutArrayReuse(sd);
        return sd.output(feed(images, null, false), LOGITS).get(LOGITS);
    }

    /** The attention probabilities of {@code block} [n, heads, 1 + N, 1 + N] in evaluation mode. */
    public INDArray attention(INDArray images, int block) {
        String name = "block" + block + ".attn.probs";
        Nd4jThreads.withoutArrayReuse(sd);
        return sd.output(feed(images, null, false), name).get(name);
    }

    /**
     * One training-mode pass: the mean cross-entropy against {@code targets} [n, classes] (already
     * smoothed) and its gradients with respect to every parameter; updates the BatchNorm running statistics.
     */
    public Step gradients(INDArray images, INDArray targets) {
        List<String> outputs = new ArrayList<>();
        outputs.add(LOSS);
        for (String bn : batchNorms) {
            outputs.add(bn + ".batchMean");
            outputs.add(bn + ".batchVar");
        }
        if (sd.getFunction("grad") == null) {
            sd.createGradFunction();
        }
        Nd4jThreads.withoutArrayReuse(sd);
        OutAndGrad result = sd.calculateGradientsAndOutputs(feed(images, targets, true), outputs, parameters.keySet());
        long perChannel = images.size(0) * config.patches();
        double unbias = perChannel > 1 ? perChannel / (perChannel - 1.0) : 1.0;
        for (String bn : batchNorms) {
            INDArray runMean = sd.getArrForVarName(bn + ".runMean");
            INDArray runVar = sd.getArrForVarName(bn + ".runVar");
            runMean.muli(1 - BN_MOMENTUM).addi(result.getOutputs().get(bn + ".batchMean").mul(BN_MOMENTUM));
            runVar.muli(1 - BN_MOMENTUM).addi(result.getOutputs().get(bn + ".batchVar").mul(BN_MOMENTUM * unbias));
        }
        return new Step(result.getOutputs().get(LOSS).getDouble(0), result.getGradients());
    }

    /** The training-mode loss alone (batch statistics; running statistics untouched), for gradient checks. */
    double loss(INDArray images, INDArray targets) {
        Nd4jThreads.withoutArrayReuse(sd);
        return sd.output(feed(images, targets, true), LOSS).get(LOSS).getDouble(0);
    }

    /** The output [n, 1 + N, D] of the DW module {@code module} (e.g. "dw0.k3") in evaluation mode. */
    INDArray shortcutOutput(INDArray images, String module) {
        Nd4jThreads.withoutArrayReuse(sd);
        return sd.output(feed(images, null, false), module + ".out").get(module + ".out");
    }

    /** The BatchNorm running mean and variance of the DW module {@code name} (e.g. "dw0.k3"). */
    INDArray[] runningStatistics(String module) {
        return new INDArray[] {sd.getArrForVarName(module + ".bn.runMean"), sd.getArrForVarName(module + ".bn.runVar")};
    }

    /** The loss of a training-mode pass and the gradients by parameter name. */
    public record Step(double loss, Map<String, INDArray> gradients) {
    }

    private Map<String, INDArray> feed(INDArray images, INDArray targets, boolean train) {
        if (images.rank() != 4 || images.size(1) != config.imageHeight() || images.size(2) != config.imageWidth()
                || images.size(3) != config.channels()) {
            throw new IllegalArgumentException("images must be [n, " + config.imageHeight() + ", " + config.imageWidth()
                    + ", " + config.channels() + "], got " + java.util.Arrays.toString(images.shape()));
        }
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(IMAGES, images.castTo(dataType));
        feed.put(TRAIN, Nd4j.scalar(dataType, train ? 1.0 : 0.0));
        if (targets != null) {
            feed.put(LABELS, targets.castTo(dataType));
        }
        return feed;
    }

    // ------------------------------------------------------------------ graph

    private void build() {
        int d = config.width();
        int n = config.patches();
        int t = n + 1;
        SDVariable images = sd.placeHolder(IMAGES, dataType, -1, config.imageHeight(), config.imageWidth(),
                config.channels());
        SDVariable train = sd.placeHolder(TRAIN, dataType);
        SDVariable labels = sd.placeHolder(LABELS, dataType, -1, config.classes());

        // patches in (row, column) order, each flattened as (p1, p2, c) like vit-pytorch's Rearrange
        int p = config.patch();
        SDVariable patches = images.reshape(-1, config.gridHeight(), p, config.gridWidth(), p, config.channels())
                .permute(0, 1, 3, 2, 4, 5).reshape(-1, config.patchDim());
        SDVariable tokens = linear(patches, "patch", config.patchDim(), d).reshape(-1, n, d);
        SDVariable cls = param("cls", normal("cls", 1, 1, d));
        SDVariable clsRow = sd.concat(1, cls, sd.constant(Nd4j.zeros(dataType, 1, n, d)));
        SDVariable x = sd.concat(1, zeroToken(tokens), tokens).add(clsRow).add(param("pos", normal("pos", 1, t, d)));

        int span = shortcut.span();
        for (int group = 0; group < config.depth() / span; group++) {
            List<SDVariable> shortcuts = new ArrayList<>();
            for (int k : shortcut.kernels()) {
                shortcuts.add(dwModule("dw" + group + ".k" + k, x, train, k));
            }
            for (int b = group * span; b < (group + 1) * span; b++) {
                x = block(x, b);
            }
            for (SDVariable s : shortcuts) {
                x = x.add(s);
            }
        }

        SDVariable first = x.get(SDIndex.all(), SDIndex.point(0), SDIndex.all());
        SDVariable logits = linear(layerNorm(first, "head.ln", 1), "head", d, config.classes());
        sd.identity(LOGITS, logits);
        SDVariable logProbs = sd.nn().logSoftmax(logits);
        labels.mul(logProbs).sum(1).mean(0).neg(LOSS);
        sd.setLossVariables(LOSS);
    }

    /**
     * Pre-norm block {@code b}: x + MHSA(LN(x)), then + MLP(LN(x)), as vit-pytorch builds it (the shared
     * {@link TransformerBlock} on [B, T, D] sequences: separate Q, K, V projections without bias, matmul + add,
     * ND4J's preciseGelu, no output projection when there is one head as wide as the model). Parameters are
     * named {@code block<b>.<suffix>} and drawn as PyTorch's nn.Linear / LayerNorm defaults.
     */
    private SDVariable block(SDVariable x, int b) {
        int d = config.width();
        int h = config.heads();
        int hd = config.headDim();
        String name = "block" + b;
        TransformerBlock block = TransformerBlock.builder(d, config.patches() + 1, h, hd, config.mlpDim())
                .layout(TransformerBlock.Layout.SEQUENCES).qkv(TransformerBlock.Qkv.SEPARATE_NO_BIAS)
                .affine(TransformerBlock.Affine.MATMUL_ADD).activation(TransformerBlock.Activation.PRECISE_GELU)
                .outputProjection(!(h == 1 && hd == d)).build();
        return block.apply(sd, x, (param, shape, fanIn) -> {
            String full = name + "." + param.suffix();
            boolean gain = param == TransformerBlock.Param.LN1_GAIN || param == TransformerBlock.Param.LN2_GAIN;
            return param(full, fanIn == 0 ? filled(gain ? 1.0 : 0.0, shape) : uniform(full, fanIn, shape));
        }, name + ".attn.probs");
    }

    /**
     * The DW module on the patch tokens of {@code x} [B, 1 + N, D]: GELU -> BatchNorm -> k x k depth-wise
     * conv on the H x W grid -> tokens, with a zero cls row prepended.
     */
    private SDVariable dwModule(String name, SDVariable x, SDVariable train, int kernel) {
        int d = config.width();
        int n = config.patches();
        SDVariable patchTokens = x.get(SDIndex.all(), SDIndex.interval(1, n + 1), SDIndex.all());
        SDVariable normed = batchNorm(name + ".bn", sd.nn().preciseGelu(patchTokens), train, d);
        double bound = 1.0 / kernel; // PyTorch's default for a depth-wise conv: 1 / sqrt(fan-in = k * k)
        SDVariable weights = param(name + ".conv.w", uniformBounded(name + ".conv.w", bound, kernel, kernel, d, 1));
        SDVariable bias = param(name + ".conv.b", uniformBounded(name + ".conv.b", bound, d));
        SDVariable conv = depthwiseConv(sd, normed, weights, bias, kernel, config.gridHeight(), config.gridWidth(),
                dataType);
        return sd.concat(name + ".out", 1, zeroToken(conv), conv);
    }

    /**
     * The k x k depth-wise convolution (stride 1, zero padding k / 2, weights [k, k, D, 1], bias [D]) of
     * the H x W grid held as tokens [B, H*W, D] (token n at row n / W, column n % W). Written as one
     * N x N matrix per channel, {@code K_d = sum_t w[t, d] S_t}, where the constant 0/1 matrix {@code S_t}
     * picks tap t's input token for every output token; then {@code out_d = K_d x_d} as one batched
     * product. The arithmetic is the convolution's (a test checks it against {@link DepthwiseConv2d} and
     * ND4J's {@code depthwise_conv2d} op), in 7 graph ops instead of the op's im2col path, which made a
     * training step several times slower at the model's shapes.
     */
    public static SDVariable depthwiseConv(SameDiff sd, SDVariable tokens, SDVariable weights, SDVariable bias, int kernel,
                                    int height, int width, DataType dataType) {
        int n = height * width;
        SDVariable taps = sd.constant(Nd4j.create(tapSelection(kernel, height, width), new long[] {kernel * kernel,
                (long) n * n}, 'c').castTo(dataType));
        SDVariable perChannel = sd.linalg().mmul(weights.reshape(kernel * kernel, -1), taps, true, false, false)
                .reshape(-1, n, n);                                        // [D, N_out, N_in]
        SDVariable channelsFirst = tokens.permute(2, 1, 0);                 // [D, N, B]
        return sd.linalg().mmul(perChannel, channelsFirst).permute(2, 1, 0).add(bias);
    }

    /** S[t][out * N + in] = 1 when input token {@code in} is tap t of output token {@code out}, else 0. */
    public static double[] tapSelection(int kernel, int height, int width) {
        int n = height * width;
        int pad = kernel / 2;
        double[] s = new double[kernel * kernel * n * n];
        for (int dy = 0; dy < kernel; dy++) {
            for (int dx = 0; dx < kernel; dx++) {
                int t = dy * kernel + dx;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int iy = y + dy - pad;
                        int ix = x + dx - pad;
                        if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                            s[(t * n + y * width + x) * n + iy * width + ix] = 1;
                        }
                    }
                }
            }
        }
        return s;
    }

    /** ND4J's own depth-wise op on a grid [B, H, W, D] (NHWC, weights [k, k, D, 1]); the comparison baseline. */
    public static SDVariable nd4jDepthwiseConv(SameDiff sd, SDVariable grid, SDVariable weights, SDVariable bias, int kernel) {
        return sd.cnn().depthWiseConv2d(grid, weights, bias, convConfig(kernel));
    }

    /** Stride-1, padding k/2, NHWC settings for ND4J's depth-wise op (weights [k, k, D, 1]). */
    static Conv2DConfig convConfig(int kernel) {
        return Conv2DConfig.builder().kH(kernel).kW(kernel).sH(1).sW(1).pH(kernel / 2).pW(kernel / 2).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NHWC).build();
    }

    /** Tokens [B, H*W, D] -> grid [B, H, W, D]; token n goes to row n / W, column n % W. */
    public static SDVariable tokensToGrid(SDVariable tokens, int gridHeight, int gridWidth, int width) {
        return tokens.reshape(-1, gridHeight, gridWidth, width);
    }

    /** Grid [B, H, W, D] -> tokens [B, H*W, D], the inverse of {@link #tokensToGrid}. */
    public static SDVariable gridToTokens(SDVariable grid, int tokens, int width) {
        return grid.reshape(-1, tokens, width);
    }

    /**
     * BatchNorm over (B, H, W), i.e. over (B, N) of the tokens, per channel: batch statistics when {@code train} is 1, running statistics
     * when it is 0. The batch moments are named outputs so that the caller can update the running ones.
     */
    private SDVariable batchNorm(String name, SDVariable tokens, SDVariable train, int channels) {
        batchNorms.add(name);
        SDVariable gamma = param(name + ".gamma", filled(1.0, channels));
        SDVariable beta = param(name + ".beta", filled(0.0, channels));
        SDVariable runMean = sd.constant(name + ".runMean", Nd4j.zeros(dataType, channels));
        SDVariable runVar = sd.constant(name + ".runVar", Nd4j.ones(dataType, channels));
        SDVariable mean = tokens.mean(name + ".batchMean", false, 0, 1);
        SDVariable centred = tokens.sub(mean);
        SDVariable variance = centred.mul(centred).mean(name + ".batchVar", false, 0, 1);
        SDVariable notTrain = train.rsub(1.0);
        SDVariable useMean = mean.mul(train).add(runMean.mul(notTrain));
        SDVariable useVar = variance.mul(train).add(runVar.mul(notTrain));
        return tokens.sub(useMean).div(sd.math().sqrt(useVar.add(BN_EPS))).mul(gamma).add(beta);
    }

    /** A [B, 1, D] block of zeros shaped like the first token of {@code tokens} (for the cls position). */
    private static SDVariable zeroToken(SDVariable tokens) {
        return tokens.get(SDIndex.all(), SDIndex.interval(0, 1), SDIndex.all()).mul(0.0);
    }

    private SDVariable layerNorm(SDVariable x, String name, int axis) {
        int d = config.width();
        return sd.nn().layerNorm(x, param(name + ".g", filled(1.0, d)), param(name + ".b", filled(0.0, d)), false, axis);
    }

    /** x [rows, in] times W [in, out] plus b, PyTorch's nn.Linear initialisation. */
    private SDVariable linear(SDVariable x, String name, int in, int out) {
        return x.mmul(param(name + ".w", uniform(name + ".w", in, in, out))).add(param(name + ".b", uniform(name + ".b",
                in, out)));
    }

    private SDVariable param(String name, INDArray value) {
        parameters.put(name, value);
        return sd.var(name, value);
    }

    // ------------------------------------------------------------------ initialisation

    /** Uniform in +-1/sqrt(fanIn) from the parameter's own stream (PyTorch's default for linear layers). */
    private INDArray uniform(String name, int fanIn, long... shape) {
        return init.uniformFanIn(name, fanIn, dataType, shape);
    }

    private INDArray uniformBounded(String name, double bound, long... shape) {
        return init.uniform(name, bound, dataType, shape);
    }

    private INDArray normal(String name, long... shape) {
        return init.normal(name, 1.0, dataType, shape);
    }

    private INDArray filled(double value, long... shape) {
        return SeededInit.filled(value, dataType, shape);
    }
}
