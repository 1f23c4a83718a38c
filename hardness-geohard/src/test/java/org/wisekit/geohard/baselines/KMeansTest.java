package org.wisekit.geohard.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansTest {

    private static int[] all(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    private static double sse(double[][] x, int[] assignment, int k) {
        double total = 0;
        for (int c = 0; c < k; c++) {
            double[] mean = new double[x[0].length];
            int m = 0;
            for (int i = 0; i < x.length; i++) {
                if (assignment[i] == c) {
                    m++;
                    for (int j = 0; j < mean.length; j++) {
                        mean[j] += x[i][j];
                    }
                }
            }
            for (int i = 0; i < x.length; i++) {
                if (assignment[i] == c) {
                    for (int j = 0; j < mean.length; j++) {
                        total += Math.pow(x[i][j] - mean[j] / m, 2);
                    }
                }
            }
        }
        return total;
    }

    /** Smallest sum of squared distances to the cluster means over every assignment of n rows to k labels. */
    private static double bruteForceOptimum(double[][] x, int k) {
        int n = x.length;
        int[] assignment = new int[n];
        double best = Double.POSITIVE_INFINITY;
        int total = (int) Math.pow(k, n);
        for (int code = 0; code < total; code++) {
            int rest = code;
            for (int i = 0; i < n; i++) {
                assignment[i] = rest % k;
                rest /= k;
            }
            best = Math.min(best, sse(x, assignment, k));
        }
        return best;
    }

    @Test
    void reachesTheBruteForceOptimumOnSmallSeparatedSets() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 6; trial++) {
            int k = 2 + trial % 2;
            int n = 7 + trial % 2;
            double[][] x = new double[n][2];
            for (int i = 0; i < n; i++) {
                int blob = i % k;
                x[i][0] = 50.0 * blob + random.nextDouble(-1, 1);
                x[i][1] = -30.0 * blob + random.nextDouble(-1, 1);
            }
            KMeans.Result r = KMeans.fit(x, all(n), k, 100, new SplittableRandom(trial));
            assertThat(sse(x, r.assignment(), k)).as("trial %d", trial)
                    .isCloseTo(bruteForceOptimum(x, k), within(1e-9));
            for (int i = 0; i < n; i++) {     // same blob <=> same cluster
                for (int j = 0; j < n; j++) {
                    assertThat(r.assignment()[i] == r.assignment()[j]).isEqualTo(i % k == j % k);
                }
            }
        }
    }

    @Test
    void resultIsAFixedPointOfLloydOnRandomData() {
        SplittableRandom random = new SplittableRandom(11);
        double[][] x = new double[60][3];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextDouble(-5, 5);
            }
        }
        // cluster a subset: every other row
        int[] rows = new int[30];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = 2 * i + 1;
        }
        int k = 4;
        KMeans.Result r = KMeans.fit(x, rows, k, 300, new SplittableRandom(3));
        assertThat(r.iterations()).isBetween(1, 299);
        int[] sizes = new int[k];
        double[][] sums = new double[k][3];
        for (int i = 0; i < rows.length; i++) {
            double[] p = x[rows[i]];
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (Inputs.squaredDistance(p, r.centroids()[c]) < Inputs.squaredDistance(p, r.centroids()[best])) {
                    best = c;
                }
            }
            assertThat(r.assignment()[i]).as("row %d", rows[i]).isEqualTo(best);
            sizes[best]++;
            for (int j = 0; j < 3; j++) {
                sums[best][j] += p[j];
            }
        }
        assertThat(r.sizes()).containsExactly(sizes);
        for (int c = 0; c < k; c++) {
            assertThat(sizes[c]).isPositive();
            for (int j = 0; j < 3; j++) {
                assertThat(r.centroids()[c][j]).isCloseTo(sums[c][j] / sizes[c], within(1e-12));
            }
        }
    }

    @Test
    void iterationCapStillLeavesCentresAtTheMeansOfTheAssignment() {
        SplittableRandom random = new SplittableRandom(5);
        double[][] x = new double[40][2];
        for (double[] row : x) {
            row[0] = random.nextDouble(0, 10);
            row[1] = random.nextDouble(0, 10);
        }
        KMeans.Result r = KMeans.fit(x, all(40), 5, 1, new SplittableRandom(1));
        assertThat(r.iterations()).isEqualTo(1);
        for (int c = 0; c < 5; c++) {
            double sx = 0;
            double sy = 0;
            for (int i = 0; i < 40; i++) {
                if (r.assignment()[i] == c) {
                    sx += x[i][0];
                    sy += x[i][1];
                }
            }
            if (r.sizes()[c] > 0) {
                assertThat(r.centroids()[c][0]).isCloseTo(sx / r.sizes()[c], within(1e-12));
                assertThat(r.centroids()[c][1]).isCloseTo(sy / r.sizes()[c], within(1e-12));
            }
        }
    }

    @Test
    void seedingTakesTheOnlyOtherPointAndDuplicatesLeaveEmptyFiniteClusters() {
        // Two distinct points: D-squared sampling can only pick the other one second.
        double[][] two = {{0, 0}, {0, 0}, {3, 4}};
        double[][] seeds = KMeans.seed(two, all(3), 2, new SplittableRandom(0));
        assertThat(Inputs.squaredDistance(seeds[0], seeds[1])).isEqualTo(25.0);

        // Three clusters requested, two distinct points: one cluster is a duplicate centre with no rows.
        KMeans.Result r = KMeans.fit(two, all(3), 3, 100, new SplittableRandom(0));
        assertThat(r.sizes()).containsExactlyInAnyOrder(0, 1, 2);
        for (double[] centre : r.centroids()) {     // every centre, the empty one included, is one of the points
            assertThat(Inputs.squaredDistance(centre, two[0]) == 0 || Inputs.squaredDistance(centre, two[2]) == 0)
                    .isTrue();
        }
        double[][] same = {{1, 1}, {1, 1}, {1, 1}};
        KMeans.Result s = KMeans.fit(same, all(3), 2, 100, new SplittableRandom(9));
        assertThat(s.sizes()).containsExactly(3, 0);
        assertThat(s.centroids()[1]).containsExactly(1, 1);
    }

    @Test
    void sameSeedGivesTheSameClustering() {
        SplittableRandom random = new SplittableRandom(2);
        double[][] x = new double[50][4];
        for (double[] row : x) {
            for (int j = 0; j < 4; j++) {
                row[j] = random.nextGaussian();
            }
        }
        KMeans.Result a = KMeans.fit(x, all(50), 5, 300, new SplittableRandom(42));
        KMeans.Result b = KMeans.fit(x, all(50), 5, 300, new SplittableRandom(42));
        assertThat(a.assignment()).containsExactly(b.assignment());
        assertThat(a.centroids()).isDeepEqualTo(b.centroids());
    }
}
