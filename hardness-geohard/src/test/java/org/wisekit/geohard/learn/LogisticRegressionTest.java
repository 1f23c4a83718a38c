package org.wisekit.geohard.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    /** Random sparse rows: about a third of the entries non-zero. */
    private static SparseFeatures randomRows(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] indices = new int[n][];
        double[][] values = new double[n][];
        for (int i = 0; i < n; i++) {
            int[] idx = new int[d];
            double[] val = new double[d];
            int m = 0;
            for (int j = 0; j < d; j++) {
                if (random.nextInt(3) == 0) {
                    idx[m] = j;
                    val[m++] = random.nextDouble(-2, 2);
                }
            }
            indices[i] = Arrays.copyOf(idx, m);
            values[i] = Arrays.copyOf(val, m);
        }
        return new SparseFeatures(indices, values, d);
    }

    @Test
    void analyticGradientEqualsFiniteDifferences() {
        int n = 12;
        int d = 7;
        int k = 3;
        SparseFeatures x = randomRows(n, d, 3);
        int[] labels = new SplittableRandom(4).ints(n, 0, k).toArray();
        SoftmaxObjective f = new SoftmaxObjective(x, labels, k, 0.7);
        SplittableRandom random = new SplittableRandom(5);
        double[] theta = new double[f.parameters()];
        for (int p = 0; p < theta.length; p++) {
            theta[p] = random.nextDouble(-1, 1);
        }
        double[] gradient = new double[theta.length];
        f.valueAndGradient(theta, gradient);
        double h = 1e-6;
        double[] scratch = new double[theta.length];
        for (int p = 0; p < theta.length; p++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[p] += h;
            minus[p] -= h;
            double numeric = (f.valueAndGradient(plus, scratch) - f.valueAndGradient(minus, scratch)) / (2 * h);
            assertThat(gradient[p]).as("parameter %d", p).isCloseTo(numeric, within(1e-6));
        }
    }

    @Test
    void reachesFullTrainAccuracyOnSeparableData() {
        // three classes, each marked by its own feature plus shared noise features
        List<String> texts = List.of("red apple fruit", "red cherry", "apple red sweet",
                "green lime sour", "green apple", "lime green leaf",
                "blue sky", "blue sea wide", "sea blue cold");
        int[] labels = {0, 0, 0, 1, 1, 1, 2, 2, 2};
        TfidfVectorizer tfidf = TfidfVectorizer.fit(texts, TfidfVectorizer.Settings.defaults());
        SparseFeatures x = tfidf.transform(texts);
        LogisticRegression lr = LogisticRegression.fit(x, labels, 3, LogisticRegression.Settings.defaults().withC(10));
        assertThat(lr.converged()).isTrue();
        assertThat(lr.predict(x)).containsExactly(labels);
        assertThat(lr.predict(tfidf.transform(List.of("red", "green", "blue")))).containsExactly(0, 1, 2);
        double[][] p = lr.probabilities(x);
        for (double[] row : p) {
            assertThat(row[0] + row[1] + row[2]).isCloseTo(1, within(1e-12));
        }
    }

    @Test
    void fitIsAStationaryPointAndDeterministic() {
        SparseFeatures x = randomRows(40, 10, 8);
        int[] labels = new SplittableRandom(9).ints(40, 0, 4).toArray();
        LogisticRegression.Settings settings = LogisticRegression.Settings.defaults().withC(0.5);
        LogisticRegression a = LogisticRegression.fit(x, labels, 4, settings);
        LogisticRegression b = LogisticRegression.fit(x, labels, 4, settings);
        assertThat(a.converged()).isTrue();
        assertThat(b.scores(x)).isDeepEqualTo(a.scores(x));
        // the gradient at the fit is (near) zero
        SoftmaxObjective f = new SoftmaxObjective(x, labels, 4, 0.5);
        double[] theta = new double[f.parameters()];
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < 10; j++) {
                theta[k * 10 + j] = a.weight(k, j);
            }
            theta[40 + k] = a.bias(k);
        }
        double[] g = new double[theta.length];
        assertThat(f.valueAndGradient(theta, g)).isCloseTo(a.objective(), within(1e-15));
        for (double gi : g) {
            assertThat(gi).isCloseTo(0, within(1e-5));
        }
    }

    @Test
    void rejectsBadInputNamingIt() {
        assertThatThrownBy(() -> LogisticRegression.Settings.defaults().withC(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c: -1.0");
        assertThatThrownBy(() -> LogisticRegression.Settings.defaults().withMaxIterations(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxIterations: 0");
        SparseFeatures x = randomRows(3, 2, 1);
        assertThatThrownBy(() -> LogisticRegression.fit(x, new int[] {0, 1, 0}, 1, LogisticRegression.Settings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("classes: 1");
        LogisticRegression lr = LogisticRegression.fit(x, new int[] {0, 1, 0}, 2, LogisticRegression.Settings.defaults());
        assertThatThrownBy(() -> lr.predict(randomRows(1, 3, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.dimension: 3");
    }
}
