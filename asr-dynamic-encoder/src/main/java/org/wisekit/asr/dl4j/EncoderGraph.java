package org.wisekit.asr.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.asr.EncoderConfig;
import org.wisekit.asr.ModuleType;

/**
 * Builds SameDiff graphs of the Conformer-CTC encoder on shared {@link ConformerWeights}. A graph runs one or
 * more <em>passes</em> over the same input batch, each through its own subset of modules and with its own gates
 * and output layer (the supernet and the subnets of one training step); modules a pass does not keep are not
 * built at all, so a pruned pass computes less (the code's {@code hard_prune}: {@code x <- x}).
 *
 * <p>Inputs ({@code B} fixed per graph, {@code T} free): {@link #FEATURES} {@code [B, T, melBins * stack]},
 * {@link #FRAME_MASK} {@code [B, T, 1]} (1 on real frames, 0 on padding), {@link #KEY_BIAS} {@code [B, 1, 1, T]}
 * (0 on real frames, -1e9 on padding; attention never looks at padding). The depthwise convolution sees padding
 * as zeros, so a frame's output never depends on how much padding its batch has.
 *
 * <p>The CTC loss is computed outside the graph ({@code org.wisekit.asr.ctc.Ctc}): ND4J 1.0.0-M2.1's
 * {@code ctc_loss} cannot be placed in a SameDiff graph (its op declares no output data types) and its
 * {@code doDiff} ignores the incoming gradient. A training graph therefore takes, per pass {@code p}, the CTC
 * gradient with respect to that pass's logits as the placeholder {@code ctcGrad<p>} and its loss is
 * {@code sum_p sum(logits_p * ctcGrad_p)}, whose gradient with respect to every parameter is the CTC gradient
 * (the chain rule with the logits' gradient held fixed; the trainer puts each pass's loss weight into its fed
 * gradient).
 */
final class EncoderGraph {

    static final String FEATURES = "features";
    static final String FRAME_MASK = "frameMask";
    static final String KEY_BIAS = "keyBias";
    static final String SHIFTS = "shifts";
    static final String BAND_SHAPE = "bandShape";
    static final String CTC_GRADIENT = "ctcGrad";
    static final String SOFT_GATES = "softGates";
    static final String GATES = "gates";
    static final String LOSS = "loss";

    /** How a pass scales its modules' outputs. */
    enum Gates {
        /** No gate: {@code x + scale * module(x)}. */
        NONE,
        /** Per row and module, from the placeholder {@code gates<p>} {@code [B, L]} (layer-drop noise / survival). */
        ROWS,
        /** One gate per module from the variable {@link #SOFT_GATES} {@code [L]}, whose gradient the trainer reads. */
        SOFT
    }

    /**
     * One pass of a graph.
     *
     * @param kept     which modules are built (null: all)
     * @param gates    how module outputs are gated
     * @param headSize the size whose output layer produces this pass's logits
     * @param weight   the pass's weight in the training loss
     */
    record Pass(boolean[] kept, Gates gates, int headSize, double weight) {
        boolean keeps(int module) {
            return kept == null || kept[module];
        }
    }

    /** A built graph and the names of its variables. */
    record Built(SameDiff graph, List<String> parameters, List<String> logits, List<Double> weights,
                 int modulesBuilt) {
    }

    private final EncoderConfig config;
    private final ConformerWeights weights;
    private final int batch;
    private SameDiff sd;
    private SDVariable frameMask;
    private SDVariable keyBias;
    private SDVariable shifts;
    private SDVariable bandShape;
    private final List<String> parameters = new ArrayList<>();

    private EncoderGraph(ConformerWeights weights, int batch) {
        this.config = weights.config();
        this.weights = weights;
        this.batch = batch;
    }

    /**
     * Builds a graph.
     *
     * @param weights  the shared parameters
     * @param batch    the fixed batch size B
     * @param passes   the passes, in order
     * @param withLoss whether to add the surrogate loss {@link #LOSS} (see the class comment)
     * @return the graph and its names
     */
    static Built build(ConformerWeights weights, int batch, List<Pass> passes, boolean withLoss) {
        return new EncoderGraph(weights, batch).build(passes, withLoss);
    }

