package org.wisekit.ddescent;

import java.util.Objects;
import java.util.SplittableRandom;
import org.wisekit.ddescent.internal.Checks;
import org.wisekit.ddescent.internal.Dense;
import org.wisekit.tensor.Normals;

/**
 * A two-layer linear network {@code yhat(x) = W2 W1 x}, {@code W1} (h x dx), {@code W2} (dy x h), with the
 * paper's loss {@code L = (1/2n) tr((Y - X W^T)^T (Y - X W^T))}, {@code W = W2 W1}. Immutable value: the
 * training loops in {@link GradientFlow} and {@link GradientDescent} work on flat arrays and return snapshots.
 *
 * <p>The flat parameter layout of {@link #parameters()} and {@link #gradient} is W1 row-major followed by W2
 * row-major.
 */
public final class LinearNet {

    private final int hidden;
    private final int dx;
    private final int dy;
    private final double[] w1;
    private final double[] w2;

    LinearNet(int hidden, int dx, int dy, double[] w1, double[] w2) {
        this.hidden = hidden;
        this.dx = dx;
        this.dy = dy;
        this.w1 = w1;
        this.w2 = w2;
    }

    /**
     * A network from its weight matrices (copied).
     *
     * @param w1 first layer, h x dx
     * @param w2 second layer, dy x h
     * @return the network
     * @throws IllegalArgumentException when the shapes do not chain or a value is not finite
     */
    public static LinearNet of(double[][] w1, double[][] w2) {
        Checks.matrix("w1", w1, -1, -1);
        Checks.matrix("w2", w2, -1, w1.length);
        return new LinearNet(w1.length, w1[0].length, w2.length, Dense.flatten(w1), Dense.flatten(w2));
    }

