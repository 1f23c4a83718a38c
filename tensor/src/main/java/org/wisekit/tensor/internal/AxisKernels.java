package org.wisekit.tensor.internal;

import java.util.Arrays;

/**
 * Reductions and normalisations along one axis of a row-major array.
 *
 * <p>Any axis of a tensor is addressed as the middle axis of a three-axis view [outer, n, inner]:
 * {@code outer} is the product of the dimensions before the axis, {@code n} its length and
 * {@code inner} the product of the dimensions after it, so element (o, j, i) sits at
 * {@code (o*n + j)*inner + i}. Reduced outputs have the shape [outer, inner]; normalised outputs the
 * shape of the input. Sums and exponential sums accumulate in double and round once at the end.
 *
 * <p>Callers validate arguments; kernels trust them. Output arrays must not alias the input.
 */
public final class AxisKernels {

    private AxisKernels() {
    }

    /** out[o, i] = sum over j of x[o, j, i]. */
    public static void sum(float[] x, int outer, int n, int inner, float[] out) {
        double[] acc = new double[inner];
        for (int o = 0; o < outer; o++) {
            Arrays.fill(acc, 0);
            int base = o * n * inner;
            // Walk whole rows of the [n, inner] slab so the reads stay contiguous.
            for (int j = 0; j < n; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    acc[i] += x[row + i];
                }
            }
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = (float) acc[i];
            }
        }
    }

    /** out[o, i] = max over j of x[o, j, i]; NaN if any of them is NaN. Needs n &gt;= 1. */
    public static void max(float[] x, int outer, int n, int inner, float[] out) {
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            System.arraycopy(x, base, out, o * inner, inner);
            for (int j = 1; j < n; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    out[o * inner + i] = Math.max(out[o * inner + i], x[row + i]);
                }
            }
        }
    }

    /**
     * out[o, i] = the smallest j where x[o, j, i] is largest; a NaN counts as larger than any number,
     * so the first NaN wins (consistent with {@link #max}). Needs n &gt;= 1.
     */
    public static void argmax(float[] x, int outer, int n, int inner, int[] out) {
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            for (int i = 0; i < inner; i++) {
                int best = 0;
                float bestValue = x[base + i];
                for (int j = 1; j < n && !Float.isNaN(bestValue); j++) {
                    float v = x[base + j * inner + i];
                    if (v > bestValue || Float.isNaN(v)) {
                        best = j;
                        bestValue = v;
                    }
                }
                out[o * inner + i] = best;
            }
        }
    }

    /**
     * out[o, j, i] = exp(x[o, j, i] - s) / sum over j' of exp(x[o, j', i] - s), with s the maximum
     * along the axis (any value of s gives the same result; the maximum keeps every exponent &lt;= 0).
     * A -inf entry gets probability 0. A line that is entirely -inf or holds a NaN comes out all NaN;
     * a +inf entry comes out NaN.
     */
    public static void softmax(float[] x, int outer, int n, int inner, float[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int start = o * n * inner + i;
                double shift = shift(lineMax(x, start, n, inner));
                double sum = 0;
                for (int j = 0, at = start; j < n; j++, at += inner) {
                    double e = Math.exp(x[at] - shift);
                    out[at] = (float) e;
                    sum += e;
                }
                double inverse = 1 / sum;
                for (int j = 0, at = start; j < n; j++, at += inner) {
                    out[at] = (float) (out[at] * inverse);
                }
            }
        }
    }

    /** out[o, j, i] = x[o, j, i] - logSumExp over j; -inf entries stay -inf. */
    public static void logSoftmax(float[] x, int outer, int n, int inner, float[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int start = o * n * inner + i;
                double lse = lineLogSumExp(x, start, n, inner);
                for (int j = 0, at = start; j < n; j++, at += inner) {
                    out[at] = (float) (x[at] - lse);
                }
            }
        }
    }

    /**
     * out[o, i] = log(sum over j of exp(x[o, j, i])) = s + log(sum exp(x - s)) with s the maximum:
     * -inf for an empty or all -inf line, +inf when an entry is +inf, NaN when an entry is NaN.
     */
    public static void logSumExp(float[] x, int outer, int n, int inner, float[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = (float) lineLogSumExp(x, o * n * inner + i, n, inner);
            }
        }
    }

    private static double lineLogSumExp(float[] x, int start, int n, int stride) {
        double shift = shift(lineMax(x, start, n, stride));
        double sum = 0;
        for (int j = 0, at = start; j < n; j++, at += stride) {
            sum += Math.exp(x[at] - shift);
        }
        return shift + Math.log(sum);
    }

    /** Maximum of a strided line; -inf when empty, NaN when it holds NaN. */
    private static float lineMax(float[] x, int start, int n, int stride) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0, at = start; j < n; j++, at += stride) {
            max = Math.max(max, x[at]);
        }
        return max;
    }

    /**
     * The value subtracted before exponentiating: the maximum when finite. An infinite maximum would
     * turn inf - inf into NaN for every entry, so shift by 0 instead; the sums then come out as 0 or
     * +inf, which give the limits stated on the public methods.
     */
    private static double shift(float max) {
        return Float.isInfinite(max) ? 0 : max;
    }
}
