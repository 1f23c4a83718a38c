package org.wisekit.ubp;

import org.wisekit.ubp.internal.ColumnMajor;
import org.wisekit.ubp.internal.WindowDp;

/**
 * The optimal unaligned selection: the B non-overlapping V x 1 blocks, at any start row, with the
 * largest total score, found by the authors' exact dynamic program ({@code get_unaligned_mask}; see
 * {@link WindowDp}). O(N B) time and N B bits of memory, so it refuses layers above a cell limit
 * (1024 x 1024 at 80 % sparsity, V = 4, would need 5.5e10 cells).
 */
public final class OptimalSelector implements BlockSelector {

    /** Default limit on the DP cells (N + 1)(B + 1): about 75 MB of choice bits and a few seconds. */
    public static final long DEFAULT_MAX_CELLS = 600_000_000L;

    private final long maxCells;

    public OptimalSelector() {
        this(DEFAULT_MAX_CELLS);
    }

    /** @param maxCells the most DP cells, (N + 1)(B + 1), this selector accepts; at least 1 */
    public OptimalSelector(long maxCells) {
        if (maxCells < 1) {
            throw new IllegalArgumentException("maxCells must be >= 1, got " + maxCells);
        }
        this.maxCells = maxCells;
    }

    /** The DP cells (N + 1)(B + 1) a {@code rows x cols} matrix at {@code budget} needs, N = rows cols. */
    public static long cells(int rows, int cols, Budget budget) {
        return WindowDp.cells(rows * cols, budget.blocks());
    }

    /** Whether this selector accepts a {@code rows x cols} matrix at {@code budget}. */
    public boolean isFeasible(int rows, int cols, Budget budget) {
        return cells(rows, cols, budget) <= maxCells;
    }

    @Override
    public BlockSelection select(ScoreMatrix scores, Budget budget) {
        int rows = scores.rows();
        int cols = scores.cols();
        budget.checkFits(rows, cols);
        if (!isFeasible(rows, cols, budget)) {
            throw new IllegalArgumentException("the exact DP needs (N + 1)(B + 1) = " + cells(rows, cols, budget)
                    + " cells for a " + rows + " x " + cols + " matrix with B = " + budget.blocks()
                    + ", more than the limit " + maxCells + "; use bed or greedy");
        }
        int[] starts = WindowDp.solve(ColumnMajor.scores(scores), rows, budget.blockSize(), budget.blocks());
        return ColumnMajor.fromStarts(rows, cols, budget.blockSize(), starts);
    }
}
