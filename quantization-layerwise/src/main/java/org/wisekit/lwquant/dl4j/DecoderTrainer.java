package org.wisekit.lwquant.dl4j;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;
import org.wisekit.lwquant.llama.Linear;
import org.wisekit.lwquant.llama.LlamaConfig;
import org.wisekit.lwquant.llama.LlamaModel;
import org.wisekit.tensor.Normals;
import org.wisekit.tensor.nd4j.Nd4jThreads;

/**
 * Trains a {@link LlamaModel} from scratch with SameDiff on a byte sequence. The SameDiff graph is the
 * same computation as the Java forward pass (same tensor names, RMSNorm, rotate-half RoPE, causal
 * attention, SwiGLU), so the trained variables are exported as the model's weights unchanged.
 *
 * <p>Needs DL4J/ND4J on the class path (optional dependencies of this artifact): {@code
 * org.nd4j:nd4j-native:1.0.0-M2.1} with its platform artifact (e.g. classifier {@code linux-x86_64}) and
 * {@code org.wisekit:wisekit-tensor-nd4j}. Training runs on one ND4J thread and is deterministic for a
 * seed.
 */
public final class DecoderTrainer {

    private final LlamaConfig config;
    private final TrainingConfig training;

    /**
     * @param config   the decoder's shape
     * @param training steps, batch, window, learning rate and seed; the window must fit the context
     */
    public DecoderTrainer(LlamaConfig config, TrainingConfig training) {
        if (training.window() > config.maxContext()) {
            throw new IllegalArgumentException("window " + training.window() + " exceeds maxContext " + config.maxContext());
        }
        this.config = config;
        this.training = training;
    }

