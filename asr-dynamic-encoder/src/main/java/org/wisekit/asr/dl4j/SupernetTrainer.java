package org.wisekit.asr.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.asr.EncoderConfig;
import org.wisekit.asr.ModuleType;
import org.wisekit.asr.audio.SpecAugment;
import org.wisekit.asr.ctc.Ctc;
import org.wisekit.asr.select.IterativeZeroOut;
import org.wisekit.asr.select.KAnnealing;
import org.wisekit.asr.select.Masks;
import org.wisekit.asr.select.RelaxedTopK;
import org.wisekit.asr.select.StageSchedule;
import org.wisekit.tensor.Shuffles;
import org.wisekit.tensor.nd4j.AdamW;
import org.wisekit.tensor.nd4j.Nd4jThreads;

/**
 * Trains Conformer-CTC encoders: the paper's supernet with Simple-Top-k or Iterative-Zero-Out module selection
 * (stage 1 learns the module scores, stage 2 trains the nested subnets with the sandwich rule), the same stage 2
 * on fixed masks (the naive-mask baselines), and individually trained models of one size (the paper's baseline).
 * Every arm runs the same number of updates on the same batches with the same learning-rate schedule.
 *
 * <p>One step of stage 1 runs two passes over the batch: the supernet (every module, layer-drop with
 * {@code layerDropStage1} on the modules outside the current small subnet; the official configurations use 0) and
 * the smallest subnet with soft gates on every module (loss weights 1.0 and {@code smallWeight}). Stage 2 fixes
 * the masks (top-k of the raw scores) and runs the supernet (layer-drop {@code layerDropStage2} on modules outside
 * the smallest subnet), the smallest subnet and, with more than two sizes, one uniformly drawn middle size, each
 * hard-pruned (weights 1.0, {@code smallWeight}, {@code middleWeight}). Layer-drop is per row and scaled by
 * {@code 1 / (1 - p)} (the code's {@code StochasticDepth(mode="row")}).
 */
public final class SupernetTrainer {

    /** How the masks are chosen. */
    public enum Method {
        /** Simple-Top-k: relaxed top-k gates on learnt scores, k annealed from L - r down to the smallest size. */
        SIMPLE_TOP_K,
        /** Iterative-Zero-Out: sigmoid gates, a sparsity loss, the smallest scores set to -5 after each iteration. */
        ITERATIVE_ZERO_OUT
    }

