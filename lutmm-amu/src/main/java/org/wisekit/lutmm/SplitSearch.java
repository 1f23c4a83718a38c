package org.wisekit.lutmm;

import java.util.Arrays;

/**
 * The optimal threshold of one bucket along one dimension (the reference code's {@code optimal_split_val}):
 * the rows are sorted by {@code x[dim]} and the threshold minimizing SSE(left) + SSE(right), summed over
 * all dimensions of the codebook's slice, is found with cumulative sums of x and x² in O(rows · width).
 * A row goes right when {@code x[dim] > threshold}; the threshold is the midpoint of the two
 * neighbouring distinct sorted values.
 */
final class SplitSearch {

    /** A threshold and the SSE it leaves; the threshold is NaN when the bucket cannot be split (fewer than two distinct values). */
    record Split(float threshold, double loss) {
    }

    private SplitSearch() {
    }

    /**
     * @param x     row-major training rows of width d
     * @param rows  the bucket's row indices (first {@code count} entries)
     * @param start first column of the slice, {@code width} columns
     */
    static Split optimal(float[] x, int d, int[] rows, int count, int start, int width, int dim) {
        if (count < 2) {
            return new Split(Float.NaN, sse(x, d, rows, count, start, width));
        }
        long[] keyed = new long[count];
        for (int r = 0; r < count; r++) {
            keyed[r] = ((long) sortableBits(x[rows[r] * d + dim]) << 32) | (rows[r] & 0xFFFFFFFFL);
        }
        Arrays.sort(keyed);
        int[] sorted = new int[count];
        for (int r = 0; r < count; r++) {
            sorted[r] = (int) keyed[r];
        }
        double[] left = prefixSse(x, d, sorted, count, start, width, false);
        double[] right = prefixSse(x, d, sorted, count, start, width, true);
        double best = Double.POSITIVE_INFINITY;
        int bestK = -1;
        for (int k = 1; k < count; k++) {
            float lo = x[sorted[k - 1] * d + dim];
            float hi = x[sorted[k] * d + dim];
            if (!(lo < hi)) {
                continue;
            }
            double loss = left[k] + right[count - k];
            if (loss < best) {
                best = loss;
                bestK = k;
            }
        }
        if (bestK < 0) {
            return new Split(Float.NaN, left[count]);
        }
        return new Split(midpoint(x[sorted[bestK - 1] * d + dim], x[sorted[bestK] * d + dim]), best);
    }

    /** The midpoint of lo < hi, kept strictly below hi so that lo goes left and hi right. */
    static float midpoint(float lo, float hi) {
        float v = (float) (((double) lo + hi) / 2);
        return v < hi ? v : lo;
    }

    /** SSE of the rows around their mean, summed over the slice's columns. */
    static double sse(float[] x, int d, int[] rows, int count, int start, int width) {
        double total = 0;
        for (int j = start; j < start + width; j++) {
            total += columnSse(x, d, rows, count, j);
        }
        return total;
    }

    static double columnSse(float[] x, int d, int[] rows, int count, int j) {
        if (count == 0) {
            return 0;
        }
        double mean = 0;
        for (int r = 0; r < count; r++) {
            mean += x[rows[r] * d + j];
        }
        mean /= count;
        double s = 0;
        for (int r = 0; r < count; r++) {
            double e = x[rows[r] * d + j] - mean;
            s += e * e;
        }
        return s;
    }

    /** {@code out[k]} = SSE of the first k rows in this order (or of the last k when {@code reverse}). */
    private static double[] prefixSse(float[] x, int d, int[] sorted, int count, int start, int width, boolean reverse) {
        double[] sum = new double[width];
        double[] sumSq = new double[width];
        double[] out = new double[count + 1];
        for (int k = 1; k <= count; k++) {
            int row = sorted[reverse ? count - k : k - 1] * d + start;
            double total = 0;
            for (int j = 0; j < width; j++) {
                double v = x[row + j];
                sum[j] += v;
                sumSq[j] += v * v;
                total += Math.max(0, sumSq[j] - sum[j] * sum[j] / k);
            }
            out[k] = total;
        }
        return out;
    }

    private static int sortableBits(float v) {
        int bits = Float.floatToIntBits(v);
        return bits < 0 ? bits ^ 0x7FFFFFFF : bits;
    }
}
