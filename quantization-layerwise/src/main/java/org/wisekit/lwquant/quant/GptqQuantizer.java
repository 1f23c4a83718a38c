package org.wisekit.lwquant.quant;

import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * GPTQ (Frantar et al., 2022), as in the authors' reference {@code fasterquant}: columns (inputs) are
 * quantized one at a time on the {@link GroupGrid} of their group, and each column's rounding error is
 * spread over the columns not yet quantized through the upper Cholesky factor U of {@code H^-1}
 * ({@code W[:, j+1:] -= e_j U[j, j+1:] / U[j, j]}), in lazy batches of {@code blockSize} columns.
 * {@code H = 2 X X^T / n + lambda I} with {@code lambda = damp * mean(diag H)}; dead inputs (zero diagonal)
 * are zeroed. With act-order, columns are processed by decreasing {@code diag(H)}; group grids are then
 * fitted on the original weights before any update (the reference's {@code static_groups}), so the stored
 * format stays the plain group layout. If the Cholesky factorization fails the damping is multiplied by 10.
 */
public final class GptqQuantizer implements Quantizer {

    private final int groupSize;
    private final boolean symmetric;
    private final int blockSize;
    private final double damp;
    private final boolean actOrder;

    public GptqQuantizer(int groupSize, boolean symmetric, int blockSize, double damp, boolean actOrder) {
        if (groupSize < 1) {
            throw new IllegalArgumentException("groupSize must be >= 1, got " + groupSize);
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be >= 1, got " + blockSize);
        }
        if (!(damp > 0)) {
            throw new IllegalArgumentException("damp must be > 0, got " + damp);
        }
        this.groupSize = groupSize;
        this.symmetric = symmetric;
        this.blockSize = blockSize;
        this.damp = damp;
        this.actOrder = actOrder;
    }

    /** The reference defaults: lazy batches of 128 columns, 1 % damping, no act-order. */
    public GptqQuantizer(int groupSize, boolean symmetric) {
        this(groupSize, symmetric, 128, 0.01, false);
    }

    @Override
    public boolean usesHessian() {
        return true;
    }

    @Override
    public boolean supportsBits(int bits) {
        return bits >= 2 && bits <= 8;
    }

    @Override
    public String name() {
        return "gptq-" + (symmetric ? "sym" : "asym") + "-g" + groupSize + (actOrder ? "-actorder" : "");
    }

    @Override
    public QuantizedMatrix quantize(float[] weights, int rows, int cols, int bits, double[] hessian) {
        Quantizer.checkShape(weights, rows, cols);
        checkBits(bits);
        if (hessian == null || hessian.length != cols * cols) {
            throw new IllegalArgumentException("hessian: GPTQ needs a " + cols + " x " + cols + " matrix, got "
                    + (hessian == null ? "null" : hessian.length + " values"));
        }
        double[] w = new double[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[i];
        }
        double[] h = hessian.clone();
        for (int j = 0; j < cols; j++) {
            if (h[j * cols + j] == 0) {
                h[j * cols + j] = 1;
                for (int r = 0; r < rows; r++) {
                    w[r * cols + j] = 0;
                }
            }
        }
        int perRow = QuantizedMatrix.groupsPerRow(cols, groupSize);
        GroupGrid[] grids = new GroupGrid[rows * perRow];
        if (actOrder) {
            fitAllGrids(w, rows, cols, bits, grids, perRow);
        }
        int[] perm = actOrder ? decreasingDiagonal(h, cols) : IntStream.range(0, cols).toArray();
        double[] u = upperCholeskyOfInverse(permute(h, perm, cols), cols);

        // Work on the permuted copy: column k of wp is original column perm[k].
        double[] wp = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                wp[r * cols + k] = w[r * cols + perm[k]];
            }
        }
        int[] codes = new int[rows * cols];
        double[] err = new double[rows * blockSize];
        for (int i1 = 0; i1 < cols; i1 += blockSize) {
            int i2 = Math.min(cols, i1 + blockSize);
            for (int k = i1; k < i2; k++) {
                int col = perm[k];
                int g = col / groupSize;
                if (!actOrder && col % groupSize == 0) {
                    // Grid of the group that starts here, fitted on the current (error-updated) weights.
                    int count = Math.min(groupSize, cols - col);
                    for (int r = 0; r < rows; r++) {
                        grids[r * perRow + g] = GroupGrid.fit(wp, r * cols + k, 1, count, bits, symmetric);
                    }
                }
                double d = u[k * cols + k];
                for (int r = 0; r < rows; r++) {
                    GroupGrid grid = grids[r * perRow + g];
                    double wv = wp[r * cols + k];
                    int code = grid.code(wv);
                    codes[r * cols + col] = code;
                    double e = (wv - grid.dequantize(code)) / d;
                    err[r * blockSize + (k - i1)] = e;
                    int base = r * cols;
                    for (int j = k + 1; j < i2; j++) {
                        wp[base + j] -= e * u[k * cols + j];
                    }
                }
            }
            // Lazy batch update of the columns after this block.
            for (int r = 0; r < rows; r++) {
                int base = r * cols;
                for (int k = i1; k < i2; k++) {
                    double e = err[r * blockSize + (k - i1)];
                    if (e == 0) {
                        continue;
                    }
                    int urow = k * cols;
                    for (int j = i2; j < cols; j++) {
                        wp[base + j] -= e * u[urow + j];
                    }
                }
            }
        }
        short[] scales = new short[rows * perRow];
        int[] zeros = new int[rows * perRow];
        for (int i = 0; i < grids.length; i++) {
            scales[i] = Half.fromFloat(grids[i].scale);
            zeros[i] = grids[i].zero;
        }
        return new QuantizedMatrix(rows, cols, bits, groupSize, BitPacking.pack(codes, bits), scales,
                symmetric ? null : BitPacking.pack(zeros, bits));
    }

    private void fitAllGrids(double[] w, int rows, int cols, int bits, GroupGrid[] grids, int perRow) {
        for (int r = 0; r < rows; r++) {
            for (int g = 0; g < perRow; g++) {
                int start = g * groupSize;
                grids[r * perRow + g] = GroupGrid.fit(w, r * cols + start, 1, Math.min(groupSize, cols - start), bits,
                        symmetric);
            }
        }
    }

    private static int[] decreasingDiagonal(double[] h, int n) {
        return IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -h[j * n + j]).thenComparingInt(j -> j))
                .mapToInt(Integer::intValue).toArray();
    }

    private static double[] permute(double[] h, int[] perm, int n) {
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = h[perm[i] * n + perm[j]];
            }
        }
        return out;
    }

    /** U with {@code U^T U = (H + lambda I)^-1}, raising lambda tenfold until H + lambda I factorizes. */
    private double[] upperCholeskyOfInverse(double[] h, int n) {
        double mean = 0;
        for (int j = 0; j < n; j++) {
            mean += h[j * n + j];
        }
        mean /= n;
        double lambda = damp * mean;
        for (int attempt = 0; attempt < 8; attempt++, lambda *= 10) {
            double[][] m = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    m[i][j] = 0.5 * (h[i * n + j] + h[j * n + i]);
                }
                m[i][i] += lambda;
            }
            try {
                RealMatrix inverse = new CholeskyDecomposition(new Array2DRowRealMatrix(m, false), 1e-9, 1e-12)
                        .getSolver().getInverse();
                double[][] inv = inverse.getData();
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < i; j++) {
                        double s = 0.5 * (inv[i][j] + inv[j][i]);
                        inv[i][j] = s;
                        inv[j][i] = s;
                    }
                }
                double[][] upper = new CholeskyDecomposition(new Array2DRowRealMatrix(inv, false), 1e-9, 1e-15)
                        .getLT().getData();
                double[] u = new double[n * n];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(upper[i], 0, u, i * n, n);
                }
                return u;
            } catch (NonPositiveDefiniteMatrixException e) {
                // Retry with more damping, as the reference advises.
            }
        }
        throw new IllegalArgumentException("hessian: not positive definite even with damping " + lambda);
    }
}
