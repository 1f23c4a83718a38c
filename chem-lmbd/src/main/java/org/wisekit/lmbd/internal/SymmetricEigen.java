package org.wisekit.lmbd.internal;

import java.util.Arrays;

/**
 * Eigenvalues (and, for small matrices, eigenvectors) of a real symmetric matrix stored dense, row-major,
 * {@code n * n}: Householder reduction to tridiagonal form, then the implicit QL iteration with Wilkinson shifts.
 *
 * <p>The reduction reads and writes only the lower triangle (the upper triangle of the input is ignored and left
 * as it was). Step {@code k} reflects column {@code k} below the diagonal with {@code H = I - tau v v^T} and applies
 * the symmetric rank-2 update {@code A := A - v w^T - w v^T}, {@code w = p - (tau/2)(p^T v) v}, {@code p = tau A v}.
 * The rank-2 update of step {@code k - 1} is carried along and applied row by row in the same pass that forms
 * {@code A v} of step {@code k}, so the trailing triangle is streamed through memory once per step instead of twice.
 * That pass also collects the next column into a buffer, so no loop walks down a column of the matrix, and works on
 * each row in a copy indexed like the vectors: C2 (JDK 17) vectorises a loop only when its arrays share one index
 * expression ({@code row[j]}, {@code v[j]}, not {@code a[base + j]} beside {@code v[j]}). Eigenvalues of
 * {@code n = 3000} take about 5 s on one core.
 *
 * <p>Stateless; every call works only on its arguments, so concurrent calls on different arrays are safe.
 */
public final class SymmetricEigen {

    /** Relative size below which an off-diagonal element of the tridiagonal matrix counts as zero. */
    private static final double EPSILON = 0x1p-52;

    /** QL sweeps allowed per eigenvalue before giving up (two or three are typical). */
    private static final int MAX_SWEEPS = 60;

    private SymmetricEigen() {
    }

    /**
     * All eigenvalues of the symmetric matrix {@code a}, ascending.
     *
     * @param a row-major {@code n * n}; only the lower triangle (diagonal included) is read. It is used as
     *          workspace: on return the lower triangle holds intermediate values and the upper triangle is
     *          untouched
     * @throws IllegalArgumentException when {@code n} is negative, {@code a} is shorter than {@code n * n} or its
     *                                  lower triangle holds a value that is not finite
     * @throws ArithmeticException when the QL iteration does not converge
     */
    public static double[] eigenvalues(double[] a, int n) {
        check(a, n);
        double[] d = new double[n];
        double[] e = new double[n];
        tridiagonalise(a, n, d, e, null);
        requireFinite(d, e, n, "a");
        tridiagonalEigen(d, e, n, null);
        Arrays.sort(d);
        return d;
    }

