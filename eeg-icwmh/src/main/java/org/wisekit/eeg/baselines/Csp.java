package org.wisekit.eeg.baselines;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Common spatial patterns for two classes (Ramoser, Mueller-Gerking and Pfurtscheller, "Optimal spatial filtering
 * of single trial EEG during imagined hand movement", IEEE Trans. Rehab. Eng. 8(4), 2000).
 *
 * <p>Each trial {@code X} ({@code C x T}) gives the normalised covariance {@code XX' / trace(XX')} after removing
 * each channel's mean over the trial; the class covariances {@code C1}, {@code C2} are the means over each class's
 * trials. The filters {@code w} solve the generalised eigenproblem {@code C1 w = lambda (C1 + C2) w}, computed by
 * whitening the composite {@code C1 + C2 = U L U'} with {@code P = L^(-1/2) U'} and diagonalising
 * {@code P C1 P' = B diag(lambda) B'}: the filters are the rows of {@code B' P}, so that {@code w' (C1 + C2) w = 1}
 * and {@code w' C1 w = lambda}. Directions of the composite with an eigenvalue below {@link #RANK_TOLERANCE} times
 * the largest are dropped (a flat or duplicated channel). The {@code m} filters with the largest {@code lambda}
 * (most variance for class 0) and the {@code m} with the smallest (most for class 1) are kept, in that order.
 *
 * <p>Features of a trial: with {@code z_i = w_i' X} and {@code v_i} its variance over the trial,
 * {@code f_i = log(v_i / sum_j v_j)}, the sum over the {@code 2m} kept filters (a ratio below
 * {@code Double.MIN_NORMAL} is clamped to it; a trial without variance through any filter gets equal shares).
 * Immutable and thread-safe.
 */
public final class Csp {

    /** Composite-covariance eigenvalues below this share of the largest are treated as zero. */
    public static final double RANK_TOLERANCE = 1e-10;

    private final double[][] filters;
    private final double[] eigenvalues;
    private final int pairs;

    private Csp(double[][] filters, double[] eigenvalues, int pairs) {
        this.filters = filters;
        this.eigenvalues = eigenvalues;
        this.pairs = pairs;
    }

    /**
     * Fits CSP on two classes.
     *
     * @param trials {@code [trial][channel][sample]}, rectangular, finite
     * @param labels the class of each trial, 0 or 1 (both present)
     * @param pairs  filters kept per class, {@code m >= 1}
     * @return the fitted filters
     * @throws IllegalArgumentException naming the argument, for bad shapes, values, labels or {@code pairs}
     */
    public static Csp fit(double[][][] trials, int[] labels, int pairs) {
        Checks.check(trials);
        int classes = Checks.classes(labels, trials.length);
        if (classes != 2) {
            throw new IllegalArgumentException("labels must hold exactly the classes 0 and 1 for CSP, got " + classes
                    + " classes (CspLda handles more, one class against the rest)");
        }
        double[][][] covariances = covariances(trials);
        return fromClassCovariances(mean(covariances, labels, 0, true), mean(covariances, labels, 1, true), pairs);
    }

    /**
     * Fits CSP of one class against all others: class {@code positive}'s mean covariance against the mean of the
     * other trials' covariances (trial-weighted).
     *
     * @param trials   {@code [trial][channel][sample]}, rectangular, finite
     * @param labels   the class of each trial, in {@code 0..K-1}, every class present, {@code K >= 2}
     * @param positive the class whose variance the first {@code m} filters maximise
     * @param pairs    filters kept per side, {@code m >= 1}
     * @return the fitted filters
     */
    public static Csp oneVsRest(double[][][] trials, int[] labels, int positive, int pairs) {
        Checks.check(trials);
        int classes = Checks.classes(labels, trials.length);
        if (classes < 2 || positive < 0 || positive >= classes) {
            throw new IllegalArgumentException("positive must be a class in [0, " + classes + ") of at least 2, got "
                    + positive);
        }
        return ofCovariances(covariances(trials), labels, positive, pairs);
    }

    /** One class against the rest from per-trial normalised covariances. */
    static Csp ofCovariances(double[][][] covariances, int[] labels, int positive, int pairs) {
        return fromClassCovariances(mean(covariances, labels, positive, true), mean(covariances, labels, positive, false),
                pairs);
    }

    /**
     * CSP from two class covariance matrices: the generalised eigenvectors of {@code C1 w = lambda (C1 + C2) w}.
     *
     * @param c1    class 0's covariance, {@code C x C}, symmetric positive semi-definite
     * @param c2    class 1's covariance, same size
     * @param pairs filters kept per class, {@code m >= 1}, with {@code 2m} at most the rank of {@code C1 + C2}
     * @return the filters
     */
    public static Csp fromClassCovariances(double[][] c1, double[][] c2, int pairs) {
        int n = checkSquare(c1, "c1");
        if (checkSquare(c2, "c2") != n) {
            throw new IllegalArgumentException("c2 is " + c2.length + " x " + c2.length + ", c1 is " + n + " x " + n);
        }
        if (pairs < 1) {
            throw new IllegalArgumentException("pairs must be >= 1, got " + pairs);
        }
        RealMatrix a = symmetric(new Array2DRowRealMatrix(c1));
        RealMatrix composite = symmetric(a.add(new Array2DRowRealMatrix(c2)));
        EigenDecomposition ec = new EigenDecomposition(composite);
        double[] values = ec.getRealEigenvalues();
        Integer[] order = descending(values);
        double largest = values[order[0]];
        int rank = 0;
        while (rank < n && values[order[rank]] > RANK_TOLERANCE * largest && values[order[rank]] > 0) {
            rank++;
        }
        if (2 * pairs > rank) {
            throw new IllegalArgumentException("pairs = " + pairs + " needs " + 2 * pairs
                    + " independent directions, the composite covariance c1 + c2 has rank " + rank);
        }
        double[][] whitening = new double[rank][n];
        for (int j = 0; j < rank; j++) {
            double scale = 1 / Math.sqrt(values[order[j]]);
            for (int c = 0; c < n; c++) {
                whitening[j][c] = ec.getV().getEntry(c, order[j]) * scale;
            }
        }
        RealMatrix p = new Array2DRowRealMatrix(whitening, false);
        EigenDecomposition es = new EigenDecomposition(symmetric(p.multiply(a).multiply(p.transpose())));
        double[] lambdas = es.getRealEigenvalues();
        Integer[] byLambda = descending(lambdas);
        RealMatrix all = es.getV().transpose().multiply(p);   // row i: b_i' P
        double[][] filters = new double[2 * pairs][];
        double[] eigenvalues = new double[2 * pairs];
        for (int i = 0; i < 2 * pairs; i++) {
            int j = i < pairs ? byLambda[i] : byLambda[rank - 2 * pairs + i];
            filters[i] = all.getRow(j);
            eigenvalues[i] = lambdas[j];
        }
        return new Csp(filters, eigenvalues, pairs);
    }

    /**
     * The normalised spatial covariance of a trial: {@code XX' / trace(XX')} with each channel's mean removed.
     *
     * @param trial {@code [channel][sample]}, rectangular, finite, not constant on every channel
     * @return a new {@code C x C} symmetric matrix with trace 1
     */
    public static double[][] normalizedCovariance(double[][] trial) {
        if (trial == null || trial.length == 0) {
            throw new IllegalArgumentException("trial must have at least one channel");
        }
        Checks.checkTrial(trial, trial.length, "trial");
        double[][] cov = covariance(trial, new double[trial.length][trial[0].length]);
        if (cov == null) {
            throw new IllegalArgumentException("trial is constant on every channel (trace of its covariance is 0)");
        }
        return cov;
    }

    /** Filters kept per class, {@code m}. */
    public int pairs() {
        return pairs;
    }

    /** Channels each filter weighs. */
    public int channels() {
        return filters[0].length;
    }

    /**
     * The {@code 2m} spatial filters as rows, {@code [2m][C]}: first the {@code m} with the largest eigenvalue
     * (class 0), largest first, then the {@code m} with the smallest, smallest last. A new array.
     */
    public double[][] filters() {
        double[][] copy = new double[filters.length][];
        for (int i = 0; i < filters.length; i++) {
            copy[i] = filters[i].clone();
        }
        return copy;
    }

    /** The eigenvalue {@code lambda = w' C1 w / w' (C1 + C2) w} of each kept filter, in {@link #filters()} order. */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /**
     * The {@code 2m} log-variance features of a trial.
     *
     * @param trial {@code [channel][sample]} with {@link #channels()} rows, finite
     * @return {@code log(v_i / sum_j v_j)} per filter
     */
    public double[] features(double[][] trial) {
        Checks.checkTrial(trial, channels(), "trial");
        double[] out = new double[filters.length];
        features(trial, new double[trial[0].length], out, 0);
        return out;
    }

    /** Features of each trial, {@code [trial][2m]}. */
    public double[][] features(double[][][] trials) {
        if (trials == null || trials.length == 0) {
            throw new IllegalArgumentException("trials must hold at least one trial");
        }
        double[][] out = new double[trials.length][filters.length];
        for (int i = 0; i < trials.length; i++) {
            Checks.checkTrial(trials[i], channels(), "trials[" + i + "]");
            features(trials[i], new double[trials[i][0].length], out[i], 0);
        }
        return out;
    }

    /** Writes the features of a checked trial into {@code out} from {@code offset}; {@code z} has one slot per sample. */
    void features(double[][] trial, double[] z, double[] out, int offset) {
        int samples = z.length;
        double total = 0;
        for (int f = 0; f < filters.length; f++) {
            Arrays.fill(z, 0);
            double[] w = filters[f];
            for (int c = 0; c < w.length; c++) {
                double wc = w[c];
                double[] row = trial[c];
                for (int t = 0; t < samples; t++) {
                    z[t] += wc * row[t];
                }
            }
            double mean = 0;
            for (int t = 0; t < samples; t++) {
                mean += z[t];
            }
            mean /= samples;
            double v = 0;
            for (int t = 0; t < samples; t++) {
                double d = z[t] - mean;
                v += d * d;
            }
            out[offset + f] = v;
            total += v;
        }
        for (int f = 0; f < filters.length; f++) {
            double share = total > 0 ? out[offset + f] / total : 1.0 / filters.length;
            out[offset + f] = Math.log(Math.max(share, Double.MIN_NORMAL));
        }
    }

    /** The normalised covariance of every (checked) trial. */
    static double[][][] covariances(double[][][] trials) {
        double[][][] out = new double[trials.length][][];
        double[][] centred = new double[trials[0].length][trials[0][0].length];
        for (int i = 0; i < trials.length; i++) {
            if (centred[0].length != trials[i][0].length) {
                centred = new double[trials[i].length][trials[i][0].length];
            }
            out[i] = covariance(trials[i], centred);
            if (out[i] == null) {
                throw new IllegalArgumentException("trials[" + i + "] is constant on every channel");
            }
        }
        return out;
    }

    /** {@code XX' / trace} of the channel-centred trial, using {@code centred} as scratch; null when the trace is 0. */
    private static double[][] covariance(double[][] trial, double[][] centred) {
        int channels = trial.length;
        int samples = trial[0].length;
        for (int c = 0; c < channels; c++) {
            double mean = 0;
            for (int t = 0; t < samples; t++) {
                mean += trial[c][t];
            }
            mean /= samples;
            for (int t = 0; t < samples; t++) {
                centred[c][t] = trial[c][t] - mean;
            }
        }
        double[][] cov = new double[channels][channels];
        double trace = 0;
        for (int i = 0; i < channels; i++) {
            double[] ri = centred[i];
            for (int j = 0; j <= i; j++) {
                double[] rj = centred[j];
                double s = 0;
                for (int t = 0; t < samples; t++) {
                    s += ri[t] * rj[t];
                }
                cov[i][j] = s;
                cov[j][i] = s;
            }
            trace += cov[i][i];
        }
        if (!(trace > 0)) {
            return null;
        }
        for (double[] row : cov) {
            for (int j = 0; j < channels; j++) {
                row[j] /= trace;
            }
        }
        return cov;
    }

    /** The mean of the covariances whose label is ({@code equal}) or is not ({@code !equal}) {@code label}. */
    static double[][] mean(double[][][] covariances, int[] labels, int label, boolean equal) {
        int n = covariances[0].length;
        double[][] sum = new double[n][n];
        int count = 0;
        for (int i = 0; i < covariances.length; i++) {
            if ((labels[i] == label) == equal) {
                count++;
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < n; c++) {
                        sum[r][c] += covariances[i][r][c];
                    }
                }
            }
        }
        for (double[] row : sum) {
            for (int c = 0; c < n; c++) {
                row[c] /= count;
            }
        }
        return sum;
    }

    private static int checkSquare(double[][] m, String name) {
        if (m == null || m.length == 0) {
            throw new IllegalArgumentException(name + " must be a non-empty square matrix");
        }
        for (int i = 0; i < m.length; i++) {
            if (m[i] == null || m[i].length != m.length) {
                throw new IllegalArgumentException(name + " is not square: row " + i + " has "
                        + (m[i] == null ? "no" : m[i].length) + " entries for " + m.length + " rows");
            }
            for (double v : m[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(name + " holds a non-finite value in row " + i);
                }
            }
        }
        return m.length;
    }

    private static RealMatrix symmetric(RealMatrix m) {
        return m.add(m.transpose()).scalarMultiply(0.5);
    }

    private static Integer[] descending(double[] values) {
        return IntStream.range(0, values.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -values[i]).thenComparingInt(i -> i))
                .toArray(Integer[]::new);
    }
}
