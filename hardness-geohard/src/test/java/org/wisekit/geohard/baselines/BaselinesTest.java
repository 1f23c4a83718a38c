package org.wisekit.geohard.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    private static final double[][] LINE = {{0}, {1}, {2}, {3}};
    private static final int[] LINE_LABELS = {0, 0, 1, 1};

    @Test
    void knnOnFourPointsOnALineBreaksTiesByLowerIndex() {
        // k = 1: point 1 is equally far from 0 and 2 -> 0 (same label); point 2 equally far from 1 and 3 -> 1
        // (other label). Class 0: (0 + 0) / 2, class 1: (1 + 0) / 2.
        assertThat(KnnDisagreement.perClass(LINE, LINE_LABELS, 1)).containsExactly(0.0, 0.5);
        // k = 2: every point has one neighbour of each label among its two nearest.
        assertThat(KnnDisagreement.perClass(LINE, LINE_LABELS, 2)).containsExactly(0.5, 0.5);
        // k = 3 = n - 1: all others, two of which differ.
        assertThat(KnnDisagreement.perClass(LINE, LINE_LABELS, 3)[0]).isCloseTo(2.0 / 3, within(1e-15));
    }

    @Test
    void silhouetteOnPointsOnALineMatchesHandComputation() {
        // 0, 1 | 2, 3: s(0) = (2.5 - 1) / 2.5 = 0.6, s(1) = (1.5 - 1) / 1.5 = 1/3; symmetric for class 1.
        double expected = -(0.6 + 1.0 / 3) / 2;
        double[] h = Silhouette.perClass(LINE, LINE_LABELS);
        assertThat(h[0]).isCloseTo(expected, within(1e-15));
        assertThat(h[1]).isCloseTo(expected, within(1e-15));

        // 0, 1 | 2, 3, 10: s(0) = (5 - 1) / 5, s(1) = (4 - 1) / 4, s(2) = (1.5 - 4.5) / 4.5,
        // s(3) = (2.5 - 4) / 4, s(10) = (9.5 - 7.5) / 9.5.
        double[][] x = {{0}, {1}, {2}, {3}, {10}};
        double[] g = Silhouette.perClass(x, new int[] {0, 0, 1, 1, 1});
        assertThat(g[0]).isCloseTo(-(0.8 + 0.75) / 2, within(1e-15));
        assertThat(g[1]).isCloseTo(-(-2.0 / 3 - 0.375 + 2 / 9.5) / 3, within(1e-15));
    }

    @Test
    void silhouetteOfDuplicatePointsIsZero() {
        double[][] x = {{1, 1}, {1, 1}, {1, 1}, {1, 1}};
        assertThat(Silhouette.perClass(x, LINE_LABELS)).containsExactly(new double[] {0, 0}, within(0.0));
    }

    @Test
    void bothMatchABruteForceReferenceOnRandomData() {
        Random random = new Random(42);
        for (int trial = 0; trial < 5; trial++) {
            int classes = 2 + trial % 3;
            int n = 12 + 7 * trial;
            int dim = 1 + trial;
            double[][] x = new double[n][dim];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = i < 2 * classes ? i % classes : random.nextInt(classes);
                for (int j = 0; j < dim; j++) {
                    x[i][j] = random.nextGaussian() + y[i] * 0.7;
                }
            }
            for (int k : new int[] {1, 3, n - 1}) {
                assertThat(KnnDisagreement.perClass(x, y, k))
                        .containsExactly(referenceKnn(x, y, k, classes), within(1e-12));
            }
            assertThat(Silhouette.perClass(x, y)).containsExactly(referenceSilhouette(x, y, classes), within(1e-12));
        }
    }

    @Test
    void rejectsBadInputNamingIt() {
        assertBad(() -> KnnDisagreement.perClass(null, LINE_LABELS, 1), "embeddings: null");
        assertBad(() -> KnnDisagreement.perClass(LINE, null, 1), "labels: null");
        assertBad(() -> KnnDisagreement.perClass(LINE, LINE_LABELS, 0), "k: 0");
        assertBad(() -> KnnDisagreement.perClass(LINE, LINE_LABELS, 4), "k: 4");
        assertBad(() -> KnnDisagreement.perClass(LINE, new int[] {0, 0, 1}, 1), "labels: length 3");
        assertBad(() -> Silhouette.perClass(LINE, new int[] {0, 0, 1, -1}), "labels[3]: -1");
        assertBad(() -> Silhouette.perClass(LINE, new int[] {0, 0, 0, 0}), "labels: 1 class");
        assertBad(() -> Silhouette.perClass(LINE, new int[] {0, 0, 2, 2}), "class 1 has 0");
        assertBad(() -> Silhouette.perClass(LINE, new int[] {0, 0, 0, 1}), "class 1 has 1");
        assertBad(() -> Silhouette.perClass(new double[][] {{0}, {1}, {Double.NaN}, {3}}, LINE_LABELS),
                "embeddings[2][0]: NaN");
        assertBad(() -> Silhouette.perClass(new double[][] {{0}, {1}, {2, 0}, {3}}, LINE_LABELS),
                "embeddings[2]: length 2");
        assertBad(() -> KnnDisagreement.perClass(new double[][] {{0}, null, {2}, {3}}, LINE_LABELS, 1),
                "embeddings[1]: null");
        assertBad(() -> KnnDisagreement.perClass(new double[0][], new int[0], 1), "embeddings: no rows");
    }

    private static void assertBad(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += Math.pow(a[j] - b[j], 2);
        }
        return Math.sqrt(s);
    }

    /** k passes of selecting the closest unused neighbour (lowest index on ties); per-class means accumulated. */
    private static double[] referenceKnn(double[][] x, int[] y, int k, int classes) {
        double[] total = new double[classes];
        int[] count = new int[classes];
        for (int i = 0; i < x.length; i++) {
            boolean[] used = new boolean[x.length];
            used[i] = true;
            int differ = 0;
            for (int r = 0; r < k; r++) {
                int best = -1;
                for (int j = 0; j < x.length; j++) {
                    if (!used[j] && (best < 0 || distance(x[i], x[j]) < distance(x[i], x[best]))) {
                        best = j;
                    }
                }
                used[best] = true;
                differ += y[best] != y[i] ? 1 : 0;
            }
            total[y[i]] += differ / (double) k;
            count[y[i]]++;
        }
        for (int c = 0; c < classes; c++) {
            total[c] /= count[c];
        }
        return total;
    }

    /** From a full distance matrix, class by class. */
    private static double[] referenceSilhouette(double[][] x, int[] y, int classes) {
        int n = x.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i][j] = distance(x[i], x[j]);
            }
        }
        double[] result = new double[classes];
        for (int c = 0; c < classes; c++) {
            double sum = 0;
            int members = 0;
            for (int i = 0; i < n; i++) {
                if (y[i] != c) {
                    continue;
                }
                members++;
                double a = 0;
                double b = Double.MAX_VALUE;
                for (int other = 0; other < classes; other++) {
                    double s = 0;
                    int m = 0;
                    for (int j = 0; j < n; j++) {
                        if (y[j] == other && j != i) {
                            s += d[i][j];
                            m++;
                        }
                    }
                    if (other == c) {
                        a = s / m;
                    } else {
                        b = Math.min(b, s / m);
                    }
                }
                sum += (b - a) / Math.max(a, b);
            }
            result[c] = -sum / members;
        }
        return result;
    }
}
