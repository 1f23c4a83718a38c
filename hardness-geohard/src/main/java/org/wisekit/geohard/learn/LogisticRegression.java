package org.wisekit.geohard.learn;

import org.wisekit.tensor.optim.Lbfgs;

/**
 * Multinomial (softmax) logistic regression with an L2 penalty on sparse features, fitted with the shared
 * L-BFGS ({@link Lbfgs}) from zero weights.
 *
 * <p>It minimises {@code (1/n) [sum_i -log softmax(W x_i + b)_{y_i} + ||W||^2 / (2 C)]} (the bias b is not
 * penalised); this has the same minimiser as scikit-learn's {@code C sum_i NLL_i + ||W||^2 / 2}, so C means
 * the same (larger C, weaker penalty). The objective is convex and, with C finite, strictly convex in W, and the
 * fit is deterministic. Ties in {@link #predict} go to the lowest class index.
 *
 * <pre>{@code
 * TfidfVectorizer tfidf = TfidfVectorizer.fit(trainTexts, TfidfVectorizer.Settings.defaults());
 * LogisticRegression lr = LogisticRegression.fit(tfidf.transform(trainTexts), trainLabels, classes,
 *         LogisticRegression.Settings.defaults());
 * int[] predicted = lr.predict(tfidf.transform(testTexts));
 * }</pre>
 */
public final class LogisticRegression implements LinearClassifier {

    /**
     * Fitting settings.
     *
     * @param c                 inverse penalty strength, positive and finite
     * @param maxIterations     L-BFGS iteration limit, at least 1
     * @param gradientTolerance stop when every gradient entry of the (1/n-scaled) objective is at most this, >= 0
     */
    public record Settings(double c, int maxIterations, double gradientTolerance) {

        public Settings {
            if (!(c > 0) || !Double.isFinite(c)) {
                throw new IllegalArgumentException("c: " + c + " (must be positive and finite)");
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations: " + maxIterations + " (must be >= 1)");
            }
            if (!(gradientTolerance >= 0)) {
                throw new IllegalArgumentException("gradientTolerance: " + gradientTolerance + " (must be >= 0)");
            }
        }

        /** C = 1, at most 500 iterations, gradient tolerance 1e-6. */
        public static Settings defaults() {
            return new Settings(1.0, 500, 1e-6);
        }

        public Settings withC(double value) {
            return new Settings(value, maxIterations, gradientTolerance);
        }

        public Settings withMaxIterations(int value) {
            return new Settings(c, value, gradientTolerance);
        }
    }

    private final int classes;
    private final int dimension;
    private final double[] theta;
    private final int iterations;
    private final boolean converged;
    private final double objective;

    private LogisticRegression(int classes, int dimension, Lbfgs.Result result) {
        this.classes = classes;
        this.dimension = dimension;
        this.theta = result.point();
        this.iterations = result.iterations();
        this.converged = result.converged();
        this.objective = result.value();
    }

    /**
     * Fits the model.
     *
     * @param x        training rows
     * @param labels   class of each row, in {@code [0, classes)}
     * @param classes  number of classes, at least 2
     * @param settings penalty and stopping rule
     */
    public static LogisticRegression fit(SparseFeatures x, int[] labels, int classes, Settings settings) {
        Checks.features(x, "x");
        Checks.labels(labels, x.rows(), classes);
        if (settings == null) {
            throw new IllegalArgumentException("settings: null");
        }
        if (x.rows() == 0) {
            throw new IllegalArgumentException("x: 0 rows");
        }
        SoftmaxObjective objective = new SoftmaxObjective(x, labels, classes, settings.c());
        Lbfgs.Result result = Lbfgs.minimise(objective, new double[objective.parameters()],
                settings.maxIterations(), settings.gradientTolerance(), Lbfgs.Listener.NONE);
        return new LogisticRegression(classes, x.dimension(), result);
    }

    /** The logits {@code W x + b} per row and class. */
    @Override
    public double[][] scores(SparseFeatures x) {
        Checks.features(x, "x");
        if (x.dimension() != dimension) {
            throw new IllegalArgumentException("x.dimension: " + x.dimension() + " (the model has " + dimension + ")");
        }
        double[][] out = new double[x.rows()][classes];
        for (int i = 0; i < x.rows(); i++) {
            int[] idx = x.indices()[i];
            double[] val = x.values()[i];
            for (int k = 0; k < classes; k++) {
                double s = theta[classes * dimension + k];
                for (int j = 0; j < idx.length; j++) {
                    s += theta[k * dimension + idx[j]] * val[j];
                }
                out[i][k] = s;
            }
        }
        return out;
    }

    /** Weight of feature j for class k. */
    public double weight(int k, int j) {
        return theta[k * dimension + j];
    }

    /** Bias of class k. */
    public double bias(int k) {
        return theta[classes * dimension + k];
    }

    /** L-BFGS iterations done. */
    public int iterations() {
        return iterations;
    }

    /** Whether L-BFGS reported convergence (see {@link Lbfgs.Result#converged()}). */
    public boolean converged() {
        return converged;
    }

    /** The objective at the fitted parameters. */
    public double objective() {
        return objective;
    }

    public int classes() {
        return classes;
    }

    public int dimension() {
        return dimension;
    }
}
