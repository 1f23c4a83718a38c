package org.wisekit.calib;

import org.wisekit.calib.internal.SimplexQuadratic;
import org.wisekit.calib.internal.Softmax;

/**
 * Ensemble temperature scaling (ETS, Zhang et al. 2020, "Mix-n-Match"): a convex mix of the TS
 * probabilities, the raw softmax and the uniform distribution,
 * {@code p = w1 softmax(z / T) + w2 softmax(z) + w3 / K} with w on the simplex.
 *
 * <p>T is the NLL temperature of {@link TemperatureScaling}; w minimises the all-class mean squared error
 * on the validation set, as in the reference code (which uses SLSQP). That loss is a convex quadratic in
 * w, so it is minimised exactly over the simplex ({@link SimplexQuadratic}).
 */
public record EnsembleTemperatureScaling() implements Calibrator {

    @Override
    public String name() {
        return "ETS";
    }

    @Override
    public EnsembleCalibration fit(Logits validation) {
        return fit(validation, Logits.empty(validation.classes()));
    }

    @Override
    public EnsembleCalibration fit(Logits validation, Logits oodTuning) {
        validation.requireLabelled("validation");
        double t = TemperatureScaling.fitTemperature(validation, true);
        int classes = validation.classes();
        double[][] components = components(validation, t);
        double[][] gram = new double[3][3];
        double[] targetProducts = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j <= i; j++) {
                gram[i][j] = dot(components[i], components[j]);
                gram[j][i] = gram[i][j];
            }
            int[] labels = validation.labels();
            for (int row = 0; row < labels.length; row++) {
                targetProducts[i] += components[i][row * classes + labels[row]];
            }
        }
        double[] w = SimplexQuadratic.minimise(gram, targetProducts);
        return new EnsembleCalibration(t, w[0], w[1], w[2]);
    }

    /** The three probability tables mixed: TS, raw softmax, uniform. */
    static double[][] components(Logits logits, double temperature) {
        double[] uniform = new double[logits.values().length];
        java.util.Arrays.fill(uniform, 1.0 / logits.classes());
        return new double[][] {
                Softmax.softmaxRows(logits.values(), logits.classes(), temperature),
                Softmax.softmaxRows(logits.values(), logits.classes(), 1.0),
                uniform};
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
