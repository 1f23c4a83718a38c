package org.wisekit.dfmsd.dl4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.datasets.io.Safetensors;
import org.wisekit.dfmsd.data.DetectionSet;
import org.wisekit.dfmsd.eval.CocoEvaluator;
import org.wisekit.dfmsd.eval.CocoMetrics;
import org.wisekit.dfmsd.eval.Detection;
import org.wisekit.dfmsd.eval.EvalSettings;
import org.wisekit.dfmsd.eval.GroundTruth;
import org.wisekit.dfmsd.eval.Box;
import org.wisekit.tensor.Shuffles;
import org.wisekit.tensor.nd4j.AdamW;
import org.wisekit.tensor.nd4j.Nd4jThreads;

/**
 * Trains a {@link Detector}, alone or distilled from frozen teachers in stages, and evaluates it COCO-style.
 * Every stage builds a fresh SameDiff graph over the detector's arrays (the student's weights carry over; a
 * distiller's own modules are new in each stage), feeds the cached teacher features and the masks computed from
 * them, and steps AdamW on the student and the distiller's modules. Deterministic for a seed on one thread.
 */
public final class DetectorTrainer {

    static final String IMAGES = "images";
    static final String TRAIN = "train";
    static final String DET_LOSS = "detLoss";
    static final String KD_LOSS = "kdLoss";
    static final String LOSS = "loss";
    private static final int EVAL_BATCH = 64;

    private DetectorTrainer() {
    }

    /** Per-epoch report of a training run: stage, epoch, mean detection loss, mean distillation loss. */
    @FunctionalInterface
    public interface EpochListener {
        /**
         * Called after each epoch.
         *
         * @param stage            0-based stage
         * @param epoch            0-based epoch within the stage
         * @param detectionLoss    mean detection loss of the epoch
         * @param distillationLoss mean weighted distillation loss of the epoch (0 without distillation)
         */
        void epochDone(int stage, int epoch, double detectionLoss, double distillationLoss);
    }

    /**
     * One training stage: a distillation method, the frozen teacher it reads (null for {@link Distillation#none()})
     * and the number of epochs.
     *
     * @param method  the distillation method
     * @param teacher the teacher's cached features on the training set, or null without distillation
     * @param epochs  epochs of this stage
     */
    public record Stage(Distillation method, TeacherFeatures teacher, int epochs) {

        /** Validates the fields. */
        public Stage {
            if (method == null) {
                throw new IllegalArgumentException("method must not be null");
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            if (teacher == null && !(method instanceof Distillation.None)) {
                throw new IllegalArgumentException("the stage's " + method + " needs a teacher");
            }
        }
    }

    /**
     * What a training run measured.
     *
     * @param detectionLoss    per stage and epoch, the mean detection loss
     * @param distillationLoss per stage and epoch, the mean weighted distillation loss
     * @param weights          per stage, the weight put on the method's loss (0 without distillation)
     * @param msPerStep        mean wall time of a training step (forward, backward, update), first epoch excluded
     * @param steps            optimiser steps taken
     */
    public record Result(List<double[]> detectionLoss, List<double[]> distillationLoss, List<Double> weights,
                         double msPerStep, long steps) {
    }

    /** Trains {@code detector} on {@code train} without distillation. */
    public static Result train(Detector detector, DetectionSet train, TrainSettings settings, long seed,
                               EpochListener listener) {
        return distill(detector, train, List.of(new Stage(Distillation.none(), null, settings.epochs())), settings, seed,
                listener);
    }

