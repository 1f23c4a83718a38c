package org.wisekit.geohard.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.tensor.Shuffles;

class DataMapsTest {

    @Test
    void softmaxGradientEqualsFiniteDifferencesOnABatch() {
        SplittableRandom random = new SplittableRandom(4);
        int n = 15;
        int d = 4;
        int k = 3;
        double[][] x = new double[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(k);
            for (int j = 0; j < d; j++) {
                x[i][j] = random.nextDouble(-2, 2);
            }
        }
        int[] rows = {3, 7, 1, 12, 0, 9, 4};
        double[] theta = new double[SoftmaxRegression.parameters(k, d)];
        for (int p = 0; p < theta.length; p++) {
            theta[p] = random.nextDouble(-1, 1);
        }
        double[] scores = new double[k];
        for (double l2 : new double[] {0.0, 0.3}) {
            double[] gradient = new double[theta.length];
            SoftmaxRegression.lossAndGradient(x, y, k, rows, 1, 6, l2, theta, gradient, scores);
            double[] scratch = new double[theta.length];
            double h = 1e-6;
            for (int p = 0; p < theta.length; p++) {
                double[] plus = theta.clone();
                double[] minus = theta.clone();
                plus[p] += h;
                minus[p] -= h;
                double numeric = (SoftmaxRegression.lossAndGradient(x, y, k, rows, 1, 6, l2, plus, scratch, scores)
                        - SoftmaxRegression.lossAndGradient(x, y, k, rows, 1, 6, l2, minus, scratch, scores)) / (2 * h);
                assertThat(gradient[p]).as("l2 %s parameter %d", l2, p).isCloseTo(numeric, within(1e-7));
            }
            // the value itself: mean cross-entropy over rows 7, 1, 12, 0, 9 plus the penalty on W
            double expected = 0;
            for (int r = 1; r < 6; r++) {
                expected += -Math.log(naiveProbabilities(x[rows[r]], theta, k)[y[rows[r]]]);
            }
            double penalty = 0;
            for (int p = 0; p < k * d; p++) {
                penalty += theta[p] * theta[p];
            }
            assertThat(SoftmaxRegression.lossAndGradient(x, y, k, rows, 1, 6, l2, theta, scratch, scores))
                    .isCloseTo(expected / 5 + l2 / 2 * penalty, within(1e-12));
        }
    }

    @Test
    void aggregatesFixedEpochProbabilitiesAsComputedByHand() {
        double[][] p = {
            {0.2, 0.9, 0.5, 0.1},
            {0.4, 0.9, 0.7, 0.3},
            {0.6, 0.9, 0.9, 0.2}};
        // per instance: confidence 0.4, 0.9, 0.7, 0.2; population std sqrt(0.08/3), 0, sqrt(0.08/3), sqrt(0.02/3)
        DataMaps.Result r = DataMaps.aggregate(p, new int[] {0, 0, 1, 1});
        assertThat(r.confidence()).containsExactly(new double[] {0.65, 0.45}, within(1e-15));
        assertThat(r.variability()[0]).isCloseTo(Math.sqrt(0.08 / 3) / 2, within(1e-15));
        assertThat(r.variability()[1]).isCloseTo((Math.sqrt(0.08 / 3) + Math.sqrt(0.02 / 3)) / 2, within(1e-15));
        // one epoch: no variability
        DataMaps.Result one = DataMaps.aggregate(new double[][] {{0.3, 0.5, 1.0}}, new int[] {1, 1, 0});
        assertThat(one.confidence()).containsExactly(1.0, 0.4);
        assertThat(one.variability()).containsExactly(0.0, 0.0);
    }

    @Test
    void trainingDynamicsMatchANaiveSgdReference() {
        SplittableRandom random = new SplittableRandom(8);
        int n = 23;
        int d = 3;
        int k = 3;
        double[][] x = new double[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % k;
            for (int j = 0; j < d; j++) {
                x[i][j] = random.nextGaussian() + y[i];
            }
        }
        DataMaps.Settings settings = new DataMaps.Settings(4, 5, 0.3, 0.01, 17);
        double[][] dynamics = DataMaps.trainingDynamics(x, y, settings);
        double[][] expected = naiveDynamics(x, y, k, settings);
        assertThat(dynamics.length).isEqualTo(4);
        for (int e = 0; e < 4; e++) {
            assertThat(dynamics[e]).as("epoch %d", e).containsExactly(expected[e], within(1e-12));
        }
        DataMaps.Result r = DataMaps.perClass(x, y, settings);
        assertThat(r).usingRecursiveComparison().isEqualTo(DataMaps.aggregate(dynamics, y));
        assertThat(DataMaps.perClass(x, y, settings)).usingRecursiveComparison().isEqualTo(r);
    }

