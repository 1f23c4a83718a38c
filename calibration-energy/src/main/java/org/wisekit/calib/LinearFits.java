package org.wisekit.calib;

import org.wisekit.calib.internal.LinearSoftmax;
import org.wisekit.tensor.optim.Lbfgs;

/** The fit shared by vector scaling, matrix scaling and Dirichlet calibration. */
final class LinearFits {

    /** Iteration limit of every linear fit. */
    static final int MAX_ITERATIONS = 2000;
    /** Stop when every gradient entry is this small. */
    static final double GRADIENT_TOLERANCE = 1e-9;

    private LinearFits() {
    }

    /** Fits {@code softmax(W x + b)} by L-BFGS from the identity map; penalties as in {@link LinearSoftmax}. */
    static LinearCalibration fit(String method, Logits validation, LinearCalibration.Input input, boolean diagonal,
                                 double offDiagonalPenalty, double diagonalPenalty, double biasPenalty,
                                 FitListener listener) {
        validation.requireLabelled("validation");
        int k = validation.classes();
        LinearSoftmax objective = new LinearSoftmax(LinearCalibration.features(validation, input), validation.labels(), k,
                diagonal, offDiagonalPenalty, diagonalPenalty, biasPenalty);
        Lbfgs.Result result = Lbfgs.minimise(objective, objective.identity(), MAX_ITERATIONS, GRADIENT_TOLERANCE,
                (i, v) -> listener.iteration(i, MAX_ITERATIONS, v));
        double[] theta = result.point();
        int weightCount = diagonal ? k : k * k;
        double[] weights = java.util.Arrays.copyOf(theta, weightCount);
        double[] bias = java.util.Arrays.copyOfRange(theta, weightCount, weightCount + k);
        return new LinearCalibration(method, input, k, weights, bias);
    }

    /** Throws unless {@code value} is finite and >= 0; {@code name} names it. */
    static double nonNegative(double value, String name) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
        return value;
    }
}