    /**
     * Training settings.
     *
     * @param steps           updates in total (every arm)
     * @param stage1Fraction  share of the updates that learn the scores (the note: 900 of 1,500)
     * @param batch           utterances per update
     * @param peakLr          peak learning rate of the one-cycle schedule
     * @param weightDecay     decoupled weight decay on weight matrices
     * @param layerDropStage1 layer-drop on the supernet's modules outside the small subnet in stage 1
     * @param layerDropStage2 layer-drop on the supernet's modules outside the smallest subnet in stage 2
     * @param smallWeight     loss weight of the smallest subnet
     * @param middleWeight    loss weight of the sampled middle subnet
     * @param sparsityWeight  weight of Iterative-Zero-Out's sparsity loss
     * @param reduction       modules removed per stage-1 iteration (Simple-Top-k's r; IZO's target increment)
     * @param augment         SpecAugment on the training batches
     * @param seed            seed of initialisation, batch order, augmentation, layer-drop and size sampling
     */
    public record Settings(int steps, double stage1Fraction, int batch, double peakLr, double weightDecay,
                           double layerDropStage1, double layerDropStage2, double smallWeight, double middleWeight,
                           double sparsityWeight, int reduction, SpecAugment.Settings augment, long seed) {

        public Settings {
            if (steps < 2) {
                throw new IllegalArgumentException("steps must be >= 2, got " + steps);
            }
            if (!(stage1Fraction > 0 && stage1Fraction < 1)) {
                throw new IllegalArgumentException("stage1Fraction must be in (0, 1), got " + stage1Fraction);
            }
            if (batch < 1) {
                throw new IllegalArgumentException("batch must be >= 1, got " + batch);
            }
            if (!(peakLr > 0) || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("need peakLr > 0 and weightDecay >= 0, got " + peakLr + ", "
                        + weightDecay);
            }
            if (!(layerDropStage1 >= 0 && layerDropStage1 < 1) || !(layerDropStage2 >= 0 && layerDropStage2 < 1)) {
                throw new IllegalArgumentException("layer-drop must be in [0, 1), got " + layerDropStage1 + ", "
                        + layerDropStage2);
            }
            if (reduction < 1) {
                throw new IllegalArgumentException("reduction must be >= 1, got " + reduction);
            }
        }

        /**
         * The note's settings for {@code steps} updates: 60 % stage 1, batch 16, weight decay 0.01, layer-drop
         * 0 / 0.3, loss weights 0.3 / 0.3, sparsity weight 5, r = 2, SpecAugment on; peak learning rate 3e-3 (the
         * note gives none; at 1e-3 a 4-module model still emitted only blanks after 300 updates).
         */
        public static Settings of(int steps, long seed) {
            return new Settings(steps, 0.6, 16, 3e-3, 0.01, 0, 0.3, 0.3, 0.3, 5, 2, SpecAugment.Settings.defaults(),
                    seed);
        }

        /** These settings with another batch size. */
        public Settings withBatch(int value) {
            return new Settings(steps, stage1Fraction, value, peakLr, weightDecay, layerDropStage1, layerDropStage2,
                    smallWeight, middleWeight, sparsityWeight, reduction, augment, seed);
        }

        /** These settings with another number of modules removed per stage-1 iteration. */
        public Settings withReduction(int value) {
            return new Settings(steps, stage1Fraction, batch, peakLr, weightDecay, layerDropStage1, layerDropStage2,
                    smallWeight, middleWeight, sparsityWeight, value, augment, seed);
        }

        /** These settings with other SpecAugment settings ({@link SpecAugment.Settings#none()} turns it off). */
        public Settings withAugment(SpecAugment.Settings value) {
            return new Settings(steps, stage1Fraction, batch, peakLr, weightDecay, layerDropStage1, layerDropStage2,
                    smallWeight, middleWeight, sparsityWeight, reduction, value, seed);
        }

        /** Updates of stage 1. */
        public int stage1Steps() {
            return (int) Math.round(steps * stage1Fraction);
        }

        /**
         * The one-cycle learning rate at {@code step}: linear from peak/100 to peak over the first 45 %, back to
         * peak/100 over the next 45 %, then down to peak/10^4 (the shape of the i6 OCLR schedule).
         */
        public double rate(int step) {
            double x = (double) step / steps;
            if (x < 0.45) {
                return peakLr * (0.01 + 0.99 * x / 0.45);
            }
            if (x < 0.9) {
                return peakLr * (1 - 0.99 * (x - 0.45) / 0.45);
            }
            return peakLr * (0.01 - 0.0099 * (x - 0.9) / 0.1);
        }
    }

    /** Progress of a training run. */
    @FunctionalInterface
    public interface Listener {
        /** Called after every update with its loss (the weighted sum of the passes' CTC losses). */
        void step(int step, int steps, double loss);
    }

    /**
     * What a run produced.
     *
     * @param model   the trained model
     * @param seconds wall-clock training time
     * @param losses  the loss of every update
     * @param events  stage-1 events in order (k changes, zero-outs, revivals) and the final masks
     * @param scores  the module scores after every update (rows: updates), empty for runs without scores
     */
    public record Result(DynamicEncoder model, double seconds, double[] losses, List<String> events,
                         double[][] scores) {
    }

    private SupernetTrainer() {
    }

    /**
     * Trains a supernet with data-driven module selection.
     *
     * @param config   the encoder
     * @param sizes    deployable sizes, strictly increasing, the last = all modules
     * @param method   Simple-Top-k or Iterative-Zero-Out
     * @param settings training settings
     * @param data     the training utterances
     * @param listener progress, or null
     * @return the model and its training record
     */
    public static Result trainSupernet(EncoderConfig config, int[] sizes, Method method, Settings settings,
                                       TrainingData data, Listener listener) {
        ConformerWeights.checkSizes(config, sizes, true);
        return new Run(config, sizes, settings, data, listener).supernet(method);
    }

