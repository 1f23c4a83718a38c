package org.wisekit.lutmm;

import java.util.Arrays;

/**
 * Learns one codebook's balanced depth-4 hash tree on its input slice (the reference code's
 * {@code learn_multisplits}): level by level, the 4 slice columns with the largest SSE summed over the
 * current buckets are tried; for each, every bucket gets its optimal threshold ({@link SplitSearch}); the
 * column with the lowest total SSE wins and every bucket is split on it (rows with {@code x > v} go to
 * child {@code 2i + 1}, the others to {@code 2i}). The leaves' means are the initial prototypes.
 */
final class HashTreeLearner {

    static final int LEVELS = 4;
    static final int LEAVES = 16;
    private static final int TRY_DIMS = 4;

    /** A learned tree: split column per level, threshold per node (NaN: no split) and the 16 leaf means over the slice. */
    record Tree(int[] dims, float[][] thresholds, float[][] leafMeans) {
    }

    private HashTreeLearner() {
    }

    static Tree learn(float[] x, int n, int d, int start, int width) {
        int[][] buckets = {identity(n)};
        int[] counts = {n};
        int[] dims = new int[LEVELS];
        float[][] thresholds = new float[LEVELS][LEAVES];
        for (float[] level : thresholds) {
            Arrays.fill(level, Float.NaN);
        }
        for (int t = 0; t < LEVELS; t++) {
            int[] candidates = largestSseColumns(x, d, buckets, counts, start, width);
            double bestLoss = Double.POSITIVE_INFINITY;
            int bestDim = candidates[0];
            float[] bestThresholds = null;
            for (int dim : candidates) {
                double loss = 0;
                float[] vs = new float[buckets.length];
                for (int b = 0; b < buckets.length; b++) {
                    SplitSearch.Split s = SplitSearch.optimal(x, d, buckets[b], counts[b], start, width, dim);
                    vs[b] = s.threshold();
                    loss += s.loss();

                }
                if (loss < bestLoss) {
                    bestLoss = loss;
                    bestDim = dim;
                    bestThresholds = vs;
                }
            }
            dims[t] = bestDim;
            System.arraycopy(bestThresholds, 0, thresholds[t], 0, buckets.length);
            int[][] next = new int[2 * buckets.length][];
            int[] nextCounts = new int[2 * buckets.length];
            for (int b = 0; b < buckets.length; b++) {
                split(x, d, bestDim, bestThresholds[b], buckets[b], counts[b], next, nextCounts, b);
            }
            buckets = next;
            counts = nextCounts;
        }
        float[][] means = new float[LEAVES][width];
        for (int k = 0; k < LEAVES; k++) {
            for (int r = 0; r < counts[k]; r++) {
                int row = buckets[k][r] * d + start;
                for (int j = 0; j < width; j++) {
                    means[k][j] += x[row + j];
                }
            }
            for (int j = 0; j < width && counts[k] > 0; j++) {
                means[k][j] /= counts[k];
            }
        }
        return new Tree(dims, thresholds, means);
    }

    /** Rows with {@code x[dim] > v} go right; a NaN threshold sends every row left (an empty right sibling). */
    private static void split(float[] x, int d, int dim, float v, int[] rows, int count, int[][] next,
                              int[] nextCounts, int b) {
        int[] left = new int[count];
        int[] right = new int[count];
        int nl = 0;
        int nr = 0;
        for (int r = 0; r < count; r++) {
            if (x[rows[r] * d + dim] > v) {
                right[nr++] = rows[r];
            } else {
                left[nl++] = rows[r];
            }
        }
        next[2 * b] = left;
        nextCounts[2 * b] = nl;
        next[2 * b + 1] = right;
        nextCounts[2 * b + 1] = nr;
    }

    /** The (up to) 4 slice columns with the largest SSE summed over the buckets, largest first, ties to the lower column. */
    static int[] largestSseColumns(float[] x, int d, int[][] buckets, int[] counts, int start, int width) {
        double[] loss = new double[width];
        for (int b = 0; b < buckets.length; b++) {
            for (int j = 0; j < width; j++) {
                loss[j] += SplitSearch.columnSse(x, d, buckets[b], counts[b], start + j);
            }
        }
        int take = Math.min(TRY_DIMS, width);
        int[] out = new int[take];
        boolean[] used = new boolean[width];
        for (int p = 0; p < take; p++) {
            int best = -1;
            for (int j = 0; j < width; j++) {
                if (!used[j] && (best < 0 || loss[j] > loss[best])) {
                    best = j;
                }
            }
            used[best] = true;
            out[p] = start + best;
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
