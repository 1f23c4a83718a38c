package org.wisekit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.wisekit.tensor.Gemm.Path;
import org.wisekit.tensor.internal.BlockedGemm;

/**
 * Both GEMM paths on one and two threads against a naive triple loop in double.
 *
 * <p>Tolerance: a float dot product of length k is within k * u * sum_p |a_ip * b_pj| of the exact
 * value (u = 2^-24, the float unit roundoff); the checks allow twice that, k * 2^-23 * sum |a b|,
 * plus the same bound on the beta * C term where it applies.
 */
class GemmTest {

    private static final Path[] PATHS = {Path.VECTOR, Path.SCALAR};
    private static final double UNIT_ROUNDOFF_X2 = Math.scalb(1.0, -23);

    @Test
    void vectorPathRunsUnderTheProjectsTestFlags() {
        assertThat(Gemm.isVectorAvailable()).as("surefire passes --add-modules jdk.incubator.vector").isTrue();
        assertThat(Gemm.defaultPath()).isEqualTo(Path.VECTOR);
    }

    @Test
    void handComputedProduct() {
        float[] a = {1, 2, 3, 4, 5, 6};          // [[1, 2, 3], [4, 5, 6]]
        float[] b = {7, 8, 9, 10, 11, 12};       // [[7, 8], [9, 10], [11, 12]]
        for (Path path : PATHS) {
            for (int threads = 1; threads <= 2; threads++) {
                float[] c = {Float.NaN, -1, -1, -1};
                Gemm.multiply(a, b, c, 2, 3, 2, path, threads);
                assertThat(c).as("%s, %d threads", path, threads).containsExactly(58, 64, 139, 154);
            }
        }
    }

    @Test
    void everySmallShapeMatchesTheNaiveProduct() {
        Random rng = new Random(40);
        for (int m = 1; m <= 17; m++) {
            for (int k = 1; k <= 17; k++) {
                for (int n = 1; n <= 17; n++) {
                    checkAllVariants(rng, m, k, n);
                }
            }
        }
    }

    @Test
    void largerShapesCrossEveryBlockBoundary() {
        Random rng = new Random(41);
        int[][] shapes = {
            {129, 257, 65},                                   // odd everything, two KC blocks
            {BlockedGemm.MC + 9, 70, 33},                     // two MC blocks
            {3, 2 * BlockedGemm.KC + 1, 40},                  // three KC blocks, one partial row tile
            {5, 7, BlockedGemm.NC + 37},                      // two NC panels
            {64, 64, 64},                                     // exact tiles
            {1, 300, 1}, {300, 1, 300}, {1, 1, 1000}, {1000, 3, 1},
        };
        for (int[] s : shapes) {
            checkAllVariants(rng, s[0], s[1], s[2]);
        }
    }

    @Test
    void zeroSizedDimensions() {
        for (Path path : PATHS) {
            float[] c = {5, 5, 5, 5, 5, 5};
            Gemm.multiply(new float[0], new float[0], c, 2, 0, 3, path, 2);
            assertThat(c).as("k = 0 gives C = 0").containsOnly(0f);
            float[] untouched = {5, 5};
            Gemm.multiply(new float[0], new float[6], untouched, 0, 2, 3, path, 1);
            Gemm.multiply(new float[6], new float[0], untouched, 3, 2, 0, path, 1);
            assertThat(untouched).containsOnly(5f);
        }
    }

    @Test
    void alphaBetaAndAccumulate() {
        Random rng = new Random(42);
        int m = 13;
        int k = 29;
        int n = 41;
        float[] a = random(rng, m * k);
        float[] b = random(rng, k * n);
        float[] c0 = random(rng, m * n);
        for (Path path : PATHS) {
            for (int threads = 1; threads <= 2; threads++) {
                float[] c = c0.clone();
                Gemm.gemm(2f, a, b, -0.5f, c, m, k, n, path, threads);
                assertMatches(c, a, b, 2f, -0.5f, c0, m, k, n, path + " alpha=2 beta=-0.5");

                float[] nan = new float[m * n];
                Arrays.fill(nan, Float.NaN);
                Gemm.gemm(1f, a, b, 0f, nan, m, k, n, path, threads);
                assertMatches(nan, a, b, 1f, 0f, c0, m, k, n, path + " beta=0 ignores NaN in C");

                float[] scaled = c0.clone();
                Gemm.gemm(0f, a, b, 3f, scaled, m, k, n, path, threads);
                for (int i = 0; i < scaled.length; i++) {
                    assertThat(scaled[i]).isEqualTo(3f * c0[i]);
                }
            }
        }
        float[] c = c0.clone();
        Gemm.multiplyAdd(a, b, c, m, k, n);
        assertMatches(c, a, b, 1f, 1f, c0, m, k, n, "multiplyAdd");
    }

