package org.wisekit.eeg.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.tensor.Shuffles;
import org.wisekit.tensor.nd4j.Nd4jThreads;

/**
 * A trained network of an {@link Architecture}: {@link #fit} trains one on labelled inputs, {@link #predict}
 * classifies new ones.
 *
 * <p>Training: a network from {@link Architecture#network} (DL4J's initialisation seeded with
 * {@link TrainSettings#seed()}), Adam, softmax cross-entropy; each epoch visits every training row once in an
 * order reshuffled with {@link Shuffles} from a {@link SplittableRandom} seeded with the same seed (the last batch
 * of an epoch may be smaller). With a validation fraction, a seeded random subset is held out (not stratified),
 * the accuracy on it is measured after each epoch, training stops after {@code patience} epochs without a better
 * one, and the parameters of the best epoch (the first of equals) are kept.
 *
 * <p>Determinism: with {@code threads = 1} (ND4J on one thread, {@code Nd4jThreads.single}), the same inputs and
 * settings give bit-identical parameters and predictions on one machine; DL4J's random numbers (dropout masks) are
 * reseeded with the seed before training. With {@code threads = 0} ND4J runs OpenMP/BLAS with its own thread
 * count: results are then reproducible for one thread count in practice but not guaranteed bit-identical, and they
 * may differ between thread counts (reductions in batch normalisation and BLAS are split by thread).
 *
 * <p>Inputs are {@code float[trials][channels][height][width]}, or {@code float[trials][height][width]} for
 * one-channel architectures (an image, or a raw {@code C x T} trial for {@link EegNetLike}); labels are classes in
 * {@code [0, classes)}. A classifier is not safe for concurrent use (DL4J networks are not).
 */
public final class Classifier {

    private static final int PREDICT_BATCH = 256;

    private final Architecture architecture;
    private final MultiLayerNetwork network;
    private final TrainSettings settings;
    private final TrainingHistory history;

    private Classifier(Architecture architecture, MultiLayerNetwork network, TrainSettings settings,
                       TrainingHistory history) {
        this.architecture = architecture;
        this.network = network;
        this.settings = settings;
        this.history = history;
    }

    /**
     * Trains a new network of {@code architecture}.
     *
     * @param architecture the network to train
     * @param features     {@code [trials][channels][height][width]}, matching {@code architecture.inputShape()},
     *                     finite
     * @param labels       the class of each trial, in {@code [0, architecture.classes())}
     * @param settings     epochs, batch size, learning rate, seed, threads, early stopping
     * @return the trained classifier
     * @throws IllegalArgumentException naming the argument, for bad shapes, labels or values
     */
    public static Classifier fit(Architecture architecture, float[][][][] features, int[] labels,
                                 TrainSettings settings) {
        check(architecture, settings);
        return train(architecture, Samples.of(features, architecture.inputShape()), labels, settings);
    }

    /**
     * Trains a new network of a one-channel {@code architecture} on {@code [trials][height][width]} inputs.
     *
     * @param architecture the network to train; its input has one channel
     * @param features     {@code [trials][height][width]}, finite
     * @param labels       the class of each trial, in {@code [0, architecture.classes())}
     * @param settings     epochs, batch size, learning rate, seed, threads, early stopping
     * @return the trained classifier
     * @throws IllegalArgumentException naming the argument, for bad shapes, labels or values
     */
    public static Classifier fit(Architecture architecture, float[][][] features, int[] labels,
                                 TrainSettings settings) {
        check(architecture, settings);
        return train(architecture, Samples.of(features, architecture.inputShape()), labels, settings);
    }

    /** The class of each input: the most probable one (the lowest of equals). */
    public int[] predict(float[][][][] features) {
        return argMax(probabilities(features));
    }

    /** The class of each one-channel input {@code [trials][height][width]}. */
    public int[] predict(float[][][] features) {
        return argMax(probabilities(features));
    }

    /** The softmax output {@code [trials][classes]} for each input. */
    public float[][] probabilities(float[][][][] features) {
        return probabilities(Samples.of(features, architecture.inputShape()));
    }

    /** The softmax output {@code [trials][classes]} for each one-channel input. */
    public float[][] probabilities(float[][][] features) {
        return probabilities(Samples.of(features, architecture.inputShape()));
    }

    /** The share of inputs whose predicted class is the label, in [0, 1]. */
    public double accuracy(float[][][][] features, int[] labels) {
        return accuracy(predict(features), labels);
    }