    /**
     * Trains the nested subnets of fixed masks with stage 2 for all updates (the naive-mask baselines).
     *
     * @param config   the encoder
     * @param sizes    deployable sizes, the last = all modules
     * @param masks    per size its kept modules; must be nested
     * @param label    the method label saved with the model
     * @param settings training settings (stage-1 settings unused)
     * @param data     the training utterances
     * @param listener progress, or null
     * @return the model and its training record
     */
    public static Result trainFixedMasks(EncoderConfig config, int[] sizes, boolean[][] masks, String label,
                                         Settings settings, TrainingData data, Listener listener) {
        ConformerWeights.checkSizes(config, sizes, true);
        if (!Masks.nested(masks)) {
            throw new IllegalArgumentException("masks must be nested (each size keeps the modules of the smaller"
                    + " ones)");
        }
        return new Run(config, sizes, settings, data, listener).fixed(masks, label);
    }

    /**
     * Trains one model of {@code size} modules on its own: the first {@code size / 4} blocks of {@code config}
     * (all four modules each), one output layer, every update on it alone.
     *
     * @param config   the full encoder
     * @param size     a multiple of 4, at most {@code config.modules()}
     * @param settings training settings
     * @param data     the training utterances
     * @param listener progress, or null
     * @return the model (one size) and its training record
     */
    public static Result trainIndividual(EncoderConfig config, int size, Settings settings, TrainingData data,
                                         Listener listener) {
        if (size < 4 || size % 4 != 0 || size > config.modules()) {
            throw new IllegalArgumentException("an individual model has whole blocks: size must be a multiple of 4"
                    + " in 4.." + config.modules() + ", got " + size);
        }
        EncoderConfig small = new EncoderConfig(config.melBins(), config.stack(), config.dim(), config.ffDim(),
                config.heads(), config.convKernel(), size / 4, config.vocab());
        return new Run(small, new int[] {size}, settings, data, listener).individual();
    }

    /** One training run's state. */
    private static final class Run {
        private final EncoderConfig config;
        private final int[] sizes;
        private final Settings settings;
        private final TrainingData data;
        private final Listener listener;
        private final ConformerWeights weights;
        private final AdamW optimiser = new AdamW();
        private final Ctc ctc = new Ctc();
        private final SplittableRandom random;
        private final int modules;
        private final double[] losses;
        private final List<String> events = new ArrayList<>();
        private final List<double[]> scoreTrace = new ArrayList<>();
        private int[][] epochBatches;
        private int cursor;
        private int epoch;

        Run(EncoderConfig config, int[] sizes, Settings settings, TrainingData data, Listener listener) {
            if (data.size() < settings.batch()) {
                throw new IllegalArgumentException("need at least batch=" + settings.batch() + " utterances, got "
                        + data.size());
            }
            this.config = config;
            this.sizes = sizes.clone();
            this.settings = settings;
            this.data = data;
            this.listener = listener;
            this.weights = ConformerWeights.init(config, sizes, settings.seed());
            this.random = new SplittableRandom(settings.seed() ^ 0x5DEECE66DL);
            this.modules = config.modules();
            this.losses = new double[settings.steps()];
        }

