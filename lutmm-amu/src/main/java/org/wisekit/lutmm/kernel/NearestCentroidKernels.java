package org.wisekit.lutmm.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Nearest-centroid encoding for the product-quantization baselines (PQ, K = 256; Bolt, K = 16): for
 * each row, the index of the centroid of one column slice at the smallest squared Euclidean distance,
 * the first one on ties. MADDNESS, which these baselines are compared against for speed and accuracy,
 * encodes with vector kernels; a plain triple loop here would make PQ and Bolt straw men, so they get
 * vector kernels too.
 *
 * <p>{@link #encodeScalar} is the reference. The vector kernels read the centroids transposed
 * ({@link #transpose}: for slice dimension j the K centroid coordinates are contiguous), so that one
 * pass over j updates the distances to a vector's worth of centroids at once,
 * {@code dist[k] += (a_j - c[j][k])^2}, one lane per centroid. Each lane therefore sums over j in the
 * same increasing order as the scalar loop, with the same expression ({@code e = a - c; dist + e * e},
 * multiply then add, never fused), so the distances, and with them the codes, are bit-identical. The
 * arg-min keeps per lane the smallest distance seen and its index (strict {@code <}, so the earliest of
 * that lane's centroids on ties), then takes the smallest index among the lanes that hold the overall
 * minimum: exactly the scalar loop's first index. Centroids past the last full vector (K not a multiple
 * of the lane count) are finished by the scalar loop, which continues the same strict comparison.
 * Four rows go at a time (four independent sums, one centroid load shared); a short last block repeats
 * its last row rather than branching.
 *
 * <p>Species: {@link #encode256} and {@link #encode512} are two copies of one kernel, each with its
 * species as a compile-time constant. A species passed as a parameter is only a constant to C2 after
 * inlining, which it does not promise for a method holding a hot loop, and a non-constant species boxes
 * every vector. {@link #preferredBits} picks the one that matches the hardware at run time; the tests run
 * both on every machine (the wider one emulated where the hardware is narrower: slow but exact).
 *
 * <p>Layouts: rows are row-major {@code float[n * d]}, the slice is columns
 * {@code [start, start + width)}; centroids {@code [k * width + j]} (scalar) or {@code [j * K + k]}
 * (vector); codes {@code codes[codesAt + i]}, unsigned bytes, so K &lt;= 256. Like the other kernels of
 * this package these trust their arguments and never allocate.
 */
public final class NearestCentroidKernels {

    private static final int PREFERRED = preferred();

    private NearestCentroidKernels() {
    }

    /**
     * The vector width, in bits, that the encoder should use here: 512 or 256 where the
     * {@code jdk.incubator.vector} module is loaded and the preferred species is at least that wide,
     * else 0 (use {@link #encodeScalar}).
     */
    public static int preferredBits() {
        return PREFERRED;
    }

    private static int preferred() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return 0;
        }
        int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        return bits >= 512 ? 512 : bits >= 256 ? 256 : 0;
    }

    /** Centroids {@code [k * width + j]} transposed to {@code [j * K + k]}, the vector kernels' layout. */
    public static float[] transpose(float[] centres, int k, int width) {
        float[] out = new float[k * width];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < width; j++) {
                out[j * k + c] = centres[c * width + j];
            }
        }
        return out;
    }

    /**
     * The scalar reference: for rows {@code from <= i < to}, {@code codes[codesAt + i]} = the first k
     * minimising {@code sum_j (a[i * d + start + j] - centres[k * width + j])^2}, summed over increasing j.
     */
    public static void encodeScalar(float[] a, int d, int from, int to, int start, int width, float[] centres, int k,
                                    byte[] codes, int codesAt) {
        for (int i = from; i < to; i++) {
            int row = i * d + start;
            int best = 0;
            float bestDist = Float.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                float dist = 0;
                for (int j = 0; j < width; j++) {
                    float e = a[row + j] - centres[c * width + j];
                    dist += e * e;
                }
                if (dist < bestDist) {
                    bestDist = dist;
                    best = c;
                }
            }
            codes[codesAt + i] = (byte) best;
        }
    }

    /**
     * {@link #encodeScalar} by the kernel of the given width: 512, 256, or 0 for the scalar reference
     * (which then reads {@code centres}, the vector kernels {@code transposed}).
     */
    public static void encode(int bits, float[] a, int d, int from, int to, int start, int width, float[] centres,
                              float[] transposed, int k, byte[] codes, int codesAt) {
        switch (bits) {
            case 512 -> encode512(a, d, from, to, start, width, transposed, k, codes, codesAt);
            case 256 -> encode256(a, d, from, to, start, width, transposed, k, codes, codesAt);
            case 0 -> encodeScalar(a, d, from, to, start, width, centres, k, codes, codesAt);
            default -> throw new IllegalArgumentException("bits must be 0, 256 or 512, got " + bits);
        }
    }

    /** {@link #encodeScalar} with 256-bit vectors (8 centroids per vector), centroids {@link #transpose}d. */
    public static void encode256(float[] a, int d, int from, int to, int start, int width, float[] transposed, int k,
                                 byte[] codes, int codesAt) {
        V256.encode(a, d, from, to, start, width, transposed, k, codes, codesAt);
    }

    /** {@link #encodeScalar} with 512-bit vectors (16 centroids per vector), centroids {@link #transpose}d. */
    public static void encode512(float[] a, int d, int from, int to, int start, int width, float[] transposed, int k,
                                 byte[] codes, int codesAt) {
        V512.encode(a, d, from, to, start, width, transposed, k, codes, codesAt);
    }

    /** Lane indices 0..15 as floats (exact), the first L of them loaded as a vector. */
    private static final float[] IOTA = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

    /**
     * Continues a row's arg-min over the centroids {@code from <= c < k} that the vectors did not cover,
     * scalar, from the transposed layout; same sum order and strict comparison as {@link #encodeScalar}.
     */
    private static int tail(float[] a, int row, int width, float[] transposed, int k, int from, float bestDist, int best) {
        for (int c = from; c < k; c++) {
            float dist = 0;
            for (int j = 0; j < width; j++) {
                float e = a[row + j] - transposed[j * k + c];
                dist += e * e;
            }
            if (dist < bestDist) {
                bestDist = dist;
                best = c;
            }
        }
        return best;
    }

    // V256 and V512 are the same code but for S; edit both. Kept in nested classes so that the outer
    // class loads without the jdk.incubator.vector module.

    private static final class V256 {

        private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
        private static final int L = S.length();

        static void encode(float[] a, int d, int from, int to, int start, int width, float[] t, int k,
                           byte[] codes, int codesAt) {
            int full = k - k % L;
            FloatVector iota = FloatVector.fromArray(S, IOTA, 0);
            FloatVector inf = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
            FloatVector zero = FloatVector.zero(S);
            for (int i = from; i < to; i += 4) {
                int last = to - 1;
                int r0 = i * d + start;
                int r1 = Math.min(i + 1, last) * d + start;
                int r2 = Math.min(i + 2, last) * d + start;
                int r3 = Math.min(i + 3, last) * d + start;
                FloatVector best0 = inf;
                FloatVector best1 = inf;
                FloatVector best2 = inf;
                FloatVector best3 = inf;
                FloatVector idx0 = zero;
                FloatVector idx1 = zero;
                FloatVector idx2 = zero;
                FloatVector idx3 = zero;
                for (int q = 0; q < full; q += L) {
                    FloatVector s0 = zero;
                    FloatVector s1 = zero;
                    FloatVector s2 = zero;
                    FloatVector s3 = zero;
                    for (int j = 0, at = q; j < width; j++, at += k) {
                        FloatVector c = FloatVector.fromArray(S, t, at);
                        FloatVector e0 = FloatVector.broadcast(S, a[r0 + j]).sub(c);
                        FloatVector e1 = FloatVector.broadcast(S, a[r1 + j]).sub(c);
                        FloatVector e2 = FloatVector.broadcast(S, a[r2 + j]).sub(c);
                        FloatVector e3 = FloatVector.broadcast(S, a[r3 + j]).sub(c);
                        s0 = s0.add(e0.mul(e0));
                        s1 = s1.add(e1.mul(e1));
                        s2 = s2.add(e2.mul(e2));
                        s3 = s3.add(e3.mul(e3));
                    }
                    FloatVector index = iota.add((float) q);
                    VectorMask<Float> m0 = s0.compare(VectorOperators.LT, best0);
                    VectorMask<Float> m1 = s1.compare(VectorOperators.LT, best1);
                    VectorMask<Float> m2 = s2.compare(VectorOperators.LT, best2);
                    VectorMask<Float> m3 = s3.compare(VectorOperators.LT, best3);
                    best0 = best0.blend(s0, m0);
                    best1 = best1.blend(s1, m1);
                    best2 = best2.blend(s2, m2);
                    best3 = best3.blend(s3, m3);
                    idx0 = idx0.blend(index, m0);
                    idx1 = idx1.blend(index, m1);
                    idx2 = idx2.blend(index, m2);
                    idx3 = idx3.blend(index, m3);
                }
                // the overall minimum, then the smallest index among the lanes holding it (a lane never
                // updated holds +inf and index 0, which is the answer when nothing beat +inf)
                float min0 = best0.reduceLanes(VectorOperators.MIN);
                float min1 = best1.reduceLanes(VectorOperators.MIN);
                float min2 = best2.reduceLanes(VectorOperators.MIN);
                float min3 = best3.reduceLanes(VectorOperators.MIN);
                int code0 = (int) idx0.blend(inf, best0.compare(VectorOperators.NE, min0)).reduceLanes(VectorOperators.MIN);
                int code1 = (int) idx1.blend(inf, best1.compare(VectorOperators.NE, min1)).reduceLanes(VectorOperators.MIN);
                int code2 = (int) idx2.blend(inf, best2.compare(VectorOperators.NE, min2)).reduceLanes(VectorOperators.MIN);
                int code3 = (int) idx3.blend(inf, best3.compare(VectorOperators.NE, min3)).reduceLanes(VectorOperators.MIN);
                if (full < k) {
                    code0 = tail(a, r0, width, t, k, full, min0, code0);
                    code1 = tail(a, r1, width, t, k, full, min1, code1);
                    code2 = tail(a, r2, width, t, k, full, min2, code2);
                    code3 = tail(a, r3, width, t, k, full, min3, code3);
                }
                codes[codesAt + i] = (byte) code0;
                if (i + 3 < to) {
                    codes[codesAt + i + 1] = (byte) code1;
                    codes[codesAt + i + 2] = (byte) code2;
                    codes[codesAt + i + 3] = (byte) code3;
                } else {
                    // a short last block: rows past `to` repeated row to - 1
                    if (i + 1 < to) {
                        codes[codesAt + i + 1] = (byte) code1;
                    }
                    if (i + 2 < to) {
                        codes[codesAt + i + 2] = (byte) code2;
                    }
                }
            }
        }
    }

    private static final class V512 {

        private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
        private static final int L = S.length();

        static void encode(float[] a, int d, int from, int to, int start, int width, float[] t, int k,
                           byte[] codes, int codesAt) {
            int full = k - k % L;
            FloatVector iota = FloatVector.fromArray(S, IOTA, 0);
            FloatVector inf = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
            FloatVector zero = FloatVector.zero(S);
            for (int i = from; i < to; i += 4) {
                int last = to - 1;
                int r0 = i * d + start;
                int r1 = Math.min(i + 1, last) * d + start;
                int r2 = Math.min(i + 2, last) * d + start;
                int r3 = Math.min(i + 3, last) * d + start;
                FloatVector best0 = inf;
                FloatVector best1 = inf;
                FloatVector best2 = inf;
                FloatVector best3 = inf;
                FloatVector idx0 = zero;
                FloatVector idx1 = zero;
                FloatVector idx2 = zero;
                FloatVector idx3 = zero;
                for (int q = 0; q < full; q += L) {
                    FloatVector s0 = zero;
                    FloatVector s1 = zero;
                    FloatVector s2 = zero;
                    FloatVector s3 = zero;
                    for (int j = 0, at = q; j < width; j++, at += k) {
                        FloatVector c = FloatVector.fromArray(S, t, at);
                        FloatVector e0 = FloatVector.broadcast(S, a[r0 + j]).sub(c);
                        FloatVector e1 = FloatVector.broadcast(S, a[r1 + j]).sub(c);
                        FloatVector e2 = FloatVector.broadcast(S, a[r2 + j]).sub(c);
                        FloatVector e3 = FloatVector.broadcast(S, a[r3 + j]).sub(c);
                        s0 = s0.add(e0.mul(e0));
                        s1 = s1.add(e1.mul(e1));
                        s2 = s2.add(e2.mul(e2));
                        s3 = s3.add(e3.mul(e3));
                    }
                    FloatVector index = iota.add((float) q);
                    VectorMask<Float> m0 = s0.compare(VectorOperators.LT, best0);
                    VectorMask<Float> m1 = s1.compare(VectorOperators.LT, best1);
                    VectorMask<Float> m2 = s2.compare(VectorOperators.LT, best2);
                    VectorMask<Float> m3 = s3.compare(VectorOperators.LT, best3);
                    best0 = best0.blend(s0, m0);
                    best1 = best1.blend(s1, m1);
                    best2 = best2.blend(s2, m2);
                    best3 = best3.blend(s3, m3);
                    idx0 = idx0.blend(index, m0);
                    idx1 = idx1.blend(index, m1);
                    idx2 = idx2.blend(index, m2);
                    idx3 = idx3.blend(index, m3);
                }
                float min0 = best0.reduceLanes(VectorOperators.MIN);
                float min1 = best1.reduceLanes(VectorOperators.MIN);
                float min2 = best2.reduceLanes(VectorOperators.MIN);
                float min3 = best3.reduceLanes(VectorOperators.MIN);
                int code0 = (int) idx0.blend(inf, best0.compare(VectorOperators.NE, min0)).reduceLanes(VectorOperators.MIN);
                int code1 = (int) idx1.blend(inf, best1.compare(VectorOperators.NE, min1)).reduceLanes(VectorOperators.MIN);
                int code2 = (int) idx2.blend(inf, best2.compare(VectorOperators.NE, min2)).reduceLanes(VectorOperators.MIN);
                int code3 = (int) idx3.blend(inf, best3.compare(VectorOperators.NE, min3)).reduceLanes(VectorOperators.MIN);
                if (full < k) {
                    code0 = tail(a, r0, width, t, k, full, min0, code0);
                    code1 = tail(a, r1, width, t, k, full, min1, code1);
                    code2 = tail(a, r2, width, t, k, full, min2, code2);
                    code3 = tail(a, r3, width, t, k, full, min3, code3);
                }
                codes[codesAt + i] = (byte) code0;
                if (i + 3 < to) {
                    codes[codesAt + i + 1] = (byte) code1;
                    codes[codesAt + i + 2] = (byte) code2;
                    codes[codesAt + i + 3] = (byte) code3;
                } else {
                    if (i + 1 < to) {
                        codes[codesAt + i + 1] = (byte) code1;
                    }
                    if (i + 2 < to) {
                        codes[codesAt + i + 2] = (byte) code2;
                    }
                }
            }
        }
    }
}