    /**
     * Eigenvalues ascending and orthonormal eigenvectors of the symmetric matrix {@code a}. Costs three to four
     * times {@link #eigenvalues(double[], int)} (0.1 s at {@code n = 600}); meant for matrices of a few hundred rows.
     *
     * @param a row-major {@code n * n}; only the lower triangle is read. On return it holds the eigenvectors:
     *          column {@code k} ({@code a[i * n + k]}, {@code i = 0..n-1}) is the unit eigenvector of eigenvalue
     *          {@code k}
     * @return the eigenvalues, ascending
     * @throws IllegalArgumentException when {@code n} is negative, {@code a} is shorter than {@code n * n} or its
     *                                  lower triangle holds a value that is not finite
     * @throws ArithmeticException when the QL iteration does not converge
     */
    public static double[] decompose(double[] a, int n) {
        check(a, n);
        double[] d = new double[n];
        double[] e = new double[n];
        double[] tau = new double[n];
        tridiagonalise(a, n, d, e, tau);
        requireFinite(d, e, n, "a");
        // z[k] is column k of Q (A = Q T Q^T); the QL rotations then combine two rows of z, each its own array
        // so that C2 vectorises the loops over them
        double[][] z = transposedQ(a, n, tau);
        tridiagonalEigen(d, e, n, z);
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (x, y) -> Double.compare(d[x], d[y]));
        double[] values = new double[n];
        for (int c = 0; c < n; c++) {
            int k = order[c];
            values[c] = d[k];
            for (int r = 0; r < n; r++) {
                a[r * n + c] = z[k][r];
            }
        }
        return values;
    }

    /**
     * Eigenvalues of the symmetric tridiagonal matrix with diagonal {@code diagonal[0..n-1]} and off-diagonal
     * {@code offDiagonal[0..n-2]} ({@code offDiagonal[i]} couples rows {@code i} and {@code i + 1}), written
     * ascending into {@code diagonal}. {@code offDiagonal} (length at least {@code n}) is overwritten.
     *
     * @throws IllegalArgumentException when the arrays are shorter than {@code n} or hold a value that is not finite
     * @throws ArithmeticException when the QL iteration does not converge
     */
    public static void tridiagonalEigenvalues(double[] diagonal, double[] offDiagonal, int n) {
        if (n < 0 || diagonal.length < n || offDiagonal.length < n) {
            throw new IllegalArgumentException("tridiagonal of order " + n + " needs arrays of length " + n
                    + ": diagonal " + diagonal.length + ", offDiagonal " + offDiagonal.length);
        }
        requireFinite(diagonal, offDiagonal, n, "the tridiagonal matrix");
        tridiagonalEigen(diagonal, offDiagonal, n, null);
        Arrays.sort(diagonal, 0, n);
    }

    /** A value that is not finite anywhere in the matrix reaches its tridiagonal form: one O(n) check. */
    private static void requireFinite(double[] d, double[] e, int n, String name) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(d[i]) || (i < n - 1 && !Double.isFinite(e[i]))) {
                throw new IllegalArgumentException(name + " holds a value that is not finite (tridiagonal form: "
                        + "diagonal " + d[i] + ", off-diagonal " + (i < n - 1 ? e[i] : 0) + " at row " + i + ")");
            }
        }
    }

    private static void check(double[] a, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be non-negative: " + n);
        }
        if (a.length < (long) n * n) {
            throw new IllegalArgumentException("a must hold n * n = " + (long) n * n + " values: " + a.length);
        }
    }

    /**
     * Reduces the lower triangle of {@code a} to tridiagonal form {@code T = Q^T A Q}: diagonal into {@code d},
     * off-diagonal into {@code e[0..n-2]}. When {@code tau} is not null, reflector {@code k} is kept for
     * {@link #transposedQ}: {@code v[k+1] = 1} implied, {@code v[i] = a[i * n + k]} for {@code i >= k + 2}.
     */
    private static void tridiagonalise(double[] a, int n, double[] d, double[] e, double[] tau) {
        if (n == 0) {
            return;
        }
        double[] v = new double[n];
        double[] p = new double[n];
        double[] row = new double[n];
        // column k of the trailing triangle, rows k..n-1, kept contiguous: the fused pass of step k - 1 leaves it
        // there, so the reduction never walks a column of a (one cache miss per element)
        double[] column = new double[n];
        for (int i = 0; i < n; i++) {
            column[i] = a[i * n];
        }
        // the rank-2 update of the previous step, not yet applied to the trailing triangle
        double[] vPrev = new double[n];
        double[] wPrev = new double[n];
        for (int k = 0; k < n - 2; k++) {
            double vk = vPrev[k];
            double wk = wPrev[k];
            for (int i = k; i < n; i++) {
                column[i] -= vPrev[i] * wk + wPrev[i] * vk;
            }
            d[k] = column[k];
            double t = reflector(column, n, k, v, e);
            if (tau != null) {
                tau[k] = t;
                for (int i = k + 2; i < n; i++) {
                    a[i * n + k] = v[i];
                }
            }
            Arrays.fill(p, k + 1, n, 0.0);
            for (int i = k + 1; i < n; i++) {
                column[i] = fusedRow(a, i * n, k + 1, i, vPrev, wPrev, v, p, row);
            }
            double pv = 0;
            for (int i = k + 1; i < n; i++) {
                p[i] *= t;
                pv += p[i] * v[i];
            }
            double half = 0.5 * t * pv;
            // the reflector of this step becomes the pending update; w overwrites the old w in place
            for (int i = k + 1; i < n; i++) {
                wPrev[i] = p[i] - half * v[i];
            }
            double[] swap = vPrev;
            vPrev = v;
            v = swap;
        }
        int last = n - 1;
        if (n >= 2) {
            int m = n - 2;
            d[m] = column[m] - 2 * vPrev[m] * wPrev[m];
            e[m] = column[last] - (vPrev[last] * wPrev[m] + wPrev[last] * vPrev[m]);
        }
        d[last] = a[last * n + last] - 2 * vPrev[last] * wPrev[last];
        e[last] = 0;
    }

    /**
     * Row {@code i} of the trailing triangle, columns {@code from..i}: applies the pending rank-2 update and adds
     * the row's share of {@code p = A v} (the row itself for {@code p[i]}, its mirror image for {@code p[j < i]}).
     * Returns the updated element in column {@code from}, the next step's column. The row is worked on in
     * {@code row}, a copy at the same indices as the vectors: C2 vectorises a loop only when all its arrays share
     * one index expression.
     */
    private static double fusedRow(double[] a, int base, int from, int i, double[] vPrev, double[] wPrev,
            double[] v, double[] p, double[] row) {
        double vi = vPrev[i];
        double wi = wPrev[i];
        double xi = v[i];
        int length = i - from;
        System.arraycopy(a, base + from, row, from, length);
        for (int j = from; j < i; j++) {
            double aij = row[j] - vi * wPrev[j] - wi * vPrev[j];
            row[j] = aij;
            p[j] += aij * xi;
        }
        System.arraycopy(row, from, a, base + from, length);
        // four independent FMA chains: a plain += reduction is packed by C2 into a slower ordered vector sum
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = from;
        for (; j + 3 < i; j += 4) {
            s0 = Math.fma(row[j], v[j], s0);
            s1 = Math.fma(row[j + 1], v[j + 1], s1);
            s2 = Math.fma(row[j + 2], v[j + 2], s2);
            s3 = Math.fma(row[j + 3], v[j + 3], s3);
        }
        for (; j < i; j++) {
            s0 = Math.fma(row[j], v[j], s0);
        }
        double aii = a[base + i] - 2 * vi * wi;
        a[base + i] = aii;
        p[i] += (s0 + s1) + (s2 + s3) + aii * xi;
        return length > 0 ? row[from] : aii;
    }

    /**
     * Householder reflector {@code H = I - tau v v^T} with {@code H x = beta e_1} for {@code x = column[k+1..n-1]}
     * (column {@code k} below the diagonal); writes {@code v[k+1..n-1]} ({@code v[k+1] = 1}) and
     * {@code e[k] = beta}, returns tau.
     */
    private static double reflector(double[] column, int n, int k, double[] v, double[] e) {
        double alpha = column[k + 1];
        double scale = 0;
        for (int i = k + 2; i < n; i++) {
            scale = Math.max(scale, Math.abs(column[i]));
        }
        v[k + 1] = 1;
        if (scale == 0) {
            Arrays.fill(v, k + 2, n, 0.0);
            e[k] = alpha;
            return 0;
        }
        // scaled sum of squares: no overflow or underflow for any finite column
        double sum = 0;
        for (int i = k + 2; i < n; i++) {
            double x = column[i] / scale;
            sum += x * x;
        }
        double beta = -Math.copySign(Math.hypot(alpha, scale * Math.sqrt(sum)), alpha);
        double inverse = 1 / (alpha - beta);
        for (int i = k + 2; i < n; i++) {
            v[i] = column[i] * inverse;
        }
        e[k] = beta;
        return (beta - alpha) / beta;
    }

    /**
     * The rows of {@code Q^T}, {@code Q = H_0 H_1 ... H_{n-3}}, from the reflectors that {@link #tridiagonalise}
     * left in {@code a}: built as {@code I H_{n-3} ... H_0}, right to left, so each product touches only the
     * trailing block where the partial product differs from the identity.
     */
    private static double[][] transposedQ(double[] a, int n, double[] tau) {
        double[][] z = new double[n][n];
        for (int i = 0; i < n; i++) {
            z[i][i] = 1;
        }
        double[] v = new double[n];
        for (int k = n - 3; k >= 0; k--) {
            double t = tau[k];
            if (t == 0) {
                continue;
            }
            int from = k + 1;
            v[from] = 1;
            for (int i = k + 2; i < n; i++) {
                v[i] = a[i * n + k];
            }
            // z := z (I - tau v v^T), rows and columns k+1..n-1 (elsewhere z is still the identity)
            for (int r = from; r < n; r++) {
                double[] zr = z[r];
                double s = 0;
                for (int j = from; j < n; j++) {
                    s += zr[j] * v[j];
                }
                s *= t;
                for (int j = from; j < n; j++) {
                    zr[j] -= s * v[j];
                }
            }
        }
        return z;
    }

    /**
     * Implicit QL with Wilkinson shifts on the tridiagonal {@code (d, e)}: eigenvalues into {@code d} (unsorted),
     * {@code e} destroyed. When {@code z} is not null, each plane rotation of rows {@code i, i + 1} of the
     * tridiagonal is applied to rows {@code z[i], z[i + 1]}.
     */
    private static void tridiagonalEigen(double[] d, double[] e, int n, double[][] z) {
        if (n == 0) {
            return;
        }
        e[n - 1] = 0;
        for (int l = 0; l < n; l++) {
            int sweeps = 0;
            while (true) {
                int m = l;
                while (m < n - 1 && Math.abs(e[m]) > EPSILON * (Math.abs(d[m]) + Math.abs(d[m + 1]))) {
                    m++;
                }
                if (m == l) {
                    break;
                }
                if (++sweeps > MAX_SWEEPS) {
                    throw new ArithmeticException("QL iteration did not converge for eigenvalue " + l
                            + " of a tridiagonal matrix of order " + n + " (diagonal " + d[l] + ", off-diagonal "
                            + e[l] + ")");
                }
                // Wilkinson shift: the eigenvalue of the leading 2 x 2 block nearer d[l], relative to d[m]
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = Math.hypot(g, 1);
                g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
                double s = 1;
                double c = 1;
                double p = 0;
                boolean deflated = false;
                for (int i = m - 1; i >= l; i--) {
                    double f = s * e[i];
                    double b = c * e[i];
                    r = Math.hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0) {
                        // the bulge vanished (underflow): split here and sweep again
                        d[i + 1] -= p;
                        e[m] = 0;
                        deflated = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                    if (z != null) {
                        rotate(z[i], z[i + 1], c, s);
                    }
                }
                if (!deflated) {
                    d[l] -= p;
                    e[l] = g;
                    e[m] = 0;
                }
            }
        }
    }

    /** {@code (lo, hi) := (c lo - s hi, s lo + c hi)}, element by element. */
    private static void rotate(double[] lo, double[] hi, double c, double s) {
        for (int k = 0; k < lo.length; k++) {
            double f = hi[k];
            double g = lo[k];
            hi[k] = s * g + c * f;
            lo[k] = c * g - s * f;
        }
    }
}
