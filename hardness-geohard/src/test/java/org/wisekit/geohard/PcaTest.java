package org.wisekit.geohard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaTest {

    /** Cyclic Jacobi rotations on a symmetric matrix: eigenvalues on the diagonal, eigenvectors as columns of v. */
    private static double[][][] jacobi(double[][] input) {
        int n = input.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = input[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        return new double[][][] {a, v};
    }

    @Test
    void matchesBruteForceEigenDecomposition() {
        Random random = new Random(3);
        int n = 12;
        int dims = 4;
        double[][] x = new double[n][dims];
        for (int i = 0; i < n; i++) {
            double z = random.nextGaussian();
            for (int d = 0; d < dims; d++) {
                x[i][d] = (d + 1) * z + 0.5 * (d + 1) * random.nextGaussian() + 3 * d;
            }
        }
        double[] mean = new double[dims];
        for (double[] r : x) {
            for (int d = 0; d < dims; d++) {
                mean[d] += r[d] / n;
            }
        }
        double[][] cov = new double[dims][dims];
        for (double[] r : x) {
            for (int i = 0; i < dims; i++) {
                for (int j = 0; j < dims; j++) {
                    cov[i][j] += (r[i] - mean[i]) * (r[j] - mean[j]) / n;
                }
            }
        }
        double[][][] eig = jacobi(cov);
        Integer[] order = {0, 1, 2, 3};
        java.util.Arrays.sort(order, (p, q) -> Double.compare(eig[0][q][q], eig[0][p][p]));
        Pca pca = Pca.fit(x, 3);
        assertThat(pca.components()).isEqualTo(3);
        assertThat(pca.mean()).containsExactly(mean, within(1e-12));
        for (int c = 0; c < 3; c++) {
            int j = order[c];
            assertThat(pca.explainedVariance()[c]).isCloseTo(eig[0][j][j], within(1e-9));
            double[] u = pca.component(c);
            double dot = 0;
            for (int d = 0; d < dims; d++) {
                dot += u[d] * eig[1][d][j];
            }
            assertThat(Math.abs(dot)).as("component %d aligned with the brute-force eigenvector", c)
                    .isCloseTo(1.0, within(1e-9));
            // Sign convention: the entry of largest magnitude is positive.
            int arg = 0;
            for (int d = 1; d < dims; d++) {
                if (Math.abs(u[d]) > Math.abs(u[arg])) {
                    arg = d;
                }
            }
            assertThat(u[arg]).isPositive();
            // Projections have the component's variance.
            double var = 0;
            for (double[] r : x) {
                double p = pca.transform(r)[c];
                var += p * p / n;
            }
            assertThat(var).isCloseTo(eig[0][j][j], within(1e-9));
        }
    }

    @Test
    void deterministicAndSignStableUnderRowOrder() {
        Random random = new Random(9);
        double[][] x = new double[50][5];
        for (double[] r : x) {
            for (int d = 0; d < 5; d++) {
                r[d] = random.nextGaussian() * (5 - d);
            }
        }
        double[][] reversed = new double[50][];
        for (int i = 0; i < 50; i++) {
            reversed[i] = x[49 - i];
        }
        Pca a = Pca.fit(x, 2);
        Pca b = Pca.fit(reversed, 2);
        for (int c = 0; c < 2; c++) {
            assertThat(b.component(c)).containsExactly(a.component(c), within(1e-9));
        }
    }

    @Test
    void rejectsBadComponents() {
        double[][] x = {{1, 2}, {3, 4}, {5, 7}};
        assertThatThrownBy(() -> Pca.fit(x, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> Pca.fit(x, 3)).hasMessageContaining("[1, 2], got 3");
        assertThatThrownBy(() -> Pca.fit(x, 1).transform(new double[3])).hasMessageContaining("got 3");
    }
}
