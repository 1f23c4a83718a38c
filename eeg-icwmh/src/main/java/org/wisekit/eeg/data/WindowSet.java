package org.wisekit.eeg.data;

import java.util.Objects;

/**
 * Non-overlapping windows cut from a continuous labelled recording by {@link Windows}, in time order. The arrays
 * are shared, not copied: treat them as read-only.
 *
 * @param data        {@code [windows][channels][length]}
 * @param labels      the label of each window
 * @param starts      the first sample of each window in the recording
 * @param length      samples per window
 * @param mixed       how many of the cut windows held more than one label (kept with their majority label under
 *                    {@link Windows.LabelRule#MAJORITY}, dropped under {@link Windows.LabelRule#PURE_ONLY})
 * @param ties        how many kept windows had a tie for the majority (resolved to the smallest label)
 * @param droppedTail samples at the end of the recording that did not fill a window
 */
public record WindowSet(double[][][] data, int[] labels, int[] starts, int length, int mixed, int ties, int droppedTail) {

    /** Checks that the shapes agree. */
    public WindowSet {
        Objects.requireNonNull(data, "data");
        if (labels.length != data.length || starts.length != data.length) {
            throw new IllegalArgumentException("data has " + data.length + " windows but labels/starts have "
                    + labels.length + "/" + starts.length);
        }
        if (length < 1 || mixed < 0 || ties < 0 || droppedTail < 0) {
            throw new IllegalArgumentException("need length >= 1 and non-negative counts, got length = " + length
                    + ", mixed = " + mixed + ", ties = " + ties + ", droppedTail = " + droppedTail);
        }
    }

    /**
     * The number of windows.
     *
     * @return the count
     */
    public int size() {
        return data.length;
    }
}
