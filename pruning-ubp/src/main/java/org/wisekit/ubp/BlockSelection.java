package org.wisekit.ubp;

import java.util.Arrays;

/**
 * A set of kept blocks in a {@code rows x cols} weight matrix: block {@code i} covers the
 * {@code blockSize} consecutive output channels {@code startRows[i] .. startRows[i] + blockSize - 1} of
 * input channel {@code columns[i]}. Every other weight is pruned.
 *
 * <p>The constructor checks that every block lies inside the matrix and that no two blocks of a column
 * overlap, and stores the blocks in stream order (by start row, then column: the order of the packed
 * kernels). Unstructured and N:M selections are selections of 1 x 1 blocks. Instances are immutable:
 * the arrays are copied in and out.
 *
 * @param rows      output channels Co
 * @param cols      input channels Ci
 * @param blockSize V, at least 1 and at most rows
 * @param startRows first output channel of each block, in [0, rows - V]
 * @param columns   input channel of each block, in [0, cols)
 */
public record BlockSelection(int rows, int cols, int blockSize, int[] startRows, int[] columns) {

    public BlockSelection {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix must be at least 1 x 1, got " + rows + " x " + cols);
        }
        if (blockSize < 1 || blockSize > rows) {
            throw new IllegalArgumentException("block size V must be in [1, rows = " + rows + "], got " + blockSize);
        }
        if (startRows == null || columns == null || startRows.length != columns.length) {
            throw new IllegalArgumentException("startRows and columns must have the same length, got "
                    + (startRows == null ? "null" : startRows.length) + " and "
                    + (columns == null ? "null" : columns.length));
        }
        long[] keys = new long[startRows.length];
        for (int i = 0; i < keys.length; i++) {
            int r = startRows[i];
            int c = columns[i];
            if (r < 0 || r > rows - blockSize || c < 0 || c >= cols) {
                throw new IllegalArgumentException("block " + i + " at row " + r + ", column " + c
                        + " does not fit a " + rows + " x " + cols + " matrix with V = " + blockSize);
            }
            keys[i] = (long) r * cols + c;
        }
        Arrays.sort(keys);
        startRows = new int[keys.length];
        columns = new int[keys.length];
        // In stream order a block overlaps an earlier one of its column iff it starts before that one ends.
        int[] freeFrom = new int[cols];
        for (int i = 0; i < keys.length; i++) {
            int r = (int) (keys[i] / cols);
            int c = (int) (keys[i] % cols);
            if (r < freeFrom[c]) {
                throw new IllegalArgumentException("block at row " + r + ", column " + c
                        + " overlaps the block of the same column that ends at row " + (freeFrom[c] - 1));
            }
            freeFrom[c] = r + blockSize;
            startRows[i] = r;
            columns[i] = c;
        }
    }

    /** The kept weights of a boolean mask ({@code mask[r * cols + c]}) as 1 x 1 blocks. */
    public static BlockSelection ofMask(int rows, int cols, boolean[] mask) {
        if (mask == null || mask.length != (long) rows * cols) {
            throw new IllegalArgumentException("mask must hold rows * cols = " + (long) rows * cols + " values, got "
                    + (mask == null ? "null" : mask.length));
        }
        int kept = 0;
        for (boolean m : mask) {
            kept += m ? 1 : 0;
        }
        int[] r = new int[kept];
        int[] c = new int[kept];
        for (int i = 0, k = 0; i < mask.length; i++) {
            if (mask[i]) {
                r[k] = i / cols;
                c[k++] = i % cols;
            }
        }
        return new BlockSelection(rows, cols, 1, r, c);
    }

    /** A copy of the start rows, in stream order. */
    @Override
    public int[] startRows() {
        return startRows.clone();
    }

    /** A copy of the columns, in stream order. */
    @Override
    public int[] columns() {
        return columns.clone();
    }

    /** Start row of block {@code i} (stream order). */
    public int startRow(int i) {
        return startRows[i];
    }

    /** Column of block {@code i} (stream order). */
    public int column(int i) {
        return columns[i];
    }

    /** The number of blocks. */
    public int count() {
        return startRows.length;
    }

    /** The number of kept weights: count * V. */
    public long keptWeights() {
        return (long) startRows.length * blockSize;
    }

    /** The fraction of weights pruned. */
    public double sparsity() {
        return 1 - (double) keptWeights() / ((long) rows * cols);
    }

    /** Whether every block starts at a multiple of V (an ABP selection). */
    public boolean isAligned() {
        for (int r : startRows) {
            if (r % blockSize != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code mask[r * cols + c]} is true for every kept weight. */
    public boolean[] mask() {
        boolean[] mask = new boolean[rows * cols];
        for (int i = 0; i < startRows.length; i++) {
            for (int j = 0; j < blockSize; j++) {
                mask[(startRows[i] + j) * cols + columns[i]] = true;
            }
        }
        return mask;
    }

    /** Zeroes every pruned weight of the row-major {@code rows x cols} matrix, in place. */
    public void applyTo(float[] weights) {
        if (weights == null || weights.length != (long) rows * cols) {
            throw new IllegalArgumentException("weights must hold rows * cols = " + (long) rows * cols + " values, got "
                    + (weights == null ? "null" : weights.length));
        }
        boolean[] mask = mask();
        for (int i = 0; i < weights.length; i++) {
            if (!mask[i]) {
                weights[i] = 0f;
            }
        }
    }

    /** The sum of the scores of the kept weights. */
    public double keptScore(ScoreMatrix scores) {
        checkShape(scores);
        float[] s = scores.values();
        double sum = 0;
        for (int i = 0; i < startRows.length; i++) {
            for (int j = 0; j < blockSize; j++) {
                sum += s[(startRows[i] + j) * cols + columns[i]];
            }
        }
        return sum;
    }

    /** Kept score over total score, in [0, 1] (1 for an all-zero score matrix). */
    public double keptScoreRatio(ScoreMatrix scores) {
        double total = scores.total();
        return total == 0 ? 1 : keptScore(scores) / total;
    }

    private void checkShape(ScoreMatrix scores) {
        if (scores.rows() != rows || scores.cols() != cols) {
            throw new IllegalArgumentException("scores are " + scores.rows() + " x " + scores.cols()
                    + " but the selection is " + rows + " x " + cols);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockSelection s && s.rows == rows && s.cols == cols && s.blockSize == blockSize
                && Arrays.equals(s.startRows, startRows) && Arrays.equals(s.columns, columns);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * rows + cols) + blockSize) + 31 * Arrays.hashCode(startRows) + Arrays.hashCode(columns);
    }

    @Override
    public String toString() {
        return "BlockSelection[" + rows + " x " + cols + ", V = " + blockSize + ", " + count() + " blocks]";
    }
}
