package org.wisekit.geohard.baselines;

/**
 * Pointwise V-information (PVI) per class (Ethayarajh, Choi and Swayamdipta, "Understanding Dataset Difficulty with
 * V-Usable Information", ICML 2022), with V the family of multinomial logistic regressions on the embeddings.
 *
 * <p>For a held-out instance (x, y):
 * <pre>
 *   PVI(x -&gt; y) = -log2 g_null(y) + log2 g(x)(y)        in bits
 * </pre>
 * where g is the softmax regression fitted on the training rows (L-BFGS to convergence, minimising the mean
 * cross-entropy plus {@code (l2/2) ||W||^2}, bias unpenalised) and g_null is the same family fitted on an empty
 * (constant) input. The official code (kawine/dataset_difficulty) fine-tunes a second model on null inputs; here
 * g_null is that model's optimum in closed form: with a constant input c the logits {@code W c + b} are the same
 * for every row, the penalty drives the {@code W c} part to zero and the unpenalised bias makes softmax(b) any
 * distribution, so the maximum-likelihood fit is the training label prior {@code g_null(y) = n_y / n}.
 * PVI is computed on held-out rows (train g on the training split, evaluate on the test split), as in the paper;
 * the value of a slice (here a class) is the mean PVI of its instances.
 *
 * <p>Orientation: <b>higher PVI = easier</b> (the input tells the model more about the label than the prior does);
 * negative PVI means the model does worse than guessing from the prior. Deterministic.
 */
public final class Pvi {

    /**
     * Fitting settings for g.
     *
     * @param l2                the penalty {@code (l2/2) ||W||^2} added to the mean cross-entropy, positive and finite
     * @param maxIterations     L-BFGS iteration limit, at least 1
     * @param gradientTolerance stop when every gradient entry is at most this, at least 0
     */
    public record Settings(double l2, int maxIterations, double gradientTolerance) {

        /** Validates the settings; throws {@code IllegalArgumentException} naming the parameter and the value. */
        public Settings {
            if (!(l2 > 0) || !Double.isFinite(l2)) {
                throw new IllegalArgumentException("l2: " + l2 + " (must be positive and finite)");
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations: " + maxIterations + " (must be >= 1)");
            }
            if (!(gradientTolerance >= 0)) {
                throw new IllegalArgumentException("gradientTolerance: " + gradientTolerance + " (must be >= 0)");
            }
        }

        /** l2 = 1e-4, at most 500 iterations, gradient tolerance 1e-6. */
        public static Settings defaults() {
            return new Settings(1e-4, 500, 1e-6);
        }

        /** These settings with {@code l2} replaced. */
        public Settings withL2(double value) {
            return new Settings(value, maxIterations, gradientTolerance);
        }

        /** These settings with {@code maxIterations} replaced. */
        public Settings withMaxIterations(int value) {
            return new Settings(l2, value, gradientTolerance);
        }
    }

    private static final double LN2 = Math.log(2);

    private Pvi() {
    }

    /**
     * PVI of every held-out instance, in bits.
     *
     * @param train       training rows of equal length, all values finite
     * @param trainLabels one label per training row in {@code 0..K-1}, {@code K >= 2}, every class with at least 2
     *                    members
     * @param test        held-out rows of the same length, all values finite
     * @param testLabels  one label per held-out row in {@code 0..K-1}
     * @param settings    the fitting settings of g
     * @return per held-out row {@code log2 g(x)(y) - log2 (n_y / n)}
     * @throws IllegalArgumentException naming the parameter and the value when an argument is invalid
     */
    public static double[] pointwise(double[][] train, int[] trainLabels, double[][] test, int[] testLabels,
                                     Settings settings) {
        int classes = Inputs.check(train, "train", trainLabels, "trainLabels");
        checkTest(test, testLabels, train[0].length, classes, false);
        if (settings == null) {
            throw new IllegalArgumentException("settings: null");
        }
        double[] theta = SoftmaxRegression.fitLbfgs(train, trainLabels, classes, settings.l2(),
                settings.maxIterations(), settings.gradientTolerance());
        int[] counts = Inputs.counts(trainLabels, classes);
        double[] logPrior = new double[classes];
        for (int c = 0; c < classes; c++) {
            logPrior[c] = Math.log((double) counts[c] / train.length);
        }
        double[] logp = new double[classes];
        double[] pvi = new double[test.length];
        for (int i = 0; i < test.length; i++) {
            SoftmaxRegression.logProbabilities(test[i], theta, classes, logp);
            int y = testLabels[i];
            pvi[i] = (logp[y] - logPrior[y]) / LN2;
        }
        return pvi;
    }

    /**
     * Mean PVI per class over the held-out instances of that class.
     *
     * @param train       training rows of equal length, all values finite
     * @param trainLabels one label per training row in {@code 0..K-1}, {@code K >= 2}, every class with at least 2
     *                    members
     * @param test        held-out rows of the same length, all values finite
     * @param testLabels  one label per held-out row in {@code 0..K-1}, every class with at least 1 member
     * @param settings    the fitting settings of g
     * @return per class c (index {@code 0..K-1}) the mean PVI in bits of its held-out instances (higher = easier)
     * @throws IllegalArgumentException naming the parameter and the value when an argument is invalid
     */
    public static double[] perClass(double[][] train, int[] trainLabels, double[][] test, int[] testLabels,
                                    Settings settings) {
        int classes = Inputs.check(train, "train", trainLabels, "trainLabels");
        checkTest(test, testLabels, train[0].length, classes, true);
        double[] pvi = pointwise(train, trainLabels, test, testLabels, settings);
        double[] sums = new double[classes];
        for (int i = 0; i < pvi.length; i++) {
            sums[testLabels[i]] += pvi[i];
        }
        int[] counts = Inputs.counts(testLabels, classes);
        for (int c = 0; c < classes; c++) {
            sums[c] /= counts[c];
        }
        return sums;
    }

    private static void checkTest(double[][] test, int[] testLabels, int dimension, int classes, boolean everyClass) {
        Inputs.heldOut(test, "test", testLabels, "testLabels", dimension, classes, everyClass ? 1 : 0);
    }
}