    /**
     * Trains {@code student} through {@code stages} in order; the learning-rate schedule spans all stages.
     *
     * @param student  the detector trained
     * @param train    training images (the teachers' features must be of the same images, in the same order)
     * @param stages   the stages
     * @param settings the recipe ({@code settings.epochs()} is ignored: the stages give the epochs)
     * @param seed     seed of the batch order and of the distillers' random masks and modules
     * @param listener told after each epoch (may be null)
     * @return the losses and the step time
     */
    public static Result distill(Detector student, DetectionSet train, List<Stage> stages, TrainSettings settings,
                                 long seed, EpochListener listener) {
        checkData(student, train, "train");
        if (stages == null || stages.isEmpty()) {
            throw new IllegalArgumentException("stages must not be empty");
        }
        for (Stage stage : stages) {
            if (stage.teacher() != null) {
                if (stage.teacher().levelCount() != Detector.STRIDES.length) {
                    throw new IllegalArgumentException("teacher has " + stage.teacher().levelCount()
                            + " FPN levels but the student has " + Detector.STRIDES.length);
                }
                if (stage.teacher().count() != train.count()) {
                    throw new IllegalArgumentException("teacher features cover " + stage.teacher().count()
                            + " images but the training set has " + train.count());
                }
                for (int l = 0; l < Detector.STRIDES.length; l++) {
                    if (stage.teacher().side(l) != student.side(Detector.STRIDES[l])) {
                        throw new IllegalArgumentException("teacher level " + l + " is " + stage.teacher().side(l)
                                + " cells wide but the student's is " + student.side(Detector.STRIDES[l]));
                    }
                }
            }
        }
        int batch = Math.min(settings.batch(), train.count());
        int stepsPerEpoch = train.count() / batch;
        long total = 0;
        for (Stage stage : stages) {
            total += (long) stage.epochs() * stepsPerEpoch;
        }
        AdamW optimiser = new AdamW();
        SplittableRandom order = new SplittableRandom(seed);
        SplittableRandom maskRandom = new SplittableRandom(seed ^ 0x6A09E667F3BCC909L);
        List<double[]> detLosses = new ArrayList<>();
        List<double[]> kdLosses = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        long step = 0;
        double timedNanos = 0;
        long timedSteps = 0;
        for (int k = 0; k < stages.size(); k++) {
            Stage stage = stages.get(k);
            SameDiff sd = SameDiff.create();
            SDVariable trainFlag = sd.placeHolder(TRAIN, DataType.FLOAT);
            SDVariable images = sd.placeHolder(IMAGES, DataType.FLOAT, -1, student.inputChannels(), student.canvas(),
                    student.canvas());
            Blocks blocks = new Blocks(sd, student.params(), trainFlag);
            Detector.Built built = student.build(blocks, images);
            SDVariable det = built.loss().rename(DET_LOSS);
            List<String> trainable = new ArrayList<>(blocks.parameters());
            DistillTerm term = stage.method().term(student, stage.teacher(), k, stages.size(),
                    seed * 31 + k);
            SDVariable kd = term == null ? sd.constant(Nd4j.scalar(0f)) : term.build(sd, built.features(), trainable);
            kd = sd.identity(KD_LOSS, kd);
            det.add(LOSS, kd);
            sd.setLossVariables(LOSS);
            sd.createGradFunction();
            List<String> outputs = new ArrayList<>(List.of(DET_LOSS, KD_LOSS));
            for (String bn : blocks.batchNorms()) {
                outputs.add(bn + ".batchMean");
                outputs.add(bn + ".batchVar");
            }
            double weight = Double.NaN;
            double[] detEpoch = new double[stage.epochs()];
            double[] kdEpoch = new double[stage.epochs()];
            Map<String, Boolean> decays = new HashMap<>();
            for (int epoch = 0; epoch < stage.epochs(); epoch++) {
                int[] permutation = Shuffles.permutation(train.count(), order);
                double detSum = 0;
                double kdSum = 0;
                for (int s = 0; s < stepsPerEpoch; s++) {
                    int[] index = java.util.Arrays.copyOfRange(permutation, s * batch, (s + 1) * batch);
                    long start = System.nanoTime();
                    Map<String, INDArray> feed = new HashMap<>();
                    feed.put(IMAGES, images(train, index));
                    feed.put(TRAIN, Nd4j.scalar(1f));
                    student.targets(train, index, feed);
                    if (term != null) {
                        term.feed(train, index, feed, maskRandom);
                        if (Double.isNaN(weight)) {
                            weight = balance(sd, feed, stage.method().scale());
                        }
                        feed.put(DistillTerm.WEIGHT, Nd4j.scalar((float) weight));
                    }
                    Nd4jThreads.withoutArrayReuse(sd);
                    OutAndGrad result = sd.calculateGradientsAndOutputs(feed, outputs, trainable);
                    long perChannel = (long) batch * student.canvas() * student.canvas();
                    for (String bn : blocks.batchNorms()) {
                        updateRunning(sd, bn, result.getOutputs().get(bn + ".batchMean"),
                                result.getOutputs().get(bn + ".batchVar"), perChannel, sd.getArrForVarName(bn
                                        + ".runMean").length());
                    }
                    Map<String, INDArray> gradients = result.getGradients();
                    double scale = settings.clip() > 0 ? AdamW.clipScale(gradients.values(), settings.clip()) : 1;
                    double lr = settings.rate(step, total);
                    optimiser.nextStep();
                    for (String name : trainable) {
                        INDArray w = sd.getArrForVarName(name);
                        INDArray g = gradients.get(name);
                        if (g == null) {
                            continue;
                        }
                        boolean decay = decays.computeIfAbsent(name, n -> w.rank() > 1);
                        optimiser.update(name, w, g.muli(scale), lr, decay ? settings.weightDecay() : 0);
                    }
                    step++;
                    if (epoch > 0 || stage.epochs() == 1) {
                        timedNanos += System.nanoTime() - start;
                        timedSteps++;
                    }
                    detSum += result.getOutputs().get(DET_LOSS).getDouble(0);
                    kdSum += result.getOutputs().get(KD_LOSS).getDouble(0);
                }
                detEpoch[epoch] = detSum / stepsPerEpoch;
                kdEpoch[epoch] = kdSum / stepsPerEpoch;
                if (!Double.isFinite(detEpoch[epoch]) || !Double.isFinite(kdEpoch[epoch])) {
                    throw new IllegalStateException("training diverged in stage " + k + " epoch " + epoch
                            + ": detection loss " + detEpoch[epoch] + ", distillation loss " + kdEpoch[epoch]);
                }
                if (listener != null) {
                    listener.epochDone(k, epoch, detEpoch[epoch], kdEpoch[epoch]);
                }
            }
            student.params().syncFrom(sd);
            weights.add(term == null ? 0 : weight);
            detLosses.add(detEpoch);
            kdLosses.add(kdEpoch);
        }
        return new Result(detLosses, kdLosses, weights, timedNanos / 1e6 / Math.max(1, timedSteps), step);
    }

