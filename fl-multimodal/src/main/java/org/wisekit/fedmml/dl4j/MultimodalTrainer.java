package org.wisekit.fedmml.dl4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.fedmml.data.AvSamples;
import org.wisekit.fedmml.dl4j.model.Graphs;
import org.wisekit.fedmml.dl4j.model.ModelConfig;
import org.wisekit.fedmml.dl4j.model.ModelGraph;
import org.wisekit.fedmml.dl4j.model.ModelLayout;
import org.wisekit.fedmml.dl4j.model.OpCostMeter;
import org.wisekit.fedmml.dl4j.model.Segment;
import org.wisekit.fedmml.dl4j.model.Task;
import org.wisekit.fedmml.fl.NamedTensors;
import org.wisekit.tensor.nd4j.AdamW;
import org.wisekit.tensor.Shuffles;

/**
 * Local training and evaluation of the multimodal model with SameDiff. Keeps the built graphs (one per stage
 * plan) so that many simulated clients can share them; synchronised, so one client trains at a time.
 *
 * <p>A step of a plan with a frozen prefix first runs the prefix graph forward only (no gradient graph, no
 * activations kept), then the training graph, whose variables are exactly the trainable tensors, so nothing is
 * back-propagated into frozen layers. Costs come from the ops that ran ({@link OpCostMeter}).
 */
public final class MultimodalTrainer {

    private final ModelLayout layout;
    private final Task task;
    private final Map<Object, ModelGraph> graphs = new HashMap<>();

    public MultimodalTrainer(ModelConfig config, Task task) {
        this.layout = new ModelLayout(config);
        this.task = task;
    }

    public ModelLayout layout() {
        return layout;
    }

    public Task task() {
        return task;
    }

    /** Local-training settings. */
    public record Settings(int epochs, int batch, double lr, double weightDecay, double proximalMu) {

        public Settings {
            if (epochs < 1 || batch < 2 || !(lr > 0) || !(weightDecay >= 0) || !(proximalMu >= 0)) {
                throw new IllegalArgumentException("invalid settings: epochs=" + epochs + ", batch=" + batch + ", lr=" + lr
                        + ", weightDecay=" + weightDecay + ", proximalMu=" + proximalMu);
            }
        }
    }

    /**
     * What local training cost.
     *
     * @param meanLoss  mean training loss over the steps
     * @param steps     optimiser steps
     * @param flops     FLOPs of every executed op (frozen-prefix forward included)
     * @param peakBytes the largest memory of one step: all model parameters, optimiser state, the arrays the
     *                  training step allocated (activations and gradients), the input batch and the prefix output;
     *                  or, while the prefix runs, parameters plus its largest op
     */
    public record Stats(double meanLoss, int steps, long flops, long peakBytes) {
    }

