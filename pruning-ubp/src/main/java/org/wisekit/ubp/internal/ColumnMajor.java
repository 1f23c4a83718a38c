package org.wisekit.ubp.internal;

import org.wisekit.ubp.BlockSelection;
import org.wisekit.ubp.ScoreMatrix;

/**
 * The selectors work on the scores column by column (index {@code c * rows + r}), where the blocks of one
 * input channel are consecutive; these helpers convert to and from that layout.
 */
public final class ColumnMajor {

    private ColumnMajor() {
    }

    /** The scores in column-major order. */
    public static float[] scores(ScoreMatrix scores) {
        int rows = scores.rows();
        int cols = scores.cols();
        float[] rowMajor = scores.values();
        float[] out = new float[rowMajor.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = rowMajor[r * cols + c];
            }
        }
        return out;
    }

    /** A selection from column-major block start positions. */
    public static BlockSelection fromStarts(int rows, int cols, int blockSize, int[] starts) {
        int[] startRows = new int[starts.length];
        int[] columns = new int[starts.length];
        for (int i = 0; i < starts.length; i++) {
            startRows[i] = starts[i] % rows;
            columns[i] = starts[i] / rows;
        }
        return new BlockSelection(rows, cols, blockSize, startRows, columns);
    }

    /**
     * Divides every maximal run of kept rows of each column into blocks of V from the run's first row.
     *
     * @throws IllegalStateException when a run's length is not a multiple of V (a selector bug)
     */
    public static BlockSelection fromKeptRuns(int rows, int cols, int blockSize, boolean[] kept) {
        int count = 0;
        for (boolean k : kept) {
            count += k ? 1 : 0;
        }
        int[] starts = new int[count / blockSize];
        int n = 0;
        for (int c = 0; c < cols; c++) {
            int r = 0;
            while (r < rows) {
                if (!kept[c * rows + r]) {
                    r++;
                    continue;
                }
                int runStart = r;
                while (r < rows && kept[c * rows + r]) {
                    r++;
                }
                if ((r - runStart) % blockSize != 0) {
                    throw new IllegalStateException("run of " + (r - runStart) + " kept rows at column " + c
                            + " is not a multiple of V = " + blockSize);
                }
                for (int s = runStart; s < r; s += blockSize) {
                    starts[n++] = c * rows + s;
                }
            }
        }
        return fromStarts(rows, cols, blockSize, starts);
    }
}