    @Test
    void longerArraysAreAllowedAndTheirTailIsLeftAlone() {
        float[] a = {1, 2, 3, 4, -7};
        float[] b = {1, 0, 0, 1, -7};
        float[] c = {0, 0, 0, 0, 42};
        Gemm.multiply(a, b, c, 2, 2, 2);
        assertThat(c).containsExactly(1, 2, 3, 4, 42);
    }

    @Test
    void invalidArgumentsAreRejectedWithTheirValues() {
        float[] six = new float[6];
        assertThatThrownBy(() -> Gemm.multiply(six, six, new float[4], 2, 3, 2, Path.SCALAR, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gemm: threads must be >= 1, got 0");
        assertThatThrownBy(() -> Gemm.multiply(six, six, new float[4], -2, 3, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gemm: m must be >= 0, got -2");
        assertThatThrownBy(() -> Gemm.multiply(new float[5], six, new float[4], 2, 3, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: a has length 5 but 2 x 3 = 6 elements are needed");
        assertThatThrownBy(() -> Gemm.multiply(six, six, new float[3], 2, 3, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("gemm: c has length 3");
        assertThatThrownBy(() -> Gemm.multiply(six, null, new float[4], 2, 3, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gemm: b must not be null");
        float[] square = new float[4];
        assertThatThrownBy(() -> Gemm.multiply(square, new float[4], square, 2, 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same array as a");
        assertThatThrownBy(() -> Gemm.multiply(six, six, new float[4], 2, 3, 2, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gemm: path must not be null");
    }

    /**
     * Checks C = A * B for both paths and thread counts: each against the naive product within the
     * bound, the vector and scalar paths against each other within twice the bound, and the two-thread
     * result bit-for-bit against the one-thread result of the same path.
     */
    private static void checkAllVariants(Random rng, int m, int k, int n) {
        float[] a = random(rng, m * k);
        float[] b = random(rng, k * n);
        float[][] oneThread = new float[PATHS.length][];
        for (int p = 0; p < PATHS.length; p++) {
            for (int threads = 1; threads <= 2; threads++) {
                float[] c = new float[m * n];
                Arrays.fill(c, Float.NaN);
                Gemm.multiply(a, b, c, m, k, n, PATHS[p], threads);
                String what = PATHS[p] + " " + m + "x" + k + "x" + n + " on " + threads + " thread(s)";
                if (threads == 1) {
                    oneThread[p] = c;
                    assertMatches(c, a, b, 1f, 0f, null, m, k, n, what);
                } else if (!Arrays.equals(c, oneThread[p])) {
                    fail("%s differs from the one-thread result", what);
                }
            }
        }
        double[] bound = errorBound(a, b, 1f, m, k, n);
        for (int i = 0; i < m * n; i++) {
            if (!(Math.abs(oneThread[0][i] - oneThread[1][i]) <= 2 * bound[i])) {
                fail("vector and scalar differ at %d of %dx%dx%d: %s vs %s", i, m, k, n, oneThread[0][i], oneThread[1][i]);
            }
        }
    }

    /** Asserts c == alpha * A * B + beta * c0 within the stated bound (c0 unused when beta is 0). */
    private static void assertMatches(float[] c, float[] a, float[] b, float alpha, float beta, float[] c0,
                                      int m, int k, int n, String what) {
        double[] bound = errorBound(a, b, alpha, m, k, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0;
                for (int p = 0; p < k; p++) {
                    exact += (double) a[i * k + p] * b[p * n + j];
                }
                exact *= alpha;
                double tolerance = bound[i * n + j];
                if (beta != 0f) {
                    exact += (double) beta * c0[i * n + j];
                    tolerance += UNIT_ROUNDOFF_X2 * (k + 1) * Math.abs(beta * c0[i * n + j]);
                }
                if (!(Math.abs(c[i * n + j] - exact) <= tolerance)) {
                    fail("%s: C[%d][%d] = %s but the exact value is %s (tolerance %s)", what, i, j,
                            c[i * n + j], exact, tolerance);
                }
            }
        }
    }

    /** k * 2^-23 * sum_p |alpha * a_ip * b_pj| for every element of C. */
    private static double[] errorBound(float[] a, float[] b, float alpha, int m, int k, int n) {
        double[] bound = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    magnitude += Math.abs((double) a[i * k + p] * b[p * n + j]);
                }
                bound[i * n + j] = UNIT_ROUNDOFF_X2 * k * Math.abs(alpha) * magnitude;
            }
        }
        return bound;
    }

    private static float[] random(Random rng, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = rng.nextFloat() * 2 - 1;
        }
        return x;
    }
}
