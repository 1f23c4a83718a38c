package org.wisekit.ddescent.internal;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.wisekit.tensor.Normals;

/**
 * Small dense-matrix helpers on row-major {@code double[]} and {@code double[][]}, and the two-layer
 * gradient kernel shared by gradient flow and gradient descent. Kernels trust their input and allocate
 * nothing. Not API.
 */
public final class Dense {

    private Dense() {
    }

    /**
     * The gradient-flow velocity of a two-layer linear net from the covariances:
     * {@code G = Syx - W2 W1 Sxx}, {@code dW1 = etaA W2^T G}, {@code dW2 = etaB G W1^T}.
     *
     * @param w1 first layer, h x dx row-major
     * @param w2 second layer, dy x h row-major
     * @param sxx input covariance, dx x dx row-major
     * @param syx input-output covariance, dy x dx row-major
     * @param h hidden width
     * @param dx inputs
     * @param dy outputs
     * @param etaA first-layer rate
     * @param etaB second-layer rate
     * @param p scratch, dy x dx (receives W2 W1)
     * @param g scratch, dy x dx (receives G)
     * @param dw1 output, h x dx
     * @param dw2 output, dy x h
     */
    public static void velocity(double[] w1, double[] w2, double[] sxx, double[] syx, int h, int dx, int dy,
            double etaA, double etaB, double[] p, double[] g, double[] dw1, double[] dw2) {
        velocity(w1, w2, sxx, syx, h, dx, dy, etaA, etaB, p, g, dw1, dw2, new double[dx * h]);
    }

    /**
     * {@link #velocity(double[], double[], double[], double[], int, int, int, double, double, double[], double[],
     * double[], double[])} with caller-provided scratch for {@code W1^T}, so that the hot loop allocates nothing.
     *
     * @param w1 first layer, h x dx row-major
     * @param w2 second layer, dy x h row-major
     * @param sxx input covariance, dx x dx row-major
     * @param syx input-output covariance, dy x dx row-major
     * @param h hidden width
     * @param dx inputs
     * @param dy outputs
     * @param etaA first-layer rate
     * @param etaB second-layer rate
     * @param p scratch, dy x dx (receives W2 W1)
     * @param g scratch, dy x dx (receives G)
     * @param dw1 output, h x dx
     * @param dw2 output, dy x h
     * @param w1t scratch, dx x h (receives W1^T)
     */
    public static void velocity(double[] w1, double[] w2, double[] sxx, double[] syx, int h, int dx, int dy,
            double etaA, double etaB, double[] p, double[] g, double[] dw1, double[] dw2, double[] w1t) {
        // P = W2 W1
        java.util.Arrays.fill(p, 0, dy * dx, 0);
        for (int i = 0; i < dy; i++) {
            int pi = i * dx;
            for (int k = 0; k < h; k++) {
                double a = w2[i * h + k];
                if (a == 0) {
                    continue;
                }
                int wk = k * dx;
                for (int j = 0; j < dx; j++) {
                    p[pi + j] += a * w1[wk + j];
                }
            }
        }
        // G = Syx - P Sxx
        System.arraycopy(syx, 0, g, 0, dy * dx);
        for (int i = 0; i < dy; i++) {
            int gi = i * dx;
            for (int k = 0; k < dx; k++) {
                double a = p[gi + k];
                if (a == 0) {
                    continue;
                }
                int sk = k * dx;
                for (int j = 0; j < dx; j++) {
                    g[gi + j] -= a * sxx[sk + j];
                }
            }
        }
        // dW1 = etaA W2^T G
        java.util.Arrays.fill(dw1, 0, h * dx, 0);
        for (int i = 0; i < dy; i++) {
            int gi = i * dx;
            for (int k = 0; k < h; k++) {
                double a = etaA * w2[i * h + k];
                if (a == 0) {
                    continue;
                }
                int dk = k * dx;
                for (int j = 0; j < dx; j++) {
                    dw1[dk + j] += a * g[gi + j];
                }
            }
        }
        // dW2 = etaB G W1^T, as row updates with W1^T (contiguous inner loops, no reductions)
        for (int k = 0; k < h; k++) {
            int wk = k * dx;
            for (int j = 0; j < dx; j++) {
                w1t[j * h + k] = w1[wk + j];
            }
        }
        java.util.Arrays.fill(dw2, 0, dy * h, 0);
        for (int i = 0; i < dy; i++) {
            int gi = i * dx;
            int di = i * h;
            for (int j = 0; j < dx; j++) {
                double a = etaB * g[gi + j];
                int tj = j * h;
                for (int k = 0; k < h; k++) {
                    dw2[di + k] += a * w1t[tj + k];
                }
            }
        }
    }