        Result supernet(Method method) {
            long start = System.nanoTime();
            int kMin = sizes[0];
            KAnnealing annealing = null;
            IterativeZeroOut zeroOut = null;
            double[] scores;
            StageSchedule schedule;
            if (method == Method.SIMPLE_TOP_K) {
                annealing = KAnnealing.forStageOneSteps(modules, kMin, settings.reduction(), settings.stage1Steps());
                scores = annealing.initialScores();
                schedule = annealing;
            } else {
                zeroOut = zeroOutSchedule(kMin);
                scores = zeroOut.initialScores();
                schedule = zeroOut;
            }
            // stage 1 runs while step <= lastStageOneStep (the code's test), so it holds one step more
            int stage1 = (int) schedule.lastStageOneStep() + 1;
            if (stage1 >= settings.steps()) {
                throw new IllegalArgumentException("stage 1 takes " + stage1 + " of " + settings.steps()
                        + " updates; stage 2 needs some");
            }
            float[] scoreParam = new float[modules];
            copy(scores, scoreParam);
            EncoderGraph.Built graph = EncoderGraph.build(weights, settings.batch(), List.of(
                    new EncoderGraph.Pass(null, EncoderGraph.Gates.ROWS, modules, 1.0),
                    new EncoderGraph.Pass(null, EncoderGraph.Gates.SOFT, kMin, settings.smallWeight())), true);
            List<String> trainable = new ArrayList<>(graph.parameters());
            trainable.add(EncoderGraph.SOFT_GATES);
            graph.graph().createGradFunction();
            int lastK = -1;
            double[] sparsityGradient = new double[modules];
            for (int step = 0; step < stage1; step++) {
                double[] gates;
                boolean[] dropped;
                int k = 0;
                if (annealing != null) {
                    k = annealing.k(step);
                    if (k != lastK) {
                        events.add("update " + step + ": relaxed top-k with k = " + k);
                        lastK = k;
                    }
                    gates = RelaxedTopK.forward(scores, k);
                    dropped = annealing.supernetDrop(gates, k);
                } else {
                    gates = IterativeZeroOut.gates(scores);
                    dropped = zeroOut.supernetDrop(step, scores);
                }
                graph.graph().getArrForVarName(EncoderGraph.SOFT_GATES).assign(Nd4j.createFromArray(toFloats(gates)));
                Batch batch = nextBatch(step);
                Map<String, INDArray> gradients = step(graph, batch,
                        Map.of(EncoderGraph.GATES + 0, rowGates(batch, dropped, settings.layerDropStage1())), trainable,
                        step, g -> !g.equals(EncoderGraph.SOFT_GATES));
                double[] gateGradient = toDoubles(gradients.get(EncoderGraph.SOFT_GATES));
                double[] scoreGradient;
                if (annealing != null) {
                    scoreGradient = RelaxedTopK.backward(scores, k, gateGradient);
                } else {
                    losses[step] += zeroOut.sparsityLoss(scores, zeroOut.target(step), sparsityGradient);
                    scoreGradient = new double[modules];
                    for (int m = 0; m < modules; m++) {
                        scoreGradient[m] = gateGradient[m] * gates[m] * (1 - gates[m]) + sparsityGradient[m];
                    }
                }
                optimiser.update("selection.scores", scoreParam, toFloats(scoreGradient), settings.rate(step), 0);
                copy(scoreParam, scores);
                if (zeroOut != null) {
                    int[] zeroed = zeroOut.zeroOutIfDue(step, scores);
                    if (zeroed.length > 0) {
                        copy(scores, scoreParam);
                        events.add("update " + step + ": end of iteration " + zeroOut.iteration(step) + ", modules "
                                + Arrays.toString(zeroed) + " set to " + IterativeZeroOut.ZERO_OUT_VALUE);
                    }
                }
                scoreTrace.add(scores.clone());
            }
            if (zeroOut != null) {
                for (IterativeZeroOut.Revival r : zeroOut.revivals()) {
                    events.add("update " + r.step() + ": module " + r.module() + " revived (zeroed earlier, score "
                            + String.format(java.util.Locale.ROOT, "%.3f", r.score()) + ", no longer among the "
                            + zeroOut.targets()[r.iteration()] + " smallest)");
                }
            }
            boolean[][] masks = Masks.fromScores(scores, sizes);
            events.add("update " + stage1 + ": stage 2, masks from the raw scores " + Masks.describe(masks, sizes));
            stage2(masks, stage1);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(new DynamicEncoder(weights, scores, masks, methodLabel(method)), seconds, losses,
                    List.copyOf(events), scoreTrace.toArray(new double[0][]));
        }

        /**
         * Iterative-Zero-Out's iterations for this run: targets r, 2r, ... up to L - kMin, the first iteration four
         * times as long as each of the others (the note's [400, 100 x 5] for 900 steps), scaled to stage 1.
         */
        private IterativeZeroOut zeroOutSchedule(int kMin) {
            int r = settings.reduction();
            int iterations = (modules - kMin + r - 1) / r;
            int[] template = new int[iterations];
            int[] targets = new int[iterations];
            for (int i = 0; i < iterations; i++) {
                template[i] = i == 0 ? 4 : 1;
                targets[i] = Math.min(r * (i + 1), modules - kMin);
            }
            return IterativeZeroOut.proportional(modules, template, targets, settings.stage1Steps());
        }

