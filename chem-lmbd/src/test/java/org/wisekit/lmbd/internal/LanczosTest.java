package org.wisekit.lmbd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LanczosTest {

    @Test
    void boundsEncloseTheSpectrumOfRandomSymmetricMatrices() {
        SplittableRandom random = new SplittableRandom(31);
        for (int n : new int[] {5, 17, 60, 150, 400}) {
            // a Wigner-like matrix, then its square: a spectrum with a long upper tail
            double[] a = n % 2 == 0 ? square(SymmetricEigenTest.randomSymmetric(n, random), n)
                    : SymmetricEigenTest.randomSymmetric(n, random);
            double[] spectrum = SymmetricEigenTest.commonsEigenvalues(a, n);
            double min = spectrum[0];
            double max = spectrum[n - 1];
            double width = max - min;
            for (int iterations : new int[] {10, 20, 40}) {
                for (long seed = 1; seed <= 3; seed++) {
                    double[] bounds = Lanczos.bounds(dense(a, n), n, iterations, seed);
                    String where = "n = " + n + ", iterations = " + iterations + ", seed = " + seed;
                    assertThat(bounds[0]).as(where).isLessThanOrEqualTo(min);
                    assertThat(bounds[1]).as(where).isGreaterThanOrEqualTo(max);
                    // and not absurdly wide: |beta_k| is a fraction of the width for these matrices
                    assertThat(bounds[1] - bounds[0]).as(where).isLessThan(1.7 * width);
                }
            }
        }
    }

    @Test
    void exhaustedKrylovSpaceGivesTheExtremeEigenvalues() {
        SplittableRandom random = new SplittableRandom(32);
        for (int n : new int[] {1, 2, 5, 30, 100}) {
            double[] a = SymmetricEigenTest.randomSymmetric(n, random);
            double[] spectrum = SymmetricEigenTest.commonsEigenvalues(a, n);
            for (int iterations : new int[] {n, n + 5}) {
                double[] bounds = Lanczos.bounds(dense(a, n), n, iterations, 7);
                assertThat(bounds[0]).as("n = %d", n).isCloseTo(spectrum[0], within(1e-8))
                        .isLessThanOrEqualTo(spectrum[0]);
                assertThat(bounds[1]).as("n = %d", n).isCloseTo(spectrum[n - 1], within(1e-8))
                        .isGreaterThanOrEqualTo(spectrum[n - 1]);
            }
        }
    }

    @Test
    void clusteredSpectrum() {
        SplittableRandom random = new SplittableRandom(33);
        int n = 80;
        double[] spectrum = new double[n];
        for (int i = 0; i < n; i++) {
            // two tight clusters at the ends, a few eigenvalues between them
            spectrum[i] = i < 38 ? -1 + 1e-6 * i : i < 76 ? 2 - 1e-6 * (i - 38) : -0.5 + 0.5 * (i - 76);
        }
        double[] a = SymmetricEigenTest.withSpectrum(spectrum, random);
        double[] sorted = spectrum.clone();
        Arrays.sort(sorted);
        for (int iterations : new int[] {4, 10, 20}) {
            for (long seed = 1; seed <= 3; seed++) {
                double[] bounds = Lanczos.bounds(dense(a, n), n, iterations, seed);
                assertThat(bounds[0]).isLessThanOrEqualTo(sorted[0]);
                assertThat(bounds[1]).isGreaterThanOrEqualTo(sorted[n - 1]);
            }
        }
        double[] exact = Lanczos.bounds(dense(a, n), n, n, 1);
        assertThat(exact[0]).isCloseTo(sorted[0], within(1e-8));
        assertThat(exact[1]).isCloseTo(sorted[n - 1], within(1e-8));
    }

    @Test
    void threeDistinctEigenvaluesExhaustTheKrylovSpaceInThreeSteps() {
        SplittableRandom random = new SplittableRandom(34);
        int n = 45;
        double[] spectrum = new double[n];
        for (int i = 0; i < n; i++) {
            spectrum[i] = i % 3 == 0 ? -1 : i % 3 == 1 ? 0.5 : 2;
        }
        double[] a = SymmetricEigenTest.withSpectrum(spectrum, random);
        double[] bounds = Lanczos.bounds(dense(a, n), n, 10, 3);
        assertThat(bounds).containsExactly(new double[] {-1, 2}, within(1e-8));
    }

    @Test
    void matrixFreeSecondDifferenceOperator() {
        // tridiagonal (-1, 2, -1) of order 1000, applied without a matrix: spectrum 2 - 2 cos(k pi / (n + 1))
        int n = 1000;
        Lanczos.MatVec op = (x, y) -> {
            for (int i = 0; i < n; i++) {
                y[i] = 2 * x[i] - (i > 0 ? x[i - 1] : 0) - (i < n - 1 ? x[i + 1] : 0);
            }
        };
        double min = 2 - 2 * Math.cos(Math.PI / (n + 1));
        double max = 2 - 2 * Math.cos(n * Math.PI / (n + 1));
        double[] bounds = Lanczos.bounds(op, n, 30, 5);
        assertThat(bounds[0]).isLessThanOrEqualTo(min);
        assertThat(bounds[1]).isGreaterThanOrEqualTo(max);
        assertThat(Lanczos.bounds(op, n, 30, 5)).containsExactly(bounds);
    }

    @Test
    void orderOneAndTheZeroMatrix() {
        assertThat(Lanczos.bounds((x, y) -> y[0] = -3 * x[0], 1, 5, 1)).containsExactly(new double[] {-3, -3},
                within(1e-11));
        assertThat(Lanczos.bounds((x, y) -> Arrays.fill(y, 0), 10, 5, 1)).containsExactly(0.0, 0.0);
    }

    @Test
    void rejectsBadArguments() {
        Lanczos.MatVec identity = (x, y) -> System.arraycopy(x, 0, y, 0, x.length);
        assertThatThrownBy(() -> Lanczos.bounds(identity, 0, 5, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n").hasMessageContaining("0");
        assertThatThrownBy(() -> Lanczos.bounds(identity, 4, -2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iterations").hasMessageContaining("-2");
        assertThatThrownBy(() -> Lanczos.bounds((x, y) -> Arrays.fill(y, Double.NaN), 4, 3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
    }

    private static double[] square(double[] a, int n) {
        double[] b = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += a[i * n + k] * a[k * n + j];
                }
                b[i * n + j] = s;
            }
        }
        return b;
    }

    private static Lanczos.MatVec dense(double[] a, int n) {
        return (x, y) -> {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += a[i * n + j] * x[j];
                }
                y[i] = s;
            }
        };
    }
}
