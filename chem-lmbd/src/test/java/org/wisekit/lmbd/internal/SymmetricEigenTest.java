package org.wisekit.lmbd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void eigenvaluesMatchCommonsMathOnRandomSymmetricMatrices() {
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 1; n <= 60; n++) {
            double[] a = randomSymmetric(n, random);
            double[] reference = commonsEigenvalues(a, n);
            double[] values = SymmetricEigen.eigenvalues(a.clone(), n);
            // relative to the spectral radius: eigenvalues near 0 are only that accurate in any backward-stable method
            assertThat(values).as("n = %d", n).containsExactly(reference, within(1e-10 * radius(reference)));
        }
        int n = 150;
        double[] a = randomSymmetric(n, random);
        double[] reference = commonsEigenvalues(a, n);
        assertThat(SymmetricEigen.eigenvalues(a.clone(), n))
                .containsExactly(reference, within(1e-10 * radius(reference)));
    }

    @Test
    void decomposeReconstructsTheMatrixWithOrthonormalVectors() {
        SplittableRandom random = new SplittableRandom(12);
        for (int n = 1; n <= 60; n++) {
            double[] a = randomSymmetric(n, random);
            double[] vectors = a.clone();
            double[] values = SymmetricEigen.decompose(vectors, n);
            double[] reference = commonsEigenvalues(a, n);
            double scale = radius(reference);
            assertThat(values).as("n = %d", n).containsExactly(reference, within(1e-10 * scale));
            assertThat(maxReconstructionError(a, vectors, values, n)).as("n = %d", n).isLessThan(1e-10 * scale);
            assertThat(maxOrthonormalityError(vectors, n)).as("n = %d", n).isLessThan(1e-12);
        }
    }

    @Test
    void readsOnlyTheLowerTriangle() {
        SplittableRandom random = new SplittableRandom(13);
        int n = 37;
        double[] a = randomSymmetric(n, random);
        double[] garbage = a.clone();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                garbage[i * n + j] = Double.NaN;
            }
        }
        assertThat(SymmetricEigen.eigenvalues(garbage.clone(), n))
                .containsExactly(SymmetricEigen.eigenvalues(a.clone(), n));
        double[] vectors = garbage.clone();
        double[] values = SymmetricEigen.decompose(vectors, n);
        assertThat(maxReconstructionError(a, vectors, values, n)).isLessThan(1e-12 * radius(values));
        // eigenvalues() leaves the upper triangle alone
        double[] work = garbage.clone();
        SymmetricEigen.eigenvalues(work, n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                assertThat(work[i * n + j]).isNaN();
            }
        }
    }

    @Test
    void handComputedTwoByTwo() {
        double[] a = {2, 1, 1, 2};
        double[] values = SymmetricEigen.decompose(a, 2);
        assertThat(values).containsExactly(new double[] {1, 3}, within(1e-15));
        double h = Math.sqrt(0.5);
        // column 0 is +-(1, -1)/sqrt 2, column 1 is +-(1, 1)/sqrt 2
        assertThat(Math.abs(a[0])).isCloseTo(h, within(1e-15));
        assertThat(a[2]).isCloseTo(-a[0], within(1e-15));
        assertThat(Math.abs(a[1])).isCloseTo(h, within(1e-15));
        assertThat(a[3]).isCloseTo(a[1], within(1e-15));
    }

    @Test
    void orderOneAndZero() {
        assertThat(SymmetricEigen.eigenvalues(new double[] {-4.5}, 1)).containsExactly(-4.5);
        double[] a = {7.25};
        assertThat(SymmetricEigen.decompose(a, 1)).containsExactly(7.25);
        assertThat(a).containsExactly(1.0);
        assertThat(SymmetricEigen.eigenvalues(new double[0], 0)).isEmpty();
        assertThat(SymmetricEigen.decompose(new double[0], 0)).isEmpty();
    }

    @Test
    void diagonalMatrixGivesItsSortedDiagonalAndUnitVectors() {
        int n = 9;
        double[] diagonal = {3, -1, 0, 2.5, -7, 1e-3, 3, 12, -0.5};
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = diagonal[i];
        }
        double[] sorted = diagonal.clone();
        Arrays.sort(sorted);
        assertThat(SymmetricEigen.eigenvalues(a.clone(), n)).containsExactly(sorted);
        double[] vectors = a.clone();
        double[] values = SymmetricEigen.decompose(vectors, n);
        assertThat(values).containsExactly(sorted);
        for (int k = 0; k < n; k++) {
            // column k is a signed unit vector e_i with diagonal[i] = values[k]
            int nonzero = -1;
            for (int i = 0; i < n; i++) {
                if (vectors[i * n + k] != 0) {
                    assertThat(nonzero).isEqualTo(-1);
                    nonzero = i;
                }
            }
            assertThat(Math.abs(vectors[nonzero * n + k])).isEqualTo(1.0);
            assertThat(diagonal[nonzero]).isEqualTo(values[k]);
        }
    }

    @Test
    void recoversAKnownSpectrum() {
        SplittableRandom random = new SplittableRandom(14);
        int n = 48;
        double[] spectrum = new double[n];
        for (int i = 0; i < n; i++) {
            spectrum[i] = -3 + 6.0 * i / (n - 1) + (i % 5 == 0 ? 1e-3 : 0);
        }
        spectrum[7] = 0;
        spectrum[20] = 1e-9;
        double[] a = withSpectrum(spectrum, random);
        double[] sorted = spectrum.clone();
        Arrays.sort(sorted);
        assertThat(SymmetricEigen.eigenvalues(a.clone(), n)).containsExactly(sorted, within(1e-13 * 3 * n));
        double[] vectors = a.clone();
        double[] values = SymmetricEigen.decompose(vectors, n);
        assertThat(values).containsExactly(sorted, within(1e-13 * 3 * n));
        assertThat(maxReconstructionError(a, vectors, values, n)).isLessThan(1e-12 * 3);
    }

    @Test
    void repeatedEigenvalues() {
        SplittableRandom random = new SplittableRandom(15);
        int n = 30;
        double[] spectrum = new double[n];
        for (int i = 0; i < n; i++) {
            spectrum[i] = i < 12 ? 1 : i < 20 ? -2 : i < 29 ? 0.5 : 4;
        }
        double[] a = withSpectrum(spectrum, random);
        double[] sorted = spectrum.clone();
        Arrays.sort(sorted);
        assertThat(SymmetricEigen.eigenvalues(a.clone(), n)).containsExactly(sorted, within(1e-13));
        double[] vectors = a.clone();
        double[] values = SymmetricEigen.decompose(vectors, n);
        assertThat(values).containsExactly(sorted, within(1e-13));
        assertThat(maxReconstructionError(a, vectors, values, n)).isLessThan(1e-13);
        assertThat(maxOrthonormalityError(vectors, n)).isLessThan(1e-13);
        // the identity and a multiple of it: every direction is an eigenvector
        double[] identity = new double[n * n];
        for (int i = 0; i < n; i++) {
            identity[i * n + i] = 2;
        }
        double[] twos = new double[n];
        Arrays.fill(twos, 2);
        assertThat(SymmetricEigen.eigenvalues(identity.clone(), n)).containsExactly(twos);
    }

    @Test
    void tridiagonalEigenvaluesOfTheSecondDifferenceMatrix() {
        // diagonal 2, off-diagonal -1: eigenvalues 2 - 2 cos(k pi / (n + 1)), k = 1..n
        int n = 200;
        double[] d = new double[n];
        double[] e = new double[n];
        Arrays.fill(d, 2);
        Arrays.fill(e, 0, n - 1, -1);
        SymmetricEigen.tridiagonalEigenvalues(d, e, n);
        double[] expected = new double[n];
        for (int k = 1; k <= n; k++) {
            expected[k - 1] = 2 - 2 * Math.cos(k * Math.PI / (n + 1));
        }
        assertThat(d).containsExactly(expected, within(1e-13));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> SymmetricEigen.eigenvalues(new double[4], -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> SymmetricEigen.decompose(new double[8], 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9").hasMessageContaining("8");
        double[] nan = {1, 0, 0, 0, 2, 0, 0, Double.NaN, 3};
        assertThatThrownBy(() -> SymmetricEigen.eigenvalues(nan, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
        double[] infinite = {1, 0, 0, Double.POSITIVE_INFINITY};
        assertThatThrownBy(() -> SymmetricEigen.decompose(infinite, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
        assertThatThrownBy(() -> SymmetricEigen.tridiagonalEigenvalues(new double[3], new double[2], 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offDiagonal 2");
    }

    static double[] randomSymmetric(int n, SplittableRandom random) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double x = random.nextDouble(-1, 1);
                a[i * n + j] = x;
                a[j * n + i] = x;
            }
        }
        return a;
    }

    /** Q diag(spectrum) Q^T with Q the orthogonal factor of a random Gaussian matrix. */
    static double[] withSpectrum(double[] spectrum, SplittableRandom random) {
        int n = spectrum.length;
        double[][] g = new double[n][n];
        for (double[] row : g) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextDouble(-1, 1);
            }
        }
        RealMatrix q = new QRDecomposition(new Array2DRowRealMatrix(g, false)).getQ();
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += q.getEntry(i, k) * spectrum[k] * q.getEntry(j, k);
                }
                a[i * n + j] = s;
                a[j * n + i] = s;
            }
        }
        return a;
    }

    static double[] commonsEigenvalues(double[] a, int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * n, m[i], 0, n);
        }
        double[] values = new EigenDecomposition(new Array2DRowRealMatrix(m, false)).getRealEigenvalues();
        Arrays.sort(values);
        return values;
    }

    static double radius(double[] values) {
        double r = 0;
        for (double v : values) {
            r = Math.max(r, Math.abs(v));
        }
        return r;
    }

    /** max |(V diag V^T)_ij - A_ij|, V column k = eigenvector k. */
    private static double maxReconstructionError(double[] a, double[] vectors, double[] values, int n) {
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += vectors[i * n + k] * values[k] * vectors[j * n + k];
                }
                worst = Math.max(worst, Math.abs(s - a[i * n + j]));
            }
        }
        return worst;
    }

    /** max |V^T V - I|. */
    private static double maxOrthonormalityError(double[] vectors, int n) {
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += vectors[k * n + i] * vectors[k * n + j];
                }
                worst = Math.max(worst, Math.abs(s - (i == j ? 1 : 0)));
            }
        }
        return worst;
    }
}
