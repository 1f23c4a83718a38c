package org.wisekit.geohard;

/**
 * GeoHard of one class: the intra-class term, the inter-class term and their unweighted sum.
 *
 * @param label   the class label
 * @param n       the number of instances the statistics were computed from (after balancing)
 * @param intra   {@code H_intra}: the L2 norm of the per-dimension population variance of the class's embeddings
 * @param inter   {@code H_inter}: minus the mean L1 distance from this class's centroid to the other centroids
 * @param geoHard {@code H = intra + inter}; higher means harder (expected lower class-wise F1)
 * @param rank    1 for the hardest class (highest {@code geoHard}), K for the easiest; ties keep class order
 */
public record ClassHardness(String label, int n, double intra, double inter, double geoHard, int rank) {

    /** Checks the fields: a non-null label, {@code n >= 2}, finite values, {@code rank >= 1}. */
    public ClassHardness {
        if (label == null) {
            throw new IllegalArgumentException("label must not be null");
        }
        if (n < 2) {
            throw new IllegalArgumentException("n must be >= 2 for class '" + label + "', got " + n);
        }
        if (!Double.isFinite(intra) || !Double.isFinite(inter) || !Double.isFinite(geoHard)) {
            throw new IllegalArgumentException("class '" + label + "': non-finite hardness (intra " + intra
                    + ", inter " + inter + ", geoHard " + geoHard + ")");
        }
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be >= 1, got " + rank);
        }
    }
}
