package org.wisekit.lutmm.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Both vector encoders (256- and 512-bit, whichever the hardware prefers: the other runs emulated, so the
 * sizes stay small) give the scalar reference's codes bit for bit, ties included.
 */
class NearestCentroidKernelsTest {

    private static final int[] KS = {16, 256, 1, 5, 13, 24, 40};
    private static final int[] WIDTHS = {1, 2, 3, 7, 16, 33};

    @Test
    void preferredWidthIsOneThatHasAKernel() {
        assertThat(NearestCentroidKernels.preferredBits()).isIn(0, 256, 512);
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            assertThat(NearestCentroidKernels.preferredBits()).isZero();
        }
    }

    @Test
    void scalarReferenceFindsTheNearestCentroidByHand() {
        // K = 3, width 2: centroids (0, 0), (3, 4), (1, 1); rows (2.9, 4.2) -> 1, (0.6, 0.6) -> 2, (-1, 0) -> 0
        float[] centres = {0, 0, 3, 4, 1, 1};
        float[] a = {9, 2.9f, 4.2f, 9, 0.6f, 0.6f, 9, -1, 0};
        byte[] codes = new byte[3];
        NearestCentroidKernels.encodeScalar(a, 3, 0, 3, 1, 2, centres, 3, codes, 0);
        assertThat(codes).containsExactly(1, 2, 0);
    }

    @Test
    void transposeIsDimensionMajor() {
        float[] centres = {0, 1, 2, 10, 11, 12}; // K = 2, width 3
        assertThat(NearestCentroidKernels.transpose(centres, 2, 3)).containsExactly(0, 10, 1, 11, 2, 12);
    }

    @Test
    void vectorEncodersEqualScalarOnRandomData() {
        SplittableRandom rng = new SplittableRandom(21);
        for (int k : KS) {
            for (int width : WIDTHS) {
                int d = width + rng.nextInt(5);
                int start = rng.nextInt(d - width + 1);
                int n = 1 + rng.nextInt(k >= 256 ? 23 : 41);
                float[] a = gaussian(rng, n * d, 1f);
                float[] centres = gaussian(rng, k * width, 1f);
                assertAllPathsAgree(a, d, n, start, width, centres, k, "K=" + k + " width=" + width + " n=" + n);
            }
        }
    }

    @Test
    void vectorEncodersEqualScalarOnARowRangeAndLeaveTheRestAlone() {
        SplittableRandom rng = new SplittableRandom(22);
        int k = 16;
        int width = 5;
        int d = 7;
        int n = 19;
        float[] a = gaussian(rng, n * d, 1f);
        float[] centres = gaussian(rng, k * width, 1f);
        float[] t = NearestCentroidKernels.transpose(centres, k, width);
        for (int[] range : new int[][]{{0, 0}, {3, 4}, {5, 11}, {2, 19}, {18, 19}}) {
            byte[] scalar = filled(n + 3);
            byte[] v256 = filled(n + 3);
            byte[] v512 = filled(n + 3);
            NearestCentroidKernels.encodeScalar(a, d, range[0], range[1], 2, width, centres, k, scalar, 3);
            NearestCentroidKernels.encode256(a, d, range[0], range[1], 2, width, t, k, v256, 3);
            NearestCentroidKernels.encode512(a, d, range[0], range[1], 2, width, t, k, v512, 3);
            assertThat(v256).as("256 %s", Arrays.toString(range)).isEqualTo(scalar);
            assertThat(v512).as("512 %s", Arrays.toString(range)).isEqualTo(scalar);
            for (int p = 0; p < n + 3; p++) {
                boolean written = p >= 3 + range[0] && p < 3 + range[1];
                if (!written) {
                    assertThat(scalar[p]).as("untouched %d", p).isEqualTo((byte) 99);
                }
            }
        }
    }

    @Test
    void tiesGoToTheFirstCentroid() {
        SplittableRandom rng = new SplittableRandom(23);
        for (int k : new int[]{16, 256, 13, 24}) {
            for (int width : new int[]{1, 3, 8}) {
                // few distinct centroids, each repeated at scattered indices (same lane in later vectors,
                // other lanes, the scalar tail), and rows that sit exactly on centroids or on a coarse grid
                int distinct = 3;
                float[] pool = new float[distinct * width];
                for (int p = 0; p < pool.length; p++) {
                    pool[p] = rng.nextInt(-2, 3);
                }
                float[] centres = new float[k * width];
                for (int c = 0; c < k; c++) {
                    int pick = rng.nextInt(distinct);
                    System.arraycopy(pool, pick * width, centres, c * width, width);
                }
                int n = 29;
                int d = width;
                float[] a = new float[n * d];
                for (int i = 0; i < n; i++) {
                    if (rng.nextBoolean()) {
                        System.arraycopy(centres, rng.nextInt(k) * width, a, i * d, width);
                    } else {
                        for (int j = 0; j < width; j++) {
                            a[i * d + j] = rng.nextInt(-4, 5) * 0.5f;
                        }
                    }
                }
                byte[] scalar = assertAllPathsAgree(a, d, n, 0, width, centres, k, "ties K=" + k + " width=" + width);
                // the reference picks the first of equal distances
                for (int i = 0; i < n; i++) {
                    int code = scalar[i] & 0xFF;
                    float best = dist(a, i * d, centres, code, width);
                    for (int c = 0; c < code; c++) {
                        assertThat(dist(a, i * d, centres, c, width)).isGreaterThan(best);
                    }
                }
            }
        }
    }

    @Test
    void aDuplicateOfTheNearestCentroidInALaterVectorLosesTheTie() {
        // K = 256, width 1: the nearest value 0.5 sits at 3, and again at 19 (the same lane of 8 and of 16),
        // 203 (the same lane of 8) and 9 (another lane)
        int k = 256;
        float[] centres = new float[k];
        for (int c = 0; c < k; c++) {
            centres[c] = 10 + c;
        }
        centres[203] = 0.5f;
        centres[19] = 0.5f;
        centres[9] = 0.5f;
        centres[3] = 0.5f;
        float[] a = {0f, 1f, 300f, 12.4f, 0.5f};
        byte[] codes = assertAllPathsAgree(a, 1, a.length, 0, 1, centres, k, "duplicates");
        assertThat(codes).containsExactly(3, 3, (byte) 255, 2, 3);
    }

    @Test
    void specialValuesAgree() {
        SplittableRandom rng = new SplittableRandom(24);
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE,
                1e20f, -1e20f, 0f, -0f, Float.MIN_VALUE};
        for (int k : new int[]{16, 256, 21}) {
            int width = 4;
            int n = 37;
            float[] a = gaussian(rng, n * width, 1f);
            float[] centres = gaussian(rng, k * width, 1f);
            for (int p = 0; p < a.length; p++) {
                if (rng.nextInt(3) == 0) {
                    a[p] = specials[rng.nextInt(specials.length)];
                }
            }
            for (int p = 0; p < centres.length; p++) {
                if (rng.nextInt(8) == 0) {
                    centres[p] = specials[3 + rng.nextInt(specials.length - 3)];
                }
            }
            assertAllPathsAgree(a, width, n, 0, width, centres, k, "specials K=" + k);
        }
    }

    @Test
    void dispatchRejectsAWidthWithoutAKernel() {
        assertThatThrownBy(() -> NearestCentroidKernels.encode(128, new float[1], 1, 0, 1, 0, 1, new float[1],
                new float[1], 1, new byte[1], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bits").hasMessageContaining("128");
    }

    /** Runs the scalar reference, both vector kernels and the dispatcher at 0/256/512; returns the codes. */
    private static byte[] assertAllPathsAgree(float[] a, int d, int n, int start, int width, float[] centres, int k,
                                              String what) {
        float[] t = NearestCentroidKernels.transpose(centres, k, width);
        byte[] scalar = new byte[n];
        byte[] v256 = new byte[n];
        byte[] v512 = new byte[n];
        NearestCentroidKernels.encodeScalar(a, d, 0, n, start, width, centres, k, scalar, 0);
        NearestCentroidKernels.encode256(a, d, 0, n, start, width, t, k, v256, 0);
        NearestCentroidKernels.encode512(a, d, 0, n, start, width, t, k, v512, 0);
        assertThat(v256).as("256-bit, %s", what).isEqualTo(scalar);
        assertThat(v512).as("512-bit, %s", what).isEqualTo(scalar);
        for (int bits : new int[]{0, 256, 512}) {
            byte[] out = new byte[n];
            NearestCentroidKernels.encode(bits, a, d, 0, n, start, width, centres, t, k, out, 0);
            assertThat(out).as("dispatch %d, %s", bits, what).isEqualTo(scalar);
        }
        for (byte code : scalar) {
            assertThat(code & 0xFF).isLessThan(k);
        }
        return scalar;
    }

    private static float dist(float[] a, int row, float[] centres, int c, int width) {
        float s = 0;
        for (int j = 0; j < width; j++) {
            float e = a[row + j] - centres[c * width + j];
            s += e * e;
        }
        return s;
    }

    private static float[] gaussian(SplittableRandom rng, int size, float std) {
        float[] x = new float[size];
        for (int p = 0; p < size; p++) {
            x[p] = (float) (rng.nextGaussian() * std);
        }
        return x;
    }

    private static byte[] filled(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 99);
        return b;
    }
}
