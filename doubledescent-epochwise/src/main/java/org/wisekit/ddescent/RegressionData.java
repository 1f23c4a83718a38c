package org.wisekit.ddescent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.wisekit.ddescent.internal.Checks;
import org.wisekit.ddescent.internal.Dense;

/**
 * A training set for the two-layer linear network: inputs X (n x dx) and outputs Y (n x dy), with the
 * (uncentred) covariances {@code Sigma_xx = X^T X / n} and {@code Sigma_yx = Y^T X / n} that drive gradient
 * flow and gradient descent. Immutable: accessors return copies.
 */
public final class RegressionData {

    private final double[][] x;
    private final double[][] y;
    private final double[] sxx;
    private final double[] syx;

    private RegressionData(double[][] x, double[][] y) {
        this.x = x;
        this.y = y;
        int n = x.length;
        double[][] xx = Dense.transposeTimes(x, x);
        double[][] yx = Dense.transposeTimes(y, x);
        for (double[] row : xx) {
            for (int j = 0; j < row.length; j++) {
                row[j] /= n;
            }
        }
        for (double[] row : yx) {
            for (int j = 0; j < row.length; j++) {
                row[j] /= n;
            }
        }
        this.sxx = Dense.flatten(xx);
        this.syx = Dense.flatten(yx);
    }

    /**
     * A data set from rows of inputs and outputs (copied).
     *
     * @param x inputs, n x dx, finite
     * @param y outputs, n x dy, finite, the same number of rows
     * @return the data
     * @throws IllegalArgumentException on ragged, empty or non-finite matrices, or different row counts
     */
    public static RegressionData of(double[][] x, double[][] y) {
        Checks.matrix("x", x, -1, -1);
        Checks.matrix("y", y, -1, -1);
        Checks.sameLength("x rows", x.length, "y rows", y.length);
        return new RegressionData(Dense.copy(x), Dense.copy(y));
    }

    /**
     * Number of samples.
     *
     * @return n
     */
    public int size() {
        return x.length;
    }

    /**
     * Input dimension.
     *
     * @return dx
     */
    public int inputs() {
        return x[0].length;
    }

    /**
     * Output dimension.
     *
     * @return dy
     */
    public int outputs() {
        return y[0].length;
    }

    /**
     * The inputs.
     *
     * @return a copy of X, n x dx
     */
    public double[][] x() {
        return Dense.copy(x);
    }

    /**
     * The outputs.
     *
     * @return a copy of Y, n x dy
     */
    public double[][] y() {
        return Dense.copy(y);
    }

    /**
     * The input covariance.
     *
     * @return a copy of {@code X^T X / n}, dx x dx
     */
    public double[][] sigmaXX() {
        return Dense.unflatten(sxx, 0, inputs(), inputs());
    }

    /**
     * The input-output covariance.
     *
     * @return a copy of {@code Y^T X / n}, dy x dx
     */
    public double[][] sigmaYX() {
        return Dense.unflatten(syx, 0, outputs(), inputs());
    }

    /**
     * Warnings about the data's fitness for the two-layer theory: a single output gives {@code Sigma_yx} rank
     * 1, so only one singular value exists and the two-layer sigma effect cannot show (note, pitfalls).
     *
     * @return the warnings, empty when there are none
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (outputs() == 1) {
            out.add("single output (dy = 1): Sigma_yx has rank 1, so there is only one singular value and the"
                    + " two-layer sigma effect cannot show");
        }
        return List.copyOf(out);
    }

    double[] sxx() {
        return sxx;
    }

    double[] syx() {
        return syx;
    }

    double[][] rawX() {
        return x;
    }

    double[][] rawY() {
        return y;
    }

    void requireShape(LinearNet net) {
        Objects.requireNonNull(net, "net");
        if (net.inputs() != inputs() || net.outputs() != outputs()) {
            throw new IllegalArgumentException("net (inputs " + net.inputs() + ", outputs " + net.outputs()
                    + ") does not match data (inputs " + inputs() + ", outputs " + outputs() + ")");
        }
    }
}