        Result fixed(boolean[][] masks, String label) {
            long start = System.nanoTime();
            stage2(masks, 0);
            double[] none = new double[modules];
            Arrays.fill(none, Double.NaN);
            return new Result(new DynamicEncoder(weights, none, masks, label), (System.nanoTime() - start) / 1e9,
                    losses, List.copyOf(events), new double[0][]);
        }

        Result individual() {
            long start = System.nanoTime();
            EncoderGraph.Built graph = EncoderGraph.build(weights, settings.batch(), List.of(
                    new EncoderGraph.Pass(null, EncoderGraph.Gates.NONE, modules, 1.0)), true);
            graph.graph().createGradFunction();
            for (int step = 0; step < settings.steps(); step++) {
                step(graph, nextBatch(step), Map.of(), graph.parameters(), step, g -> true);
            }
            boolean[] all = new boolean[modules];
            Arrays.fill(all, true);
            double[] none = new double[modules];
            Arrays.fill(none, Double.NaN);
            return new Result(new DynamicEncoder(weights, none, new boolean[][] {all}, "individual"),
                    (System.nanoTime() - start) / 1e9, losses, List.of(), new double[0][]);
        }

        /** Stage 2 from {@code first} to the last update: supernet, smallest and one sampled middle size. */
        private void stage2(boolean[][] masks, int first) {
            Map<Integer, EncoderGraph.Built> graphs = new HashMap<>();
            boolean[] outsideSmallest = new boolean[modules];
            for (int i = 0; i < modules; i++) {
                outsideSmallest[i] = !masks[0][i];
            }
            for (int step = first; step < settings.steps(); step++) {
                int middle = sizes.length > 2 ? 1 + random.nextInt(sizes.length - 2) : -1;
                EncoderGraph.Built graph = graphs.computeIfAbsent(middle, m -> {
                    List<EncoderGraph.Pass> passes = new ArrayList<>(List.of(
                            new EncoderGraph.Pass(null, EncoderGraph.Gates.ROWS, modules, 1.0),
                            new EncoderGraph.Pass(masks[0], EncoderGraph.Gates.NONE, sizes[0],
                                    settings.smallWeight())));
                    if (m >= 0) {
                        passes.add(new EncoderGraph.Pass(masks[m], EncoderGraph.Gates.NONE, sizes[m],
                                settings.middleWeight()));
                    }
                    EncoderGraph.Built built = EncoderGraph.build(weights, settings.batch(), passes, true);
                    built.graph().createGradFunction();
                    return built;
                });
                Batch batch = nextBatch(step);
                step(graph, batch, Map.of(EncoderGraph.GATES + 0, rowGates(batch, outsideSmallest,
                        settings.layerDropStage2())), graph.parameters(), step, g -> true);
            }
        }

        /**
         * One update of the graph's parameters; returns the gradients. A forward run gives every pass's logits, the
         * CTC loss and its gradient are computed on them, and the graph back-propagates that gradient.
         */
        private Map<String, INDArray> step(EncoderGraph.Built built, Batch batch, Map<String, INDArray> extra,
                                           List<String> wrt, int step, java.util.function.Predicate<String> updated) {
            SameDiff sd = built.graph();
            Map<String, INDArray> feed = new HashMap<>(batch.feed);
            feed.putAll(extra);
            Nd4jThreads.withoutArrayReuse(sd);
            Map<String, INDArray> logits = sd.output(feed, built.logits().toArray(new String[0]));
            double loss = 0;
            int frames = batch.paddedFrames();
            int vocab = config.vocab();
            for (int p = 0; p < built.logits().size(); p++) {
                float[] values = logits.get(built.logits().get(p)).castTo(DataType.FLOAT).dup('c').data().asFloat();
                float[] gradient = new float[values.length];
                double weight = built.weights().get(p);
                loss += weight * ctc.batch(values, batch.encoderFrames, frames, vocab, batch.targets,
                        Ctc.Reduction.SUM_PER_FRAME, gradient, null);
                for (int i = 0; i < gradient.length; i++) {
                    gradient[i] *= (float) weight;
                }
                feed.put(EncoderGraph.CTC_GRADIENT + p, Nd4j.create(gradient, new long[] {(long) settings.batch()
                        * frames, vocab}, 'c'));
            }
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("training diverged at update " + step + ": loss " + loss);
            }
            losses[step] = loss;
            Nd4jThreads.withoutArrayReuse(sd);
            Map<String, INDArray> gradients = sd.calculateGradients(feed, wrt);
            double lr = settings.rate(step);
            optimiser.nextStep();
            for (String name : wrt) {
                INDArray g = gradients.get(name);
                if (g == null || !updated.test(name)) {
                    continue;
                }
                INDArray w = weights.get(name);
                optimiser.update(name, w, g, lr, w.rank() > 1 ? settings.weightDecay() : 0);
            }
            if (listener != null) {
                listener.step(step, settings.steps(), loss);
            }
            return gradients;
        }

