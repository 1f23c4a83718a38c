package org.wisekit.eeg.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a continuous recording with one label per sample (e.g. UCI EEG Eye State: 14 channels, 14,980 samples at
 * 128 Hz) into non-overlapping windows of {@code length} samples from sample 0, in time order; samples after the
 * last full window are dropped. A window's label is its majority label (ties to the smallest label), or, under
 * {@link LabelRule#PURE_ONLY}, only windows with a single label are kept. Thread-safe (no state).
 *
 * <p>Split such windows with {@link Folds#contiguousBlocks}, never by shuffling: neighbouring windows are
 * correlated in time.
 */
public final class Windows {

    /** How a window gets its label. */
    public enum LabelRule {
        /** The label most of its samples carry; a tie goes to the smallest label. */
        MAJORITY,
        /** Keep only windows whose samples all carry one label. */
        PURE_ONLY
    }

    private Windows() {
    }

    /**
     * Windows labelled by majority.
     *
     * @param signals {@code [channels][samples]}
     * @param labels  one label (at least 0) per sample
     * @param length  samples per window
     * @return the windows
     */
    public static WindowSet cut(double[][] signals, int[] labels, int length) {
        return cut(signals, labels, length, LabelRule.MAJORITY);
    }

    /**
     * Non-overlapping windows of {@code length} samples.
     *
     * @param signals {@code [channels][samples]}, every channel as long as {@code labels}
     * @param labels  one label (at least 0) per sample
     * @param length  samples per window, at most the recording's length
     * @param rule    how windows get their label
     * @return the windows (data copied out of {@code signals})
     * @throws IllegalArgumentException when the shapes disagree, a label is negative or {@code length} is not in
     *                                  {@code [1, samples]}
     */
    public static WindowSet cut(double[][] signals, int[] labels, int length, LabelRule rule) {
        Objects.requireNonNull(signals, "signals");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(rule, "rule");
        if (signals.length == 0) {
            throw new IllegalArgumentException("signals must have at least one channel");
        }
        int n = labels.length;
        for (int c = 0; c < signals.length; c++) {
            if (signals[c].length != n) {
                throw new IllegalArgumentException("channel " + c + " has " + signals[c].length + " samples but there are "
                        + n + " labels");
            }
        }
        if (length < 1 || length > n) {
            throw new IllegalArgumentException("length = " + length + " must be in [1, " + n
                    + "] (the recording has " + n + " samples)");
        }
        int classes = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is negative");
            }
            classes = Math.max(classes, labels[i] + 1);
        }
        int count = n / length;
        int[] votes = new int[classes];
        List<Integer> keep = new ArrayList<>();
        List<Integer> keepLabels = new ArrayList<>();
        int mixed = 0;
        int ties = 0;
        for (int w = 0; w < count; w++) {
            Arrays.fill(votes, 0);
            int start = w * length;
            for (int i = start; i < start + length; i++) {
                votes[labels[i]]++;
            }
            int best = 0;
            int distinct = 0;
            for (int c = 0; c < classes; c++) {
                if (votes[c] > 0) {
                    distinct++;
                }
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            if (distinct > 1) {
                mixed++;
                if (rule == LabelRule.PURE_ONLY) {
                    continue;
                }
                for (int c = best + 1; c < classes; c++) {
                    if (votes[c] == votes[best]) {
                        ties++;
                        break;
                    }
                }
            }
            keep.add(start);
            keepLabels.add(best);
        }
        double[][][] data = new double[keep.size()][signals.length][length];
        int[] starts = new int[keep.size()];
        int[] lab = new int[keep.size()];
        for (int k = 0; k < starts.length; k++) {
            starts[k] = keep.get(k);
            lab[k] = keepLabels.get(k);
            for (int c = 0; c < signals.length; c++) {
                System.arraycopy(signals[c], starts[k], data[k][c], 0, length);
            }
        }
        return new WindowSet(data, lab, starts, length, mixed, ties, n - count * length);
    }
}
