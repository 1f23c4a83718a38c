package org.wisekit.calib;

/**
 * Dirichlet calibration with ODIR (Kull et al., "Beyond temperature scaling: Obtaining well-calibrated
 * multiclass probabilities with Dirichlet calibration", NeurIPS 2019): a linear layer on the
 * log-probabilities, {@code q = softmax(W ln p + b)} with {@code p = softmax(z)}, fitted by minimising
 *
 * <pre>
 *   NLL + lambda / (K (K - 1)) sum_{k != j} W_kj^2 + mu / K sum_k b_k^2
 * </pre>
 *
 * (Off-Diagonal and Intercept Regularisation) on the validation set, with L-BFGS from {@code W = I, b = 0},
 * which is the uncalibrated softmax. The paper picks lambda and mu by cross-validation; the method
 * {@link Method#DIRICHLET} uses {@value #DEFAULT_LAMBDA} for both.
 *
 * @param lambda off-diagonal penalty, >= 0
 * @param mu     intercept penalty, >= 0
 */
public record DirichletCalibrator(double lambda, double mu) implements Calibrator {

    /** lambda and mu of {@link Method#DIRICHLET}. */
    public static final double DEFAULT_LAMBDA = 1e-3;

    public DirichletCalibrator {
        LinearFits.nonNegative(lambda, "lambda");
        LinearFits.nonNegative(mu, "mu");
    }

    @Override
    public String name() {
        return "Dirichlet";
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
        int k = validation.classes();
        return LinearFits.fit(name(), validation, LinearCalibration.Input.LOG_PROBABILITIES, false,
                lambda / (k * (k - 1.0)), 0, mu / k, listener);
    }
}
