package org.wisekit.ubp;

/**
 * Chooses which blocks of a weight matrix to keep.
 *
 * <p>Block selectors ({@link AlignedSelector}, {@link OptimalSelector}, {@link GreedySelector},
 * {@link NaiveGreedySelector}, {@link BedSelector}) return exactly {@code budget.blocks()} non-overlapping
 * V x 1 blocks; the weight-level baselines ({@link UnstructuredSelector}, {@link NmSelector}) return
 * {@code budget.keptWeights()} 1 x 1 blocks. Every selector is deterministic (ties are broken by
 * position) and stateless, so instances may be shared between threads.
 */
@FunctionalInterface
public interface BlockSelector {

    /**
     * The blocks to keep.
     *
     * @throws IllegalArgumentException when the budget cannot be met in this matrix (B larger than
     *                                  possible, or a block size the selector does not support)
     */
    BlockSelection select(ScoreMatrix scores, Budget budget);
}
