package org.wisekit.ubp;

import org.wisekit.ubp.kernel.ScalarSpmm;
import org.wisekit.ubp.kernel.VectorSpmm;

/**
 * A pruned weight matrix W (Co x K) packed for one {@link SparseKernel}, multiplying dense inputs:
 * Y = W X with X of K x P and Y of Co x P, row-major (the CHW layout of a 1 x 1 convolution, or the
 * transposed activations of a fully connected layer; a k x k convolution after im2col has K = Ci k k).
 *
 * <p>The packed stream follows XNNPACK's (note section 2.7): blocks in order of start row, then column;
 * {@code rowStart[n] .. rowStart[n+1]} are the blocks that start at output row n, each with its input
 * channel and V weights. CSR is the same stream with V = 1. The WROS format stores each block's weights
 * rotated so that weight j of a block starting at row n sits at position (n + j) mod V. Bias and
 * activation are left to the caller.
 *
 * <p>Immutable and thread-safe; {@link #multiply} allocates nothing.
 */
public final class SparseMatrix {

    private final SparseKernel kernel;
    private final int rows;
    private final int cols;
    private final int blockSize;
    private final int[] rowStart;
    private final int[] columns;
    private final float[] values;

    private SparseMatrix(SparseKernel kernel, int rows, int cols, int blockSize, int[] rowStart, int[] columns,
                         float[] values) {
        this.kernel = kernel;
        this.rows = rows;
        this.cols = cols;
        this.blockSize = blockSize;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    /**
     * Packs the kept weights of {@code weights} (row-major {@code rows x cols}) for {@code kernel}.
     * CSR accepts any selection (blocks are split into single weights); ABP needs an aligned one.
     */
    public static SparseMatrix pack(float[] weights, BlockSelection selection, SparseKernel kernel) {
        int rows = selection.rows();
        int cols = selection.cols();
        if (weights == null || weights.length != (long) rows * cols) {
            throw new IllegalArgumentException("weights must hold rows * cols = " + (long) rows * cols
                    + " values for a " + rows + " x " + cols + " selection, got "
                    + (weights == null ? "null" : weights.length));
        }
        if (kernel == SparseKernel.ABP && !selection.isAligned()) {
            throw new IllegalArgumentException("ABP needs an aligned selection (every block starting at a multiple of V = "
                    + selection.blockSize() + ")");
        }
        BlockSelection blocks = kernel == SparseKernel.CSR && selection.blockSize() > 1
                ? BlockSelection.ofMask(rows, cols, selection.mask())
                : selection;
        int v = blocks.blockSize();
        int count = blocks.count();
        int[] rowStart = new int[rows + 1];
        int[] columns = new int[count];
        float[] values = new float[count * v];
        boolean rotate = kernel == SparseKernel.UBP_WROS;
        for (int b = 0; b < count; b++) {
            int start = blocks.startRow(b);
            int c = blocks.column(b);
            rowStart[start + 1]++;
            columns[b] = c;
            for (int j = 0; j < v; j++) {
                int slot = rotate ? (start + j) % v : j;
                values[b * v + slot] = weights[(start + j) * cols + c];
            }
        }
        for (int n = 0; n < rows; n++) {
            rowStart[n + 1] += rowStart[n];
        }
        return new SparseMatrix(kernel, rows, cols, v, rowStart, columns, values);
    }

    public SparseKernel kernel() {
        return kernel;
    }

    /** Output channels Co. */
    public int rows() {
        return rows;
    }

    /** Input channels K. */
    public int cols() {
        return cols;
    }

    /** V of the stored blocks (1 for CSR). */
    public int blockSize() {
        return blockSize;
    }

    /** Stored weights: blocks times V (the multiply-adds per pixel). */
    public long storedWeights() {
        return (long) columns.length * blockSize;
    }

    /** Y = W X on the {@link KernelPath#defaultPath()}; Y ({@code rows x pixels}) is overwritten. */
    public void multiply(float[] x, int pixels, float[] y) {
        multiply(x, pixels, y, KernelPath.defaultPath());
    }

    /** Y = W X; a new {@code rows x pixels} array. */
    public float[] multiply(float[] x, int pixels) {
        float[] y = new float[Math.multiplyExact(rows, Math.max(pixels, 0))];
        multiply(x, pixels, y, KernelPath.defaultPath());
        return y;
    }

    /**
     * Y = W X on the given path; Y ({@code rows x pixels}, row-major) is overwritten.
     *
     * @param x      K x P inputs, row-major; at least {@code cols * pixels} long
     * @param pixels P, at least 1
     * @param y      at least {@code rows * pixels} long; not the same array as {@code x}
     */
    public void multiply(float[] x, int pixels, float[] y, KernelPath path) {
        if (pixels < 1) {
            throw new IllegalArgumentException("pixels must be >= 1, got " + pixels);
        }
        if (x == null || x.length < (long) cols * pixels) {
            throw new IllegalArgumentException("x must hold cols * pixels = " + (long) cols * pixels + " values, got "
                    + (x == null ? "null" : x.length));
        }
        if (y == null || y.length < (long) rows * pixels) {
            throw new IllegalArgumentException("y must hold rows * pixels = " + (long) rows * pixels + " values, got "
                    + (y == null ? "null" : y.length));
        }
        if (x == y) {
            throw new IllegalArgumentException("y must not be the same array as x");
        }
        if (path == KernelPath.VECTOR && !KernelPath.isVectorAvailable()) {
            throw new IllegalStateException("path VECTOR needs the jdk.incubator.vector module; start the JVM with"
                    + " --add-modules jdk.incubator.vector or use KernelPath.SCALAR");
        }
        boolean vector = path == KernelPath.VECTOR;
        switch (kernel) {
            case CSR -> {
                if (vector) {
                    VectorSpmm.csr(rows, rowStart, columns, values, x, pixels, y);
                } else {
                    ScalarSpmm.csr(rows, rowStart, columns, values, x, pixels, y);
                }
            }
            case ABP -> {
                if (vector) {
                    VectorSpmm.aligned(rows, blockSize, rowStart, columns, values, x, pixels, y);
                } else {
                    ScalarSpmm.blocks(rows, blockSize, rowStart, columns, values, x, pixels, y);
                }
            }
            case UBP_SLIDING -> {
                if (vector) {
                    VectorSpmm.sliding(rows, blockSize, rowStart, columns, values, x, pixels, y);
                } else {
                    ScalarSpmm.blocks(rows, blockSize, rowStart, columns, values, x, pixels, y);
                }
            }
            case UBP_WROS -> {
                if (vector) {
                    VectorSpmm.ring(rows, blockSize, rowStart, columns, values, x, pixels, y);
                } else {
                    ScalarSpmm.ring(rows, blockSize, rowStart, columns, values, x, pixels, y);
                }
            }
        }
    }
}
