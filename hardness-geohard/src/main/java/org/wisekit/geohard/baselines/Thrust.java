package org.wisekit.geohard.baselines;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Thrust (Zhao et al., "Thrust: Adaptively Propels Large Language Models with External Knowledge", NeurIPS 2023)
 * per instance, aggregated per class by a percentile (the 25th in GeoHard's Table 2).
 *
 * <p>Fitting: the reference rows (e.g. the training embeddings) of each label l are clustered by k-means into K
 * clusters C_kl (seeded k-means++ then Lloyd iterations, at most {@link #MAX_ITERATIONS}; one generator seeded
 * with the seed serves the labels in order 0..N-1). Scoring a query q with representation f(q):
 * <pre>
 *   s_thrust(q) = || (1/(N K)) sum_{l=1..N} sum_{k=1..K} (|C_kl| / ||d_kl||^2) d_kl / ||d_kl|| ||,
 *   d_kl = centroid(C_kl) - f(q)
 * </pre>
 * with N the number of labels (classes) and K the number of clusters per label: each cluster pulls the query
 * towards its centroid with a force proportional to its size and to the inverse squared distance, and the score
 * is the length of the mean pull. Reconstruction: the per-label clustering and the 1/(N K) factor are the paper's
 * formula as quoted; the authors' released scoring script (a simplified, label-free variant that clusters all
 * instances into {@code max(3, n^(1/4))} clusters) computes the same size-weighted inverse-square pull without
 * the constant factor, which does not change any ranking within one fit. The k-means details (plain k-means++
 * seeding, the iteration cap, ties) are this implementation's choices.
 * A cluster left empty by k-means (only possible with duplicate rows) has size 0 and contributes nothing.
 *
 * <p>A query that coincides with a centroid has no direction to it and an infinite pull: a term is skipped when
 * {@code ||d_kl|| <= COINCIDENT * max(||f(q)||, ||centroid||)} ({@link #COINCIDENT}), i.e. a centroid exactly (to
 * rounding) at the query exerts no net force, the symmetric limit; the score stays finite and is never NaN.
 *
 * <p>Orientation: <b>higher Thrust = easier</b> (the query sits where the seen instances pull strongly, i.e. the
 * model "knows" it); the per-class value is the given percentile (linear interpolation between order statistics,
 * numpy's default) of the class's query scores. The score ignores the query's label: it measures how strongly and
 * how one-sidedly the reference mass pulls, i.e. local density, not label separation. A class lying in a sparse
 * region scores low, but two classes on top of each other are denser than an isolated class of the same spread
 * and score higher (tested), so Thrust can rank an overlapping class as easier. The score scales as
 * {@code 1/s^2} when the embeddings are scaled by s. Cost: k-means O(iterations n K d); scoring O(N K d) per query.
 * Instances are immutable and safe to share between threads.
 */
public final class Thrust {

    /** Upper bound on the Lloyd centre updates per label. */
    public static final int MAX_ITERATIONS = 300;
    /** Relative distance below which a centroid counts as coinciding with the query and is skipped. */
    public static final double COINCIDENT = 1e-12;

    /**
     * Settings of the per-class aggregate.
     *
     * @param clustersPerClass K, the number of k-means clusters per label, at least 1
     * @param percentile       the percentile of each class's instance scores, in [0, 100]
     * @param seed             seeds the k-means++ seeding
     */
    public record Settings(int clustersPerClass, double percentile, long seed) {

        /** Validates the settings; throws {@code IllegalArgumentException} naming the parameter and the value. */
        public Settings {
            checkClusters(clustersPerClass);
            if (!(percentile >= 0 && percentile <= 100)) {
                throw new IllegalArgumentException("percentile: " + percentile + " (must be in [0, 100])");
            }
        }

        /** 5 clusters per class, the 25th percentile, seed 0. */
        public static Settings defaults() {
            return new Settings(5, 25.0, 0L);
        }

        /** These settings with {@code clustersPerClass} replaced. */
        public Settings withClustersPerClass(int value) {
            return new Settings(value, percentile, seed);
        }

        /** These settings with {@code percentile} replaced. */
        public Settings withPercentile(double value) {
            return new Settings(clustersPerClass, value, seed);
        }

        /** These settings with {@code seed} replaced. */
        public Settings withSeed(long value) {
            return new Settings(clustersPerClass, percentile, value);
        }
    }

    private final int classes;
    private final int clustersPerClass;
    private final int dimension;
    /** Centroid of cluster k of label l at {@code [l * K + k]}. */
    private final double[][] centroids;
    private final int[] sizes;
    private final double[] centroidNorms;

    private Thrust(int classes, int clustersPerClass, double[][] centroids, int[] sizes) {
        this.classes = classes;
        this.clustersPerClass = clustersPerClass;
        this.dimension = centroids[0].length;
        this.centroids = centroids;
        this.sizes = sizes;
        this.centroidNorms = new double[centroids.length];
        for (int c = 0; c < centroids.length; c++) {
            centroidNorms[c] = norm(centroids[c]);
        }
    }

    /**
     * Clusters each label's reference rows.
     *
     * @param reference        reference rows of equal length, all values finite
     * @param labels           one label per row in {@code 0..N-1}, {@code N >= 2}, every class with at least
     *                         {@code max(2, clustersPerClass)} members
     * @param clustersPerClass K, at least 1
     * @param seed             seeds the k-means++ seeding
     * @return the fitted clusters
     * @throws IllegalArgumentException naming the parameter and the value when an argument is invalid
     */
    public static Thrust fit(double[][] reference, int[] labels, int clustersPerClass, long seed) {
        return fit(reference, labels, "labels", clustersPerClass, seed);
    }

    private static Thrust fit(double[][] reference, int[] labels, String labelsName, int clustersPerClass,
                              long seed) {
        int classes = Inputs.check(reference, "reference", labels, labelsName);
        checkClusters(clustersPerClass);
        int[] counts = Inputs.counts(labels, classes);
        for (int l = 0; l < classes; l++) {
            if (counts[l] < clustersPerClass) {
                throw new IllegalArgumentException("clustersPerClass: " + clustersPerClass + " but class " + l
                        + " has only " + counts[l] + " reference rows");
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] centroids = new double[classes * clustersPerClass][];
        int[] sizes = new int[classes * clustersPerClass];
        for (int l = 0; l < classes; l++) {
            int[] rows = new int[counts[l]];
            int m = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == l) {
                    rows[m++] = i;
                }
            }
            KMeans.Result clusters = KMeans.fit(reference, rows, clustersPerClass, MAX_ITERATIONS, rng);
            for (int k = 0; k < clustersPerClass; k++) {
                centroids[l * clustersPerClass + k] = clusters.centroids()[k];
                sizes[l * clustersPerClass + k] = clusters.sizes()[k];
            }
        }
        return new Thrust(classes, clustersPerClass, centroids, sizes);
    }

    /**
     * The Thrust score of one query.
     *
     * @param query a row of the reference dimension, all values finite
     * @return {@code s_thrust(query)}, at least 0 (higher = easier)
     * @throws IllegalArgumentException naming the parameter and the value when the query is invalid
     */
    public double score(double[] query) {
        if (query == null) {
            throw new IllegalArgumentException("query: null");
        }
        if (query.length != dimension) {
            throw new IllegalArgumentException("query: length " + query.length + " but the reference rows have "
                    + dimension);
        }
        for (int j = 0; j < dimension; j++) {
            if (!Double.isFinite(query[j])) {
                throw new IllegalArgumentException("query[" + j + "]: " + query[j] + " (must be finite)");
            }
        }
        return score(query, new double[dimension]);
    }

    /**
     * The Thrust score of each query.
     *
     * @param queries rows of the reference dimension, all values finite
     * @return per row its score
     * @throws IllegalArgumentException naming the parameter and the value when an argument is invalid
     */
    public double[] scores(double[][] queries) {
        Inputs.heldOut(queries, "queries", new int[queries == null ? 0 : queries.length], "labels", dimension, 1, 0);
        double[] pull = new double[dimension];
        double[] out = new double[queries.length];
        for (int i = 0; i < queries.length; i++) {
            out[i] = score(queries[i], pull);
        }
        return out;
    }

    /**
     * Thrust per class: the percentile of the scores of each class's queries, clusters fitted on the reference.
     *
     * @param reference       reference rows of equal length, all values finite
     * @param referenceLabels one label per reference row in {@code 0..N-1}, {@code N >= 2}, every class with at
     *                        least {@code max(2, clustersPerClass)} members
     * @param queries         rows to score, of the reference dimension, all values finite
     * @param queryLabels     one label per query in {@code 0..N-1}, every class with at least 1 member
     * @param settings        clusters per class, percentile and seed
     * @return per class c (index {@code 0..N-1}) the percentile of its queries' Thrust scores (higher = easier)
     * @throws IllegalArgumentException naming the parameter and the value when an argument is invalid
     */
    public static double[] perClass(double[][] reference, int[] referenceLabels, double[][] queries,
                                    int[] queryLabels, Settings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings: null");
        }
        Thrust thrust = fit(reference, referenceLabels, "referenceLabels", settings.clustersPerClass(),
                settings.seed());
        Inputs.heldOut(queries, "queries", queryLabels, "queryLabels", thrust.dimension, thrust.classes, 1);
        double[] scores = thrust.scores(queries);
        int[] counts = Inputs.counts(queryLabels, thrust.classes);
        double[][] byClass = new double[thrust.classes][];
        for (int c = 0; c < thrust.classes; c++) {
            byClass[c] = new double[counts[c]];
        }
        int[] filled = new int[thrust.classes];
        for (int i = 0; i < scores.length; i++) {
            byClass[queryLabels[i]][filled[queryLabels[i]]++] = scores[i];
        }
        double[] result = new double[thrust.classes];
        for (int c = 0; c < thrust.classes; c++) {
            result[c] = percentile(byClass[c], settings.percentile());
        }
        return result;
    }

    /**
     * Thrust per class with the embeddings as both reference and queries.
     *
     * @param embeddings rows of equal length, all values finite
     * @param labels     one label per row in {@code 0..N-1}, {@code N >= 2}, every class with at least
     *                   {@code max(2, clustersPerClass)} members
     * @param settings   clusters per class, percentile and seed
     * @return per class the percentile of its instances' Thrust scores (higher = easier)
     * @throws IllegalArgumentException naming the parameter and the value when an argument is invalid
     */
    public static double[] perClass(double[][] embeddings, int[] labels, Settings settings) {
        Inputs.check(embeddings, labels);
        return perClass(embeddings, labels, embeddings, labels, settings);
    }

    /** Number of labels N. */
    public int classes() {
        return classes;
    }

    /** Clusters per label K. */
    public int clustersPerClass() {
        return clustersPerClass;
    }

    /**
     * A copy of the centroid of cluster k of label l.
     *
     * @param label   l in {@code [0, classes())}
     * @param cluster k in {@code [0, clustersPerClass())}
     * @return the centroid
     */
    public double[] centroid(int label, int cluster) {
        return centroids[index(label, cluster)].clone();
    }

    /**
     * The number of reference rows in cluster k of label l (0 for a cluster left empty).
     *
     * @param label   l in {@code [0, classes())}
     * @param cluster k in {@code [0, clustersPerClass())}
     * @return |C_kl|
     */
    public int clusterSize(int label, int cluster) {
        return sizes[index(label, cluster)];
    }

    private int index(int label, int cluster) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label: " + label + " (must be in [0, " + classes + "))");
        }
        if (cluster < 0 || cluster >= clustersPerClass) {
            throw new IllegalArgumentException("cluster: " + cluster + " (must be in [0, " + clustersPerClass + "))");
        }
        return label * clustersPerClass + cluster;
    }

    /** The score of a trusted query; {@code pull} is scratch of length {@code dimension}. */
    private double score(double[] query, double[] pull) {
        Arrays.fill(pull, 0.0);
        double queryNorm = norm(query);
        for (int c = 0; c < centroids.length; c++) {
            if (sizes[c] == 0) {
                continue;
            }
            double[] centre = centroids[c];
            double r = Math.sqrt(Inputs.squaredDistance(centre, query));
            if (r <= COINCIDENT * Math.max(queryNorm, centroidNorms[c])) {
                continue;
            }
            double w = sizes[c] / (r * r * r);       // |C| / r^2 times the unit vector d / r
            for (int j = 0; j < dimension; j++) {
                pull[j] += w * (centre[j] - query[j]);
            }
        }
        return norm(pull) / ((double) classes * clustersPerClass);
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    /** The p-th percentile (p in [0, 100]) with linear interpolation between order statistics (numpy's default). */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }

    private static void checkClusters(int clustersPerClass) {
        if (clustersPerClass < 1) {
            throw new IllegalArgumentException("clustersPerClass: " + clustersPerClass + " (must be >= 1)");
        }
    }
}
