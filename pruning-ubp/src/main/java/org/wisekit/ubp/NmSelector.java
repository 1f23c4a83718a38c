package org.wisekit.ubp;

import java.util.Arrays;

/**
 * N:M semi-structured pruning along the input dimension (NVIDIA 2:4 style, sparseml
 * {@code NMPruningMaskCreator}): in every output row, each group of M consecutive input channels keeps
 * its N highest-scoring weights (ties: smaller column). The density is fixed at N / M, so the budget must
 * keep exactly rows * cols * N / M weights, and M must divide the number of columns.
 */
public final class NmSelector implements BlockSelector {

    private final int keep;
    private final int group;

    /**
     * @param keep  N, the weights kept per group, in [1, group]
     * @param group M, the group length
     */
    public NmSelector(int keep, int group) {
        if (group < 1 || keep < 1 || keep > group) {
            throw new IllegalArgumentException("N:M needs 1 <= N <= M, got " + keep + ":" + group);
        }
        this.keep = keep;
        this.group = group;
    }

    /** The 2:4 pattern. */
    public static NmSelector twoOfFour() {
        return new NmSelector(2, 4);
    }

    /** The sparsity this pattern always has: 1 - N / M. */
    public double sparsity() {
        return 1 - (double) keep / group;
    }

    @Override
    public BlockSelection select(ScoreMatrix scores, Budget budget) {
        int rows = scores.rows();
        int cols = scores.cols();
        if (cols % group != 0) {
            throw new IllegalArgumentException(keep + ":" + group + " needs the column count to be a multiple of "
                    + group + ", got " + cols);
        }
        long kept = (long) rows * cols / group * keep;
        if (budget.keptWeights() != kept) {
            throw new IllegalArgumentException(keep + ":" + group + " keeps exactly " + kept + " of " + (long) rows * cols
                    + " weights (sparsity " + sparsity() + "), but the budget keeps " + budget.keptWeights());
        }
        float[] s = scores.values();
        int[] startRows = new int[(int) kept];
        int[] columns = new int[(int) kept];
        boolean[] taken = new boolean[group];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            for (int g = 0; g < cols; g += group) {
                Arrays.fill(taken, false);
                for (int t = 0; t < keep; t++) {
                    int best = -1;
                    for (int j = 0; j < group; j++) {
                        if (!taken[j] && (best < 0 || s[r * cols + g + j] > s[r * cols + g + best])) {
                            best = j;
                        }
                    }
                    taken[best] = true;
                    startRows[n] = r;
                    columns[n++] = g + best;
                }
            }
        }
        return new BlockSelection(rows, cols, 1, startRows, columns);
    }
}