    /**
     * The weight that makes the distillation loss {@code scale} times the detection loss on this first batch
     * (training mode, before any update).
     */
    private static double balance(SameDiff sd, Map<String, INDArray> feed, double scale) {
        feed.put(DistillTerm.WEIGHT, Nd4j.scalar(1f));
        Nd4jThreads.withoutArrayReuse(sd);
        Map<String, INDArray> out = sd.output(feed, DET_LOSS, KD_LOSS);
        double det = out.get(DET_LOSS).getDouble(0);
        double kd = out.get(KD_LOSS).getDouble(0);
        if (!(kd > 0) || !Double.isFinite(kd)) {
            throw new IllegalStateException("the distillation loss is " + kd + " on the first batch; cannot weight it");
        }
        return scale * det / kd;
    }

    /** Running statistics of batch norm {@code name}: momentum 0.1, unbiased batch variance (PyTorch). */
    private static void updateRunning(SameDiff sd, String name, INDArray batchMean, INDArray batchVar,
                                      long perChannel, long channels) {
        double unbias = perChannel > 1 ? perChannel / (perChannel - 1.0) : 1.0;
        INDArray runMean = sd.getArrForVarName(name + ".runMean");
        INDArray runVar = sd.getArrForVarName(name + ".runVar");
        runMean.muli(1 - Blocks.BN_MOMENTUM).addi(batchMean.reshape(runMean.shape()).mul(Blocks.BN_MOMENTUM));
        runVar.muli(1 - Blocks.BN_MOMENTUM).addi(batchVar.reshape(runVar.shape()).mul(Blocks.BN_MOMENTUM * unbias));
    }