    /** The share of one-channel inputs whose predicted class is the label, in [0, 1]. */
    public double accuracy(float[][][] features, int[] labels) {
        return accuracy(predict(features), labels);
    }

    /** The architecture trained. */
    public Architecture architecture() {
        return architecture;
    }

    /** The trained DL4J network (live: changing it changes this classifier). */
    public MultiLayerNetwork network() {
        return network;
    }

    /** The settings it was trained with. */
    public TrainSettings settings() {
        return settings;
    }

    /** Losses per epoch, validation accuracies and the epoch kept. */
    public TrainingHistory history() {
        return history;
    }

    private static void check(Architecture architecture, TrainSettings settings) {
        if (architecture == null) {
            throw new IllegalArgumentException("architecture must not be null");
        }
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
    }

    private static Classifier train(Architecture architecture, Samples x, int[] labels, TrainSettings settings) {
        checkLabels(labels, x.size(), architecture.classes());
        int n = x.size();
        int held = settings.validationFraction() > 0 ? (int) Math.max(1, Math.round(settings.validationFraction() * n)) : 0;
        if (n - held < 1) {
            throw new IllegalArgumentException("validationFraction " + settings.validationFraction()
                    + " leaves no training trial among " + n);
        }
        return onThreads(settings.threads(), () -> run(architecture, x, labels, settings, held));
    }

