package org.wisekit.calib.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftmaxTest {

    @Test
    void stableLogSumExpEqualsTheNaiveFormForModerateLogits() {
        SplittableRandom random = new SplittableRandom(1);
        for (int trial = 0; trial < 200; trial++) {
            int k = random.nextInt(2, 12);
            double[] z = random.doubles(k, -20, 20).toArray();
            double t = random.nextDouble(0.1, 5);
            double naive = 0;
            for (double v : z) {
                naive += Math.exp(v / t);
            }
            assertThat(Softmax.logSumExp(z, 0, k, t)).isCloseTo(Math.log(naive), within(1e-12 * Math.max(1, Math.abs(Math.log(naive)))));
        }
    }

    @Test
    void staysFiniteForExtremeLogits() {
        double[] z = {1e4, 1e4, -1e4};
        assertThat(Softmax.logSumExp(z, 0, 3, 1.0)).isCloseTo(1e4 + Math.log(2), within(1e-9));
        assertThat(Softmax.freeEnergy(new double[] {-1e4, -1e4}, 0, 2)).isCloseTo(1e4 - Math.log(2), within(1e-9));
        assertThat(Softmax.logSumExp(z, 0, 3, 1e-3)).isCloseTo(1e7 + Math.log(2), within(1e-6));
        double[] p = new double[3];
        Softmax.softmax(z, 0, 3, 1e-3, p, 0);
        assertThat(p).containsExactly(0.5, 0.5, 0.0);
    }

    @Test
    void softmaxRowsSumToOneAndShiftInvariance() {
        double[] z = {1, 2, 3, 101, 102, 103};
        double[] p = Softmax.softmaxRows(z, 3, 1.0);
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1, within(1e-15));
        for (int k = 0; k < 3; k++) {
            assertThat(p[3 + k]).isCloseTo(p[k], within(1e-15));
        }
        assertThat(Softmax.argmax(new double[] {1, 3, 3}, 0, 3)).isEqualTo(1);
    }

    @Test
    void lossesMatchTheirDefinitions() {
        double[] z = {2, 0, 0, 1, 0, 0};
        int[] labels = {0, -1};
        double[] p = Softmax.softmaxRows(z, 3, 2.0);
        double mse = (Math.pow(p[0] - 1, 2) + p[1] * p[1] + p[2] * p[2] + p[3] * p[3] + p[4] * p[4] + p[5] * p[5]) / 6;
        assertThat(Losses.meanSquaredError(z, 3, labels, 2.0)).isCloseTo(mse, within(1e-15));
        assertThat(Losses.meanSquaredError(z, 3, labels, new double[] {2.0, 2.0})).isCloseTo(mse, within(1e-15));
        assertThat(Losses.negativeLogLikelihood(z, 3, new int[] {0, 1}, 2.0))
                .isCloseTo(-(Math.log(p[0]) + Math.log(p[4])) / 2, within(1e-15));
        // the floor: a hopeless label costs at most -log(1e-20)
        assertThat(Losses.negativeLogLikelihood(new double[] {1e4, 0}, 2, new int[] {1}, 1.0))
                .isCloseTo(-Math.log(Losses.PROBABILITY_FLOOR), within(1e-9));
    }
}
