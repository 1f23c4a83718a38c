package org.wisekit.ubp;

import org.wisekit.ubp.internal.ColumnMajor;

/**
 * The authors' greedy with gap closing as they wrote it: after each pick the column's list of free rows
 * is compacted and all its windows are summed again, and the best column is found by a scan over all
 * columns. O(B (Ci + Co V)). The reference that {@link GreedySelector} is tested against (same picks,
 * same tie-breaking) and the "naive greedy" of the selection-time comparison.
 */
public final class NaiveGreedySelector implements BlockSelector {

    @Override
    public BlockSelection select(ScoreMatrix scores, Budget budget) {
        int rows = scores.rows();
        int cols = scores.cols();
        int v = budget.blockSize();
        budget.checkFits(rows, cols);
        float[] a = ColumnMajor.scores(scores);
        int[][] free = new int[cols][];
        int[] freeCount = new int[cols];
        double[] bestSum = new double[cols];
        int[] bestAt = new int[cols];
        for (int c = 0; c < cols; c++) {
            free[c] = new int[rows];
            for (int r = 0; r < rows; r++) {
                free[c][r] = r;
            }
            freeCount[c] = rows;
            rescan(a, rows, c, free[c], freeCount[c], v, bestSum, bestAt);
        }
        boolean[] kept = new boolean[a.length];
        for (int taken = 0; taken < budget.blocks(); taken++) {
            int column = -1;
            for (int c = 0; c < cols; c++) {
                if (bestAt[c] >= 0 && (column < 0 || bestSum[c] > bestSum[column])) {
                    column = c;
                }
            }
            if (column < 0) {
                throw new IllegalStateException("greedy ran out of windows after " + taken + " of " + budget.blocks());
            }
            int at = bestAt[column];
            int[] list = free[column];
            for (int t = 0; t < v; t++) {
                kept[column * rows + list[at + t]] = true;
            }
            System.arraycopy(list, at + v, list, at, freeCount[column] - at - v);
            freeCount[column] -= v;
            rescan(a, rows, column, list, freeCount[column], v, bestSum, bestAt);
        }
        return ColumnMajor.fromKeptRuns(rows, cols, v, kept);
    }

    /** Sums every window of the column's free list; keeps the first best (smallest start row). */
    private static void rescan(float[] a, int rows, int c, int[] list, int count, int v, double[] bestSum,
                               int[] bestAt) {
        bestAt[c] = -1;
        for (int i = 0; i + v <= count; i++) {
            double sum = 0;
            for (int t = 0; t < v; t++) {
                sum += a[c * rows + list[i + t]];
            }
            if (bestAt[c] < 0 || sum > bestSum[c]) {
                bestSum[c] = sum;
                bestAt[c] = i;
            }
        }
    }
}
