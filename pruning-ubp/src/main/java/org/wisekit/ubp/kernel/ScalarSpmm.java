package org.wisekit.ubp.kernel;

import java.util.Arrays;

/**
 * Plain-Java sparse W x X kernels on the packed streams of {@link org.wisekit.ubp.SparseMatrix}:
 * X is K x P and Y is Co x P, both row-major (CHW for a 1 x 1 convolution: one row per channel, one
 * column per pixel). Blocks are stored by start row, then column; {@code rowStart[n] .. rowStart[n+1]}
 * are the blocks that start at output row n.
 *
 * <p>Each output element accumulates, with fused multiply-adds starting from 0, its contributions in
 * stream order, exactly as the vector kernels do, so both paths give the same bits. The kernels trust
 * their arguments (checked by {@code SparseMatrix}) and allocate nothing.
 */
public final class ScalarSpmm {

    private ScalarSpmm() {
    }

    /** CSR: {@code rowStart} indexes single weights per row. */
    public static void csr(int rows, int[] rowStart, int[] columns, float[] values, float[] x, int pixels, float[] y) {
        for (int r = 0; r < rows; r++) {
            int out = r * pixels;
            Arrays.fill(y, out, out + pixels, 0f);
            for (int b = rowStart[r]; b < rowStart[r + 1]; b++) {
                addScaledRow(values[b], x, columns[b] * pixels, y, out, pixels);
            }
        }
    }

    /**
     * V x 1 blocks, aligned or not, weights in natural order ({@code values[b V + j]} belongs to row
     * start + j): the ABP and sliding-window UBP formats.
     */
    public static void blocks(int rows, int blockSize, int[] rowStart, int[] columns, float[] values, float[] x,
                              int pixels, float[] y) {
        Arrays.fill(y, 0, rows * pixels, 0f);
        for (int n = 0; n < rows; n++) {
            for (int b = rowStart[n]; b < rowStart[n + 1]; b++) {
                int in = columns[b] * pixels;
                for (int j = 0; j < blockSize; j++) {
                    addScaledRow(values[b * blockSize + j], x, in, y, (n + j) * pixels, pixels);
                }
            }
        }
    }

    /**
     * V x 1 blocks with rotated weights (the WROS format): {@code values[b V + s]} belongs to the row
     * of the block whose index is congruent to s modulo V.
     */
    public static void ring(int rows, int blockSize, int[] rowStart, int[] columns, float[] values, float[] x,
                            int pixels, float[] y) {
        Arrays.fill(y, 0, rows * pixels, 0f);
        for (int n = 0; n < rows; n++) {
            for (int b = rowStart[n]; b < rowStart[n + 1]; b++) {
                int in = columns[b] * pixels;
                for (int j = 0; j < blockSize; j++) {
                    addScaledRow(values[b * blockSize + (n + j) % blockSize], x, in, y, (n + j) * pixels, pixels);
                }
            }
        }
    }

    private static void addScaledRow(float w, float[] x, int in, float[] y, int out, int pixels) {
        for (int p = 0; p < pixels; p++) {
            y[out + p] = Math.fma(w, x[in + p], y[out + p]);
        }
    }
}
