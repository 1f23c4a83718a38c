package org.wisekit.lutmm.baseline;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.wisekit.lutmm.KernelPath;

/**
 * int8 x int8 -> int32 products {@code out[i * m + j] = sum_k a[i * d + k] * bt[j * d + k]} (B stored
 * transposed, one row per output). The int8 values are held in 16-bit lanes: on JDK 17 the Vector API's
 * byte-to-short {@code convertShape} is not compiled to a single widening instruction (measured: it made
 * the kernel slower than the float GEMM), so A is quantized straight into {@code short[]} and B is
 * widened once, offline. The vector path multiplies 32 lanes (a product of two int8 values fits 16 bits)
 * and adds neighbouring products into 32-bit lanes with shifts ({@code pmaddwd}'s job), four output
 * columns per pass. Both paths are exact, so equal.
 */
public final class Int8Kernels {

    private static final VectorSpecies<Short> S512 = ShortVector.SPECIES_512;
    private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;

    private Int8Kernels() {
    }

    /** @param a n x d and {@code bt} m x d int8 values (in [-127, 127]) held in shorts */
    public static void gemm(short[] a, int n, int d, short[] bt, int m, int[] out, KernelPath path) {
        if (path == KernelPath.VECTOR) {
            vector(a, n, d, bt, m, out);
        } else {
            scalar(a, n, d, bt, m, out);
        }
    }

    static void scalar(short[] a, int n, int d, short[] bt, int m, int[] out) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                int s = 0;
                for (int k = 0; k < d; k++) {
                    s += a[i * d + k] * bt[j * d + k];
                }
                out[i * m + j] = s;
            }
        }
    }

    static void vector(short[] a, int n, int d, short[] bt, int m, int[] out) {
        int step = S512.length();
        int full = d - d % step;
        int quads = m - m % 4;
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < quads; j += 4) {
                IntVector acc0 = IntVector.zero(I512);
                IntVector acc1 = acc0;
                IntVector acc2 = acc0;
                IntVector acc3 = acc0;
                for (int k = 0; k < full; k += step) {
                    ShortVector x = ShortVector.fromArray(S512, a, row + k);
                    acc0 = dot(acc0, x, ShortVector.fromArray(S512, bt, j * d + k));
                    acc1 = dot(acc1, x, ShortVector.fromArray(S512, bt, (j + 1) * d + k));
                    acc2 = dot(acc2, x, ShortVector.fromArray(S512, bt, (j + 2) * d + k));
                    acc3 = dot(acc3, x, ShortVector.fromArray(S512, bt, (j + 3) * d + k));
                }
                out[i * m + j] = acc0.reduceLanes(VectorOperators.ADD) + tail(a, row, bt, j * d, full, d);
                out[i * m + j + 1] = acc1.reduceLanes(VectorOperators.ADD) + tail(a, row, bt, (j + 1) * d, full, d);
                out[i * m + j + 2] = acc2.reduceLanes(VectorOperators.ADD) + tail(a, row, bt, (j + 2) * d, full, d);
                out[i * m + j + 3] = acc3.reduceLanes(VectorOperators.ADD) + tail(a, row, bt, (j + 3) * d, full, d);
            }
            for (int j = quads; j < m; j++) {
                IntVector acc = IntVector.zero(I512);
                for (int k = 0; k < full; k += step) {
                    acc = dot(acc, ShortVector.fromArray(S512, a, row + k), ShortVector.fromArray(S512, bt, j * d + k));
                }
                out[i * m + j] = acc.reduceLanes(VectorOperators.ADD) + tail(a, row, bt, j * d, full, d);
            }
        }
    }

    /** acc + pairwise sums of x · w: each 32-bit lane gets its two 16-bit products, sign-extended. */
    private static IntVector dot(IntVector acc, ShortVector x, ShortVector w) {
        IntVector p = x.mul(w).reinterpretAsInts();
        IntVector low = p.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16);
        return acc.add(low).add(p.lanewise(VectorOperators.ASHR, 16));
    }

    private static int tail(short[] a, int row, short[] bt, int col, int from, int d) {
        int s = 0;
        for (int k = from; k < d; k++) {
            s += a[row + k] * bt[col + k];
        }
        return s;
    }

    /** {@code clamp(round(x / scale), -127, 127)}. */
    public static short quantize(float x, float scale) {
        return (short) Math.max(-127, Math.min(127, Math.round(x / scale)));
    }
}
