package org.wisekit.calib.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The analytic gradient against central finite differences of the objective, at random parameters. */
class LinearSoftmaxTest {

    @Test
    void gradientMatchesFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(17);
        for (int classes = 2; classes <= 4; classes++) {
            for (boolean diagonal : new boolean[] {true, false}) {
                int n = 30;
                double[] x = new double[n * classes];
                int[] y = new int[n];
                for (int i = 0; i < x.length; i++) {
                    x[i] = 2 * random.nextGaussian();
                }
                for (int i = 0; i < n; i++) {
                    y[i] = random.nextInt(classes);
                }
                LinearSoftmax f = new LinearSoftmax(x, y, classes, diagonal, 0.3, 0.2, 0.1);
                double[] theta = new double[f.parameterCount()];
                for (int q = 0; q < theta.length; q++) {
                    theta[q] = random.nextGaussian();
                }
                double[] g = new double[theta.length];
                f.valueAndGradient(theta, g);
                double[] scratch = new double[theta.length];
                for (int q = 0; q < theta.length; q++) {
                    double h = 1e-6;
                    double[] plus = theta.clone();
                    double[] minus = theta.clone();
                    plus[q] += h;
                    minus[q] -= h;
                    double numeric = (f.valueAndGradient(plus, scratch) - f.valueAndGradient(minus, scratch)) / (2 * h);
                    assertThat(g[q]).as("K=%d diagonal=%s parameter %d", classes, diagonal, q).isCloseTo(numeric, within(1e-7));
                }
            }
        }
    }

    @Test
    void identityStartIsTheSoftmaxOfTheFeatures() {
        double[] x = {1, 2, 3, -1, 0, 1};
        int[] y = {2, 0};
        LinearSoftmax f = new LinearSoftmax(x, y, 3, false, 0, 0, 0);
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                sum += Math.exp(x[i * 3 + k]);
            }
            expected += -Math.log(Math.exp(x[i * 3 + y[i]]) / sum);
        }
        assertThat(f.valueAndGradient(f.identity(), new double[12])).isCloseTo(expected / 2, within(1e-14));
    }
}
