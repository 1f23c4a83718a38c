package org.wisekit.calib;

import java.util.Arrays;

/**
 * A classifier's logits for a set of inputs, one row of {@code classes} values per input, with the true
 * class of each row. Rows of semantic out-of-distribution inputs carry {@link #NO_CLASS}: no class is
 * correct for them, so they count as misclassified whatever is predicted.
 *
 * <p>The arrays are shared, not copied; callers must not change them afterwards. Every logit is finite.
 *
 * @param classes number of classes K (at least 2)
 * @param values  row-major logits, {@code values[i * classes + k]} is logit k of row i
 * @param labels  {@code labels[i]} is the true class of row i in {@code [0, classes)}, or {@link #NO_CLASS}
 */
public record Logits(int classes, double[] values, int[] labels) {

    /** The label of an out-of-distribution row: no class is correct. */
    public static final int NO_CLASS = -1;

    public Logits {
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, got " + classes);
        }
        if (values == null || labels == null) {
            throw new IllegalArgumentException("values and labels must not be null");
        }
        if (values.length != (long) labels.length * classes) {
            throw new IllegalArgumentException("values has " + values.length + " entries, expected "
                    + labels.length + " rows x " + classes + " classes");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("logit " + (i % classes) + " of row " + (i / classes)
                        + " is " + values[i] + "; logits must be finite");
            }
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != NO_CLASS && (labels[i] < 0 || labels[i] >= classes)) {
                throw new IllegalArgumentException("label of row " + i + " is " + labels[i] + ", outside 0.."
                        + (classes - 1) + " (and not NO_CLASS)");
            }
        }
    }

    /** Logits of out-of-distribution inputs: every label is {@link #NO_CLASS}. */
    public static Logits outOfDistribution(int classes, double[] values) {
        int[] labels = new int[classes < 1 ? 0 : values.length / classes];
        Arrays.fill(labels, NO_CLASS);
        return new Logits(classes, values, labels);
    }

    /** No rows. */
    public static Logits empty(int classes) {
        return new Logits(classes, new double[0], new int[0]);
    }

    /** Number of rows. */
    public int size() {
        return labels.length;
    }

    public boolean isEmpty() {
        return labels.length == 0;
    }

    /** Logit {@code k} of row {@code row}. */
    public double logit(int row, int k) {
        return values[row * classes + k];
    }

    /** Whether every row has a class (no {@link #NO_CLASS}). */
    public boolean allLabelled() {
        for (int label : labels) {
            if (label == NO_CLASS) {
                return false;
            }
        }
        return true;
    }

    /** This set's rows followed by {@code other}'s (new arrays). */
    public Logits concat(Logits other) {
        requireSameClasses(other, "other");
        double[] v = Arrays.copyOf(values, values.length + other.values.length);
        System.arraycopy(other.values, 0, v, values.length, other.values.length);
        int[] l = Arrays.copyOf(labels, labels.length + other.labels.length);
        System.arraycopy(other.labels, 0, l, labels.length, other.labels.length);
        return new Logits(classes, v, l);
    }

    /** The rows {@code from} (inclusive) to {@code to} (exclusive), copied. */
    public Logits rows(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("rows " + from + ".." + to + " outside 0.." + size());
        }
        return new Logits(classes, Arrays.copyOfRange(values, from * classes, to * classes),
                Arrays.copyOfRange(labels, from, to));
    }

    /** Throws unless {@code other} has as many classes as this set; {@code name} names it in the message. */
    void requireSameClasses(Logits other, String name) {
        if (other == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (other.classes != classes) {
            throw new IllegalArgumentException(name + " has " + other.classes + " classes, expected " + classes);
        }
    }

    /** Throws unless every row is labelled and the set is not empty; {@code name} names it in the message. */
    void requireLabelled(String name) {
        if (isEmpty()) {
            throw new IllegalArgumentException(name + " has no rows");
        }
        if (!allLabelled()) {
            throw new IllegalArgumentException(name + " holds rows without a class (NO_CLASS); it must be in-distribution");
        }
    }
}
