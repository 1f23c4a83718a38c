package org.wisekit.eeg.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.tensor.Normals;

/** CSP: filters on a synthetic variance contrast, the generalised eigen equation, covariances and features by hand. */
class CspTest {

    /**
     * Trials of {@code channels x samples} white noise with standard deviation 1, except channel {@code label}
     * (the trial's class), whose standard deviation is {@code loud}.
     */
    static double[][][] varianceContrast(int trialsPerClass, int classes, int channels, int samples, double loud,
                                         long seed, int[] labels) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][][] x = new double[trialsPerClass * classes][channels][samples];
        for (int i = 0; i < x.length; i++) {
            labels[i] = i % classes;
            for (int c = 0; c < channels; c++) {
                double std = c == labels[i] ? loud : 1;
                for (int t = 0; t < samples; t++) {
                    x[i][c][t] = std * Normals.next(r) + 5;   // an offset the centring removes
                }
            }
        }
        return x;
    }

    @Test
    void filtersLoadOnTheChannelOfEachClass() {
        int[] labels = new int[40];
        double[][][] x = varianceContrast(20, 2, 4, 200, 3, 1, labels);
        Csp csp = Csp.fit(x, labels, 1);
        double[][] w = csp.filters();
        assertEquals(0, argMaxAbs(w[0]), "first filter: class 0's loud channel");
        assertEquals(1, argMaxAbs(w[1]), "last filter: class 1's loud channel");
        double[] lambda = csp.eigenvalues();
        assertTrue(lambda[0] > 0.7 && lambda[1] < 0.3, "eigenvalues " + lambda[0] + ", " + lambda[1]);
        double[] f0 = csp.features(x[0]);   // class 0: most variance through the first filter
        assertTrue(f0[0] > f0[1]);
        assertEquals(1, Math.exp(f0[0]) + Math.exp(f0[1]), 1e-12, "log shares of a pair sum to log 1");
    }

    @Test
    void generalisedEigenEquationHolds() {
        SplittableRandom r = new SplittableRandom(2);
        double[][] c1 = randomSpd(6, r);
        double[][] c2 = randomSpd(6, r);
        Csp csp = Csp.fromClassCovariances(c1, c2, 3);
        double[][] w = csp.filters();
        double[] lambda = csp.eigenvalues();
        for (int i = 1; i < 3; i++) {
            assertTrue(lambda[i - 1] >= lambda[i] && lambda[i + 2] >= lambda[i + 3], "eigenvalues in order");
        }
        for (int f = 0; f < w.length; f++) {
            double[] lhs = times(c1, w[f]);
            double[] composite = times(sum(c1, c2), w[f]);
            for (int c = 0; c < 6; c++) {
                assertEquals(lhs[c], lambda[f] * composite[c], 1e-8, "C1 w = lambda (C1 + C2) w, filter " + f);
            }
            assertEquals(1, dot(w[f], composite), 1e-8, "w'(C1 + C2)w = 1");
            assertEquals(lambda[f], dot(w[f], lhs), 1e-8, "w'C1 w = lambda");
        }
    }

    @Test
    void normalisedCovarianceByHand() {
        // centred rows (-1, 0, 1) and (-1, -1, 2): XX' = [[2, 3], [3, 6]], trace 8
        double[][] cov = Csp.normalizedCovariance(new double[][] {{1, 2, 3}, {2, 2, 5}});
        assertArrayEquals(new double[] {0.25, 0.375}, cov[0], 1e-15);
        assertArrayEquals(new double[] {0.375, 0.75}, cov[1], 1e-15);
    }

    @Test
    void logVarianceFeaturesByHand() {
        // C1 + C2 = I: the filters are the unit vectors, e0 first (lambda 0.8), e1 last (lambda 0.2)
        Csp csp = Csp.fromClassCovariances(new double[][] {{0.8, 0}, {0, 0.2}}, new double[][] {{0.2, 0}, {0, 0.8}}, 1);
        assertArrayEquals(new double[] {0.8, 0.2}, csp.eigenvalues(), 1e-12);
        assertEquals(1, Math.abs(csp.filters()[0][0]), 1e-12);
        assertEquals(1, Math.abs(csp.filters()[1][1]), 1e-12);
        // channel 0 has squared deviations summing to 4, channel 1 to 8
        double[] f = csp.features(new double[][] {{1, -1, 1, -1}, {2, 0, -2, 0}});
        assertArrayEquals(new double[] {Math.log(4.0 / 12), Math.log(8.0 / 12)}, f, 1e-12);
    }

    @Test
    void rankDeficientCompositeDropsTheNullDirection() {
        // channel 2 copies channel 0: the composite has rank 2, so one pair fits and two do not
        int[] labels = new int[20];
        double[][][] x = varianceContrast(10, 2, 3, 100, 3, 3, labels);
        for (double[][] t : x) {
            t[2] = t[0].clone();
        }
        Csp csp = Csp.fit(x, labels, 1);
        assertEquals(2, csp.filters().length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csp.fit(x, labels, 2));
        assertTrue(e.getMessage().contains("rank 2"), e.getMessage());
    }

    @Test
    void badInputIsNamed() {
        int[] labels = new int[6];
        double[][][] x = varianceContrast(3, 2, 3, 20, 2, 4, labels);
        assertMessage("pairs", () -> Csp.fit(x, labels, 0));
        assertMessage("rank", () -> Csp.fit(x, labels, 2));
        int[] three = varianceContrastLabels(6, 3);
        assertMessage("exactly the classes 0 and 1", () -> Csp.fit(x, three, 1));
        double[][][] ragged = x.clone();
        ragged[1] = new double[][] {x[1][0], x[1][1]};
        assertMessage("trials[1]", () -> Csp.fit(ragged, labels, 1));
        double[][][] nan = varianceContrast(3, 2, 3, 20, 2, 4, new int[6]);
        nan[0][1][2] = Double.NaN;
        assertMessage("trials[0][1][2]", () -> Csp.fit(nan, labels, 1));
        assertMessage("labels", () -> Csp.fit(x, new int[5], 1));
        assertMessage("labels", () -> Csp.fit(x, new int[] {0, 2, 0, 2, 0, 2}, 1));
        double[][][] flat = varianceContrast(3, 2, 3, 20, 2, 4, new int[6]);
        flat[4] = new double[3][20];
        assertMessage("trials[4]", () -> Csp.fit(flat, labels, 1));
        assertMessage("trial", () -> Csp.fit(x, labels, 1).features(new double[2][20]));
        assertMessage("c2", () -> Csp.fromClassCovariances(new double[2][2], new double[3][3], 1));
    }

    static int[] varianceContrastLabels(int n, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }

    static void assertMessage(String part, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), e.getMessage() + " should name " + part);
    }

    private static int argMaxAbs(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[best])) {
                best = i;
            }
        }
        return best;
    }

    private static double[][] randomSpd(int n, SplittableRandom r) {
        double[][] a = new double[n][n];
        for (double[] row : a) {
            for (int j = 0; j < n; j++) {
                row[j] = Normals.next(r);
            }
        }
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    s[i][j] += a[i][k] * a[j][k];
                }
            }
            s[i][i] += 0.1;
        }
        return s;
    }

    private static double[][] sum(double[][] a, double[][] b) {
        double[][] s = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                s[i][j] = a[i][j] + b[i][j];
            }
        }
        return s;
    }

    private static double[] times(double[][] m, double[] v) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = dot(m[i], v);
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
