package org.wisekit.ubp.repro;

import java.util.Arrays;

/** What the reproductions share: the citation and small helpers for report tables. */
final class Reporting {

    static final String CITATION = "Hayun Lee, Dongkun Shin: Realizing Unaligned Block-wise Pruning for DNN Acceleration"
            + " on Mobile Devices, arXiv 2407.19644 (2024)";

    private Reporting() {
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
