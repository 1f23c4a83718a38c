package org.wisekit.eeg.io;

import java.util.List;
import java.util.Objects;

/**
 * An ARFF table of numeric attributes with one nominal class attribute, as {@link Arff#read} returns it. The arrays
 * are shared, not copied: treat them as read-only.
 *
 * @param relation       the {@code @relation} name
 * @param attributeNames the numeric attributes' names, in file order (the class attribute excluded)
 * @param rows           {@code rows[i][j]} is attribute {@code j} of data row {@code i} (row-major)
 * @param classAttribute the class attribute's name
 * @param classNames     the class attribute's nominal values, in declaration order
 * @param labels         {@code labels[i]} is the index in {@code classNames} of row {@code i}'s class
 */
public record ArffData(String relation, List<String> attributeNames, double[][] rows, String classAttribute,
        List<String> classNames, int[] labels) {

    /** Checks that the shapes agree. */
    public ArffData {
        Objects.requireNonNull(relation, "relation");
        attributeNames = List.copyOf(attributeNames);
        classNames = List.copyOf(classNames);
        Objects.requireNonNull(classAttribute, "classAttribute");
        if (rows.length != labels.length) {
            throw new IllegalArgumentException("rows (" + rows.length + ") and labels (" + labels.length + ") differ in length");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != attributeNames.size()) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected "
                        + attributeNames.size());
            }
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is outside [0, "
                        + classNames.size() + ")");
            }
        }
    }

    /**
     * The number of data rows.
     *
     * @return the count
     */
    public int rowCount() {
        return rows.length;
    }

    /**
     * The number of numeric attributes (the class attribute not counted).
     *
     * @return the count
     */
    public int attributeCount() {
        return attributeNames.size();
    }

    /**
     * The table column-major: {@code columns()[j][i] = rows()[i][j]}; for a recording stored one sample per row this
     * is {@code [channel][sample]}.
     *
     * @return a new array
     */
    public double[][] columns() {
        double[][] out = new double[attributeNames.size()][rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < out.length; j++) {
                out[j][i] = rows[i][j];
            }
        }
        return out;
    }

    /**
     * How many rows each class has.
     *
     * @return {@code counts[c]} for class index {@code c}
     */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
