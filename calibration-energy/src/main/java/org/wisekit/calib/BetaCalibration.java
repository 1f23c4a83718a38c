package org.wisekit.calib;

import java.util.Locale;
import org.wisekit.calib.internal.Softmax;

/**
 * Fitted Beta calibration of a two-class classifier: with {@code s = softmax(z)_1},
 * {@code q_1 = 1 / (1 + exp(-(a ln s - b ln(1 - s) + c)))} and {@code q_0 = 1 - q_1}. With
 * {@code a = b = 1, c = 0} it is the identity ({@code q_1 = s}). ln s and ln(1 - s) are computed from the
 * logits as {@code z_1 - LSE(z)} and {@code z_0 - LSE(z)}, so they are exact even where s rounds to 0 or 1.
 *
 * @param a the weight of {@code ln s}, finite
 * @param b the weight of {@code -ln(1 - s)}, finite
 * @param c the intercept, finite
 */
public record BetaCalibration(double a, double b, double c) implements Calibration {

    public BetaCalibration {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("a, b and c must be finite, got " + a + ", " + b + ", " + c);
        }
    }

    @Override
    public Probabilities apply(Logits logits) {
        if (logits.classes() != 2) {
            throw new IllegalArgumentException("Beta calibration is for 2 classes, got logits of " + logits.classes());
        }
        double[] z = logits.values();
        double[] p = new double[z.length];
        for (int offset = 0; offset < z.length; offset += 2) {
            double lse = Softmax.logSumExp(z, offset, 2, 1.0);
            double eta = a * (z[offset + 1] - lse) - b * (z[offset] - lse) + c;
            double q1 = sigmoid(eta);
            p[offset + 1] = q1;
            p[offset] = sigmoid(-eta);
        }
        return new Probabilities(2, p);
    }

    /** {@code 1 / (1 + exp(-x))} without overflow. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "a = %.4f, b = %.4f, c = %.4f", a, b, c);
    }
}
