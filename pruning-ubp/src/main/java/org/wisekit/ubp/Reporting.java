package org.wisekit.ubp;

import java.util.Arrays;
import java.util.Locale;

/** What the reproductions share: the citation and small helpers for report tables. */
final class Reporting {

    static final String CITATION = "Hayun Lee, Dongkun Shin: Realizing Unaligned Block-wise Pruning for DNN Acceleration"
            + " on Mobile Devices, arXiv 2407.19644 (2024)";

    private Reporting() {
    }

    /** {@code value} with {@code decimals} decimals, locale-independent. */
    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** The position of {@code value} in {@code values}. */
    static int indexOf(double[] values, double value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        throw new IllegalArgumentException(value + " is not among " + Arrays.toString(values));
    }
}
