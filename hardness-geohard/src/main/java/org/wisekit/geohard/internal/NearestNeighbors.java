package org.wisekit.geohard.internal;

import org.wisekit.tensor.Gemm;

/**
 * Exact k-nearest neighbours by brute force under the Euclidean distance, as UMAP's graph needs them: row i lists
 * i itself first (distance 0), then its {@code k - 1} nearest other rows in increasing order of
 * {@code (distance, index)}, so ties go to the lower index.
 *
 * <p>The search is exact and its result does not depend on how it is computed. Candidates come from the Gram
 * matrix of the centred rows in float32 (the shared {@link Gemm}, its upper triangle in blocks of 256 rows, each
 * pair computed once and offered to both rows): {@code d2 ~ |c_i|^2 + |c_j|^2 - 2 c_i . c_j}. Each row keeps its
 * {@code 2(k - 1) + 8} best candidates; a
 * rigorous bound {@code eps_i} on the error of that approximation (float rounding of the inputs and of the dot
 * products, double rounding of the centring and of the exact distances) proves that the true neighbours are among
 * them when the worst kept candidate exceeds the {@code (k - 1)}-th by more than {@code 2 eps_i}; otherwise
 * (many near-ties, duplicates, huge offsets) that row is scanned exactly. The kept candidates' distances are
 * then recomputed in double as {@code sqrt(sum_d (x_id - x_jd)^2)} (d in increasing order) on the input rows and
 * ranked, so indices and distances equal those of the obvious O(n^2 E) double-precision loop bit for bit, for
 * every GEMM path and thread count.
 */
public final class NearestNeighbors {

    /** Rows of the Gram matrix computed per GEMM call. */
    private static final int BLOCK_ROWS = 256;
    /** float32 unit roundoff. */
    private static final double U32 = 0x1p-24;
    /** float64 unit roundoff, doubled. */
    private static final double U64X2 = 0x1p-52;

    private NearestNeighbors() {
    }

    /**
     * Neighbour lists, row-major: entries {@code [i * k, (i + 1) * k)} belong to row i.
     *
     * @param rows      the number of rows n
     * @param k         entries per row, the row itself included
     * @param indices   neighbour indices, the first of row i being i
     * @param distances the matching Euclidean distances, non-decreasing along a row
     */
    public record Knn(int rows, int k, int[] indices, double[] distances) {
    }

    /**
     * The {@code k} nearest neighbours of every row of {@code x} (the row itself included), computing the Gram
     * blocks on {@code threads} threads (the result is the same for every thread count).
     *
     * @param x       n x E finite values, n {@code > k}; not checked here
     * @param k       neighbours per row including itself, {@code >= 2}
     * @param threads GEMM threads, {@code >= 1}
     */
    public static Knn exact(double[][] x, int k, int threads) {
        int n = x.length;
        int dim = x[0].length;
        int keep = k - 1;
        int cap = Math.min(n - 1, 2 * keep + 8);
        double[] mean = new double[dim];
        for (double[] row : x) {
            for (int d = 0; d < dim; d++) {
                mean[d] += row[d];
            }
        }
        for (int d = 0; d < dim; d++) {
            mean[d] /= n;
        }
        // Centred rows rounded to float, row-major (n x dim) and transposed (dim x n) for the GEMM; squared norms
        // of the float rows.
        float[] cr = new float[n * dim];
        float[] ct = new float[dim * n];
        double[] norm2 = new double[n];
        double[] inNorm2 = new double[n];
        double maxNorm = 0;
        double maxInNorm2 = 0;
        for (int i = 0; i < n; i++) {
            double[] row = x[i];
            double s = 0;
            double t = 0;
            for (int d = 0; d < dim; d++) {
                float v = (float) (row[d] - mean[d]);
                cr[i * dim + d] = v;
                ct[d * n + i] = v;
                s += (double) v * v;
                t += row[d] * row[d];
            }
            norm2[i] = s;
            inNorm2[i] = t;
            maxNorm = Math.max(maxNorm, Math.sqrt(s));
            maxInNorm2 = Math.max(maxInNorm2, t);
        }
        // Gram blocks of the upper triangle: rows [i0, i0 + rows) against columns [i0, n); every pair is seen
        // once and offered to both rows' candidate heaps (max-heaps by approximate key, then index).
        double[] heapKey = new double[n * cap];
        int[] heapIndex = new int[n * cap];
        int[] heapSize = new int[n];
        // Each heap's root key once full (+inf before): most offers are rejected by this one contiguous read.
        double[] bound = new double[n];
        java.util.Arrays.fill(bound, Double.POSITIVE_INFINITY);
        int block = Math.min(BLOCK_ROWS, n);
        float[] a = new float[block * dim];
        float[] b = new float[dim * n];
        float[] gram = new float[block * n];
        for (int i0 = 0; i0 < n; i0 += block) {
            int rows = Math.min(block, n - i0);
            int width = n - i0;
            System.arraycopy(cr, i0 * dim, a, 0, rows * dim);
            for (int d = 0; d < dim; d++) {
                System.arraycopy(ct, d * n + i0, b, d * width, width);
            }
            Gemm.multiply(a, b, gram, rows, dim, width, Gemm.defaultPath(), threads);
            for (int r = 0; r < rows; r++) {
                int i = i0 + r;
                double ni = norm2[i];
                int off = r * width - i0;
                for (int j = i + 1; j < n; j++) {
                    double approx = ni + norm2[j] - 2.0 * gram[off + j];
                    if (approx <= bound[i]) {
                        offer(heapKey, heapIndex, heapSize, bound, i, cap, approx, j);
                    }
                    if (approx <= bound[j]) {
                        offer(heapKey, heapIndex, heapSize, bound, j, cap, approx, i);
                    }
                }
            }
        }
        int[] indices = new int[n * k];
        double[] distances = new double[n * k];
        double[] exactKey = new double[Math.max(cap, keep)];
        int[] exactIndex = new int[Math.max(cap, keep)];
        double gramBound = 4.0 * (dim + 4) * U32;
        double doubleBound = 8.0 * dim * U64X2;
        for (int i = 0; i < n; i++) {
            int base = i * cap;
            int size = heapSize[i];
            boolean complete = cap == n - 1;
            if (!complete) {
                // The keep-th smallest approximate key against the largest kept one (the heap's root).
                double worst = heapKey[base];
                System.arraycopy(heapKey, base, exactKey, 0, size);
                java.util.Arrays.sort(exactKey, 0, size);
                double kth = exactKey[keep - 1];
                double ci = Math.sqrt(norm2[i]);
                double eps = gramBound * (ci + maxNorm) * (ci + maxNorm) + doubleBound * (inNorm2[i] + maxInNorm2);
                complete = worst > kth + 2 * eps;
            }
            double[] xi = x[i];
            if (complete) {
                for (int c = 0; c < size; c++) {
                    int j = heapIndex[base + c];
                    exactKey[c] = distance(xi, x[j]);
                    exactIndex[c] = j;
                }
                sortByKeyThenIndex(exactKey, exactIndex, size);
            } else {
                scanExactly(x, i, keep, exactKey, exactIndex);
            }
            int out = i * k;
            indices[out] = i;
            distances[out] = 0;
            for (int c = 0; c < keep; c++) {
                indices[out + 1 + c] = exactIndex[c];
                distances[out + 1 + c] = exactKey[c];
            }
        }
        return new Knn(n, k, indices, distances);
    }

