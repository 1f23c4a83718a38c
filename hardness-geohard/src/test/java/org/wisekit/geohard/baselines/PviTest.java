package org.wisekit.geohard.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PviTest {

    @Test
    void constantInputCarriesNoInformationSoPviIsZero() {
        // g trained on a constant input converges to the label prior, which is g_null: PVI = 0 for every row.
        double[][] train = new double[10][];
        int[] labels = {0, 0, 0, 0, 0, 1, 1, 1, 2, 2};
        for (int i = 0; i < train.length; i++) {
            train[i] = new double[] {1.5, -2.0};
        }
        double[][] test = {{1.5, -2.0}, {1.5, -2.0}, {1.5, -2.0}};
        double[] pvi = Pvi.pointwise(train, labels, test, new int[] {0, 1, 2},
                Pvi.Settings.defaults().withMaxIterations(2000));
        assertThat(pvi).containsExactly(new double[] {0, 0, 0}, within(1e-5));
    }

    @Test
    void equalsLog2OfTheFittedModelOverThePriorRecomputedNaively() {
        Synthetic data = Synthetic.overlapping(20, 3);
        Pvi.Settings settings = Pvi.Settings.defaults().withL2(1e-2);
        double[] pvi = Pvi.pointwise(data.train(), data.trainLabels(), data.test(), data.testLabels(), settings);
        double[] theta = SoftmaxRegression.fitLbfgs(data.train(), data.trainLabels(), 3, 1e-2, 500, 1e-6);
        for (int i = 0; i < pvi.length; i++) {
            int y = data.testLabels()[i];
            double p = DataMapsTest.naiveProbabilities(data.test()[i], theta, 3)[y];
            double expected = Math.log(p) / Math.log(2) - Math.log(20.0 / 60) / Math.log(2);
            assertThat(pvi[i]).as("row %d", i).isCloseTo(expected, within(1e-12));
        }
        // g is the minimiser: the gradient of its objective vanishes
        double[] gradient = new double[theta.length];
        SoftmaxRegression.lossAndGradient(data.train(), data.trainLabels(), 3, org.wisekit.tensor.Shuffles.identity(60),
                0, 60, 1e-2, theta, gradient, new double[3]);
        for (double g : gradient) {
            assertThat(Math.abs(g)).isLessThanOrEqualTo(1e-6);
        }
        double[] perClass = Pvi.perClass(data.train(), data.trainLabels(), data.test(), data.testLabels(), settings);
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int i = c; i < pvi.length; i += 3) {
                sum += pvi[i];
            }
            assertThat(perClass[c]).isCloseTo(sum / 20, within(1e-12));
        }
    }

    @Test
    void anOverlappingClassGetsLowerPviThanAnIsolatedOneAndRunsAreDeterministic() {
        Synthetic data = Synthetic.overlapping(60, 5);
        double[] h = Pvi.perClass(data.train(), data.trainLabels(), data.test(), data.testLabels(),
                Pvi.Settings.defaults());
        assertThat(h[0]).isGreaterThan(h[1] + 0.3).isGreaterThan(h[2] + 0.3);
        // the isolated class is predicted almost surely: close to the bound log2(1 / prior) = log2 3 bits
        assertThat(h[0]).isBetween(1.3, Math.log(3) / Math.log(2));
        assertThat(Pvi.perClass(data.train(), data.trainLabels(), data.test(), data.testLabels(),
                Pvi.Settings.defaults())).containsExactly(h);
    }

    @Test
    void rejectsBadInputNamingIt() {
        double[][] x = {{0}, {1}, {2}, {3}};
        int[] y = {0, 0, 1, 1};
        Pvi.Settings s = Pvi.Settings.defaults();
        assertBad(() -> s.withL2(0), "l2: 0.0");
        assertBad(() -> s.withL2(Double.POSITIVE_INFINITY), "l2: Infinity");
        assertBad(() -> s.withMaxIterations(0), "maxIterations: 0");
        assertBad(() -> new Pvi.Settings(1, 10, Double.NaN), "gradientTolerance: NaN");
        assertBad(() -> Pvi.perClass(x, new int[] {0, 0, 1}, x, y, s), "trainLabels: length 3");
        assertBad(() -> Pvi.perClass(null, y, x, y, s), "train: null");
        assertBad(() -> Pvi.perClass(x, new int[] {0, 0, 0, 0}, x, y, s), "trainLabels: 1 class");
        assertBad(() -> Pvi.perClass(x, y, x, new int[] {0, 1}, s), "testLabels: length 2");
        assertBad(() -> Pvi.perClass(x, y, new double[][] {{0, 0}, {1, 1}}, new int[] {0, 1}, s), "test[0]: length 2");
        assertBad(() -> Pvi.perClass(x, y, x, new int[] {0, 1, 2, 1}, s), "testLabels[2]: 2");
        assertBad(() -> Pvi.perClass(x, y, x, new int[] {0, 0, 0, 0}, s), "testLabels: class 1 has 0");
        assertBad(() -> Pvi.perClass(x, y, new double[][] {{0}, {Double.NaN}}, new int[] {0, 1}, s), "test[1][0]: NaN");
        assertBad(() -> Pvi.pointwise(x, y, x, y, null), "settings: null");
        // pointwise needs no class in the held-out rows
        assertThat(Pvi.pointwise(x, y, new double[][] {{0.5}}, new int[] {0}, s)).hasSize(1);
    }

    private static void assertBad(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