    /** An evaluation-mode graph of {@code detector} (batch-norm running statistics). */
    static SameDiff evaluationGraph(Detector detector, Detector.Built[] built) {
        SameDiff sd = SameDiff.create();
        SDVariable trainFlag = sd.placeHolder(TRAIN, DataType.FLOAT);
        SDVariable images = sd.placeHolder(IMAGES, DataType.FLOAT, -1, detector.inputChannels(), detector.canvas(),
                detector.canvas());
        Detector.Built b = detector.build(new Blocks(sd, detector.params(), trainFlag), images);
        for (int l = 0; l < b.features().length; l++) {
            b.features()[l].rename("feature" + l);
        }
        built[0] = b;
        return sd;
    }

    /** Detections of every image of {@code data}: image id {@code i + 1}, category id {@code label + 1}. */
    public static List<Detection> predict(Detector detector, DetectionSet data) {
        checkData(detector, data, "data");
        SameDiff sd = evaluationGraph(detector, new Detector.Built[1]);
        List<Detection> out = new ArrayList<>();
        for (int from = 0; from < data.count(); from += EVAL_BATCH) {
            int n = Math.min(EVAL_BATCH, data.count() - from);
            Map<String, INDArray> feed = new HashMap<>();
            feed.put(IMAGES, images(data, range(from, n)));
            feed.put(TRAIN, Nd4j.scalar(0f));
            Nd4jThreads.withoutArrayReuse(sd);
            Map<String, INDArray> outputs = sd.output(feed, detector.predictionOutputs().toArray(new String[0]));
            for (int i = 0; i < n; i++) {
                out.addAll(detector.decode(outputs, i, from + i + 1, 1));
            }
        }
        return out;
    }

    /** COCO-style metrics of {@code detector} on {@code data} (ids as in {@link #predict}). */
    public static CocoMetrics evaluate(Detector detector, DetectionSet data, EvalSettings settings) {
        return new CocoEvaluator(settings).evaluate(groundTruth(data), predict(detector, data), imageIds(data),
                categoryIds(detector.classes()));
    }

    /** The boxes of {@code data} as COCO ground truth: image id {@code i + 1}, category id {@code label + 1}. */
    public static List<GroundTruth> groundTruth(DetectionSet data) {
        List<GroundTruth> out = new ArrayList<>();
        for (int i = 0; i < data.count(); i++) {
            float[] boxes = data.boxes(i);
            int[] labels = data.labels(i);
            for (int b = 0; b < data.boxCount(i); b++) {
                out.add(new GroundTruth(i + 1, labels[b] + 1, new Box(boxes[4 * b], boxes[4 * b + 1],
                        boxes[4 * b + 2], boxes[4 * b + 3])));
            }
        }
        return out;
    }

    static Set<Long> imageIds(DetectionSet data) {
        Set<Long> ids = new TreeSet<>();
        for (long i = 1; i <= data.count(); i++) {
            ids.add(i);
        }
        return ids;
    }

    static Set<Integer> categoryIds(int classes) {
        Set<Integer> ids = new TreeSet<>();
        for (int c = 1; c <= classes; c++) {
            ids.add(c);
        }
        return ids;
    }

