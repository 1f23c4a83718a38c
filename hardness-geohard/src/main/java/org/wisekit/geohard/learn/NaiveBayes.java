package org.wisekit.geohard.learn;

/**
 * Multinomial naive Bayes on non-negative features such as n-gram counts ({@link Vocabulary#counts}), with
 * Lidstone smoothing (alpha = 1 is Laplace).
 *
 * <p>With {@code N_cj} the summed feature j over the training rows of class c, {@code N_c = sum_j N_cj}, V the
 * number of features and {@code n_c} the number of training rows of class c:
 * {@code theta_cj = (N_cj + alpha) / (N_c + alpha V)}, {@code prior_c = n_c / n}, and a row x scores
 * {@code log prior_c + sum_j x_j log theta_cj}; the posterior is the softmax of the scores (a class without
 * training rows has prior 0 and is never predicted). Deterministic; ties go to the lowest class index.
 *
 * <pre>{@code
 * Vocabulary vocabulary = Vocabulary.fit(trainTexts, 2, 1);
 * NaiveBayes nb = NaiveBayes.fit(vocabulary.counts(trainTexts), trainLabels, classes, 1.0);
 * int[] predicted = nb.predict(vocabulary.counts(testTexts));
 * }</pre>
 */
public final class NaiveBayes implements LinearClassifier {

    private final double[] logPrior;
    private final double[][] logTheta;

    private NaiveBayes(double[] logPrior, double[][] logTheta) {
        this.logPrior = logPrior;
        this.logTheta = logTheta;
    }

    /**
     * Fits the model.
     *
     * @param x       training rows, non-negative values
     * @param labels  class of each row, in {@code [0, classes)}
     * @param classes number of classes, at least 2
     * @param alpha   smoothing, positive and finite
     */
    public static NaiveBayes fit(SparseFeatures x, int[] labels, int classes, double alpha) {
        Checks.features(x, "x");
        Checks.labels(labels, x.rows(), classes);
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha: " + alpha + " (must be positive and finite)");
        }
        if (x.rows() == 0) {
            throw new IllegalArgumentException("x: 0 rows");
        }
        int v = x.dimension();
        double[][] sums = new double[classes][v];
        double[] rows = new double[classes];
        for (int i = 0; i < x.rows(); i++) {
            int c = labels[i];
            rows[c]++;
            int[] idx = x.indices()[i];
            double[] val = x.values()[i];
            for (int j = 0; j < idx.length; j++) {
                if (val[j] < 0) {
                    throw new IllegalArgumentException("x.values[" + i + "][" + j + "]: " + val[j] + " (must be >= 0)");
                }
                sums[c][idx[j]] += val[j];
            }
        }
        double[] logPrior = new double[classes];
        double[][] logTheta = new double[classes][v];
        for (int c = 0; c < classes; c++) {
            logPrior[c] = Math.log(rows[c] / x.rows());
            double total = 0;
            for (double s : sums[c]) {
                total += s;
            }
            double denominator = Math.log(total + alpha * v);
            for (int j = 0; j < v; j++) {
                logTheta[c][j] = Math.log(sums[c][j] + alpha) - denominator;
            }
        }
        return new NaiveBayes(logPrior, logTheta);
    }

    /** The joint log-likelihood {@code log prior_c + sum_j x_j log theta_cj} per row and class. */
    @Override
    public double[][] scores(SparseFeatures x) {
        Checks.features(x, "x");
        if (x.dimension() != logTheta[0].length) {
            throw new IllegalArgumentException("x.dimension: " + x.dimension() + " (the model has " + logTheta[0].length + ")");
        }
        double[][] out = new double[x.rows()][logPrior.length];
        for (int i = 0; i < x.rows(); i++) {
            int[] idx = x.indices()[i];
            double[] val = x.values()[i];
            for (int c = 0; c < logPrior.length; c++) {
                double s = logPrior[c];
                for (int j = 0; j < idx.length; j++) {
                    s += val[j] * logTheta[c][idx[j]];
                }
                out[i][c] = s;
            }
        }
        return out;
    }

    /** {@code log theta_cj}. */
    public double logTheta(int c, int j) {
        return logTheta[c][j];
    }

    /** {@code log prior_c}. */
    public double logPrior(int c) {
        return logPrior[c];
    }

    public int classes() {
        return logPrior.length;
    }
}
