package org.wisekit.geohard.internal;

/**
 * UMAP's fuzzy simplicial set (McInnes, Healy, Melville 2018, section 3.1; umap-learn 0.5's
 * {@code smooth_knn_dist}, {@code compute_membership_strengths} and {@code fuzzy_simplicial_set}), from exact
 * nearest neighbours.
 *
 * <p>For every row i with neighbour distances {@code d_i1 <= ... <= d_i,k-1} (the row itself, at index 0, left
 * out): {@code rho_i} is the distance to the {@code local_connectivity}-th nearest neighbour at a non-zero
 * distance (interpolated for a fractional value), and {@code sigma_i} solves
 * {@code sum_j exp(-max(0, d_ij - rho_i) / sigma_i) = log2(k)} by umap-learn's bisection (64 steps, stop when
 * within 1e-5; the bracket doubles until it closes), then is floored at 1e-3 times the mean neighbour distance.
 * The directed membership is {@code w_ij = exp(-max(0, d_ij - rho_i) / sigma_i)} (1 where {@code sigma_i} is 0),
 * 0 for the row itself; the symmetric graph is
 * {@code mix * (W + W^T - W o W^T) + (1 - mix) * (W o W^T)} (fuzzy union at mix 1), exact zeros dropped.
 */
public final class FuzzyGraph {

    /** umap-learn's {@code SMOOTH_K_TOLERANCE}. */
    static final double SMOOTH_K_TOLERANCE = 1e-5;
    /** umap-learn's {@code MIN_K_DIST_SCALE}. */
    static final double MIN_K_DIST_SCALE = 1e-3;
    private static final int BISECTION_STEPS = 64;

    private FuzzyGraph() {
    }

    /**
     * A symmetric sparse matrix in compressed rows: row i's entries are {@code [rowStart[i], rowStart[i + 1])},
     * columns increasing.
     *
     * @param rows     the number of rows (and columns)
     * @param rowStart n + 1 offsets
     * @param cols     column of each entry
     * @param values   value of each entry, in (0, 1]
     */
    public record Sparse(int rows, int[] rowStart, int[] cols, double[] values) {

        /** The number of stored entries (both directions of each edge). */
        public int entries() {
            return rowStart[rows];
        }

        /** The largest value (0 when empty). */
        public double max() {
            double m = 0;
            for (int e = 0; e < entries(); e++) {
                m = Math.max(m, values[e]);
            }
            return m;
        }