    /** The frozen {@code teacher}'s FPN features of every image of {@code data}, evaluation mode. */
    public static TeacherFeatures features(Detector teacher, DetectionSet data) {
        checkData(teacher, data, "data");
        SameDiff sd = evaluationGraph(teacher, new Detector.Built[1]);
        int levels = Detector.STRIDES.length;
        int[] sides = new int[levels];
        float[][] out = new float[levels][];
        for (int l = 0; l < levels; l++) {
            sides[l] = teacher.side(Detector.STRIDES[l]);
            out[l] = new float[data.count() * teacher.fpnChannels() * sides[l] * sides[l]];
        }
        String[] names = new String[levels];
        for (int l = 0; l < levels; l++) {
            names[l] = "feature" + l;
        }
        for (int from = 0; from < data.count(); from += EVAL_BATCH) {
            int n = Math.min(EVAL_BATCH, data.count() - from);
            Map<String, INDArray> feed = new HashMap<>();
            feed.put(IMAGES, images(data, range(from, n)));
            feed.put(TRAIN, Nd4j.scalar(0f));
            Nd4jThreads.withoutArrayReuse(sd);
            Map<String, INDArray> outputs = sd.output(feed, names);
            for (int l = 0; l < levels; l++) {
                float[] values = outputs.get(names[l]).dup('c').data().asFloat();
                System.arraycopy(values, 0, out[l], from * teacher.fpnChannels() * sides[l] * sides[l], values.length);
            }
        }
        return new TeacherFeatures(teacher.describe(), teacher.fpnChannels(), sides, out, data.count());
    }

    /** Writes the detector's parameters and batch-norm statistics to a safetensors file (atomically). */
    public static void save(Detector detector, Path file) {
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        detector.params().parameters.forEach((k, v) -> tensors.put("param." + k, floats(v)));
        detector.params().running.forEach((k, v) -> tensors.put("running." + k, floats(v)));
        new Safetensors(tensors, Map.of("detector", detector.describe())).write(file);
    }

    /**
     * Loads weights written by {@link #save} into {@code detector}, which must be of the same architecture.
     *
     * @throws IllegalArgumentException when the file's description or a tensor's shape differs
     */
    public static void load(Detector detector, Path file) {
        Safetensors st = Safetensors.read(file);
        String stored = st.metadata().get("detector");
        if (!detector.describe().equals(stored)) {
            throw new IllegalArgumentException("file " + file + " holds '" + stored + "', not '" + detector.describe() + "'");
        }
        detector.params().parameters.clear();
        detector.params().running.clear();
        for (String name : st.names()) {
            Safetensors.Tensor t = st.tensor(name);
            INDArray array = Nd4j.create(t.toFloats(), t.shape(), 'c');
            if (name.startsWith("param.")) {
                detector.params().parameters.put(name.substring(6), array);
            } else if (name.startsWith("running.")) {
                detector.params().running.put(name.substring(8), array);
            }
        }
    }

    private static Safetensors.Tensor floats(INDArray v) {
        return Safetensors.Tensor.ofFloats(v.castTo(DataType.FLOAT).dup('c').data().asFloat(), v.shape());
    }

    static INDArray images(DetectionSet data, int[] index) {
        int size = data.channels() * data.size() * data.size();
        float[] pixels = new float[index.length * size];
        float[] all = data.pixels();
        for (int i = 0; i < index.length; i++) {
            System.arraycopy(all, index[i] * size, pixels, i * size, size);
        }
        return Nd4j.create(pixels, new long[] {index.length, data.channels(), data.size(), data.size()}, 'c');
    }

    private static int[] range(int from, int n) {
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = from + i;
        }
        return index;
    }

    private static void checkData(Detector detector, DetectionSet data, String name) {
        if (data == null || data.count() == 0) {
            throw new IllegalArgumentException(name + " must hold at least one image");
        }
        if (data.channels() != detector.inputChannels() || data.size() != detector.canvas()) {
            throw new IllegalArgumentException(name + " has " + data.channels() + "-channel " + data.size() + " px images"
                    + " but the detector takes " + detector.inputChannels() + "-channel " + detector.canvas() + " px");
        }
        if (data.classNames().size() > detector.classes()) {
            throw new IllegalArgumentException(name + " has " + data.classNames().size() + " classes but the detector "
                    + detector.classes());
        }
    }
}