    private Built build(List<Pass> passes, boolean withLoss) {
        sd = SameDiff.create();
        SDVariable features = sd.placeHolder(FEATURES, DataType.FLOAT, -1, config.inputDim());
        frameMask = sd.placeHolder(FRAME_MASK, DataType.FLOAT, -1, 1);
        keyBias = sd.placeHolder(KEY_BIAS, DataType.FLOAT, batch, 1, 1, -1);
        shifts = sd.placeHolder(SHIFTS, DataType.FLOAT, config.convKernel(), -1);
        bandShape = sd.placeHolder(BAND_SHAPE, DataType.INT64, 3);
        SDVariable front = linear(features, "front.");
        List<String> logits = new ArrayList<>();
        SDVariable total = null;
        int built = 0;
        for (int p = 0; p < passes.size(); p++) {
            Pass pass = passes.get(p);
            SDVariable gates = switch (pass.gates()) {
                case NONE -> null;
                case ROWS -> sd.placeHolder(GATES + p, DataType.FLOAT, -1, config.modules());
                case SOFT -> sd.var(SOFT_GATES, Nd4j.ones(DataType.FLOAT, config.modules()));
            };
            SDVariable x = front;
            for (int i = 0; i < config.modules(); i++) {
                if (pass.keeps(i)) {
                    SDVariable out = module(i, x);
                    double scale = ModuleType.of(i).scale();
                    out = switch (pass.gates()) {
                        // fed row gates hold scale * gate (one column per module, one row per frame)
                        case ROWS -> out.mul(sd.slice(gates, new int[] {0, i}, -1, 1));
                        case SOFT -> out.mul(gates.get(SDIndex.point(i)).mul(scale));
                        case NONE -> scale == 1 ? out : out.mul(scale);
                    };
                    x = x.add(out);
                    built++;
                }
                if (i % 4 == 3) {
                    x = norm(x, "blk" + i / 4 + ".ln");
                }
            }
            SDVariable out = sd.identity("logits" + p, linear(x, "head" + pass.headSize() + "."));
            logits.add(out.name());
            if (withLoss) {
                SDVariable gradient = sd.placeHolder(CTC_GRADIENT + p, DataType.FLOAT, -1, config.vocab());
                // the pass's loss weight is already in the fed gradient
                SDVariable weighted = out.mul(gradient).sum();
                total = total == null ? weighted : total.add(weighted);
            }
        }
        if (withLoss) {
            total.rename(LOSS);
            sd.setLossVariables(LOSS);
        }
        return new Built(sd, List.copyOf(parameters), logits, passes.stream().map(Pass::weight).toList(), built);
    }

    private SDVariable module(int i, SDVariable x) {
        String p = ConformerWeights.modulePrefix(i);
        SDVariable h = norm(x, p + "ln");
        return switch (ModuleType.of(i)) {
            case FEED_FORWARD_1, FEED_FORWARD_2 -> linear(sd.nn().swish(linear(h, p + "ff1.")), p + "ff2.");
            case CONVOLUTION -> {
                SDVariable glu = linear(h, p + "glu.a.").mul(sd.nn().sigmoid(linear(h, p + "glu.g.")));
                SDVariable conv = depthwise(glu.mul(frameMask), p);
                yield linear(sd.nn().swish(norm(conv, p + "ln2")), p + "pw.");
            }
            case SELF_ATTENTION -> attention(h, p);
        };
    }

    /**
     * Same-padded depthwise convolution over time, {@code y[t] = b + sum_k w[k] * x[t + k - K/2]} (zeros outside
     * the sequence), as one banded {@code [T, T]} matrix per channel: {@code A_c = sum_k w[c, k] S_k} with the fed
     * shift matrices {@link #SHIFTS} ({@code S_k[t, s] = 1} where {@code s = t + k - K/2}), applied to all
     * sequences with one batched matrix product. (A chain of K slices took most of a training step in
     * SameDiff, {@code depthwise_conv2d} was slower still, and {@code gather} and {@code tensorMmul} fail when
     * differentiated in ND4J 1.0.0-M2.1.)
     */
    private SDVariable depthwise(SDVariable rows, String p) {
        int d = config.dim();
        // [d, K] x [K, T * T] -> [d, T, T]; the shape is fed because T is not fixed
        SDVariable matrices = param(p + "dw").mmul(shifts).reshape(bandShape);
        SDVariable channels = rows.reshape(batch, -1, d).permute(2, 1, 0);             // [d, T, B]
        SDVariable conv = sd.linalg().mmul(matrices, channels).permute(2, 1, 0);        // [B, T, d]
        return conv.reshape(-1, d).add(param(p + "dwb"));
    }

    private SDVariable attention(SDVariable h, String p) {
        int d = config.dim();
        int heads = config.heads();
        int dh = config.headDim();
        SDVariable qkv = linear(h, p + "qkv.").reshape(batch, -1, 3, heads, dh).permute(2, 0, 3, 1, 4);
        SDVariable[] split = sd.unstack(qkv, 0, 3);                                      // each [B, h, T, dh]
        SDVariable scores = sd.linalg().mmul(split[0], split[1], false, true, false).mul(1.0 / Math.sqrt(dh))
                .add(keyBias);
        SDVariable probs = sd.nn().softmax(scores, 3);
        SDVariable context = sd.linalg().mmul(probs, split[2]).permute(0, 2, 1, 3).reshape(-1, d);
        return linear(context, p + "out.");
    }

    /** {@code x W + b} on rows (xw_plus_b), with the parameters {@code <prefix>w} and {@code <prefix>b}. */
    private SDVariable linear(SDVariable rows, String prefix) {
        return sd.nn().linear(rows, param(prefix + "w"), param(prefix + "b"));
    }

    private SDVariable norm(SDVariable rows, String prefix) {
        return sd.nn().layerNorm(rows, param(prefix + ".g"), param(prefix + ".b"), false, 1);
    }

    private SDVariable param(String name) {
        if (sd.hasVariable(name)) {
            return sd.getVariable(name);
        }
        parameters.add(name);
        return sd.var(name, weights.get(name));
    }
}