    /** SGD written out with explicit probabilities, the same shuffles and the penalty's gradient l2 W. */
    private static double[][] naiveDynamics(double[][] x, int[] y, int k, DataMaps.Settings s) {
        int n = x.length;
        int d = x[0].length;
        double[] theta = new double[k * (d + 1)];
        int[] order = Shuffles.identity(n);
        SplittableRandom rng = new SplittableRandom(s.seed());
        double[][] gold = new double[s.epochs()][n];
        for (int e = 0; e < s.epochs(); e++) {
            Shuffles.shuffle(order, rng);
            for (int from = 0; from < n; from += s.batchSize()) {
                int to = Math.min(n, from + s.batchSize());
                double[] step = new double[theta.length];
                for (int r = from; r < to; r++) {
                    int i = order[r];
                    double[] prob = naiveProbabilities(x[i], theta, k);
                    for (int c = 0; c < k; c++) {
                        double residual = prob[c] - (y[i] == c ? 1 : 0);
                        for (int j = 0; j < d; j++) {
                            step[c * d + j] += residual * x[i][j] / (to - from);
                        }
                        step[k * d + c] += residual / (to - from);
                    }
                }
                for (int p = 0; p < k * d; p++) {
                    step[p] += s.l2() * theta[p];
                }
                for (int p = 0; p < theta.length; p++) {
                    theta[p] -= s.learningRate() * step[p];
                }
            }
            for (int i = 0; i < n; i++) {
                gold[e][i] = naiveProbabilities(x[i], theta, k)[y[i]];
            }
        }
        return gold;
    }

    static double[] naiveProbabilities(double[] xi, double[] theta, int k) {
        int d = xi.length;
        double[] p = new double[k];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double s = theta[k * d + c];
            for (int j = 0; j < d; j++) {
                s += theta[c * d + j] * xi[j];
            }
            p[c] = Math.exp(s);
            sum += p[c];
        }
        for (int c = 0; c < k; c++) {
            p[c] /= sum;
        }
        return p;
    }

    @Test
    void aClassOverlappingAnotherGetsLowerConfidenceThanAnIsolatedOne() {
        Synthetic data = Synthetic.overlapping(60, 5);
        DataMaps.Result r = DataMaps.perClass(data.train(), data.trainLabels(), DataMaps.Settings.defaults());
        assertThat(r.confidence()[0]).isGreaterThan(r.confidence()[1] + 0.2).isGreaterThan(r.confidence()[2] + 0.2);
        for (int c = 0; c < 3; c++) {
            assertThat(r.confidence()[c]).isBetween(0.0, 1.0);
            assertThat(r.variability()[c]).isBetween(0.0, 0.5);
        }
    }

    @Test
    void rejectsBadInputNamingIt() {
        double[][] x = {{0}, {1}, {2}, {3}};
        int[] y = {0, 0, 1, 1};
        DataMaps.Settings s = DataMaps.Settings.defaults();
        assertBad(() -> s.withEpochs(0), "epochs: 0");
        assertBad(() -> s.withBatchSize(0), "batchSize: 0");
        assertBad(() -> s.withLearningRate(0), "learningRate: 0.0");
        assertBad(() -> s.withLearningRate(Double.NaN), "learningRate: NaN");
        assertBad(() -> s.withL2(-1), "l2: -1.0");
        assertBad(() -> DataMaps.perClass(x, new int[] {0, 1}, s), "labels: length 2");
        assertBad(() -> DataMaps.perClass(x, y, null), "settings: null");
        assertBad(() -> DataMaps.perClass(new double[][] {{0}, {1}, {Double.NaN}, {3}}, y, s), "embeddings[2][0]: NaN");
        assertBad(() -> DataMaps.aggregate(new double[0][], y), "goldProbabilities: no epochs");
        assertBad(() -> DataMaps.aggregate(new double[][] {{0.5, 1.5}}, new int[] {0, 1}),
                "goldProbabilities[0][1]: 1.5");
        assertBad(() -> DataMaps.aggregate(new double[][] {{0.5, 0.5}, {0.5}}, new int[] {0, 1}),
                "goldProbabilities[1]: length 1");
        assertBad(() -> DataMaps.aggregate(new double[][] {{0.5, 0.5}}, new int[] {0, 1, 1}), "labels: length 3");
        assertBad(() -> DataMaps.aggregate(new double[][] {{0.5, 0.5}}, new int[] {0, 2}), "class 1 has 0");
        assertBad(() -> DataMaps.aggregate(new double[][] {{0.5, 0.5}}, new int[] {0, -1}), "labels[1]: -1");
    }

    private static void assertBad(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
