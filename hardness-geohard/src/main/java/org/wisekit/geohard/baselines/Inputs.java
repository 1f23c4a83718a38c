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
        if (embeddings == null) {
            throw new IllegalArgumentException("embeddings: null");
        }
        if (labels == null) {
            throw new IllegalArgumentException("labels: null");
        }
        int n = embeddings.length;
        if (labels.length != n) {
            throw new IllegalArgumentException("labels: length " + labels.length + " but " + n + " embedding rows");
        }
        if (n == 0) {
            throw new IllegalArgumentException("embeddings: no rows");
        }
        int dim = -1;
        for (int i = 0; i < n; i++) {
            double[] row = embeddings[i];
            if (row == null) {
                throw new IllegalArgumentException("embeddings[" + i + "]: null");
            }
            if (dim < 0) {
                dim = row.length;
                if (dim == 0) {
                    throw new IllegalArgumentException("embeddings[0]: length 0 (need at least one dimension)");
                }
            } else if (row.length != dim) {
                throw new IllegalArgumentException("embeddings[" + i + "]: length " + row.length + " but row 0 has " + dim);
            }
            for (int j = 0; j < dim; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException("embeddings[" + i + "][" + j + "]: " + row[j] + " (must be finite)");
                }
            }
        }
        int classes = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("labels[" + i + "]: " + labels[i] + " (must be >= 0)");
            }
            classes = Math.max(classes, labels[i] + 1);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("labels: " + classes + " class (need at least 2, labelled 0..K-1)");
        }
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        for (int c = 0; c < classes; c++) {
            if (counts[c] < 2) {
                throw new IllegalArgumentException("labels: class " + c + " has " + counts[c]
                        + " member(s) (every class 0.." + (classes - 1) + " needs at least 2)");
            }
        }
        return classes;
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
