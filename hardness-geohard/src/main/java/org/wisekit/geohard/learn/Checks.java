package org.wisekit.geohard.learn;

/** Argument checks shared by the learners. */
final class Checks {

    private Checks() {
    }

    /** Labels of {@code rows} rows, each in {@code [0, classes)}; {@code classes >= 2}. */
    static void labels(int[] labels, int rows, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("classes: " + classes + " (must be >= 2)");
        }
        if (labels == null) {
            throw new IllegalArgumentException("labels: null");
        }
        if (labels.length != rows) {
            throw new IllegalArgumentException("labels: length " + labels.length + " but " + rows + " rows");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels[" + i + "]: " + labels[i] + " (must be in [0, " + classes + "))");
            }
        }
    }

    static void features(SparseFeatures x, String name) {
        if (x == null) {
            throw new IllegalArgumentException(name + ": null");
        }
    }

    /** Index of the largest entry; ties go to the lowest index. */
    static int argmax(double[] v) {
        int best = 0;
        for (int c = 1; c < v.length; c++) {
            if (v[c] > v[best]) {
                best = c;
            }
        }
        return best;
    }

    /** In place: {@code v} becomes softmax(v); entries of -infinity become 0. */
    static void softmax(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            max = Math.max(max, d);
        }
        double sum = 0;
        for (int c = 0; c < v.length; c++) {
            v[c] = Math.exp(v[c] - max);
            sum += v[c];
        }
        for (int c = 0; c < v.length; c++) {
            v[c] /= sum;
        }
    }
}
