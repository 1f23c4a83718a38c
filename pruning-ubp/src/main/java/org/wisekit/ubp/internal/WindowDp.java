package org.wisekit.ubp.internal;

import java.util.Arrays;

/**
 * The exact block-selection dynamic program of the authors' {@code get_unaligned_mask}, in the
 * position-major form.
 *
 * <p>The score matrix is flattened column by column into a sequence a[0..N) of segments (columns) of
 * equal length. A window is {@code width} consecutive positions inside one segment; its score is the sum
 * of its entries. F[p][j], the best total of exactly j non-overlapping windows inside a[0..p), obeys
 * <pre>
 *   F[0][0] = 0,   F[p][j] = max(F[p-1][j], F[p-width][j-1] + g[p-width])
 * </pre>
 * with g[q] the score of the window starting at q (minus infinity where it would cross a segment end,
 * never 0: a zero would let the DP spend budget on a window that does not exist). The answer is
 * F[N][B]; one bit per cell records the choice for back-tracking. Only j in
 * [B - (most windows that fit after p), most windows that fit before p] can lie on an optimal path, so
 * other cells are skipped. Time O(N B), memory (N + 1)(B + 1) bits plus width rows of F.
 */
public final class WindowDp {

    private WindowDp() {
    }

    /** The number of choice bits the DP needs: one per (position, count) cell. */
    public static long cells(int length, int budget) {
        return ((long) length + 1) * (budget + 1);
    }

    /**
     * The start positions, ascending, of {@code budget} non-overlapping windows of {@code width} with
     * the largest total score.
     *
     * @param sequence      the scores, segment after segment; its length is a multiple of {@code segmentLength}
     * @param segmentLength the length of each segment (the matrix rows); windows never cross a segment end
     * @param budget        the number of windows, at most (length / segmentLength) * (segmentLength / width)
     */
    public static int[] solve(float[] sequence, int segmentLength, int width, int budget) {
        int n = sequence.length;
        int segments = n / segmentLength;
        int perSegment = segmentLength / width;
        if (n % segmentLength != 0 || budget > (long) segments * perSegment) {
            throw new IllegalArgumentException("cannot place " + budget + " windows of " + width + " in "
                    + segments + " segments of " + segmentLength);
        }
        if (budget == 0) {
            return new int[0];
        }
        double[] windowScore = windowScores(sequence, segmentLength, width);
        int stride = budget + 1;
        long[] took = new long[(int) ((cells(n, budget) + 63) >>> 6)];
        double[][] ring = new double[width][stride];
        for (double[] row : ring) {
            Arrays.fill(row, Double.NEGATIVE_INFINITY);
        }
        ring[0][0] = 0;
        // Invariant: the ring row of position t holds F[t][j] for j in [lo(t), hi(t)] and -inf elsewhere.
        for (int p = 1; p <= n; p++) {
            double[] cur = ring[p % width];          // holds F[p - width] until overwritten
            double[] prev = ring[(p - 1) % width];   // F[p - 1] (the same row when width is 1)
            int lo = Math.max(0, budget - windowsFrom(p, n, segmentLength, width));
            int hi = Math.min(budget, windowsBefore(p, segmentLength, width));
            int start = p - width;
            double g = start >= 0 ? windowScore[start] : Double.NEGATIVE_INFINITY;
            long bit = (long) p * stride + hi;
            // Descending j reads F[p - width][j - 1] and F[p - 1][j] before this step overwrites them.
            for (int j = hi; j >= lo; j--, bit--) {
                double skip = prev[j];
                double take = j > 0 ? cur[j - 1] + g : Double.NEGATIVE_INFINITY;
                if (take > skip) {
                    cur[j] = take;
                    took[(int) (bit >>> 6)] |= 1L << bit;
                } else {
                    cur[j] = skip;
                }
            }
            // Cells below lo still hold F[p - width] (or F[p - 1] when width is 1): not part of F[p].
            int staleFrom = Math.max(0, budget - windowsFrom(Math.max(0, p - width), n, segmentLength, width));
            for (int j = staleFrom; j < lo; j++) {
                cur[j] = Double.NEGATIVE_INFINITY;
            }
        }
        int[] starts = new int[budget];
        int p = n;
        int j = budget;
        while (j > 0) {
            long bit = (long) p * stride + j;
            if ((took[(int) (bit >>> 6)] & (1L << bit)) != 0) {
                p -= width;
                starts[--j] = p;
            } else {
                p--;
            }
        }
        return starts;
    }

    /** g[q]: the score of the window starting at q, or -inf where it would cross a segment end. */
    private static double[] windowScores(float[] sequence, int segmentLength, int width) {
        double[] g = new double[sequence.length];
        for (int q = 0; q < sequence.length; q++) {
            if (q % segmentLength + width > segmentLength) {
                g[q] = Double.NEGATIVE_INFINITY;
                continue;
            }
            double sum = 0;
            for (int t = 0; t < width; t++) {
                sum += sequence[q + t];
            }
            g[q] = sum;
        }
        return g;
    }

    /** The most windows that fit inside positions [0, p). */
    private static int windowsBefore(int p, int segmentLength, int width) {
        return (p / segmentLength) * (segmentLength / width) + (p % segmentLength) / width;
    }

    /** The most windows that fit inside positions [p, n). */
    private static int windowsFrom(int p, int n, int segmentLength, int width) {
        int full = (n - p) / segmentLength;
        int partial = (n - p) % segmentLength;
        return full * (segmentLength / width) + partial / width;
    }
}
