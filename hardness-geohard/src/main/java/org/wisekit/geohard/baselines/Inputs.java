package org.wisekit.geohard.baselines;

/** Argument checks and distances shared by the baselines. */
final class Inputs {

    private Inputs() {
    }

    /**
     * Checks embeddings (non-empty, rectangular, finite) and labels (one per row, {@code 0..K-1}, {@code K >= 2},
     * every class with at least two members) and returns K.
     */
    static int check(double[][] embeddings, int[] labels) {
        return check(embeddings, "embeddings", labels, "labels");
    }

    /** {@link #check(double[][], int[])} with the parameters' names for the messages. */
    static int check(double[][] embeddings, String embeddingsName, int[] labels, String labelsName) {
        if (embeddings == null) {
            throw new IllegalArgumentException(embeddingsName + ": null");
        }
        if (labels == null) {
            throw new IllegalArgumentException(labelsName + ": null");
        }
        if (labels.length != embeddings.length) {
            throw new IllegalArgumentException(labelsName + ": length " + labels.length + " but " + embeddings.length
                    + " embedding rows");
        }
        matrix(embeddings, embeddingsName);
        int classes = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException(labelsName + "[" + i + "]: " + labels[i] + " (must be >= 0)");
            }
            classes = Math.max(classes, labels[i] + 1);
        }
        if (classes < 2) {
            throw new IllegalArgumentException(labelsName + ": " + classes
                    + " class (need at least 2, labelled 0..K-1)");
        }
        everyClass(labels, labelsName, classes, 2);
        return classes;
    }

    /**
     * Checks rows that are scored against a model fitted on other rows: non-empty, rectangular, finite, of
     * {@code dimension} columns, with one label per row in {@code [0, classes)} and every class with at least
     * {@code minimumPerClass} rows.
     */
    static void heldOut(double[][] x, String xName, int[] labels, String labelsName, int dimension, int classes,
                        int minimumPerClass) {
        if (x == null) {
            throw new IllegalArgumentException(xName + ": null");
        }
        if (labels == null) {
            throw new IllegalArgumentException(labelsName + ": null");
        }
        if (labels.length != x.length) {
            throw new IllegalArgumentException(labelsName + ": length " + labels.length + " but " + x.length + " "
                    + xName + " rows");
        }
        int dim = matrix(x, xName);
        if (dim != dimension) {
            throw new IllegalArgumentException(xName + "[0]: length " + dim + " but the fitted rows have " + dimension);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(labelsName + "[" + i + "]: " + labels[i] + " (must be in [0, "
                        + classes + "))");
            }
        }
        everyClass(labels, labelsName, classes, minimumPerClass);
    }

    /** Checks a non-empty, rectangular, finite matrix with at least one column and returns its column count. */
    static int matrix(double[][] x, String name) {
        if (x == null) {
            throw new IllegalArgumentException(name + ": null");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(name + ": no rows");
        }
        int dim = -1;
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            if (row == null) {
                throw new IllegalArgumentException(name + "[" + i + "]: null");
            }
            if (dim < 0) {
                dim = row.length;
                if (dim == 0) {
                    throw new IllegalArgumentException(name + "[0]: length 0 (need at least one dimension)");
                }
            } else if (row.length != dim) {
                throw new IllegalArgumentException(name + "[" + i + "]: length " + row.length + " but row 0 has " + dim);
            }
            for (int j = 0; j < dim; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "]: " + row[j] + " (must be finite)");
                }
            }
        }
        return dim;
    }

    private static void everyClass(int[] labels, String name, int classes, int minimum) {
        int[] counts = counts(labels, classes);
        for (int c = 0; c < classes; c++) {
            if (counts[c] < minimum) {
                throw new IllegalArgumentException(name + ": class " + c + " has " + counts[c]
                        + " member(s) (every class 0.." + (classes - 1) + " needs at least " + minimum + ")");
            }
        }
    }

    static int[] counts(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    static double squaredDistance(double[] x, double[] y) {
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            double d = x[j] - y[j];
            sum += d * d;
        }
        return sum;
    }
}
