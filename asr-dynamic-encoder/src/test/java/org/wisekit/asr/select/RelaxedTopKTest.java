package org.wisekit.asr.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RelaxedTopKTest {

    private static double[] gaussian(Random random, int n, double scale) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = scale * random.nextGaussian();
        }
        return s;
    }

    /**
     * Independent reference in linear space: {@code p^(j) proportional to exp(s) * prod_(i<j) (1 - p^(i))}
     * (valid while no {@code 1 - p} is below the clamp).
     */
    private static double[] productForm(double[] scores, int k) {
        int n = scores.length;
        double[] weight = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        for (int i = 0; i < n; i++) {
            weight[i] = Math.exp(scores[i] - max);
        }
        double[] khot = new double[n];
        for (int j = 0; j < k; j++) {
            double sum = 0;
            for (double w : weight) {
                sum += w;
            }
            for (int i = 0; i < n; i++) {
                double p = weight[i] / sum;
                khot[i] += p;
                weight[i] *= 1 - p;
            }
        }
        return khot;
    }

    @Test
    void sumsToKStaysNonNegativeKeepsTheScoreOrderAndMatchesTheProductForm() {
        Random random = new Random(31);
        for (int trial = 0; trial < 400; trial++) {
            int n = 2 + random.nextInt(15);
            int k = 1 + random.nextInt(n);
            double[] scores = gaussian(random, n, new double[] {0.1, 1, 3}[trial % 3]);
            double[] g = RelaxedTopK.forward(scores, k);
            double sum = 0;
            for (double v : g) {
                sum += v;
                assertThat(v).isGreaterThanOrEqualTo(0);
            }
            assertThat(sum).isCloseTo(k, within(1e-9));
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (scores[a] > scores[b]) {
                        assertThat(g[a]).isGreaterThanOrEqualTo(g[b] - 1e-12);
                    }
                }
            }
            double[] reference = productForm(scores, k);
            for (int i = 0; i < n; i++) {
                assertThat(g[i]).isCloseTo(reference[i], within(1e-12));
            }
        }
    }

    @Test
    void equalScoresShareKEvenlySoKEqualsLGivesOnes() {
        double[] equal = new double[16];
        java.util.Arrays.fill(equal, KAnnealing.INITIAL_SCORE);
        for (int k = 1; k <= 16; k++) {
            for (double v : RelaxedTopK.forward(equal, k)) {
                assertThat(v).isCloseTo(k / 16.0, within(1e-12));
            }
        }
    }

    @Test
    void withTemperatureOneTheSecondPickOfTwoIsAlwaysHalfHalfSoGatesCanExceedOne() {
        for (double gap : new double[] {-3, -0.4, 0, 0.7, 2, 5}) {
            double x = 1 / (1 + Math.exp(-gap));          // softmax(gap, 0)[0]
            double[] g = RelaxedTopK.forward(new double[] {gap, 0}, 2);
            assertThat(g[0]).isCloseTo(x + 0.5, within(1e-12));
            assertThat(g[1]).isCloseTo(1.5 - x, within(1e-12));
        }
        assertThat(RelaxedTopK.forward(new double[] {2, 0}, 2)[0]).isGreaterThan(1.3);
    }

    @Test
    void kOneIsASoftmaxThatTendsToOneHotButLargerKGathersOnTheTopTwo() {
        double[] ladder = new double[6];
        for (int gap : new int[] {5, 10, 20}) {
            for (int i = 0; i < 6; i++) {
                ladder[i] = i * gap;
            }
            double[] one = RelaxedTopK.forward(ladder, 1);
            assertThat(one[5]).isCloseTo(1, within(2 * Math.exp(-gap)));
        }
        // gap 20 (1 - p still representable): k = 3 tends to (.., 0, 1, 2), k = 4 to (.., 0, 1.5, 2.5), not to
        // the hard top-k indicator; the third-largest score gets almost nothing
        double[] three = RelaxedTopK.forward(ladder, 3);
        assertThat(three[5]).isCloseTo(2, within(1e-6));
        assertThat(three[4]).isCloseTo(1, within(1e-6));
        assertThat(three[3]).isCloseTo(0, within(1e-6));
        double[] four = RelaxedTopK.forward(ladder, 4);
        assertThat(four[5]).isCloseTo(2.5, within(1e-6));
        assertThat(four[4]).isCloseTo(1.5, within(1e-6));
    }

    @Test
    void onceOneMinusPUnderflowsTheEpsClampGivesTheHardTopK() {
        // gaps of 40: 1 - p rounds to 0 in double, the clamp subtracts -log(eps) = 87.3 from each pick
        double[] ladder = {0, 40, 80, 120};
        double[] g = RelaxedTopK.forward(ladder, 2);
        assertThat(g[0]).isCloseTo(0, within(1e-12));
        assertThat(g[1]).isCloseTo(0, within(1e-12));
        assertThat(g[2]).isCloseTo(1, within(1e-12));
        assertThat(g[3]).isCloseTo(1, within(1e-12));
        assertThat(Math.log(RelaxedTopK.EPS)).isCloseTo(-87.3365, within(1e-4));
    }

    @Test
    void backwardMatchesCentralFiniteDifferences() {
        Random random = new Random(32);
        double h = 1e-6;
        for (int trial = 0; trial < 60; trial++) {
            int n = 2 + random.nextInt(15);
            int k = 1 + random.nextInt(n);
            double[] scores = gaussian(random, n, trial % 2 == 0 ? 0.5 : 2.0);
            double[] upstream = gaussian(random, n, 1.0);
            double[] grad = RelaxedTopK.backward(scores, k, upstream);
            for (int i = 0; i < n; i++) {
                double keep = scores[i];
                scores[i] = keep + h;
                double plus = dot(RelaxedTopK.forward(scores, k), upstream);
                scores[i] = keep - h;
                double minus = dot(RelaxedTopK.forward(scores, k), upstream);
                scores[i] = keep;
                double numeric = (plus - minus) / (2 * h);
                assertThat(grad[i]).as("n=%d k=%d i=%d", n, k, i)
                        .isCloseTo(numeric, within(1e-6 * Math.max(1e-2, Math.abs(numeric))));
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void badInputNamesTheValue() {
        assertThatThrownBy(() -> RelaxedTopK.forward(new double[4], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k is 0, outside 1..4");
        assertThatThrownBy(() -> RelaxedTopK.forward(new double[4], 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k is 5");
        assertThatThrownBy(() -> RelaxedTopK.forward(new double[] {0, Double.NaN}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scores[1] is NaN");
        assertThatThrownBy(() -> RelaxedTopK.backward(new double[4], 2, new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gradGate has 3 entries");
    }
}