        /** The same structure without the entries below {@code threshold}. */
        public Sparse dropBelow(double threshold) {
            int[] start = new int[rows + 1];
            int kept = 0;
            for (int i = 0; i < rows; i++) {
                for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                    if (!(values[e] < threshold)) {
                        kept++;
                    }
                }
                start[i + 1] = kept;
            }
            int[] c = new int[kept];
            double[] v = new double[kept];
            int o = 0;
            for (int e = 0; e < entries(); e++) {
                if (!(values[e] < threshold)) {
                    c[o] = cols[e];
                    v[o++] = values[e];
                }
            }
            return new Sparse(rows, start, c, v);
        }
    }

    /**
     * sigma and rho per row, umap-learn's {@code smooth_knn_dist} with bandwidth 1.
     *
     * @param knn               neighbour lists, each row starting with the row itself
     * @param k                 the target size, {@code log2(k)} being the target sum (umap passes n_neighbors)
     * @param localConnectivity neighbours assumed connected, {@code >= 0}
     * @return {@code {sigma, rho}}, each of length n
     */
    public static double[][] smoothKnn(NearestNeighbors.Knn knn, double k, double localConnectivity) {
        int n = knn.rows();
        int width = knn.k();
        double[] dist = knn.distances();
        double target = Math.log(k) / Math.log(2);
        double meanAll = 0;
        for (double v : dist) {
            meanAll += v;
        }
        meanAll /= dist.length;
        double[] sigma = new double[n];
        double[] rho = new double[n];
        int index = (int) Math.floor(localConnectivity);
        double interpolation = localConnectivity - index;
        for (int i = 0; i < n; i++) {
            int base = i * width;
            // Non-zero distances in order (the row's distances are sorted).
            int nonZero = 0;
            int firstNonZero = -1;
            double maxNonZero = 0;
            double rowMean = 0;
            for (int j = 0; j < width; j++) {
                double v = dist[base + j];
                rowMean += v;
                if (v > 0) {
                    if (firstNonZero < 0) {
                        firstNonZero = j;
                    }
                    nonZero++;
                    maxNonZero = Math.max(maxNonZero, v);
                }
            }
            rowMean /= width;
            double r = 0;
            if (nonZero >= localConnectivity) {
                if (index > 0) {
                    int at = base + firstNonZero + index - 1;
                    r = dist[at];
                    if (interpolation > SMOOTH_K_TOLERANCE) {
                        r += interpolation * (dist[at + 1] - dist[at]);
                    }
                } else {
                    r = interpolation * dist[base + firstNonZero];
                }
            } else if (nonZero > 0) {
                r = maxNonZero;
            }
            rho[i] = r;
            double lo = 0;
            double hi = Double.POSITIVE_INFINITY;
            double mid = 1;
            for (int step = 0; step < BISECTION_STEPS; step++) {
                double psum = 0;
                for (int j = 1; j < width; j++) {
                    double d = dist[base + j] - r;
                    psum += d > 0 ? Math.exp(-(d / mid)) : 1.0;
                }
                if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) {
                    break;
                }
                if (psum > target) {
                    hi = mid;
                    mid = (lo + hi) / 2;
                } else {
                    lo = mid;
                    mid = hi == Double.POSITIVE_INFINITY ? mid * 2 : (lo + hi) / 2;
                }
            }
            double floor = MIN_K_DIST_SCALE * (r > 0 ? rowMean : meanAll);
            sigma[i] = Math.max(mid, floor);
        }
        return new double[][] {sigma, rho};
    }

    /**
     * The symmetric fuzzy graph of {@code knn} with the given sigma and rho.
     *
     * @param setOpMixRatio 1 for the fuzzy union, 0 for the fuzzy intersection, in between a mix
     */
    public static Sparse build(NearestNeighbors.Knn knn, double[] sigma, double[] rho, double setOpMixRatio) {
        int n = knn.rows();
        int width = knn.k();
        int[] idx = knn.indices();
        double[] dist = knn.distances();
        // Directed memberships, per row sorted by column (zeros dropped).
        int[] dirStart = new int[n + 1];
        int[] dirCols = new int[n * (width - 1)];
        double[] dirVals = new double[n * (width - 1)];
        int o = 0;
        for (int i = 0; i < n; i++) {
            int rowBegin = o;
            for (int j = 0; j < width; j++) {
                int c = idx[i * width + j];
                if (c == i) {
                    continue;
                }
                double d = dist[i * width + j] - rho[i];
                double v = d <= 0 || sigma[i] == 0 ? 1.0 : Math.exp(-(d / sigma[i]));
                if (v == 0) {
                    continue;
                }
                // Insert keeping the row sorted by column.
                int p = o++;
                while (p > rowBegin && dirCols[p - 1] > c) {
                    dirCols[p] = dirCols[p - 1];
                    dirVals[p] = dirVals[p - 1];
                    p--;
                }
                dirCols[p] = c;
                dirVals[p] = v;
            }
            dirStart[i + 1] = o;
        }
        // Transpose (counting sort by column keeps each transposed row sorted by its new column).
        int[] trStart = new int[n + 1];
        for (int e = 0; e < o; e++) {
            trStart[dirCols[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            trStart[i + 1] += trStart[i];
        }
        int[] fill = trStart.clone();
        int[] trCols = new int[o];
        double[] trVals = new double[o];
        for (int i = 0; i < n; i++) {
            for (int e = dirStart[i]; e < dirStart[i + 1]; e++) {
                int t = fill[dirCols[e]]++;
                trCols[t] = i;
                trVals[t] = dirVals[e];
            }
        }
        // Merge each row of W with the same row of W^T.
        int[] start = new int[n + 1];
        int[] cols = new int[2 * o];
        double[] vals = new double[2 * o];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int a = dirStart[i];
            int aEnd = dirStart[i + 1];
            int b = trStart[i];
            int bEnd = trStart[i + 1];
            while (a < aEnd || b < bEnd) {
                int ca = a < aEnd ? dirCols[a] : Integer.MAX_VALUE;
                int cb = b < bEnd ? trCols[b] : Integer.MAX_VALUE;
                int c = Math.min(ca, cb);
                double w = ca == c ? dirVals[a++] : 0;
                double wt = cb == c ? trVals[b++] : 0;
                double prod = w * wt;
                double v = setOpMixRatio * (w + wt - prod) + (1.0 - setOpMixRatio) * prod;
                if (v != 0) {
                    cols[m] = c;
                    vals[m++] = v;
                }
            }
            start[i + 1] = m;
        }
        return new Sparse(n, start, java.util.Arrays.copyOf(cols, m), java.util.Arrays.copyOf(vals, m));
    }
}
