package org.wisekit.geohard.baselines;

/**
 * Silhouette per class, reported as hardness: minus the class's mean silhouette, so higher means harder.
 *
 * <p>For instance i of class c, with Euclidean distances: a(i) is the mean distance to the other members of c,
 * b(i) is the smallest, over the other classes, of the mean distance to that class's members, and
 * s(i) = (b(i) - a(i)) / max(a(i), b(i)) (taken as 0 when both are 0, i.e. duplicate points only). s lies in
 * [-1, 1]; the value returned for class c is minus the mean of s over its members, in [-1, 1]. Brute force:
 * O(n squared times E) time, O(K) extra memory per instance.
 */
public final class Silhouette {

    private Silhouette() {
    }

    /**
     * Minus the mean silhouette per class.
     *
     * @param embeddings n rows of equal length, all values finite
     * @param labels     one label per row in {@code 0..K-1}, {@code K >= 2}, every class with at least 2 members
     * @return per class c (index {@code 0..K-1}) minus the mean silhouette of its members (higher = harder)
     * @throws IllegalArgumentException naming the parameter and the value when an argument is invalid
     */
    public static double[] perClass(double[][] embeddings, int[] labels) {
        int classes = Inputs.check(embeddings, labels);
        int n = embeddings.length;
        int[] counts = Inputs.counts(labels, classes);
        double[] sums = new double[classes];
        double[] toClass = new double[classes];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(toClass, 0.0);
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    toClass[labels[j]] += Math.sqrt(Inputs.squaredDistance(embeddings[i], embeddings[j]));
                }
            }
            int own = labels[i];
            double a = toClass[own] / (counts[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                if (c != own) {
                    b = Math.min(b, toClass[c] / counts[c]);
                }
            }
            double max = Math.max(a, b);
            sums[own] += max == 0 ? 0.0 : (b - a) / max;
        }
        double[] result = new double[classes];
        for (int c = 0; c < classes; c++) {
            result[c] = -sums[c] / counts[c];
        }
        return result;
    }
}