    /** The seeded initial weights. */
    public Map<String, float[]> initialWeights() {
        SplittableRandom random = new SplittableRandom(training.seed());
        Map<String, float[]> w = new LinkedHashMap<>();
        double outScale = 1.0 / Math.sqrt(2.0 * config.layers());
        for (Map.Entry<String, Integer> e : LlamaModel.expectedSizes(config).entrySet()) {
            float[] v = new float[e.getValue()];
            String name = e.getKey();
            if (name.endsWith("norm.weight")) {
                java.util.Arrays.fill(v, 1f);
            } else {
                double std = 0.02 * (name.contains("o_proj") || name.contains("down_proj") ? outScale : 1.0);
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (std * Normals.next(random));
                }
            }
            w.put(name, v);
        }
        return w;
    }

    /**
     * @param text     training bytes (as unsigned token ids below vocabSize)
     * @param progress called after each step with the step index
     * @return the trained model and its mean loss on 8 fresh training batches after the last step
     */
    public Result train(int[] text, IntConsumer progress) {
        // One ND4J/OpenMP/BLAS thread: these small ops are faster without thread hand-offs, and the result
        // does not depend on the core count.
        return Nd4jThreads.single(() -> trainOnOneThread(text, progress));
    }

    private Result trainOnOneThread(int[] text, IntConsumer progress) {
        if (text.length < training.window() + 2) {
            throw new IllegalArgumentException("text: " + text.length + " tokens is shorter than one window");
        }
        Nd4j.getRandom().setSeed(training.seed());
        SameDiff sd = graph(initialWeights(), training.batch());
        int b = training.batch();
        int t = training.window();
        sd.setTrainingConfig(org.nd4j.autodiff.samediff.TrainingConfig.builder()
                .updater(new Adam(new WarmupCosine(training.learningRate(), training.steps())))
                .dataSetFeatureMapping("tokens").dataSetLabelMapping("labels")
                .build());
        SplittableRandom random = new SplittableRandom(training.seed() ^ 0x5DEECE66DL);
        int[] in = new int[b * t];
        int[] out = new int[b * t];
        for (int step = 0; step < training.steps(); step++) {
            sample(text, random, in, out, b, t);
            sd.fit(new DataSet(oneHot(in, config.vocabSize()), Nd4j.createFromArray(out)));
            progress.accept(step);
        }
        Map<String, INDArray> ph = new HashMap<>();
        // Final loss: mean over 8 fresh batches.
        double loss = 0;
        for (int i = 0; i < 8; i++) {
            sample(text, random, in, out, b, t);
            ph.put("tokens", oneHot(in, config.vocabSize()));
            ph.put("labels", Nd4j.createFromArray(out));
            loss += sd.output(ph, "loss").get("loss").getDouble(0) / 8;
        }
        return new Result(new LlamaModel(config, export(sd)), loss);
    }

    /**
     * Tokens enter the graph one-hot and meet the embedding through a matmul: SameDiff's gather closes
     * arrays during fit() in this version ("One of Input arguments was closed before call").
     */
    static INDArray oneHot(int[] tokens, int vocab) {
        float[] x = new float[tokens.length * vocab];
        for (int i = 0; i < tokens.length; i++) {
            x[i * vocab + tokens[i]] = 1f;
        }
        return Nd4j.createFromArray(x).reshape(tokens.length, vocab);
    }

    private static void sample(int[] text, SplittableRandom random, int[] in, int[] out, int b, int t) {
        for (int s = 0; s < b; s++) {
            int start = random.nextInt(text.length - t - 1);
            for (int i = 0; i < t; i++) {
                in[s * t + i] = text[start + i];
                out[s * t + i] = text[start + i + 1];
            }
        }
    }

    /** A trained model and its final training loss (nats per byte). */
    public record Result(LlamaModel model, double finalLoss) {
    }

    /** Logits of the SameDiff graph for a batch of windows (rows of {@code tokens}), for equivalence tests. */
    public static float[] sameDiffLogits(LlamaModel model, int[][] tokens) {
        int b = tokens.length;
        int t = tokens[0].length;
        DecoderTrainer trainer = new DecoderTrainer(model.config(), new TrainingConfig(1, b, t, 1e-3, 0));
        SameDiff sd = trainer.graph(model.weights(), b);
        int[] flat = new int[b * t];
        for (int s = 0; s < b; s++) {
            System.arraycopy(tokens[s], 0, flat, s * t, t);
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("tokens", oneHot(flat, model.config().vocabSize()));
        ph.put("labels", Nd4j.createFromArray(flat));
        return sd.output(ph, "logits").get("logits").dup('c').data().asFloat();
    }

    private Map<String, float[]> export(SameDiff sd) {
        Map<String, float[]> w = new LinkedHashMap<>();
        for (String name : LlamaModel.expectedSizes(config).keySet()) {
            w.put(name, sd.getVariable(name).getArr().dup('c').data().asFloat());
        }
        return w;
    }

    SameDiff graph(Map<String, float[]> weights, int b) {
        LlamaConfig c = config;
        int t = training.window();
        int d = c.dim();
        int hd = c.headDim();
        int n = b * t;
        SameDiff sd = SameDiff.create();
        Map<String, SDVariable> v = new HashMap<>();
        for (Map.Entry<String, float[]> e : weights.entrySet()) {
            int[] shape = LlamaModel.shapeOf(c, e.getKey());
            long[] ls = java.util.Arrays.stream(shape).asLongStream().toArray();
            v.put(e.getKey(), sd.var(e.getKey(), Nd4j.createFromArray(e.getValue()).reshape(ls)));
        }
        SDVariable tokens = sd.placeHolder("tokens", DataType.FLOAT, n, c.vocabSize());
        SDVariable labels = sd.placeHolder("labels", DataType.INT32, n);

        // Rotary tables per row (b, pos) and the rotate-half matrix, as constants.
        int kvWidth = c.kvHeads() * hd;
        SDVariable cosQ = sd.constant(Nd4j.createFromArray(ropeTable(b, t, c.heads(), true)).reshape(n, d));
        SDVariable sinQ = sd.constant(Nd4j.createFromArray(ropeTable(b, t, c.heads(), false)).reshape(n, d));
        SDVariable rotQ = sd.constant(Nd4j.createFromArray(rotateHalf(c.heads(), hd)).reshape(d, d));
        SDVariable cosK = sd.constant(Nd4j.createFromArray(ropeTable(b, t, c.kvHeads(), true)).reshape(n, kvWidth));
        SDVariable sinK = sd.constant(Nd4j.createFromArray(ropeTable(b, t, c.kvHeads(), false)).reshape(n, kvWidth));
        SDVariable rotK = sd.constant(Nd4j.createFromArray(rotateHalf(c.kvHeads(), hd)).reshape(kvWidth, kvWidth));
        float[] mask = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                mask[i * t + j] = -1e9f;
            }
        }
        SDVariable causal = sd.constant(Nd4j.createFromArray(mask).reshape(1, 1, t, t));

        SDVariable h = sd.mmul(tokens, v.get(LlamaModel.EMBED));
        for (int l = 0; l < c.layers(); l++) {
            String p = "model.layers." + l + ".";
            SDVariable a = rmsNorm(sd, h, v.get(p + "input_layernorm.weight"), c.normEps());
            SDVariable q = linear(sd, a, v.get(Linear.Q.tensorName(l)));
            SDVariable k = linear(sd, a, v.get(Linear.K.tensorName(l)));
            SDVariable val = linear(sd, a, v.get(Linear.V.tensorName(l)));
            q = q.mul(cosQ).add(sd.mmul(q, rotQ).mul(sinQ));
            k = k.mul(cosK).add(sd.mmul(k, rotK).mul(sinK));
            SDVariable q4 = sd.permute(sd.reshape(q, b, t, c.heads(), hd), 0, 2, 1, 3);
            SDVariable k4 = heads(sd, k, b, t, c.kvHeads(), c.heads(), hd);
            SDVariable v4 = heads(sd, val, b, t, c.kvHeads(), c.heads(), hd);
            SDVariable scores = sd.mmul(q4, k4, false, true, false).mul(1.0 / Math.sqrt(hd)).add(causal);
            SDVariable att = sd.mmul(sd.nn().softmax(scores, 3), v4);
            SDVariable merged = sd.reshape(sd.permute(att, 0, 2, 1, 3), n, d);
            h = h.add(linear(sd, merged, v.get(Linear.O.tensorName(l))));
            SDVariable m = rmsNorm(sd, h, v.get(p + "post_attention_layernorm.weight"), c.normEps());
            SDVariable gate = linear(sd, m, v.get(Linear.GATE.tensorName(l)));
            SDVariable up = linear(sd, m, v.get(Linear.UP.tensorName(l)));
            SDVariable act = gate.mul(sd.nn().sigmoid(gate)).mul(up);
            h = h.add(linear(sd, act, v.get(Linear.DOWN.tensorName(l))));
        }
        SDVariable normed = rmsNorm(sd, h, v.get(LlamaModel.FINAL_NORM), c.normEps());
        SDVariable head = c.tiedEmbeddings() ? v.get(LlamaModel.EMBED) : v.get(LlamaModel.LM_HEAD);
        SDVariable logits = sd.mmul("logits", normed, head, false, true, false);
        sd.loss().sparseSoftmaxCrossEntropy("loss", logits, labels);
        sd.setLossVariables("loss");
        return sd;
    }

    /** [n, kvHeads*hd] -> [b, heads, t, hd], repeating each key/value head for its query group. */
    private static SDVariable heads(SameDiff sd, SDVariable x, int b, int t, int kvHeads, int heads, int hd) {
        SDVariable x4 = sd.permute(sd.reshape(x, b, t, kvHeads, hd), 0, 2, 1, 3);
        if (kvHeads == heads) {
            return x4;
        }
        int group = heads / kvHeads;
        SDVariable[] parts = new SDVariable[kvHeads];
        for (int g = 0; g < kvHeads; g++) {
            SDVariable one = x4.get(org.nd4j.autodiff.samediff.SDIndex.all(),
                    org.nd4j.autodiff.samediff.SDIndex.interval(g, g + 1),
                    org.nd4j.autodiff.samediff.SDIndex.all(), org.nd4j.autodiff.samediff.SDIndex.all());
            SDVariable[] copies = new SDVariable[group];
            java.util.Arrays.fill(copies, one);
            parts[g] = sd.concat(1, copies);
        }
        return sd.concat(1, parts);
    }

    private static SDVariable linear(SameDiff sd, SDVariable x, SDVariable w) {
        return sd.mmul(x, w, false, true, false);
    }

    private static SDVariable rmsNorm(SameDiff sd, SDVariable x, SDVariable gain, double eps) {
        SDVariable meanSquare = x.mul(x).mean(true, 1);
        return x.div(sd.math().sqrt(meanSquare.add(eps))).mul(gain);
    }

    /** cos (or sin) of pos * theta^(-2i/hd) for every row (b, pos) and column (head, i) of q or k. */
    private float[] ropeTable(int b, int t, int heads, boolean cos) {
        int hd = config.headDim();
        int half = hd / 2;
        float[] out = new float[b * t * heads * hd];
        int width = heads * hd;
        for (int s = 0; s < b; s++) {
            for (int p = 0; p < t; p++) {
                for (int h = 0; h < heads; h++) {
                    for (int j = 0; j < hd; j++) {
                        double angle = p * Math.pow(config.ropeTheta(), -2.0 * (j % half) / hd);
                        out[(s * t + p) * width + h * hd + j] = (float) (cos ? Math.cos(angle) : Math.sin(angle));
                    }
                }
            }
        }
        return out;
    }

    /** R with x R = rotate_half(x) per head: (x1, x2) -> (-x2, x1). */
    private static float[] rotateHalf(int heads, int hd) {
        int width = heads * hd;
        int half = hd / 2;
        float[] r = new float[width * width];
        for (int h = 0; h < heads; h++) {
            int o = h * hd;
            for (int i = 0; i < half; i++) {
                r[(o + i + half) * width + (o + i)] = -1f;
                r[(o + i) * width + (o + i + half)] = 1f;
            }
        }
        return r;
    }

    /** Linear warm-up over 5 % of the steps, then cosine decay to 10 % of the peak. */
    private static final class WarmupCosine implements ISchedule {
        private final double peak;
        private final int steps;

        WarmupCosine(double peak, int steps) {
            this.peak = peak;
            this.steps = steps;
        }

        @Override
        public double valueAt(int iteration, int epoch) {
            int warm = Math.max(1, steps / 20);
            if (iteration < warm) {
                return peak * (iteration + 1) / warm;
            }
            double progress = Math.min(1.0, (iteration - warm) / (double) Math.max(1, steps - warm));
            return peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
        }

        @Override
        public ISchedule clone() {
            return new WarmupCosine(peak, steps);
        }
    }
}
