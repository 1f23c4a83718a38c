package org.wisekit.tensor.internal;

/**
 * Copies that reorder the axes of a row-major array. Callers validate arguments; kernels trust them.
 * Output arrays must not alias the input.
 */
public final class LayoutKernels {

    /** Side of the square blocks a transpose copies, so that both reads and writes stay in cache. */
    public static final int TRANSPOSE_BLOCK = 32;

    private LayoutKernels() {
    }

    /** out[j, i] = x[i, j] for x of shape [rows, cols]. */
    public static void transpose(float[] x, int rows, int cols, float[] out) {
        for (int i0 = 0; i0 < rows; i0 += TRANSPOSE_BLOCK) {
            int i1 = Math.min(rows, i0 + TRANSPOSE_BLOCK);
            for (int j0 = 0; j0 < cols; j0 += TRANSPOSE_BLOCK) {
                int j1 = Math.min(cols, j0 + TRANSPOSE_BLOCK);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        out[j * rows + i] = x[i * cols + j];
                    }
                }
            }
        }
    }

    /**
     * out[index] = x[index permuted back]: output axis d is input axis {@code axes[d]}, so the output
     * shape is shape[axes[0]], shape[axes[1]], .... Walks the output in order with an odometer over
     * its index and a running input offset; the last output axis is the tight inner loop.
     */
    public static void permute(float[] x, int[] shape, int[] axes, float[] out) {
        int rank = shape.length;
        if (out.length == 0) {
            return;
        }
        if (rank == 0) {
            out[0] = x[0];
            return;
        }
        int[] inputStrides = new int[rank];
        for (int d = rank - 1, stride = 1; d >= 0; d--) {
            inputStrides[d] = stride;
            stride *= shape[d];
        }
        int[] outShape = new int[rank];
        int[] strides = new int[rank];
        for (int d = 0; d < rank; d++) {
            outShape[d] = shape[axes[d]];
            strides[d] = inputStrides[axes[d]];
        }
        int last = rank - 1;
        int lastLength = outShape[last];
        int lastStride = strides[last];
        int[] index = new int[rank];
        int src = 0;
        for (int dst = 0; dst < out.length; dst += lastLength) {
            for (int j = 0, at = src; j < lastLength; j++, at += lastStride) {
                out[dst + j] = x[at];
            }
            // Advance the odometer over the leading output axes.
            for (int d = last - 1; d >= 0; d--) {
                index[d]++;
                src += strides[d];
                if (index[d] < outShape[d]) {
                    break;
                }
                src -= strides[d] * outShape[d];
                index[d] = 0;
            }
        }
    }
}
