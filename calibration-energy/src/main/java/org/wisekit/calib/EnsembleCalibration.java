package org.wisekit.calib;

import java.util.Locale;

/**
 * Fitted ETS: {@code p = weightScaled softmax(z / T) + weightRaw softmax(z) + weightUniform / K}.
 *
 * @param temperature   T of the scaled component, finite and positive
 * @param weightScaled  weight of the temperature-scaled softmax
 * @param weightRaw     weight of the raw softmax
 * @param weightUniform weight of the uniform distribution; the three weights are >= 0 and sum to 1
 */
public record EnsembleCalibration(double temperature, double weightScaled, double weightRaw, double weightUniform)
        implements Calibration {

    public EnsembleCalibration {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature);
        }
        if (!(weightScaled >= 0 && weightRaw >= 0 && weightUniform >= 0)
                || !(Math.abs(weightScaled + weightRaw + weightUniform - 1) <= 1e-9)) {
            throw new IllegalArgumentException("weights must be >= 0 and sum to 1, got " + weightScaled + ", "
                    + weightRaw + ", " + weightUniform);
        }
    }

    @Override
    public Probabilities apply(Logits logits) {
        double[][] c = EnsembleTemperatureScaling.components(logits, temperature);
        double[] p = new double[c[0].length];
        for (int i = 0; i < p.length; i++) {
            p[i] = weightScaled * c[0][i] + weightRaw * c[1][i] + weightUniform * c[2][i];
        }
        return new Probabilities(logits.classes(), p);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "T = %.4f, w = (TS %.4f, raw %.4f, uniform %.4f)", temperature,
                weightScaled, weightRaw, weightUniform);
    }
}