    /**
     * The decoupled initialisation of Saxe et al.: {@code W1 = sum_i a_i e_i v_i^T},
     * {@code W2 = sum_i b_i u_i e_i^T}, hidden unit i aligned with mode i, unused rows and columns zero. With
     * data whose covariances are diagonal in (U, V) the modes stay decoupled and mode i follows the scalar
     * dynamics with {@code z_i = a_i b_i}.
     *
     * @param u output basis, dy x dy (or dy x m) with orthonormal columns {@code u_i}
     * @param v input basis, dx x dx (or dx x m) with orthonormal columns {@code v_i}
     * @param a first-layer factors, one per used mode
     * @param b second-layer factors, same length as a
     * @param hidden hidden width, {@code >= a.length}
     * @return the network
     * @throws IllegalArgumentException on shapes that do not fit
     */
    public static LinearNet decoupled(double[][] u, double[][] v, double[] a, double[] b, int hidden) {
        Checks.matrix("u", u, -1, -1);
        Checks.matrix("v", v, -1, -1);
        Checks.finite("a", a);
        Checks.finite("b", b);
        Checks.sameLength("a", a.length, "b", b.length);
        int m = a.length;
        if (m > u[0].length || m > v[0].length) {
            throw new IllegalArgumentException("a (length " + m + ") has more modes than u (" + u[0].length
                    + " columns) or v (" + v[0].length + " columns)");
        }
        if (hidden < m) {
            throw new IllegalArgumentException("hidden must be >= the number of modes " + m + ", got " + hidden);
        }
        int dy = u.length;
        int dx = v.length;
        double[] w1 = new double[hidden * dx];
        double[] w2 = new double[dy * hidden];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < dx; j++) {
                w1[i * dx + j] = a[i] * v[j][i];
            }
            for (int r = 0; r < dy; r++) {
                w2[r * hidden + i] = b[i] * u[r][i];
            }
        }
        return new LinearNet(hidden, dx, dy, w1, w2);
    }

    /**
     * A small random initialisation for data that is not aligned: every weight independent
     * {@code N(0, scale^2)} (seeded {@link Normals}, W1 first).
     *
     * @param hidden hidden width, {@code >= 1}
     * @param dx inputs, {@code >= 1}
     * @param dy outputs, {@code >= 1}
     * @param scale standard deviation, finite and {@code >= 0}
     * @param seed the seed
     * @return the network
     * @throws IllegalArgumentException on a bad argument
     */
    public static LinearNet random(int hidden, int dx, int dy, double scale, long seed) {
        positiveInt("hidden", hidden);
        positiveInt("dx", dx);
        positiveInt("dy", dy);
        Checks.nonNegative("scale", scale);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w1 = new double[hidden * dx];
        double[] w2 = new double[dy * hidden];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = scale * Normals.next(rng);
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = scale * Normals.next(rng);
        }
        return new LinearNet(hidden, dx, dy, w1, w2);
    }

    static void positiveInt(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    /**
     * Hidden width.
     *
     * @return h
     */
    public int hidden() {
        return hidden;
    }

    /**
     * Input dimension.
     *
     * @return dx
     */
    public int inputs() {
        return dx;
    }

    /**
     * Output dimension.
     *
     * @return dy
     */
    public int outputs() {
        return dy;
    }

    /**
     * The first layer.
     *
     * @return a copy of W1, h x dx
     */
    public double[][] w1() {
        return Dense.unflatten(w1, 0, hidden, dx);
    }

    /**
     * The second layer.
     *
     * @return a copy of W2, dy x h
     */
    public double[][] w2() {
        return Dense.unflatten(w2, 0, dy, hidden);
    }

    /**
     * The end-to-end map.
     *
     * @return {@code W = W2 W1}, dy x dx
     */
    public double[][] product() {
        return Dense.times(w2(), w1());
    }

    /**
     * The parameters, W1 row-major then W2 row-major.
     *
     * @return a fresh array of length {@code h dx + dy h}
     */
    public double[] parameters() {
        double[] out = new double[w1.length + w2.length];
        System.arraycopy(w1, 0, out, 0, w1.length);
        System.arraycopy(w2, 0, out, w1.length, w2.length);
        return out;
    }

    /**
     * The same architecture with other parameters.
     *
     * @param parameters W1 row-major then W2 row-major, finite
     * @return the network
     * @throws IllegalArgumentException when the length is wrong or a value is not finite
     */
    public LinearNet withParameters(double[] parameters) {
        Checks.finite("parameters", parameters);
        Checks.sameLength("parameters", parameters.length, "h dx + dy h", w1.length + w2.length);
        return fromFlat(hidden, dx, dy, parameters);
    }

    static LinearNet fromFlat(int hidden, int dx, int dy, double[] flat) {
        double[] a = new double[hidden * dx];
        double[] b = new double[dy * hidden];
        System.arraycopy(flat, 0, a, 0, a.length);
        System.arraycopy(flat, a.length, b, 0, b.length);
        return new LinearNet(hidden, dx, dy, a, b);
    }

    /**
     * The training loss from the raw data, {@code (1/2n) sum_r ||y_r - W x_r||^2}.
     *
     * @param data the training set (shapes must match)
     * @return L
     * @throws IllegalArgumentException when the shapes do not match
     */
    public double loss(RegressionData data) {
        Objects.requireNonNull(data, "data");
        data.requireShape(this);
        double[][] w = product();
        double[][] x = data.rawX();
        double[][] y = data.rawY();
        double sum = 0;
        for (int r = 0; r < x.length; r++) {
            for (int i = 0; i < dy; i++) {
                double pred = 0;
                for (int j = 0; j < dx; j++) {
                    pred += w[i][j] * x[r][j];
                }
                double d = y[r][i] - pred;
                sum += d * d;
            }
        }
        return sum / (2.0 * x.length);
    }

    /**
     * The analytic gradient of {@link #loss}, from the covariances:
     * {@code dL/dW1 = -W2^T (Sigma_yx - W Sigma_xx)}, {@code dL/dW2 = -(Sigma_yx - W Sigma_xx) W1^T}.
     *
     * @param data the training set (shapes must match)
     * @return the gradient in the layout of {@link #parameters()}
     * @throws IllegalArgumentException when the shapes do not match
     */
    public double[] gradient(RegressionData data) {
        Objects.requireNonNull(data, "data");
        data.requireShape(this);
        double[] p = new double[dy * dx];
        double[] g = new double[dy * dx];
        double[] d1 = new double[hidden * dx];
        double[] d2 = new double[dy * hidden];
        Dense.velocity(w1, w2, data.sxx(), data.syx(), hidden, dx, dy, 1, 1, p, g, d1, d2);
        double[] out = new double[d1.length + d2.length];
        for (int i = 0; i < d1.length; i++) {
            out[i] = -d1[i];
        }
        for (int i = 0; i < d2.length; i++) {
            out[d1.length + i] = -d2[i];
        }
        return out;
    }

    /**
     * The mode coefficients {@code z_i = u_i^T W v_i} for {@code i < min(columns of u, columns of v)}.
     *
     * @param u output basis (dy rows, orthonormal columns)
     * @param v input basis (dx rows, orthonormal columns)
     * @return the coefficients
     * @throws IllegalArgumentException when the bases do not match the network
     */
    public double[] modeCoefficients(double[][] u, double[][] v) {
        checkBases(u, v);
        double[][] w = product();
        int m = Math.min(u[0].length, v[0].length);
        double[] z = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int r = 0; r < dy; r++) {
                double wv = 0;
                for (int j = 0; j < dx; j++) {
                    wv += w[r][j] * v[j][i];
                }
                s += u[r][i] * wv;
            }
            z[i] = s;
        }
        return z;
    }

    /**
     * The largest off-diagonal magnitude of the layers in the mode bases: the entries {@code (k, j)},
     * {@code k != j}, of {@code W1 V} (h x dx) and the entries {@code (i, k)}, {@code i != k}, of
     * {@code U^T W2} (dy x h). Zero for a decoupled network; gradient flow and descent on aligned data keep it
     * zero up to rounding.
     *
     * @param u output basis, dy x dy
     * @param v input basis, dx x dx
     * @return the largest off-diagonal magnitude
     * @throws IllegalArgumentException when the bases do not match the network
     */
    public double maxOffDiagonal(double[][] u, double[][] v) {
        checkBases(u, v);
        double max = 0;
        for (int k = 0; k < hidden; k++) {
            for (int j = 0; j < v[0].length; j++) {
                if (k == j) {
                    continue;
                }
                double s = 0;
                for (int c = 0; c < dx; c++) {
                    s += w1[k * dx + c] * v[c][j];
                }
                max = Math.max(max, Math.abs(s));
            }
        }
        for (int i = 0; i < u[0].length; i++) {
            for (int k = 0; k < hidden; k++) {
                if (i == k) {
                    continue;
                }
                double s = 0;
                for (int r = 0; r < dy; r++) {
                    s += u[r][i] * w2[r * hidden + k];
                }
                max = Math.max(max, Math.abs(s));
            }
        }
        return max;
    }

    private void checkBases(double[][] u, double[][] v) {
        Checks.matrix("u", u, dy, -1);
        Checks.matrix("v", v, dx, -1);
    }

    double[] rawW1() {
        return w1;
    }

    double[] rawW2() {
        return w2;
    }
}
