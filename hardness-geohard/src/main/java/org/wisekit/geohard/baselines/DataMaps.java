package org.wisekit.geohard.baselines;

import java.util.SplittableRandom;
import org.wisekit.tensor.Shuffles;

/**
 * Data-maps confidence and variability per class (Swayamdipta et al., "Dataset Cartography: Mapping and Diagnosing
 * Datasets with Training Dynamics", EMNLP 2020), from a multinomial logistic regression trained on the embeddings.
 *
 * <p>Training dynamics: a softmax regression ({@code W x + b}, from zero) is trained by minibatch SGD for E epochs;
 * each epoch shuffles the rows with the seeded generator and steps {@code theta -= learningRate * gradient} on each
 * batch of the mean cross-entropy plus {@code (l2/2) ||W||^2} (constant learning rate, no momentum). After epoch e
 * the model's probability of the gold label, {@code p_e(y_i | x_i)}, is recorded for every training row (the
 * paper's {@code p_theta(e)}, the parameters at the end of epoch e). Per instance:
 * <pre>
 *   confidence_i  = (1/E) sum_e p_e(y_i | x_i)
 *   variability_i = sqrt((1/E) sum_e (p_e(y_i | x_i) - confidence_i)^2)      population std, as np.std in
 *                                                                           allenai/cartography
 * </pre>
 * Per class c: the mean confidence and the mean variability over its members.
 *
 * <p>Orientation: <b>higher confidence = easier</b> (the model learns the class's instances early and firmly);
 * <b>higher variability = more ambiguous</b> (the gold probability swings across epochs). Neither is "higher =
 * harder" like {@link KnnDisagreement}; negate confidence to correlate it as hardness.
 *
 * <p>Difference from the official code: cartography logs each batch's logits on the fly during the epoch, before
 * that batch's update (with dropout on); this class records them after the epoch for all rows, as the paper's
 * definition states. Cost: O(E n K d) time for n rows of dimension d and K classes, O(E n) memory for the
 * dynamics. Deterministic for a seed.
 */
public final class DataMaps {

    /**
     * Training settings.
     *
     * @param epochs       E, the number of epochs (and of recorded probabilities per instance), at least 1
     * @param batchSize    rows per SGD step, at least 1
     * @param learningRate the constant SGD step size, positive and finite
     * @param l2           the penalty {@code (l2/2) ||W||^2} added to the mean loss, at least 0 and finite
     * @param seed         seeds the per-epoch shuffles
     */
    public record Settings(int epochs, int batchSize, double learningRate, double l2, long seed) {

