package org.wisekit.geohard.baselines;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Lloyd's k-means with k-means++ seeding (Arthur and Vassilvitskii 2007), on a subset of the rows of a matrix.
 *
 * <p>Seeding: the first centre is a row drawn uniformly; each further centre is a row drawn with probability
 * proportional to its squared distance to the nearest centre chosen so far (plain D-squared sampling, one
 * candidate per centre). When every remaining row coincides with a chosen centre (total weight 0) the next centre
 * is the first row in subset order, so fewer distinct rows than k give duplicated centres. Then, until the
 * assignment stops changing or {@code maxIterations} updates: every row goes to its nearest centre (ties to the
 * lower centre index) and every centre moves to the mean of its rows; a centre left without rows keeps its place
 * and has size 0. On return each centre is the mean of the rows assigned to it (or unchanged when it has none).
 * Deterministic for a given generator state.
 */
final class KMeans {

    /** The clustering: {@code centroids[c]}, {@code sizes[c]} and, per row of the subset, its cluster. */
    record Result(double[][] centroids, int[] sizes, int[] assignment, int iterations) {
    }

    private KMeans() {
    }

    /**
     * Clusters the rows {@code x[rows[0]], ..., x[rows[m-1]]} into k clusters.
     *
     * @param x             the matrix (trusted: rectangular, finite)
     * @param rows          indices into x of the rows to cluster, at least k of them
     * @param k             number of clusters, at least 1
     * @param maxIterations upper bound on the centre updates, at least 1
     * @param rng           the seeded generator (consumed)
     */
    static Result fit(double[][] x, int[] rows, int k, int maxIterations, SplittableRandom rng) {
        int m = rows.length;
        int dim = x[rows[0]].length;
        double[][] centroids = seed(x, rows, k, rng);
        int[] assignment = new int[m];
        int[] sizes = new int[k];
        assign(x, rows, centroids, assignment);
        int iterations = 0;
        boolean changed = true;
        while (changed && iterations < maxIterations) {
            update(x, rows, assignment, centroids, sizes, dim);
            iterations++;
            changed = assign(x, rows, centroids, assignment);
        }
        if (changed) {                 // iteration cap reached: make the centres the means of the final assignment
            update(x, rows, assignment, centroids, sizes, dim);
        }
        Arrays.fill(sizes, 0);
        for (int a : assignment) {
            sizes[a]++;
        }
        return new Result(centroids, sizes, assignment, iterations);
    }

    /** k-means++ seeding. */
    static double[][] seed(double[][] x, int[] rows, int k, SplittableRandom rng) {
        int m = rows.length;
        double[][] centroids = new double[k][];
        centroids[0] = x[rows[rng.nextInt(m)]].clone();
        double[] nearest = new double[m];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < m; i++) {
                nearest[i] = Math.min(nearest[i], Inputs.squaredDistance(x[rows[i]], centroids[c - 1]));
                total += nearest[i];
            }
            int pick = 0;
            if (total > 0) {
                double target = rng.nextDouble() * total;
                pick = -1;
                for (int i = 0; i < m; i++) {
                    if (nearest[i] > 0) {
                        pick = i;               // the last row with positive weight guards against rounding
                        target -= nearest[i];
                        if (target < 0) {
                            break;
                        }
                    }
                }
            }
            centroids[c] = x[rows[pick]].clone();
        }
        return centroids;
    }

    /** Nearest centre per row (ties to the lower index); returns whether any assignment changed. */
    static boolean assign(double[][] x, int[] rows, double[][] centroids, int[] assignment) {
        boolean changed = false;
        for (int i = 0; i < rows.length; i++) {
            int best = nearest(x[rows[i]], centroids);
            if (best != assignment[i]) {
                changed = true;
                assignment[i] = best;
            }
        }
        return changed;
    }

    static int nearest(double[] point, double[][] centroids) {
        int best = 0;
        double bestDistance = Inputs.squaredDistance(point, centroids[0]);
        for (int c = 1; c < centroids.length; c++) {
            double d = Inputs.squaredDistance(point, centroids[c]);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    private static void update(double[][] x, int[] rows, int[] assignment, double[][] centroids, int[] sizes, int dim) {
        Arrays.fill(sizes, 0);
        for (int a : assignment) {
            sizes[a]++;
        }
        for (int c = 0; c < centroids.length; c++) {
            if (sizes[c] > 0) {
                Arrays.fill(centroids[c], 0.0);
            }
        }
        for (int i = 0; i < rows.length; i++) {
            double[] row = x[rows[i]];
            double[] centre = centroids[assignment[i]];
            for (int j = 0; j < dim; j++) {
                centre[j] += row[j];
            }
        }
        for (int c = 0; c < centroids.length; c++) {
            if (sizes[c] > 0) {
                for (int j = 0; j < dim; j++) {
                    centroids[c][j] /= sizes[c];
                }
            }
        }
    }
}
