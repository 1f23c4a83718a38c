package org.wisekit.datasets;

/** Checks shared by the labelled-data records. */
final class Labels {

    private Labels() {
    }

    static void checkRange(int[] labels, int classCount) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classCount) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is outside [0, "
                        + classCount + ")");
            }
        }
    }
}
