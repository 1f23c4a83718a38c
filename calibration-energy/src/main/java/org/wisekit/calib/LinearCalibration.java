package org.wisekit.calib;

import java.util.Arrays;
import java.util.Locale;
import org.wisekit.calib.internal.LinearSoftmax;
import org.wisekit.calib.internal.Losses;
import org.wisekit.calib.internal.Softmax;

/**
 * A fitted linear calibration map: {@code p = softmax(W x + b)} where x is the row of logits
 * ({@link Input#LOGITS}: vector and matrix scaling) or of log-probabilities {@code ln softmax(z)}
 * ({@link Input#LOG_PROBABILITIES}: Dirichlet calibration). W is diagonal (vector scaling:
 * {@code weights} holds its K diagonal entries) or full ({@code weights} holds K x K entries, row-major,
 * {@code weights[k * K + j]} multiplies feature j into output k).
 *
 * <p>Log-probabilities are floored at {@code ln 1e-20} (the NLL floor used everywhere here), so that a
 * logit gap of thousands cannot blow a feature up.
 *
 * @param method  the calibrator's display name, for {@link #describe()}
 * @param input   which features W multiplies
 * @param classes K
 * @param weights K entries (diagonal W) or K x K (full W), finite
 * @param bias    K entries, finite
 */
public record LinearCalibration(String method, Input input, int classes, double[] weights, double[] bias)
        implements Calibration {

    /** The features of a row that the map multiplies. */
    public enum Input { LOGITS, LOG_PROBABILITIES }

    private static final double LOG_FLOOR = Math.log(Losses.PROBABILITY_FLOOR);

    public LinearCalibration {
        if (method == null || input == null) {
            throw new IllegalArgumentException("method and input must not be null");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, got " + classes);
        }
        if (weights == null || (weights.length != classes && weights.length != classes * classes)) {
            throw new IllegalArgumentException("weights must hold " + classes + " (diagonal) or " + classes * classes
                    + " (full) entries, got " + (weights == null ? "none" : weights.length));
        }
        if (bias == null || bias.length != classes) {
            throw new IllegalArgumentException("bias must hold " + classes + " entries, got "
                    + (bias == null ? "none" : bias.length));
        }
        for (double w : weights) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("weights must be finite, got " + w);
            }
        }
        for (double b : bias) {
            if (!Double.isFinite(b)) {
                throw new IllegalArgumentException("bias must be finite, got " + b);
            }
        }
    }

    /** Whether W is diagonal (vector scaling). */
    public boolean diagonal() {
        return weights.length == classes;
    }

    /** The features of every row of {@code logits} for {@code input}. */
    static double[] features(Logits logits, Input input) {
        if (input == Input.LOGITS) {
            return logits.values();
        }
        int k = logits.classes();
        double[] z = logits.values();
        double[] x = new double[z.length];
        for (int offset = 0; offset < z.length; offset += k) {
            double lse = Softmax.logSumExp(z, offset, k, 1.0);
            for (int j = 0; j < k; j++) {
                x[offset + j] = Math.max(LOG_FLOOR, z[offset + j] - lse);
            }
        }
        return x;
    }

    @Override
    public Probabilities apply(Logits logits) {
        if (logits.classes() != classes) {
            throw new IllegalArgumentException("fitted for " + classes + " classes, got logits of " + logits.classes());
        }
        double[] x = features(logits, input);
        double[] theta = Arrays.copyOf(weights, weights.length + classes);
        System.arraycopy(bias, 0, theta, weights.length, classes);
        double[] u = new double[classes];
        double[] p = new double[x.length];
        for (int offset = 0; offset < x.length; offset += classes) {
            LinearSoftmax.map(theta, diagonal(), classes, x, offset, u);
            Softmax.softmax(u, 0, classes, 1.0, p, offset);
        }
        return new Probabilities(classes, p);
    }

    @Override
    public String describe() {
        double offDiagonal = 0;
        double diagonalMean = 0;
        for (int k = 0; k < classes; k++) {
            diagonalMean += diagonal() ? weights[k] : weights[k * classes + k];
            if (!diagonal()) {
                for (int j = 0; j < classes; j++) {
                    offDiagonal = j == k ? offDiagonal : Math.max(offDiagonal, Math.abs(weights[k * classes + j]));
                }
            }
        }
        double biasMax = 0;
        for (double b : bias) {
            biasMax = Math.max(biasMax, Math.abs(b));
        }
        return String.format(Locale.ROOT, "%s W on %s, mean diagonal %.4f%s, max |b| %.4f",
                diagonal() ? "diagonal" : classes + "x" + classes, input == Input.LOGITS ? "logits" : "log-probabilities",
                diagonalMean / classes, diagonal() ? "" : String.format(Locale.ROOT, ", max |off-diagonal| %.4f", offDiagonal),
                biasMax);
    }
}
