package org.wisekit.ddescent.internal;

import java.util.List;
import java.util.Objects;

/**
 * Argument checks shared by the public entry points. Every failure is an {@link IllegalArgumentException}
 * whose message names the parameter and the offending value. Not API.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Checks that a value is finite.
     *
     * @param name the parameter name used in the message
     * @param value the value
     * @return the value
     */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
        return value;
    }

    /**
     * Checks that a value is finite and strictly positive.
     *
     * @param name the parameter name used in the message
     * @param value the value
     * @return the value
     */
    public static double positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
        return value;
    }

    /**
     * Checks that a value is finite and not negative.
     *
     * @param name the parameter name used in the message
     * @param value the value
     * @return the value
     */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
        return value;
    }

    /**
     * Checks that an array is non-null and holds only finite values.
     *
     * @param name the parameter name used in the message
     * @param values the values
     * @return the array
     */
    public static double[] finite(String name, double[] values) {
        Objects.requireNonNull(values, name);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + values[i]);
            }
        }
        return values;
    }

    /**
     * Checks a list of times: non-empty, finite, {@code >= 0} and non-decreasing.
     *
     * @param name the parameter name used in the message
     * @param times the times
     * @return the array
     */
    public static double[] times(String name, double[] times) {
        Objects.requireNonNull(times, name);
        if (times.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one time, got none");
        }
        for (int k = 0; k < times.length; k++) {
            double t = times[k];
            if (!(t >= 0) || !Double.isFinite(t)) {
                throw new IllegalArgumentException(name + "[" + k + "] must be finite and >= 0, got " + t);
            }
            if (k > 0 && t < times[k - 1]) {
                throw new IllegalArgumentException(name + " must be non-decreasing, got " + name + "[" + (k - 1)
                        + "] = " + times[k - 1] + " > " + name + "[" + k + "] = " + t);
            }
        }
        return times;
    }

    /**
     * Checks that two lengths agree.
     *
     * @param nameA the first parameter's name
     * @param lengthA the first length
     * @param nameB the second parameter's name
     * @param lengthB the second length
     */
    public static void sameLength(String nameA, int lengthA, String nameB, int lengthB) {
        if (lengthA != lengthB) {
            throw new IllegalArgumentException(nameA + " (length " + lengthA + ") and " + nameB + " (length "
                    + lengthB + ") must have the same length");
        }
    }

    /**
     * Checks that a list is non-null, non-empty and has no null element.
     *
     * @param name the parameter name used in the message
     * @param list the list
     * @param <T> the element type
     * @return an immutable copy
     */
    public static <T> List<T> nonEmpty(String name, List<T> list) {
        Objects.requireNonNull(list, name);
        if (list.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new IllegalArgumentException(name + "[" + i + "] must not be null");
            }
        }
        return List.copyOf(list);
    }

    /**
     * Checks a rectangular matrix of finite values.
     *
     * @param name the parameter name used in the message
     * @param m the matrix
     * @param rows expected rows, or -1 for any
     * @param cols expected columns, or -1 for any
     * @return the matrix
     */
    public static double[][] matrix(String name, double[][] m, int rows, int cols) {
        Objects.requireNonNull(m, name);
        if (m.length == 0 || (rows >= 0 && m.length != rows)) {
            throw new IllegalArgumentException(name + " must have " + (rows >= 0 ? rows : "at least 1")
                    + " rows, got " + m.length);
        }
        int c = cols >= 0 ? cols : (m[0] == null ? 0 : m[0].length);
        if (c == 0) {
            throw new IllegalArgumentException(name + " must have at least 1 column, got 0");
        }
        for (int i = 0; i < m.length; i++) {
            if (m[i] == null || m[i].length != c) {
                throw new IllegalArgumentException(name + " row " + i + " must have " + c + " columns, got "
                        + (m[i] == null ? "null" : m[i].length));
            }
            for (int j = 0; j < c; j++) {
                if (!Double.isFinite(m[i][j])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] must be finite, got "
                            + m[i][j]);
                }
            }
        }
        return m;
    }
}
