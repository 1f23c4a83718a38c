package org.wisekit.calib;

/**
 * Matrix scaling (Guo et al. 2017): {@code p = softmax(W z + b)} with a full K x K matrix W, fitted by
 * minimising {@code NLL + l2 (sum_kj W_kj^2 + sum_k b_k^2)} on the validation set with L-BFGS from
 * {@code W = I, b = 0} (analytic gradient). With {@code l2 = 0} (the default method) it is plain matrix
 * scaling, which over-fits when K^2 is not small against the validation set (Kull et al. 2019 regularise it
 * with L2, here the {@code l2} parameter).
 *
 * @param l2 the L2 penalty on every weight and bias, >= 0
 */
public record MatrixScaling(double l2) implements Calibrator {

    public MatrixScaling {
        LinearFits.nonNegative(l2, "l2");
    }

    @Override
    public String name() {
        return l2 == 0 ? "Matrix" : "Matrix (L2)";
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
        return LinearFits.fit(name(), validation, LinearCalibration.Input.LOGITS, false, l2, l2, l2, listener);
    }
}