        /** Validates the settings; throws {@code IllegalArgumentException} naming the parameter and the value. */
        public Settings {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs: " + epochs + " (must be >= 1)");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize: " + batchSize + " (must be >= 1)");
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learningRate: " + learningRate + " (must be positive and finite)");
            }
            if (!(l2 >= 0) || !Double.isFinite(l2)) {
                throw new IllegalArgumentException("l2: " + l2 + " (must be >= 0 and finite)");
            }
        }

        /** 5 epochs, batches of 32, learning rate 0.1, no penalty, seed 0. */
        public static Settings defaults() {
            return new Settings(5, 32, 0.1, 0.0, 0L);
        }

        /** These settings with {@code epochs} replaced. */
        public Settings withEpochs(int value) {
            return new Settings(value, batchSize, learningRate, l2, seed);
        }

        /** These settings with {@code batchSize} replaced. */
        public Settings withBatchSize(int value) {
            return new Settings(epochs, value, learningRate, l2, seed);
        }

        /** These settings with {@code learningRate} replaced. */
        public Settings withLearningRate(double value) {
            return new Settings(epochs, batchSize, value, l2, seed);
        }

        /** These settings with {@code l2} replaced. */
        public Settings withL2(double value) {
            return new Settings(epochs, batchSize, learningRate, value, seed);
        }

        /** These settings with {@code seed} replaced. */
        public Settings withSeed(long value) {
            return new Settings(epochs, batchSize, learningRate, l2, value);
        }
    }

    /**
     * Per class {@code 0..K-1}: the mean confidence and the mean variability of its instances.
     *
     * @param confidence  per class the mean of the instances' confidence, in [0, 1]; higher = easier
     * @param variability per class the mean of the instances' variability, in [0, 0.5]; higher = more ambiguous
     */
    public record Result(double[] confidence, double[] variability) {
    }

    private DataMaps() {
    }

    /**
     * Trains on the embeddings and returns the per-class mean confidence and variability.
     *
     * @param embeddings n training rows of equal length, all values finite
     * @param labels     one label per row in {@code 0..K-1}, {@code K >= 2}, every class with at least 2 members
     * @param settings   the training settings
     * @return per class the mean confidence and the mean variability
     * @throws IllegalArgumentException naming the parameter and the value when an argument is invalid
     */
    public static Result perClass(double[][] embeddings, int[] labels, Settings settings) {
        return aggregate(trainingDynamics(embeddings, labels, settings), labels);
    }

    /**
     * The training dynamics: {@code p[e][i]}, the probability of row i's gold label after epoch {@code e + 1}.
     *
     * @param embeddings n training rows of equal length, all values finite
     * @param labels     one label per row in {@code 0..K-1}, {@code K >= 2}, every class with at least 2 members
     * @param settings   the training settings
     * @return an E x n array of gold-label probabilities
     * @throws IllegalArgumentException naming the parameter and the value when an argument is invalid
     */
    public static double[][] trainingDynamics(double[][] embeddings, int[] labels, Settings settings) {
        int classes = Inputs.check(embeddings, labels);
        if (settings == null) {
            throw new IllegalArgumentException("settings: null");
        }
        int n = embeddings.length;
        int dim = embeddings[0].length;
        double[] theta = new double[SoftmaxRegression.parameters(classes, dim)];
        double[] gradient = new double[theta.length];
        double[] scores = new double[classes];
        int[] order = Shuffles.identity(n);
        SplittableRandom rng = new SplittableRandom(settings.seed());
        double[][] gold = new double[settings.epochs()][n];
        for (int e = 0; e < settings.epochs(); e++) {
            SoftmaxRegression.sgdEpoch(embeddings, labels, classes, order, settings.batchSize(),
                    settings.learningRate(), settings.l2(), theta, gradient, scores, rng);
            for (int i = 0; i < n; i++) {
                SoftmaxRegression.logProbabilities(embeddings[i], theta, classes, scores);
                gold[e][i] = Math.exp(scores[labels[i]]);
            }
        }
        return gold;
    }

    /**
     * Per-class confidence and variability from recorded training dynamics (the aggregation step alone).
     *
     * @param goldProbabilities {@code p[e][i]}: E at least 1 rows (epochs) of n values in [0, 1] (instances)
     * @param labels            one label per instance in {@code 0..K-1}, {@code K >= 2}, every class with at
     *                          least 1 member
     * @return per class the mean over its instances of the mean (confidence) and the population standard
     *         deviation (variability) over epochs
     * @throws IllegalArgumentException naming the parameter and the value when an argument is invalid
     */
    public static Result aggregate(double[][] goldProbabilities, int[] labels) {
        if (goldProbabilities == null) {
            throw new IllegalArgumentException("goldProbabilities: null");
        }
        if (goldProbabilities.length == 0) {
            throw new IllegalArgumentException("goldProbabilities: no epochs (need at least 1)");
        }
        int n = Inputs.matrix(goldProbabilities, "goldProbabilities");
        for (int e = 0; e < goldProbabilities.length; e++) {
            for (int i = 0; i < n; i++) {
                double p = goldProbabilities[e][i];
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("goldProbabilities[" + e + "][" + i + "]: " + p
                            + " (must be in [0, 1])");
                }
            }
        }
        if (labels == null) {
            throw new IllegalArgumentException("labels: null");
        }
        if (labels.length != n) {
            throw new IllegalArgumentException("labels: length " + labels.length + " but " + n + " instances");
        }
        int classes = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("labels[" + i + "]: " + labels[i] + " (must be >= 0)");
            }
            classes = Math.max(classes, labels[i] + 1);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("labels: " + classes + " class (need at least 2, labelled 0..K-1)");
        }
        int[] counts = Inputs.counts(labels, classes);
        for (int c = 0; c < classes; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("labels: class " + c + " has 0 members (every class 0.."
                        + (classes - 1) + " needs at least 1)");
            }
        }
        int epochs = goldProbabilities.length;
        double[] confidence = new double[classes];
        double[] variability = new double[classes];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (int e = 0; e < epochs; e++) {
                mean += goldProbabilities[e][i];
            }
            mean /= epochs;
            double squares = 0;
            for (int e = 0; e < epochs; e++) {
                double dev = goldProbabilities[e][i] - mean;
                squares += dev * dev;
            }
            confidence[labels[i]] += mean;
            variability[labels[i]] += Math.sqrt(squares / epochs);
        }
        for (int c = 0; c < classes; c++) {
            confidence[c] /= counts[c];
            variability[c] /= counts[c];
        }
        return new Result(confidence, variability);
    }
}
