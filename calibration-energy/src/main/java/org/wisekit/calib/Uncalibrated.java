package org.wisekit.calib;

import org.wisekit.calib.internal.Softmax;

/** The reference: the plain softmax of the logits, nothing fitted. */
public record Uncalibrated() implements Calibrator, Calibration {

    @Override
    public String name() {
        return "Uncal";
    }

    @Override
    public Calibration fit(Logits validation, Logits oodTuning) {
        validation.requireLabelled("validation");
        return this;
    }

    @Override
    public Probabilities apply(Logits logits) {
        return new Probabilities(logits.classes(), Softmax.softmaxRows(logits.values(), logits.classes(), 1.0));
    }

    @Override
    public String describe() {
        return "softmax of the logits";
    }
}
