package org.wisekit.calib.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoolAdjacentViolatorsTest {

    /**
     * The L2 projection onto non-decreasing sequences by enumeration: the optimum is constant on
     * contiguous blocks at the blocks' weighted means, so try every split into blocks (2^(n-1)), keep the
     * monotone ones and take the least squared error.
     */
    private static double[] bruteForce(double[] y, double[] w) {
        int n = y.length;
        double[] best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (int cuts = 0; cuts < (1 << (n - 1)); cuts++) {
            double[] f = new double[n];
            int start = 0;
            boolean monotone = true;
            double previous = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                boolean blockEnds = i == n - 1 || (cuts & (1 << i)) != 0;
                if (blockEnds) {
                    double sum = 0;
                    double weight = 0;
                    for (int j = start; j <= i; j++) {
                        sum += w[j] * y[j];
                        weight += w[j];
                    }
                    double mean = sum / weight;
                    monotone &= mean >= previous - 1e-12;
                    previous = mean;
                    for (int j = start; j <= i; j++) {
                        f[j] = mean;
                    }
                    start = i + 1;
                }
            }
            if (monotone) {
                double error = 0;
                for (int i = 0; i < n; i++) {
                    error += w[i] * (f[i] - y[i]) * (f[i] - y[i]);
                }
                if (error < bestError - 1e-12) {
                    bestError = error;
                    best = f;
                }
            }
        }
        return best;
    }

    @Test
    void equalsTheBruteForceProjectionOnSmallInputs() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 2000; trial++) {
            int n = random.nextInt(1, 9);
            double[] y = new double[n];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = trial % 3 == 0 ? random.nextInt(0, 2) : random.nextGaussian();
                w[i] = trial % 2 == 0 ? 1 : random.nextDouble(0.1, 3);
            }
            double[] fitted = PoolAdjacentViolators.fit(y, w);
            double[] expected = bruteForce(y, w);
            for (int i = 0; i < n; i++) {
                assertThat(fitted[i]).isCloseTo(expected[i], within(1e-9));
                if (i > 0) {
                    assertThat(fitted[i]).isGreaterThanOrEqualTo(fitted[i - 1]);
                }
            }
        }
    }

    @Test
    void handWorkedCases() {
        assertThat(PoolAdjacentViolators.fit(new double[] {3, 1, 2}, new double[] {1, 1, 1})).containsExactly(2, 2, 2);
        assertThat(PoolAdjacentViolators.fit(new double[] {1, 3, 2}, new double[] {1, 1, 1})).containsExactly(1, 2.5, 2.5);
        assertThat(PoolAdjacentViolators.fit(new double[] {1, 3, 2}, new double[] {1, 1, 3})).containsExactly(1, 2.25, 2.25);
        assertThat(PoolAdjacentViolators.fit(new double[] {0, 1, 2}, new double[] {1, 1, 1})).containsExactly(0, 1, 2);
        assertThat(PoolAdjacentViolators.fit(new double[0], new double[0])).isEmpty();
        assertThatThrownBy(() -> PoolAdjacentViolators.fit(new double[] {1}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
