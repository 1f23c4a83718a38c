package org.wisekit.geohard;

/**
 * Per-class mean and population variance of every dimension, accumulated in one streaming pass with Welford's
 * update (numerically stable under a large common offset). Feed rows with {@link #add}, then read
 * {@link #mean}, {@link #variance} and {@link #count}, or pass the statistics to {@link GeoHard#fromStatistics}.
 *
 * <p>Not thread-safe; the row arrays are read, never kept. Rows are trusted here (no NaN check): the
 * {@link GeoHard#compute} entry points validate their input first.
 */
public final class ClassStatistics {

    private final int classes;
    private final int dimensions;
    private final long[] counts;
    private final double[][] means;
    private final double[][] m2;

    /**
     * Empty statistics for {@code classes} classes of {@code dimensions}-dimensional rows.
     *
     * @throws IllegalArgumentException when {@code classes < 1} or {@code dimensions < 1}
     */
    public ClassStatistics(int classes, int dimensions) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be >= 1, got " + dimensions);
        }
        this.classes = classes;
        this.dimensions = dimensions;
        this.counts = new long[classes];
        this.means = new double[classes][dimensions];
        this.m2 = new double[classes][dimensions];
    }

    /** Adds one row of class {@code c} (0-based). */
    public void add(int c, double[] row) {
        checkRow(c, row.length);
        long n = ++counts[c];
        double[] mean = means[c];
        double[] s = m2[c];
        for (int d = 0; d < dimensions; d++) {
            double x = row[d];
            double delta = x - mean[d];
            mean[d] += delta / n;
            s[d] += delta * (x - mean[d]);
        }
    }

    /** Adds one row of class {@code c} (0-based), widened to double. */
    public void add(int c, float[] row) {
        checkRow(c, row.length);
        long n = ++counts[c];
        double[] mean = means[c];
        double[] s = m2[c];
        for (int d = 0; d < dimensions; d++) {
            double x = row[d];
            double delta = x - mean[d];
            mean[d] += delta / n;
            s[d] += delta * (x - mean[d]);
        }
    }

    private void checkRow(int c, int length) {
        if (c < 0 || c >= classes) {
            throw new IllegalArgumentException("class index must be in [0, " + classes + "), got " + c);
        }
        if (length != dimensions) {
            throw new IllegalArgumentException("row length must be " + dimensions + ", got " + length);
        }
    }

    /** The number of classes. */
    public int classes() {
        return classes;
    }

    /** The number of dimensions. */
    public int dimensions() {
        return dimensions;
    }

    /** The number of rows added to class {@code c}. */
    public long count(int c) {
        return counts[c];
    }

    /** The centroid of class {@code c} (a copy; zeros while the class is empty). */
    public double[] mean(int c) {
        return means[c].clone();
    }

    /** The per-dimension population variance (ddof = 0) of class {@code c} (a copy; NaN while empty). */
    public double[] variance(int c) {
        double[] v = new double[dimensions];
        for (int d = 0; d < dimensions; d++) {
            v[d] = m2[c][d] / counts[c];
        }
        return v;
    }
}
