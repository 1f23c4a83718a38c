package org.wisekit.geohard.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThrustTest {

    /** Class 0 at -1 and 1 (centroid 0), class 1 at 9 and 11 (centroid 10); one cluster per class. */
    private static final double[][] LINE = {{-1}, {1}, {9}, {11}};
    private static final int[] LINE_LABELS = {0, 0, 1, 1};

    @Test
    void scoresPointsOnALineAsComputedByHand() {
        Thrust t = Thrust.fit(LINE, LINE_LABELS, 1, 0);
        assertThat(t.centroid(0, 0)).containsExactly(0.0);
        assertThat(t.centroid(1, 0)).containsExactly(10.0);
        assertThat(t.clusterSize(0, 0)).isEqualTo(2);
        // q = 2: pulls 2/2^2 towards -x and 2/8^2 towards +x, mean over N K = 2 clusters.
        assertThat(t.score(new double[] {2})).isCloseTo((0.5 - 2.0 / 64) / 2, within(1e-15));
        // q = -2: both centroids lie on the same side.
        assertThat(t.score(new double[] {-2})).isCloseTo((0.5 + 2.0 / 144) / 2, within(1e-15));
        // q = 5: the two pulls cancel exactly.
        assertThat(t.score(new double[] {5})).isEqualTo(0.0);
        // q = 0 coincides with the class-0 centroid: that term is skipped, only 2/10^2 remains.
        assertThat(t.score(new double[] {0})).isCloseTo(0.02 / 2, within(1e-15));
        assertThat(t.scores(new double[][] {{2}, {5}})).containsExactly(t.score(new double[] {2}), 0.0);
    }

    @Test
    void queryAtEveryCentroidIsFiniteNotNaN() {
        double[][] x = {{1, 1}, {1, 1}, {4, 0}, {4, 0}};
        Thrust t = Thrust.fit(x, LINE_LABELS, 1, 0);
        // class 0's centroid is skipped; class 1 (2 rows at distance sqrt(10)) pulls with 2/10, halved by N K = 2
        assertThat(t.score(new double[] {1, 1})).isCloseTo(2.0 / 10 / 2, within(1e-15));
        double[][] origin = {{0, 0}, {0, 0}, {0, 0}, {0, 0}};
        assertThat(Thrust.fit(origin, LINE_LABELS, 1, 0).score(new double[] {0, 0})).isEqualTo(0.0);
    }

    @Test
    void matchesTheFormulaOnRandomData() {
        SplittableRandom random = new SplittableRandom(13);
        for (int trial = 0; trial < 4; trial++) {
            int classes = 2 + trial % 2;
            int k = 1 + trial;
            int n = 12 * classes;
            int dim = 2 + trial;
            double[][] x = new double[n][dim];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = i % classes;
                for (int j = 0; j < dim; j++) {
                    x[i][j] = random.nextGaussian() + 2 * y[i];
                }
            }
            Thrust t = Thrust.fit(x, y, k, trial);
            for (int q = 0; q < 10; q++) {
                double[] query = new double[dim];
                for (int j = 0; j < dim; j++) {
                    query[j] = random.nextGaussian() * 3;
                }
                double expected = reference(t, query);
                assertThat(t.score(query)).isCloseTo(expected, within(1e-12 * expected));
            }
        }
    }

    /** The formula written out: sum of |C| / ||d||^2 times the unit vector d / ||d||, averaged, then its norm. */
    private static double reference(Thrust t, double[] query) {
        double[] sum = new double[query.length];
        for (int l = 0; l < t.classes(); l++) {
            for (int k = 0; k < t.clustersPerClass(); k++) {
                double[] d = t.centroid(l, k);
                for (int j = 0; j < d.length; j++) {
                    d[j] -= query[j];
                }
                double length = Math.sqrt(Arrays.stream(d).map(v -> v * v).sum());
                for (int j = 0; j < d.length; j++) {
                    sum[j] += t.clusterSize(l, k) / Math.pow(length, 2) * (d[j] / length);
                }
            }
        }
        double nk = t.classes() * t.clustersPerClass();
        return Math.sqrt(Arrays.stream(sum).map(v -> Math.pow(v / nk, 2)).sum());
    }

    @Test
    void percentileInterpolatesLinearlyLikeNumpy() {
        double[] v = {3, 1, 4, 2};
        assertThat(Thrust.percentile(v, 25)).isEqualTo(1.75);     // numpy.percentile([3,1,4,2], 25)
        assertThat(Thrust.percentile(v, 50)).isEqualTo(2.5);
        assertThat(Thrust.percentile(v, 0)).isEqualTo(1.0);
        assertThat(Thrust.percentile(v, 100)).isEqualTo(4.0);
        assertThat(Thrust.percentile(new double[] {7}, 25)).isEqualTo(7.0);
        assertThat(v).containsExactly(3, 1, 4, 2);
    }

    @Test
    void perClassIsThePercentileOfEachClassesScoresAndDeterministic() {
        SplittableRandom random = new SplittableRandom(3);
        double[][] train = blobs(random, 40);
        double[][] test = blobs(random, 20);
        int[] trainLabels = labels(40);
        int[] testLabels = labels(20);
        Thrust.Settings settings = Thrust.Settings.defaults().withClustersPerClass(3).withPercentile(40).withSeed(8);
        double[] perClass = Thrust.perClass(train, trainLabels, test, testLabels, settings);
        double[] scores = Thrust.fit(train, trainLabels, 3, 8).scores(test);
        for (int c = 0; c < 2; c++) {
            int cls = c;
            double[] own = java.util.stream.IntStream.range(0, 20).filter(i -> testLabels[i] == cls)
                    .mapToDouble(i -> scores[i]).toArray();
            assertThat(perClass[c]).isEqualTo(Thrust.percentile(own, 40));
        }
        assertThat(Thrust.perClass(train, trainLabels, test, testLabels, settings)).containsExactly(perClass);
        assertThat(Thrust.perClass(train, trainLabels, settings))
                .containsExactly(Thrust.perClass(train, trainLabels, train, trainLabels, settings));
    }

    @Test
    void aClassInASparseRegionGetsALowerThrustThanACompactOne() {
        // Thrust is higher where the seen instances pull strongly: class 0 is compact, class 1 diffuse.
        SplittableRandom random = new SplittableRandom(21);
        int n = 120;
        double[][] x = new double[n][2];
        int[] y = labels(n);
        for (int i = 0; i < n; i++) {
            double spread = y[i] == 0 ? 0.5 : 3.0;
            x[i][0] = 10 * y[i] + spread * random.nextGaussian();
            x[i][1] = spread * random.nextGaussian();
        }
        double[] h = Thrust.perClass(x, y, Thrust.Settings.defaults());
        assertThat(h[0]).isGreaterThan(h[1]);
    }

    @Test
    void measuresDensityNotLabelSeparation() {
        // Documented behaviour (see the class javadoc): two overlapping classes on top of each other are denser
        // than an isolated class of the same spread, so their instances feel a stronger pull, not a weaker one.
        Synthetic data = Synthetic.overlapping(60, 1);
        double[][] x = data.train();
        int[] y = data.trainLabels();
        double[] h = Thrust.perClass(x, y, Thrust.Settings.defaults());
        assertThat(h[1]).isGreaterThan(h[0]);
        assertThat(h[2]).isGreaterThan(h[0]);
    }

    @Test
    void rejectsBadInputNamingIt() {
        assertBad(() -> new Thrust.Settings(0, 25, 0), "clustersPerClass: 0");
        assertBad(() -> Thrust.fit(LINE, LINE_LABELS, 0, 0), "clustersPerClass: 0");
        assertBad(() -> Thrust.fit(LINE, LINE_LABELS, 3, 0), "clustersPerClass: 3 but class 0 has only 2");
        assertBad(() -> Thrust.Settings.defaults().withPercentile(100.5), "percentile: 100.5");
        assertBad(() -> Thrust.Settings.defaults().withPercentile(-1), "percentile: -1.0");
        assertBad(() -> Thrust.Settings.defaults().withPercentile(Double.NaN), "percentile: NaN");
        assertBad(() -> Thrust.fit(LINE, new int[] {0, 0, 1}, 1, 0), "labels: length 3");
        assertBad(() -> Thrust.fit(null, LINE_LABELS, 1, 0), "reference: null");
        Thrust.Settings one = Thrust.Settings.defaults().withClustersPerClass(1);
        assertBad(() -> Thrust.perClass(LINE, LINE_LABELS, LINE, new int[] {0, 0, 0}, one), "queryLabels: length 3");
        assertBad(() -> Thrust.perClass(LINE, LINE_LABELS, LINE, new int[] {0, 0, 0, 2}, one), "queryLabels[3]: 2");
        assertBad(() -> Thrust.perClass(LINE, LINE_LABELS, LINE, new int[] {0, 0, 0, 0}, one),
                "queryLabels: class 1 has 0");
        assertBad(() -> Thrust.perClass(LINE, LINE_LABELS, new double[][] {{0, 1}, {1, 1}}, new int[] {0, 1}, one),
                "queries[0]: length 2");
        assertBad(() -> Thrust.perClass(LINE, LINE_LABELS, LINE, LINE_LABELS, null), "settings: null");
        assertBad(() -> Thrust.perClass(LINE, new int[] {0, 1}, LINE, LINE_LABELS, one), "referenceLabels: length 2");
        assertBad(() -> Thrust.perClass(LINE, new int[] {0, 1}, one), "labels: length 2");
        assertBad(() -> Thrust.perClass(new double[][] {{0}, {1}, {Double.NaN}, {3}}, LINE_LABELS, one),
                "embeddings[2][0]: NaN");
        Thrust t = Thrust.fit(LINE, LINE_LABELS, 1, 0);
        assertBad(() -> t.score(new double[] {1, 2}), "query: length 2");
        assertBad(() -> t.score(new double[] {Double.POSITIVE_INFINITY}), "query[0]: Infinity");
        assertBad(() -> t.score(null), "query: null");
        assertBad(() -> t.scores(null), "queries: null");
        assertBad(() -> t.centroid(2, 0), "label: 2");
        assertBad(() -> t.clusterSize(0, 1), "cluster: 1");
    }

    private static double[][] blobs(SplittableRandom random, int n) {
        double[][] x = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = random.nextGaussian() + (i % 2) * 1.5;
            }
        }
        return x;
    }

    private static int[] labels(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
        }
        return y;
    }

    private static void assertBad(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
