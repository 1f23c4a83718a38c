package org.wisekit.lutmm;

import org.wisekit.tensor.Tensor;

/** How far an approximate product is from the exact one, as the MADDNESS paper measures it. */
public final class ApproximationError {

    private ApproximationError() {
    }

    /**
     * The normalized mean squared error {@code mean((Y - Ŷ)^2) / var(Y)}, the variance taken over all entries
     * of Y; NaN when Y is constant (no variance to normalize by).
     *
     * @throws IllegalArgumentException when the arrays are null or differ in length
     */
    public static double nmse(float[] exact, float[] approx) {
        if (exact == null || approx == null || exact.length != approx.length) {
            throw new IllegalArgumentException("exact and approx must have the same length, got "
                    + (exact == null ? "null" : exact.length) + " and " + (approx == null ? "null" : approx.length));
        }
        double mean = 0;
        for (float v : exact) {
            mean += v;
        }
        mean /= exact.length;
        double err = 0;
        double var = 0;
        for (int p = 0; p < exact.length; p++) {
            double e = (double) exact[p] - approx[p];
            double c = exact[p] - mean;
            err += e * e;
            var += c * c;
        }
        return var > 0 ? err / var : Double.NaN;
    }

    /** {@link #nmse(float[], float[])} of two matrices of the same shape. */
    public static double nmse(Tensor exact, Tensor approx) {
        return nmse(exact == null ? null : exact.data(), approx == null ? null : approx.data());
    }
}
