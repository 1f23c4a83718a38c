package org.wisekit.ubp;

/**
 * Non-negative importance scores of a weight matrix W of {@code rows} output channels by {@code cols}
 * input channels, stored row-major ({@code values[r * cols + c]} scores W[r][c]). The array is shared,
 * not copied: do not change it while a selector reads it.
 *
 * @param rows   output channels Co, at least 1
 * @param cols   input channels Ci (or Ci*kh*kw after im2col), at least 1
 * @param values rows*cols finite scores, each at least 0
 */
public record ScoreMatrix(int rows, int cols, float[] values) {

    public ScoreMatrix {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        }
        if (cols < 1) {
            throw new IllegalArgumentException("cols must be >= 1, got " + cols);
        }
        if (values == null || values.length != (long) rows * cols) {
            throw new IllegalArgumentException("scores must hold rows * cols = " + (long) rows * cols + " values, got "
                    + (values == null ? "null" : values.length));
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("score at row " + i / cols + ", column " + i % cols
                        + " must be finite and >= 0, got " + values[i]);
            }
        }
    }

    /** Scores of the row-major {@code rows x cols} weights under {@code importance}. */
    public static ScoreMatrix of(float[] weights, int rows, int cols, Importance importance) {
        if (weights == null || weights.length != (long) rows * cols) {
            throw new IllegalArgumentException("weights must hold rows * cols = " + (long) rows * cols + " values, got "
                    + (weights == null ? "null" : weights.length));
        }
        float[] scores = new float[weights.length];
        for (int i = 0; i < weights.length; i++) {
            scores[i] = importance.of(weights[i]);
        }
        return new ScoreMatrix(rows, cols, scores);
    }

    /** The score of W[row][col]. */
    public float at(int row, int col) {
        return values[row * cols + col];
    }

    /** The sum of all scores (what keeping every weight would keep). */
    public double total() {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum;
    }
}