    private static Classifier run(Architecture architecture, Samples x, int[] labels, TrainSettings s, int held) {
        MultiLayerNetwork net = architecture.network(s.seed(), s.learningRate());
        Nd4j.getRandom().setSeed(s.seed());
        SplittableRandom rng = new SplittableRandom(s.seed());
        int n = x.size();
        int[] all = Shuffles.identity(n);
        if (held > 0) {
            Shuffles.shuffle(all, rng);
        }
        int[] validation = Arrays.copyOfRange(all, 0, held);
        int[] order = Arrays.copyOfRange(all, held, n);
        int trainRows = order.length;
        int batch = Math.min(s.batchSize(), trainRows);
        int rest = trainRows % batch;
        int k = architecture.classes();
        int d = x.elements();
        float[][] bufX = {new float[batch * d], new float[rest * d]};
        float[][] bufY = {new float[batch * k], new float[rest * k]};
        List<Double> losses = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        double best = -1;
        int bestEpoch = 0;
        INDArray bestParams = null;
        boolean stopped = false;
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            Shuffles.shuffle(order, rng);
            double sum = 0;
            for (int from = 0; from < trainRows; from += batch) {
                int size = Math.min(batch, trainRows - from);
                int which = size == batch ? 0 : 1;
                float[] fx = bufX[which];
                float[] fy = bufY[which];
                Arrays.fill(fy, 0f);
                for (int r = 0; r < size; r++) {
                    int row = order[from + r];
                    x.copy(row, fx, r * d);
                    fy[r * k + labels[row]] = 1f;
                }
                net.fit(new DataSet(Nd4j.create(fx, x.batchShape(size), 'c'), Nd4j.create(fy, new long[] {size, k}, 'c')));
                sum += net.score() * size;
            }
            losses.add(sum / trainRows);
            if (held == 0) {
                bestEpoch = epoch;
                continue;
            }
            double accuracy = accuracy(argMax(probabilities(net, x, validation)), labels, validation);
            accuracies.add(accuracy);
            if (accuracy > best) {
                best = accuracy;
                bestEpoch = epoch;
                bestParams = net.params().dup();
            } else if (epoch - bestEpoch >= s.patience() && epoch + 1 < s.epochs()) {
                stopped = true;
                break;
            }
        }
        if (bestParams != null) {
            net.setParams(bestParams);
        }
        return new Classifier(architecture, net, s, new TrainingHistory(losses, accuracies, bestEpoch, stopped));
    }

    private float[][] probabilities(Samples x) {
        return onThreads(settings.threads(), () -> probabilities(network, x, Shuffles.identity(x.size())));
    }

    private static float[][] probabilities(MultiLayerNetwork net, Samples x, int[] rows) {
        int d = x.elements();
        float[][] out = new float[rows.length][];
        float[] buffer = new float[Math.min(PREDICT_BATCH, rows.length) * d];
        for (int from = 0; from < rows.length; from += PREDICT_BATCH) {
            int size = Math.min(PREDICT_BATCH, rows.length - from);
            float[] fx = size * d == buffer.length ? buffer : new float[size * d];
            for (int r = 0; r < size; r++) {
                x.copy(rows[from + r], fx, r * d);
            }
            float[][] p = net.output(Nd4j.create(fx, x.batchShape(size), 'c'), false).toFloatMatrix();
            System.arraycopy(p, 0, out, from, size);
        }
        return out;
    }

    private static <T> T onThreads(int threads, Supplier<T> work) {
        return threads == 1 ? Nd4jThreads.single(work) : work.get();
    }

    private static int[] argMax(float[][] p) {
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int c = 1; c < p[i].length; c++) {
                if (p[i][c] > p[i][best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    private static double accuracy(int[] predicted, int[] labels, int[] rows) {
        int correct = 0;
        for (int i = 0; i < rows.length; i++) {
            if (predicted[i] == labels[rows[i]]) {
                correct++;
            }
        }
        return (double) correct / rows.length;
    }

    private double accuracy(int[] predicted, int[] labels) {
        checkLabels(labels, predicted.length, architecture.classes());
        return accuracy(predicted, labels, Shuffles.identity(predicted.length));
    }

    private static void checkLabels(int[] labels, int n, int classes) {
        if (labels == null) {
            throw new IllegalArgumentException("labels must not be null");
        }
        if (labels.length != n) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries for " + n + " trials");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is outside [0, " + classes + ")");
            }
        }
    }

    /** Trials as rows of {@code channels * height * width} floats, shapes and values checked once. */
    private abstract static class Samples {

        final int channels;
        final int height;
        final int width;

        Samples(int[] shape) {
            this.channels = shape[0];
            this.height = shape[1];
            this.width = shape[2];
        }

        abstract int size();

        /** Copies trial {@code i} into {@code dst} from {@code offset}, row-major. */
        abstract void copy(int i, float[] dst, int offset);

        int elements() {
            return channels * height * width;
        }

        long[] batchShape(int size) {
            return new long[] {size, channels, height, width};
        }

        static Samples of(float[][][][] x, int[] shape) {
            if (x == null || x.length == 0) {
                throw new IllegalArgumentException("features must hold at least one trial");
            }
            for (int i = 0; i < x.length; i++) {
                if (x[i] == null || x[i].length != shape[0]) {
                    throw new IllegalArgumentException("features[" + i + "] has " + (x[i] == null ? "no" : x[i].length)
                            + " channels, expected " + shape[0]);
                }
                for (int c = 0; c < shape[0]; c++) {
                    checkPlane(x[i][c], shape, "features[" + i + "][" + c + "]");
                }
            }
            return new Samples(shape) {
                @Override
                int size() {
                    return x.length;
                }

                @Override
                void copy(int i, float[] dst, int offset) {
                    int o = offset;
                    for (float[][] plane : x[i]) {
                        for (float[] row : plane) {
                            System.arraycopy(row, 0, dst, o, width);
                            o += width;
                        }
                    }
                }
            };
        }

        static Samples of(float[][][] x, int[] shape) {
            if (shape[0] != 1) {
                throw new IllegalArgumentException("features as [trials][height][width] need a one-channel "
                        + "architecture, this one has " + shape[0] + " channels: pass [trials][channels][height][width]");
            }
            if (x == null || x.length == 0) {
                throw new IllegalArgumentException("features must hold at least one trial");
            }
            for (int i = 0; i < x.length; i++) {
                checkPlane(x[i], shape, "features[" + i + "]");
            }
            return new Samples(shape) {
                @Override
                int size() {
                    return x.length;
                }

                @Override
                void copy(int i, float[] dst, int offset) {
                    int o = offset;
                    for (float[] row : x[i]) {
                        System.arraycopy(row, 0, dst, o, width);
                        o += width;
                    }
                }
            };
        }

        private static void checkPlane(float[][] plane, int[] shape, String where) {
            if (plane == null || plane.length != shape[1]) {
                throw new IllegalArgumentException(where + " has " + (plane == null ? "no" : plane.length)
                        + " rows, expected " + shape[1]);
            }
            for (int h = 0; h < plane.length; h++) {
                float[] row = plane[h];
                if (row == null || row.length != shape[2]) {
                    throw new IllegalArgumentException(where + "[" + h + "] has " + (row == null ? "no" : row.length)
                            + " values, expected " + shape[2]);
                }
                for (int w = 0; w < row.length; w++) {
                    if (!Float.isFinite(row[w])) {
                        throw new IllegalArgumentException(where + "[" + h + "][" + w + "] = " + row[w]
                                + " is not finite");
                    }
                }
            }
        }
    }
}
