package org.wisekit.ubp;

import org.wisekit.ubp.internal.TopK;

/**
 * Unstructured magnitude pruning: keeps the B V highest-scoring single weights (ties: smaller row, then
 * smaller column), as 1 x 1 blocks. Its kept score bounds every block selector's from above.
 */
public final class UnstructuredSelector implements BlockSelector {

    @Override
    public BlockSelection select(ScoreMatrix scores, Budget budget) {
        budget.checkFits(scores.rows(), scores.cols());
        int cols = scores.cols();
        int[] kept = TopK.largest(scores.values(), (int) budget.keptWeights());
        int[] startRows = new int[kept.length];
        int[] columns = new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            startRows[i] = kept[i] / cols;
            columns[i] = kept[i] % cols;
        }
        return new BlockSelection(scores.rows(), cols, 1, startRows, columns);
    }
}
