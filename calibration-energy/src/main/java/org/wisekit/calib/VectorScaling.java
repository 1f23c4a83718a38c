package org.wisekit.calib;

/**
 * Vector scaling (Guo et al., "On Calibration of Modern Neural Networks", ICML 2017): one scale and one
 * bias per class, {@code p = softmax(w * z + b)} (element-wise), fitted by minimising the mean NLL on the
 * validation set with L-BFGS from {@code w = 1, b = 0} (analytic gradient). The NLL is convex in (w, b);
 * adding a constant to every b changes nothing, so b is defined up to that shift.
 */
public record VectorScaling() implements Calibrator {

    @Override
    public String name() {
        return "Vector";
    }

    @Override
    public LinearCalibration fit(Logits validation) {
        return fit(validation, Logits.empty(validation.classes()));
    }

    @Override
    public LinearCalibration fit(Logits validation, Logits oodTuning) {
        return fit(validation, oodTuning, FitListener.NONE);
    }

    @Override
    public LinearCalibration fit(Logits validation, Logits oodTuning, FitListener listener) {
        return LinearFits.fit(name(), validation, LinearCalibration.Input.LOGITS, true, 0, 0, 0, listener);
    }
}