        /** The next batch of the epoch (see {@link #epochBatches}), SpecAugmented with a seed of its own. */
        private Batch nextBatch(int step) {
            int b = settings.batch();
            if (epochBatches == null || cursor == epochBatches.length) {
                epochBatches = epochBatches(b, new java.util.Random(settings.seed() * 1_000_003L + epoch));
                cursor = 0;
                epoch++;
            }
            List<float[]> mel = new ArrayList<>(b);
            List<int[]> labels = new ArrayList<>(b);
            int[] rows = epochBatches[cursor++];
            for (int r = 0; r < b; r++) {
                float[] m = data.mel().get(rows[r]).clone();
                SpecAugment.apply(m, config.melBins(), settings.augment(),
                        new SplittableRandom(settings.seed() * 7_919L + step * 131L + r));
                mel.add(m);
                labels.add(data.labels().get(rows[r]));
            }
            return new Batch(config, b, mel, labels);
        }

        /**
         * One epoch's batches, "sortish": a random permutation cut into pools of 50 batches, each pool sorted by
         * length and cut into batches, then the batches shuffled. Padding is what a batch of similar lengths
         * needs (training time falls by about a third here) while every batch still comes from a random pool.
         * Utterances left over after the last full batch wait for the next epoch's permutation.
         */
        private int[][] epochBatches(int b, java.util.Random random) {
            int[] order = Shuffles.permutation(data.size(), random);
            int count = data.size() / b;
            int[][] batches = new int[count][];
            int pool = 50 * b;
            int made = 0;
            for (int from = 0; from < count * b; from += pool) {
                Integer[] chunk = new Integer[Math.min(pool, count * b - from)];
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = order[from + i];
                }
                java.util.Arrays.sort(chunk, java.util.Comparator.comparingInt(u -> data.mel().get(u).length));
                for (int i = 0; i < chunk.length; i += b) {
                    int[] rows = new int[b];
                    for (int r = 0; r < b; r++) {
                        rows[r] = chunk[i + r];
                    }
                    batches[made++] = rows;
                }
            }
            int[] shuffled = Shuffles.permutation(count, random);
            int[][] out = new int[count][];
            for (int i = 0; i < count; i++) {
                out[i] = batches[shuffled[i]];
            }
            return out;
        }

        /**
         * The supernet pass's gates {@code [B * T, L]}: each module's residual scale, times, for modules in
         * {@code dropped}, a per-utterance layer-drop factor (0 with probability p, else {@code 1 / (1 - p)}).
         */
        private INDArray rowGates(Batch batch, boolean[] dropped, double p) {
            int b = settings.batch();
            int frames = batch.paddedFrames();
            float[] gates = new float[b * frames * modules];
            float[] row = new float[modules];
            for (int r = 0; r < b; r++) {
                for (int i = 0; i < modules; i++) {
                    double factor = dropped[i] && p > 0 ? (random.nextDouble() < p ? 0 : 1 / (1 - p)) : 1;
                    row[i] = (float) (ModuleType.of(i).scale() * factor);
                }
                for (int t = 0; t < frames; t++) {
                    System.arraycopy(row, 0, gates, (r * frames + t) * modules, modules);
                }
            }
            return Nd4j.create(gates, new long[] {(long) b * frames, modules}, 'c');
        }
    }

    private static String methodLabel(Method method) {
        return method == Method.SIMPLE_TOP_K ? "simple-top-k" : "iterative-zero-out";
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static double[] toDoubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static void copy(double[] from, float[] to) {
        for (int i = 0; i < from.length; i++) {
            to[i] = (float) from[i];
        }
    }

    private static void copy(float[] from, double[] to) {
        for (int i = 0; i < from.length; i++) {
            to[i] = from[i];
        }
    }
}
