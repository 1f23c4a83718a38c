package org.wisekit.lmbd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class CholeskyTest {

    /** Sizes around the panel width, so that partial panels and several trailing updates are exercised. */
    private static final int[] SIZES = {1, 2, 3, 4, 5, 31, 32, 33, 63, 64, 65, 100, 200};

    @Test
    void factorMatchesCommonsMath() {
        SplittableRandom random = new SplittableRandom(21);
        for (int n : SIZES) {
            double[] a = randomSpd(n, random);
            RealMatrix reference = new CholeskyDecomposition(toMatrix(a, n)).getL();
            double[] f = a.clone();
            assertThat(Cholesky.factor(f, n)).isEqualTo(-1);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    assertThat(f[i * n + j]).as("n = %d, L[%d][%d]", n, i, j)
                            .isCloseTo(reference.getEntry(i, j), within(1e-12));
                }
            }
        }
    }

    @Test
    void logDeterminantMatchesLu() {
        SplittableRandom random = new SplittableRandom(22);
        for (int n : SIZES) {
            double[] a = randomSpd(n, random);
            double expected = Math.log(new LUDecomposition(toMatrix(a, n)).getDeterminant());
            double[] f = a.clone();
            Cholesky.factor(f, n);
            assertThat(Cholesky.logDeterminant(f, n)).as("n = %d", n)
                    .isCloseTo(expected, within(1e-10 * Math.max(1, Math.abs(expected))));
        }
        assertThat(Cholesky.logDeterminant(new double[] {4}, 1)).isCloseTo(Math.log(16), within(1e-15));
    }

    @Test
    void readsOnlyTheLowerTriangle() {
        SplittableRandom random = new SplittableRandom(23);
        int n = 70;
        double[] a = randomSpd(n, random);
        double[] garbage = a.clone();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                garbage[i * n + j] = Double.NaN;
            }
        }
        double[] f = a.clone();
        double[] g = garbage.clone();
        assertThat(Cholesky.factor(f, n)).isEqualTo(-1);
        assertThat(Cholesky.factor(g, n)).isEqualTo(-1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                assertThat(g[i * n + j]).isEqualTo(f[i * n + j]);
            }
        }
    }

    @Test
    void solveLeavesASmallResidualAndAgreesWithLu() {
        SplittableRandom random = new SplittableRandom(24);
        for (int n : SIZES) {
            double[] a = randomSpd(n, random);
            double[] f = a.clone();
            Cholesky.factor(f, n);
            for (int columns : new int[] {1, 3, 7}) {
                double[] b = new double[n * columns];
                for (int i = 0; i < b.length; i++) {
                    b[i] = random.nextDouble(-1, 1);
                }
                double[] x = b.clone();
                Cholesky.solve(f, n, x, columns);
                double[][] bColumns = new double[n][columns];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(b, i * columns, bColumns[i], 0, columns);
                }
                RealMatrix lu = new LUDecomposition(toMatrix(a, n)).getSolver()
                        .solve(new Array2DRowRealMatrix(bColumns, false));
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < columns; c++) {
                        double residual = -b[i * columns + c];
                        for (int j = 0; j < n; j++) {
                            residual += a[i * n + j] * x[j * columns + c];
                        }
                        assertThat(residual).as("n = %d, columns = %d", n, columns).isCloseTo(0, within(1e-12));
                        assertThat(x[i * columns + c]).isCloseTo(lu.getEntry(i, c), within(1e-10));
                    }
                }
            }
        }
    }

    @Test
    void handComputedFactor() {
        // [[4, 2], [2, 10]] = L L^T with L = [[2, 0], [1, 3]]
        double[] a = {4, 2, 2, 10};
        assertThat(Cholesky.factor(a, 2)).isEqualTo(-1);
        assertThat(a[0]).isEqualTo(2.0);
        assertThat(a[2]).isEqualTo(1.0);
        assertThat(a[3]).isEqualTo(3.0);
        double[] b = {10, 32};
        Cholesky.solve(a, 2, b, 1);
        assertThat(b).containsExactly(new double[] {1, 3}, within(1e-15));
        assertThat(Cholesky.factor(new double[0], 0)).isEqualTo(-1);
        assertThat(Cholesky.logDeterminant(new double[0], 0)).isEqualTo(0.0);
    }

    @Test
    void reportsTheFirstPivotThatIsNotPositive() {
        SplittableRandom random = new SplittableRandom(25);
        int n = 90;
        double[] a = randomSpd(n, random);
        // leading blocks' smallest eigenvalues never increase with the order (interlacing); shifting the diagonal
        // between those of orders 40 and 41 leaves the first 40 pivots positive and makes pivot 40 the first failure
        for (int failing : new int[] {0, 5, 31, 32, 40, 89}) {
            double lower = smallestEigenvalue(a, n, failing + 1);
            double upper = failing == 0 ? lower + 1 : smallestEigenvalue(a, n, failing);
            assertThat(lower).isLessThan(upper);
            double shift = 0.5 * (lower + upper);
            double[] shifted = a.clone();
            for (int i = 0; i < n; i++) {
                shifted[i * n + i] -= shift;
            }
            assertThat(Cholesky.factor(shifted, n)).as("failing pivot %d", failing).isEqualTo(failing);
        }
        double[] nan = {1, 0, 0, Double.NaN};
        assertThat(Cholesky.factor(nan, 2)).isEqualTo(1);
        double[] singular = {1, 1, 1, 1};
        assertThat(Cholesky.factor(singular, 2)).isEqualTo(1);
    }

    @Test
    void rejectsBadSizes() {
        assertThatThrownBy(() -> Cholesky.factor(new double[3], 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a must hold").hasMessageContaining("3");
        assertThatThrownBy(() -> Cholesky.factor(new double[3], -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-2");
        assertThatThrownBy(() -> Cholesky.solve(new double[4], 2, new double[5], 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b must hold").hasMessageContaining("6");
        assertThatThrownBy(() -> Cholesky.solve(new double[4], 2, new double[5], -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("columns").hasMessageContaining("-1");
        assertThatThrownBy(() -> Cholesky.logDeterminant(new double[1], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factored");
    }

    /** G G^T / n + 0.1 I for a random G: well conditioned, not diagonally dominant. */
    private static double[] randomSpd(int n, SplittableRandom random) {
        double[] g = new double[n * n];
        for (int i = 0; i < g.length; i++) {
            g[i] = random.nextDouble(-1, 1);
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += g[i * n + k] * g[j * n + k];
                }
                s /= n;
                if (i == j) {
                    s += 0.1;
                }
                a[i * n + j] = s;
                a[j * n + i] = s;
            }
        }
        return a;
    }

    private static RealMatrix toMatrix(double[] a, int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * n, m[i], 0, n);
        }
        return new Array2DRowRealMatrix(m, false);
    }

    /** The smallest eigenvalue of the leading {@code order * order} block. */
    private static double smallestEigenvalue(double[] a, int n, int order) {
        double[][] m = new double[order][order];
        for (int i = 0; i < order; i++) {
            System.arraycopy(a, i * n, m[i], 0, order);
        }
        double smallest = Double.POSITIVE_INFINITY;
        for (double v : new EigenDecomposition(new Array2DRowRealMatrix(m, false)).getRealEigenvalues()) {
            smallest = Math.min(smallest, v);
        }
        return smallest;
    }
}