    /**
     * The spectral norm (largest singular value) of a row-major matrix, by Commons Math's SVD.
     *
     * @param a the matrix, rows x cols row-major
     * @param rows rows
     * @param cols columns
     * @return the spectral norm
     */
    public static double spectralNorm(double[] a, int rows, int cols) {
        double[][] m = unflatten(a, 0, rows, cols);
        boolean zero = true;
        for (double v : a) {
            if (v != 0) {
                zero = false;
                break;
            }
        }
        if (zero) {
            return 0;
        }
        return new org.apache.commons.math3.linear.SingularValueDecomposition(new Array2DRowRealMatrix(m, false))
                .getNorm();
    }

    /**
     * A Haar-random orthogonal matrix: the Q of a QR decomposition of a standard normal matrix, with column
     * signs fixed by the signs of R's diagonal.
     *
     * @param rows rows, {@code >= cols}
     * @param cols columns
     * @param rng the random source
     * @return a rows x cols matrix with orthonormal columns
     */
    public static double[][] orthonormalColumns(int rows, int cols, SplittableRandom rng) {
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i][j] = Normals.next(rng);
            }
        }
        QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(a, false));
        RealMatrix q = qr.getQ();
        RealMatrix r = qr.getR();
        double[][] out = new double[rows][cols];
        for (int j = 0; j < cols; j++) {
            double s = r.getEntry(j, j) < 0 ? -1 : 1;
            for (int i = 0; i < rows; i++) {
                out[i][j] = s * q.getEntry(i, j);
            }
        }
        return out;
    }

    /**
     * {@code a^T b} for a (n x p) and b (n x q).
     *
     * @param a left matrix
     * @param b right matrix
     * @return p x q
     */
    public static double[][] transposeTimes(double[][] a, double[][] b) {
        int n = a.length;
        int p = a[0].length;
        int q = b[0].length;
        double[][] out = new double[p][q];
        for (int r = 0; r < n; r++) {
            double[] ar = a[r];
            double[] br = b[r];
            for (int i = 0; i < p; i++) {
                double v = ar[i];
                if (v == 0) {
                    continue;
                }
                double[] oi = out[i];
                for (int j = 0; j < q; j++) {
                    oi[j] += v * br[j];
                }
            }
        }
        return out;
    }

    /**
     * {@code a b} for a (n x p) and b (p x q).
     *
     * @param a left matrix
     * @param b right matrix
     * @return n x q
     */
    public static double[][] times(double[][] a, double[][] b) {
        int n = a.length;
        int p = b.length;
        int q = b[0].length;
        double[][] out = new double[n][q];
        for (int i = 0; i < n; i++) {
            double[] oi = out[i];
            for (int k = 0; k < p; k++) {
                double v = a[i][k];
                if (v == 0) {
                    continue;
                }
                double[] bk = b[k];
                for (int j = 0; j < q; j++) {
                    oi[j] += v * bk[j];
                }
            }
        }
        return out;
    }

    /**
     * Row-major copy of a rectangular matrix.
     *
     * @param m the matrix
     * @return the flattened rows
     */
    public static double[] flatten(double[][] m) {
        int c = m[0].length;
        double[] out = new double[m.length * c];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * c, c);
        }
        return out;
    }

    /**
     * Rows from a row-major array.
     *
     * @param a the flattened rows
     * @param offset where the matrix starts
     * @param rows rows
     * @param cols columns
     * @return a fresh matrix
     */
    public static double[][] unflatten(double[] a, int offset, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a, offset + i * cols, out[i], 0, cols);
        }
        return out;
    }

    /**
     * Deep copy.
     *
     * @param m the matrix
     * @return a copy
     */
    public static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }
}
