package org.wisekit.calib;

import org.wisekit.calib.internal.Softmax;

/**
 * A fitted temperature: {@code p = softmax(z / temperature)}.
 *
 * @param temperature T, finite and positive
 */
public record TemperatureCalibration(double temperature) implements Calibration {

    public TemperatureCalibration {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature);
        }
    }

    @Override
    public Probabilities apply(Logits logits) {
        return new Probabilities(logits.classes(), Softmax.softmaxRows(logits.values(), logits.classes(), temperature));
    }

    @Override
    public String describe() {
        return String.format(java.util.Locale.ROOT, "T = %.4f", temperature);
    }
}
