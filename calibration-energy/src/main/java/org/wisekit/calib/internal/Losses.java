package org.wisekit.calib.internal;

/**
 * The fitting objectives of the calibrators, over row-major logits with a temperature per row. Rows whose
 * label is negative (out-of-distribution) have the all-zeros target in the squared error, which pushes
 * their softmax towards uniform. Kernels trust their input.
 */
public final class Losses {

    /** Probabilities are floored here inside the log, as in the reference code (clip to [1e-20, 1]). */
    public static final double PROBABILITY_FLOOR = 1e-20;
    private static final double LOG_PROBABILITY_FLOOR = Math.log(PROBABILITY_FLOOR);

    private Losses() {
    }

    /** Mean negative log-likelihood of the labels under {@code softmax(z / temperature)}; labels must be >= 0. */
    public static double negativeLogLikelihood(double[] z, int classes, int[] labels, double temperature) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            int offset = i * classes;
            double logP = z[offset + labels[i]] / temperature - Softmax.logSumExp(z, offset, classes, temperature);
            sum -= Math.max(logP, LOG_PROBABILITY_FLOOR);
        }
        return sum / labels.length;
    }

    /**
     * {@code (1 / (N K)) sum_i sum_k (p_ik - y_ik)^2} with {@code p_i = softmax(z_i / temperatures[i])} and
     * {@code y_i} one-hot, or all zeros where {@code labels[i] < 0}.
     */
    public static double meanSquaredError(double[] z, int classes, int[] labels, double[] temperatures) {
        double[] p = new double[classes];
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            Softmax.softmax(z, i * classes, classes, temperatures[i], p, 0);
            for (int k = 0; k < classes; k++) {
                double d = p[k] - (k == labels[i] ? 1.0 : 0.0);
                sum += d * d;
            }
        }
        return sum / ((double) labels.length * classes);
    }

    /** {@link #meanSquaredError(double[], int, int[], double[])} at one temperature for every row. */
    public static double meanSquaredError(double[] z, int classes, int[] labels, double temperature) {
        double[] p = new double[classes];
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            Softmax.softmax(z, i * classes, classes, temperature, p, 0);
            for (int k = 0; k < classes; k++) {
                double d = p[k] - (k == labels[i] ? 1.0 : 0.0);
                sum += d * d;
            }
        }
        return sum / ((double) labels.length * classes);
    }
}