    /** Trains {@code model}'s trainable tensors of {@code plan} in place; {@code anchor} is FedProx's global copy or null. */
    public synchronized Stats train(NamedTensors model, StagePlan plan, AvSamples data, Settings s, long seed,
                                    NamedTensors anchor) {
        ModelGraph trainGraph = trainingGraph(plan);
        ModelGraph prefix = plan.hasFrozenPrefix() ? prefixGraph(plan) : null;
        if (prefix != null) {
            prefix.load(model);
        }
        AdamW optimiser = new AdamW();
        OpCostMeter stepMeter = new OpCostMeter();
        OpCostMeter prefixMeter = new OpCostMeter();
        long modelBytes = 4 * model.elements();
        long flops = 0;
        long peak = 0;
        double lossSum = 0;
        int steps = 0;
        Random rng = new Random(seed);
        int[] order = Shuffles.identity(data.size());
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            Shuffles.shuffle(order, rng);
            for (int from = 0; from + 2 <= data.size(); from += s.batch()) {
                int[] batch = java.util.Arrays.copyOfRange(order, from, Math.min(data.size(), from + s.batch()));
                Map<String, INDArray> inputs = inputs(data, batch, true);
                long inputBytes = bytes(inputs);
                long prefixOut = 0;
                if (prefix != null) {
                    prefixMeter.reset();
                    Map<String, INDArray> raw = new HashMap<>();
                    for (String modality : List.of(ModelLayout.IMAGE, ModelLayout.AUDIO)) {
                        if ((modality.equals(ModelLayout.IMAGE) ? plan.imageFrozen() : plan.audioFrozen()) > 0) {
                            raw.put(modality + ".in", inputs.get(modality + ".in"));
                        }
                    }
                    Map<String, INDArray> tokens = prefix.output(raw, prefixMeter);
                    flops += prefixMeter.flops();
                    peak = Math.max(peak, modelBytes + inputBytes + prefixMeter.largestOpBytes());
                    for (var e : tokens.entrySet()) {
                        String modality = e.getKey().substring(0, 3);
                        inputs.put(modality + ".in", e.getValue());
                        prefixOut += e.getValue().length() * 4;
                    }
                }
                trainGraph.load(model);
                stepMeter.reset();
                Map<String, INDArray> grads = trainGraph.gradients(inputs, stepMeter);
                optimiser.nextStep();
                for (String name : trainGraph.parameterNames()) {
                    optimiser.update(name, model.get(name), Nd4j.toFlattened('c', grads.get(name)).toFloatVector(),
                            s.lr(), s.weightDecay(), anchor == null ? null : anchor.get(name), s.proximalMu());
                }
                flops += stepMeter.flops();
                peak = Math.max(peak, modelBytes + optimiser.stateBytes() + stepMeter.allocatedBytes() + inputBytes
                        + prefixOut);
                lossSum += grads.get("loss").getDouble(0);
                steps++;
            }
        }
        return new Stats(steps == 0 ? Double.NaN : lossSum / steps, steps, flops, peak);
    }

    /**
     * Test metrics of the model with the plan's depths; {@code loss} is the task's loss over the whole set (mean
     * cross-entropy for fusion, the symmetric InfoNCE over all pairs for contrastive), computed in double.
     */
    public record Evaluation(double accuracy, double recallAt1, double recallAt5, double zeroShotAccuracy, double loss) {
    }

    /**
     * Fusion: top-1 accuracy (%). Contrastive: label-level Recall@1/5 (%) averaged over image-to-audio and
     * audio-to-image retrieval (a hit is a retrieved item of the same digit; pairing is by label, so instance
     * recall is not defined), and zero-shot accuracy (%) of images against the class means of the audio
     * embeddings. Metrics that do not apply are NaN.
     */
    public synchronized Evaluation evaluate(NamedTensors model, StagePlan plan, AvSamples test) {
        ModelGraph g = graphs.computeIfAbsent(List.of("eval", plan.imageDepth(), plan.audioDepth()),
                k -> Graphs.evaluation(layout, task, plan.imageDepth(), plan.audioDepth()));
        g.load(model);
        int n = test.size();
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        Map<String, INDArray> out = g.output(inputs(test, all, false), new OpCostMeter());
        if (task == Task.FUSION) {
            INDArray predicted = out.get("logits").argMax(1);
            int correct = 0;
            for (int i = 0; i < n; i++) {
                correct += predicted.getInt(i) == test.labels()[i] ? 1 : 0;
            }
            return new Evaluation(100.0 * correct / n, Double.NaN, Double.NaN, Double.NaN,
                    crossEntropy(out.get("logits").toFloatMatrix(), test.labels()));
        }
        float[][] zi = out.get("img.z").toFloatMatrix();
        float[][] za = out.get("aud.z").toFloatMatrix();
        return new Evaluation(Double.NaN, Retrieval.labelRecall(zi, za, test.labels(), 1),
                Retrieval.labelRecall(zi, za, test.labels(), 5), Retrieval.zeroShot(zi, za, test.labels(), 10),
                infoNce(zi, za, layout.config().temperature()));
    }

    /** Mean of {@code -log softmax(logits_i)[label_i]}, in double. */
    static double crossEntropy(float[][] logits, int[] labels) {
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            sum += logSumExp(logits[i]) - logits[i][labels[i]];
        }
        return sum / logits.length;
    }

    /** Symmetric InfoNCE over all pairs (rows of {@code zi} and {@code za}, already L2-normalised), in double. */
    static double infoNce(float[][] zi, float[][] za, double temperature) {
        int n = zi.length;
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < zi[i].length; k++) {
                    dot += (double) zi[i][k] * za[j][k];
                }
                s[i][j] = dot / temperature;
            }
        }
        double rows = 0;
        double cols = 0;
        for (int i = 0; i < n; i++) {
            double[] column = new double[n];
            for (int j = 0; j < n; j++) {
                column[j] = s[j][i];
            }
            rows += logSumExp(s[i]) - s[i][i];
            cols += logSumExp(column) - s[i][i];
        }
        return (rows + cols) / (2.0 * n);
    }

    private static double logSumExp(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return logSumExp(d);
    }

    private static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    private ModelGraph trainingGraph(StagePlan p) {
        return graphs.computeIfAbsent(List.of("train", p.imageFrozen(), p.imageDepth(), p.audioFrozen(), p.audioDepth()),
                k -> Graphs.training(layout, task,
                        new Segment(ModelLayout.IMAGE, p.imageFrozen() == 0, p.imageFrozen(), p.imageDepth()),
                        new Segment(ModelLayout.AUDIO, p.audioFrozen() == 0, p.audioFrozen(), p.audioDepth())));
    }

    private ModelGraph prefixGraph(StagePlan p) {
        return graphs.computeIfAbsent(List.of("prefix", p.imageFrozen(), p.audioFrozen()),
                k -> Graphs.prefix(layout, p.imageFrozen(), p.audioFrozen()));
    }

    /** Placeholders of a batch: patches, audio tokens, and one-hot labels (fusion) or the identity (contrastive). */
    private Map<String, INDArray> inputs(AvSamples data, int[] batch, boolean withTargets) {
        ModelConfig c = layout.config();
        Map<String, INDArray> in = new HashMap<>();
        in.put("img.in", stack(data.image(), batch, c.imageTokens(), c.patchDim()));
        in.put("aud.in", stack(data.audio(), batch, c.audioTokens(), c.frameDim()));
        if (withTargets) {
            if (task == Task.FUSION) {
                float[][] onehot = new float[batch.length][c.classes()];
                for (int i = 0; i < batch.length; i++) {
                    onehot[i][data.labels()[batch[i]]] = 1;
                }
                in.put("labels", Nd4j.createFromArray(onehot));
            } else {
                in.put("eye", Nd4j.eye(batch.length).castTo(DataType.FLOAT));
            }
        }
        return in;
    }

    private static INDArray stack(float[][] rows, int[] batch, int tokens, int width) {
        float[] flat = new float[batch.length * tokens * width];
        for (int i = 0; i < batch.length; i++) {
            System.arraycopy(rows[batch[i]], 0, flat, i * tokens * width, tokens * width);
        }
        return Nd4j.create(flat, new long[] {(long) batch.length * tokens, width}, 'c');
    }

    private static long bytes(Map<String, INDArray> arrays) {
        long n = 0;
        for (INDArray a : arrays.values()) {
            n += a.length() * a.dataType().width();
        }
        return n;
    }
}
