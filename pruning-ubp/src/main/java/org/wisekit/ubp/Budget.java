package org.wisekit.ubp;

/**
 * How many blocks a selector keeps: {@code blocks} blocks of {@code blockSize} consecutive output
 * channels by one input channel. ABP and UBP are always compared at the same budget, so they keep the
 * same number of weights (and cost the same FLOPs); unstructured and N:M selectors keep
 * {@code blocks * blockSize} single weights.
 *
 * @param blockSize V, the block height, at least 1 (the paper uses 2 and 4)
 * @param blocks    B, the number of blocks to keep, at least 0
 */
public record Budget(int blockSize, int blocks) {

    public Budget {
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size V must be >= 1, got " + blockSize);
        }
        if (blocks < 0) {
            throw new IllegalArgumentException("block count B must be >= 0, got " + blocks);
        }
    }

    /**
     * The uniform budget of the authors' code: B = floor(rows * cols * (1 - sparsity) / V), so that the
     * kept density never exceeds {@code 1 - sparsity}.
     *
     * @param sparsity the fraction of weights to remove, in [0, 1)
     */
    public static Budget forSparsity(int rows, int cols, int blockSize, double sparsity) {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1), got " + sparsity);
        }
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix must be at least 1 x 1, got " + rows + " x " + cols);
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size V must be >= 1, got " + blockSize);
        }
        // The epsilon keeps exact products such as 0.2 * 65536 / 4 from rounding down by one.
        long blocks = (long) Math.floor((double) rows * cols * (1 - sparsity) / blockSize + 1e-9);
        Budget budget = new Budget(blockSize, (int) Math.min(blocks, Integer.MAX_VALUE));
        budget.checkFits(rows, cols);
        return budget;
    }

    /** The most V x 1 blocks a {@code rows x cols} matrix can hold without overlap: floor(rows / V) per column. */
    public long maxBlocks(int rows, int cols) {
        return (long) (rows / blockSize) * cols;
    }

    /** Throws when this budget cannot be met in a {@code rows x cols} matrix. */
    public void checkFits(int rows, int cols) {
        if (blocks > maxBlocks(rows, cols)) {
            throw new IllegalArgumentException("budget B = " + blocks + " blocks of V = " + blockSize
                    + " is larger than possible for a " + rows + " x " + cols + " matrix (at most "
                    + maxBlocks(rows, cols) + ")");
        }
    }

    /** The number of weights kept: B * V. */
    public long keptWeights() {
        return (long) blocks * blockSize;
    }
}
