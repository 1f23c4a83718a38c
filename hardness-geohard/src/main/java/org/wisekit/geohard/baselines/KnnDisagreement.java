package org.wisekit.geohard.baselines;

import java.util.Arrays;

/**
 * kNN label disagreement per class: for each instance, the fraction of its k nearest neighbours whose label differs
 * from its own; per class, the mean of that fraction over the class's instances. Values lie in [0, 1]; higher means
 * harder (more of the class's neighbourhood belongs to other classes).
 *
 * <p>Neighbours are found by Euclidean distance (compared as squared distances, which gives the same order),
 * excluding the instance itself; among equally distant candidates the lower index comes first, so the result is
 * deterministic. The search is brute force: O(n squared times E) time for n instances of dimension E, O(n) extra
 * memory.
 */
public final class KnnDisagreement {

    private KnnDisagreement() {
    }

    /**
     * Mean kNN disagreement per class.
     *
     * @param embeddings n rows of equal length, all values finite
     * @param labels     one label per row in {@code 0..K-1}, {@code K >= 2}, every class with at least 2 members
     * @param k          number of neighbours, in {@code [1, n-1]}
     * @return per class c (index {@code 0..K-1}) the mean over its instances of the fraction of the k nearest
     *         neighbours with a different label
     * @throws IllegalArgumentException naming the parameter and the value when an argument is invalid
     */
    public static double[] perClass(double[][] embeddings, int[] labels, int k) {
        int classes = Inputs.check(embeddings, labels);
        int n = embeddings.length;
        if (k < 1 || k > n - 1) {
            throw new IllegalArgumentException("k: " + k + " (must be in [1, " + (n - 1) + "])");
        }
        double[] sums = new double[classes];
        double[] distance = new double[n];
        Integer[] order = new Integer[n - 1];
        for (int i = 0; i < n; i++) {
            int m = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    distance[j] = Inputs.squaredDistance(embeddings[i], embeddings[j]);
                    order[m++] = j;
                }
            }
            // Stable sort on distance keeps ascending index order among ties.
            Arrays.sort(order, (a, b) -> Double.compare(distance[a], distance[b]));
            int differ = 0;
            for (int r = 0; r < k; r++) {
                if (labels[order[r]] != labels[i]) {
                    differ++;
                }
            }
            sums[labels[i]] += (double) differ / k;
        }
        int[] counts = Inputs.counts(labels, classes);
        double[] result = new double[classes];
        for (int c = 0; c < classes; c++) {
            result[c] = sums[c] / counts[c];
        }
        return result;
    }
}
