package org.wisekit.calib;

/**
 * Predicted class probabilities, one row of {@code classes} values per input. Every value lies in [0, 1]
 * and every row sums to 1 (within {@value #ROW_SUM_TOLERANCE}). The array is shared, not copied.
 *
 * @param classes number of classes K
 * @param values  row-major probabilities, {@code values[i * classes + k]}
 */
public record Probabilities(int classes, double[] values) {

    /** How far a row's sum may be from 1 (rounding in a softmax of 1000 classes stays far below). */
    public static final double ROW_SUM_TOLERANCE = 1e-6;

    public Probabilities {
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, got " + classes);
        }
        if (values == null || values.length % classes != 0) {
            throw new IllegalArgumentException("values must hold whole rows of " + classes + " classes");
        }
        for (int row = 0; row < values.length / classes; row++) {
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                double p = values[row * classes + k];
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("probability " + k + " of row " + row + " is " + p
                            + ", outside [0, 1]");
                }
                sum += p;
            }
            if (!(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) {
                throw new IllegalArgumentException("row " + row + " sums to " + sum + ", not 1");
            }
        }
    }

    /** Number of rows. */
    public int size() {
        return values.length / classes;
    }

    /** Probability of class {@code k} for row {@code row}. */
    public double get(int row, int k) {
        return values[row * classes + k];
    }

    /** The predicted class of {@code row}: the first index of the largest probability. */
    public int prediction(int row) {
        int base = row * classes;
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (values[base + k] > values[base + best]) {
                best = k;
            }
        }
        return best;
    }

    /** The confidence of {@code row}: its largest probability. */
    public double confidence(int row) {
        return values[row * classes + prediction(row)];
    }
}
