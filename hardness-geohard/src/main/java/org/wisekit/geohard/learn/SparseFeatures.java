package org.wisekit.geohard.learn;

/**
 * Sparse feature rows: row {@code i} has the non-zero values {@code values[i][j]} at the column indices
 * {@code indices[i][j]}, strictly increasing and in {@code [0, dimension)}. The arrays are shared, not copied.
 *
 * @param indices   per row, the column indices of the stored values (strictly increasing)
 * @param values    per row, the values (finite), the same length as that row's indices
 * @param dimension the number of columns, at least 0
 */
public record SparseFeatures(int[][] indices, double[][] values, int dimension) {

    public SparseFeatures {
        if (indices == null || values == null) {
            throw new IllegalArgumentException("indices/values: null");
        }
        if (indices.length != values.length) {
            throw new IllegalArgumentException("values: " + values.length + " rows but indices has " + indices.length);
        }
        if (dimension < 0) {
            throw new IllegalArgumentException("dimension: " + dimension + " (must be >= 0)");
        }
        for (int i = 0; i < indices.length; i++) {
            int[] idx = indices[i];
            double[] val = values[i];
            if (idx == null || val == null || idx.length != val.length) {
                throw new IllegalArgumentException("row " + i + ": indices and values must be non-null and of equal length");
            }
            for (int j = 0; j < idx.length; j++) {
                if (idx[j] < 0 || idx[j] >= dimension || (j > 0 && idx[j] <= idx[j - 1])) {
                    throw new IllegalArgumentException("indices[" + i + "][" + j + "]: " + idx[j]
                            + " (must be strictly increasing in [0, " + dimension + "))");
                }
                if (!Double.isFinite(val[j])) {
                    throw new IllegalArgumentException("values[" + i + "][" + j + "]: " + val[j] + " (must be finite)");
                }
            }
        }
    }

    /** Number of rows. */
    public int rows() {
        return indices.length;
    }

    /** Row {@code i} as a dense array of length {@link #dimension()}. */
    public double[] dense(int i) {
        double[] row = new double[dimension];
        for (int j = 0; j < indices[i].length; j++) {
            row[indices[i][j]] = values[i][j];
        }
        return row;
    }
}