    /**
     * Offers (key, index) to row's max-heap of {@code cap} entries at {@code row * cap}, holding {@code size[row]},
     * and keeps {@code bound[row]} at the root's key once the heap is full.
     */
    private static void offer(double[] keys, int[] idx, int[] size, double[] bound, int row, int cap, double key,
            int index) {
        int base = row * cap;
        int s = size[row];
        if (s < cap) {
            siftUp(keys, idx, base, s, key, index);
            size[row] = ++s;
            if (s == cap) {
                bound[row] = keys[base];
            }
        } else if (less(key, index, keys[base], idx[base])) {
            siftDown(keys, idx, base, s, key, index);
            bound[row] = keys[base];
        }
    }

    /** {@code sqrt(sum_d (a_d - b_d)^2)}, d increasing. */
    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            double diff = a[d] - b[d];
            s += diff * diff;
        }
        return Math.sqrt(s);
    }

    /** The {@code keep} nearest rows to row i by exact distance, into keys/indices sorted; returns keep. */
    private static int scanExactly(double[][] x, int i, int keep, double[] keys, int[] idx) {
        int size = 0;
        double[] xi = x[i];
        for (int j = 0; j < x.length; j++) {
            if (j == i) {
                continue;
            }
            double dist = distance(xi, x[j]);
            if (size < keep) {
                siftUp(keys, idx, 0, size++, dist, j);
            } else if (less(dist, j, keys[0], idx[0])) {
                siftDown(keys, idx, 0, size, dist, j);
            }
        }
        sortByKeyThenIndex(keys, idx, size);
        return size;
    }

    /** Whether (k1, i1) orders before (k2, i2). */
    private static boolean less(double k1, int i1, double k2, int i2) {
        return k1 < k2 || (k1 == k2 && i1 < i2);
    }

    /** Inserts into the max-heap at {@code base} holding {@code size} entries (by key, then index). */
    private static void siftUp(double[] keys, int[] idx, int base, int size, double key, int index) {
        int c = size;
        while (c > 0) {
            int p = (c - 1) >>> 1;
            if (!less(keys[base + p], idx[base + p], key, index)) {
                break;
            }
            keys[base + c] = keys[base + p];
            idx[base + c] = idx[base + p];
            c = p;
        }
        keys[base + c] = key;
        idx[base + c] = index;
    }

    /** Replaces the root of the max-heap at {@code base} holding {@code size} entries and restores the heap. */
    private static void siftDown(double[] keys, int[] idx, int base, int size, double key, int index) {
        int c = 0;
        while (true) {
            int l = 2 * c + 1;
            if (l >= size) {
                break;
            }
            int big = l;
            if (l + 1 < size && less(keys[base + l], idx[base + l], keys[base + l + 1], idx[base + l + 1])) {
                big = l + 1;
            }
            if (!less(key, index, keys[base + big], idx[base + big])) {
                break;
            }
            keys[base + c] = keys[base + big];
            idx[base + c] = idx[base + big];
            c = big;
        }
        keys[base + c] = key;
        idx[base + c] = index;
    }

    /** Insertion sort of the first {@code size} entries by key, then index. */
    private static void sortByKeyThenIndex(double[] keys, int[] idx, int size) {
        for (int a = 1; a < size; a++) {
            double key = keys[a];
            int index = idx[a];
            int b = a - 1;
            while (b >= 0 && less(key, index, keys[b], idx[b])) {
                keys[b + 1] = keys[b];
                idx[b + 1] = idx[b];
                b--;
            }
            keys[b + 1] = key;
            idx[b + 1] = index;
        }
    }
}
