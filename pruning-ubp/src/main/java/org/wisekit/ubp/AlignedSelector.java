package org.wisekit.ubp;

import org.wisekit.ubp.internal.TopK;

/**
 * Aligned block pruning (ABP, the authors' {@code search_aligned}): the rows are cut into aligned groups
 * [kV, kV + V); the B aligned blocks with the largest summed scores are kept (ties: smaller row, then
 * smaller column). Rows past the last full group (when V does not divide Co) are always pruned. O(N).
 */
public final class AlignedSelector implements BlockSelector {

    @Override
    public BlockSelection select(ScoreMatrix scores, Budget budget) {
        int rows = scores.rows();
        int cols = scores.cols();
        int v = budget.blockSize();
        budget.checkFits(rows, cols);
        int groups = rows / v;
        float[] s = scores.values();
        double[] blockScore = new double[groups * cols];
        for (int g = 0; g < groups; g++) {
            for (int c = 0; c < cols; c++) {
                double sum = 0;
                for (int j = 0; j < v; j++) {
                    sum += s[(g * v + j) * cols + c];
                }
                blockScore[g * cols + c] = sum;
            }
        }
        int[] kept = TopK.largest(blockScore, budget.blocks());
        int[] startRows = new int[kept.length];
        int[] columns = new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            startRows[i] = kept[i] / cols * v;
            columns[i] = kept[i] % cols;
        }
        return new BlockSelection(rows, cols, v, startRows, columns);
    }
}
