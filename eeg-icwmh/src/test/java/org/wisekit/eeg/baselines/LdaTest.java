package org.wisekit.eeg.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wisekit.eeg.baselines.CspTest.assertMessage;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.tensor.Normals;

/** LDA against a hand-computed case and a brute-force two-feature reference. */
class LdaTest {

    @Test
    void oneFeatureByHand() {
        // class 0: {0, 2} (mean 1), class 1: {4, 6} (mean 5); pooled variance (1 + 1 + 1 + 1) / (4 - 2) = 2
        Lda lda = Lda.fit(new double[][] {{0}, {2}, {4}, {6}}, new int[] {0, 0, 1, 1}, 0);
        assertArrayEquals(new double[] {0.5}, lda.coefficients()[0], 1e-15);
        assertArrayEquals(new double[] {2.5}, lda.coefficients()[1], 1e-15);
        assertArrayEquals(new double[] {-0.25 + Math.log(0.5), -6.25 + Math.log(0.5)}, lda.intercepts(), 1e-15);
        assertArrayEquals(new double[] {1.25 + Math.log(0.5), 1.25 + Math.log(0.5)}, lda.scores(new double[] {3}), 1e-12);
        assertEquals(0, lda.predict(new double[] {2.99}));
        assertEquals(1, lda.predict(new double[] {3.01}));
        assertEquals(0, lda.predict(new double[] {3}), "equal scores: the lowest class");
    }

    @Test
    void matchesBruteForceOnTwoFeaturesAndThreeClasses() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 30;
        double[][] x = new double[n][2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i < 8 ? 0 : i < 20 ? 1 : 2;   // unequal priors
            x[i][0] = Normals.next(r) + 2 * labels[i];
            x[i][1] = 0.5 * Normals.next(r) + x[i][0] * 0.3 - labels[i];
        }
        for (double shrinkage : new double[] {0, 0.3, 1}) {
            Lda lda = Lda.fit(x, labels, shrinkage);
            for (int probe = 0; probe < 10; probe++) {
                double[] p = {3 * Normals.next(r), 3 * Normals.next(r)};
                assertArrayEquals(bruteForceScores(x, labels, 3, shrinkage, p), lda.scores(p), 1e-10);
            }
        }
    }

    /** Gaussian log-densities with a shared covariance (dropping terms equal for all classes), 2 x 2 inverse by hand. */
    private static double[] bruteForceScores(double[][] x, int[] labels, int k, double shrinkage, double[] p) {
        double[][] mean = new double[k][2];
        int[] count = new int[k];
        for (int i = 0; i < x.length; i++) {
            count[labels[i]]++;
            mean[labels[i]][0] += x[i][0];
            mean[labels[i]][1] += x[i][1];
        }
        for (int c = 0; c < k; c++) {
            mean[c][0] /= count[c];
            mean[c][1] /= count[c];
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i][0] - mean[labels[i]][0];
            double dy = x[i][1] - mean[labels[i]][1];
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        int dof = x.length - k;
        sxx /= dof;
        sxy /= dof;
        syy /= dof;
        double nu = (sxx + syy) / 2;
        sxx = (1 - shrinkage) * sxx + shrinkage * nu;
        syy = (1 - shrinkage) * syy + shrinkage * nu;
        sxy = (1 - shrinkage) * sxy;
        double det = sxx * syy - sxy * sxy;
        double ixx = syy / det;
        double ixy = -sxy / det;
        double iyy = sxx / det;
        double[] scores = new double[k];
        for (int c = 0; c < k; c++) {
            double dx = p[0] - mean[c][0];
            double dy = p[1] - mean[c][1];
            double quadratic = dx * (ixx * dx + ixy * dy) + dy * (ixy * dx + iyy * dy);
            double pq = p[0] * (ixx * p[0] + ixy * p[1]) + p[1] * (ixy * p[0] + iyy * p[1]);
            // -(p - mu)' S^-1 (p - mu) / 2 + p' S^-1 p / 2 = p' S^-1 mu - mu' S^-1 mu / 2
            scores[c] = -0.5 * quadratic + 0.5 * pq + Math.log((double) count[c] / x.length);
        }
        return scores;
    }

    @Test
    void singularCovarianceNeedsShrinkage() {
        double[][] x = {{0, 0}, {1, 1}, {2, 2}, {5, 5}, {6, 6}, {8, 8}};   // the two features are equal
        int[] labels = {0, 0, 0, 1, 1, 1};
        assertMessage("shrinkage", () -> Lda.fit(x, labels, 0));
        assertEquals(1, Lda.fit(x, labels, 0.1).predict(new double[] {7, 7}));
    }

    @Test
    void badInputIsNamed() {
        double[][] x = {{0}, {1}, {2}, {3}};
        assertMessage("shrinkage", () -> Lda.fit(x, new int[] {0, 0, 1, 1}, 1.5));
        assertMessage("more rows than classes", () -> Lda.fit(new double[][] {{0}, {1}}, new int[] {0, 1}, 0));
        assertMessage("at least 2 classes", () -> Lda.fit(x, new int[4], 0));
        assertMessage("x[2][0]", () -> Lda.fit(new double[][] {{0}, {1}, {Double.NaN}, {3}}, new int[] {0, 0, 1, 1}, 0));
        assertMessage("x[1]", () -> Lda.fit(new double[][] {{0}, {1, 2}, {2}, {3}}, new int[] {0, 0, 1, 1}, 0));
        assertMessage("x", () -> Lda.fit(x, new int[] {0, 0, 1, 1}, 0).scores(new double[2]));
        assertMessage("constant", () -> Lda.fit(new double[][] {{0}, {0}, {1}, {1}}, new int[] {0, 0, 1, 1}, 0.5));
    }
}
