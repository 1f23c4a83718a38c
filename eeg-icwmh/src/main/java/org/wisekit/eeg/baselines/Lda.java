package org.wisekit.eeg.baselines;

import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Linear discriminant analysis with a shared covariance (Fisher's LDA as the Gaussian classifier with equal
 * covariances), for {@code K >= 2} classes.
 *
 * <p>Fit: class means {@code mu_k}, priors {@code pi_k = n_k / n} (the class frequencies), the pooled
 * within-class covariance {@code S = sum_k sum_(i in k) (x_i - mu_k)(x_i - mu_k)' / (n - K)}, optionally shrunk
 * towards a scaled identity, {@code S' = (1 - s) S + s (trace(S) / d) I} with {@code s} in {@code [0, 1]} (0: plain
 * LDA; the target and the form are those of Ledoit-Wolf / scikit-learn's {@code shrinkage}, with {@code s} given
 * rather than estimated). Predict: the class with the largest score
 * {@code delta_k(x) = x' S'^-1 mu_k - mu_k' S'^-1 mu_k / 2 + log pi_k} (the lowest of equals).
 * Immutable and thread-safe.
 */
public final class Lda {

    private final double[][] coefficients;
    private final double[] intercepts;
    private final double[][] means;
    private final double[][] covariance;
    private final double shrinkage;

    private Lda(double[][] coefficients, double[] intercepts, double[][] means, double[][] covariance, double shrinkage) {
        this.coefficients = coefficients;
        this.intercepts = intercepts;
        this.means = means;
        this.covariance = covariance;
        this.shrinkage = shrinkage;
    }

    /**
     * Fits LDA.
     *
     * @param x         {@code [row][feature]}, rectangular, finite, at least one feature
     * @param labels    the class of each row, in {@code 0..K-1}, every class present, {@code K >= 2}, {@code n > K}
     * @param shrinkage {@code s} in {@code [0, 1]}
     * @return the fitted classifier
     * @throws IllegalArgumentException naming the argument; also when the (shrunk) covariance is singular
     */
    public static Lda fit(double[][] x, int[] labels, double shrinkage) {
        int d = checkRows(x, -1, "x");
        int n = x.length;
        int k = Checks.classes(labels, n);
        if (k < 2) {
            throw new IllegalArgumentException("labels must hold at least 2 classes, got " + k);
        }
        if (n <= k) {
            throw new IllegalArgumentException("x needs more rows than classes for a pooled covariance, got " + n
                    + " rows for " + k + " classes");
        }
        if (!(shrinkage >= 0 && shrinkage <= 1)) {
            throw new IllegalArgumentException("shrinkage must be in [0, 1], got " + shrinkage);
        }
        double[][] means = new double[k][d];
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
            counts[labels[i]]++;
            for (int j = 0; j < d; j++) {
                means[labels[i]][j] += x[i][j];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                means[c][j] /= counts[c];
            }
        }
        double[][] s = new double[d][d];
        double[] diff = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                diff[j] = x[i][j] - means[labels[i]][j];
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    s[a][b] += diff[a] * diff[b];
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                s[a][b] /= n - k;
                s[b][a] = s[a][b];
            }
            trace += s[a][a];
        }
        double target = trace / d;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                s[a][b] = (1 - shrinkage) * s[a][b] + (a == b ? shrinkage * target : 0);
            }
        }
        if (!(target > 0)) {
            throw new IllegalArgumentException("x: every feature is constant within each class; the pooled covariance is 0");
        }
        DecompositionSolver solver;
        try {
            solver = new CholeskyDecomposition(new Array2DRowRealMatrix(s), 1e-12, 1e-12 * target)
                    .getSolver();
        } catch (MathIllegalArgumentException e) {
            throw new IllegalArgumentException("x: the pooled within-class covariance is singular (constant or "
                    + "collinear features); use shrinkage > 0", e);
        }
        RealMatrix solved = solver.solve(new Array2DRowRealMatrix(means).transpose());   // d x K: S'^-1 mu_k
        double[][] coefficients = solved.transpose().getData();
        double[] intercepts = new double[k];
        for (int c = 0; c < k; c++) {
            double q = 0;
            for (int j = 0; j < d; j++) {
                q += coefficients[c][j] * means[c][j];
            }
            intercepts[c] = -0.5 * q + Math.log((double) counts[c] / n);
        }
        return new Lda(coefficients, intercepts, means, s, shrinkage);
    }

    /** The number of classes {@code K}. */
    public int classes() {
        return intercepts.length;
    }

    /** The number of features {@code d}. */
    public int dimension() {
        return means[0].length;
    }

    /** The shrinkage {@code s} it was fitted with. */
    public double shrinkage() {
        return shrinkage;
    }

    /** The scores {@code delta_k(x)} of each class. */
    public double[] scores(double[] x) {
        checkRow(x, dimension(), "x");
        double[] out = intercepts.clone();
        for (int c = 0; c < out.length; c++) {
            double[] w = coefficients[c];
            for (int j = 0; j < w.length; j++) {
                out[c] += w[j] * x[j];
            }
        }
        return out;
    }

    /** The class with the largest score (the lowest of equals). */
    public int predict(double[] x) {
        double[] s = scores(x);
        int best = 0;
        for (int c = 1; c < s.length; c++) {
            if (s[c] > s[best]) {
                best = c;
            }
        }
        return best;
    }

    /** The predicted class of each row. */
    public int[] predict(double[][] x) {
        checkRows(x, dimension(), "x");
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = predict(x[i]);
        }
        return out;
    }

    /** {@code S'^-1 mu_k} per class, {@code [K][d]} (a new array). */
    public double[][] coefficients() {
        return copy(coefficients);
    }

    /** {@code -mu_k' S'^-1 mu_k / 2 + log pi_k} per class (a new array). */
    public double[] intercepts() {
        return intercepts.clone();
    }

    /** The class means, {@code [K][d]} (a new array). */
    public double[][] means() {
        return copy(means);
    }

    /** The shrunk pooled covariance {@code S'}, {@code [d][d]} (a new array). */
    public double[][] covariance() {
        return copy(covariance);
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    /** Checks rows of equal length {@code d} ({@code d < 0}: that of row 0, at least 1), finite; returns it. */
    private static int checkRows(double[][] x, int d, String name) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one row");
        }
        int width = d >= 0 ? d : (x[0] == null ? 0 : x[0].length);
        if (width < 1) {
            throw new IllegalArgumentException(name + "[0] must hold at least one feature");
        }
        for (int i = 0; i < x.length; i++) {
            checkRow(x[i], width, name + "[" + i + "]");
        }
        return width;
    }

    private static void checkRow(double[] row, int d, String name) {
        if (row == null || row.length != d) {
            throw new IllegalArgumentException(name + " has " + (row == null ? "no" : row.length) + " features, expected "
                    + d);
        }
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException(name + "[" + j + "] = " + row[j] + " is not finite");
            }
        }
    }
}
