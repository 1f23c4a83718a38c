package org.wisekit.eeg.baselines;

/** Argument checks shared by the baselines. */
final class Checks {

    private Checks() {
    }

    /**
     * Checks {@code trials} ({@code [trial][channel][sample]}, rectangular, finite, at least 2 samples) and returns
     * its channel count.
     */
    static int check(double[][][] trials) {
        if (trials == null || trials.length == 0) {
            throw new IllegalArgumentException("trials must hold at least one trial");
        }
        int channels = -1;
        for (int i = 0; i < trials.length; i++) {
            double[][] t = trials[i];
            if (t == null || t.length == 0) {
                throw new IllegalArgumentException("trials[" + i + "] has no channels");
            }
            if (channels < 0) {
                channels = t.length;
            } else if (t.length != channels) {
                throw new IllegalArgumentException("trials[" + i + "] has " + t.length + " channels, trials[0] has "
                        + channels);
            }
            checkTrial(t, channels, "trials[" + i + "]");
        }
        return channels;
    }

    /** Checks one trial of {@code channels} rows of equal length (at least 2), finite values. */
    static void checkTrial(double[][] t, int channels, String where) {
        if (t == null || t.length != channels) {
            throw new IllegalArgumentException(where + " has " + (t == null ? "no" : t.length) + " channels, expected "
                    + channels);
        }
        int samples = t[0] == null ? 0 : t[0].length;
        if (samples < 2) {
            throw new IllegalArgumentException(where + " has " + samples + " samples, need at least 2");
        }
        for (int c = 0; c < channels; c++) {
            if (t[c] == null || t[c].length != samples) {
                throw new IllegalArgumentException(where + "[" + c + "] has " + (t[c] == null ? "no" : t[c].length)
                        + " samples, channel 0 has " + samples);
            }
            for (int s = 0; s < samples; s++) {
                if (!Double.isFinite(t[c][s])) {
                    throw new IllegalArgumentException(where + "[" + c + "][" + s + "] = " + t[c][s] + " is not finite");
                }
            }
        }
    }

    /**
     * Checks {@code labels} against {@code n} rows and returns the number of classes, {@code max + 1}; every class in
     * between must occur.
     */
    static int classes(int[] labels, int n) {
        if (labels == null) {
            throw new IllegalArgumentException("labels must not be null");
        }
        if (labels.length != n) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries for " + n + " rows");
        }
        int max = -1;
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is negative");
            }
            max = Math.max(max, labels[i]);
        }
        int[] counts = new int[max + 1];
        for (int label : labels) {
            counts[label]++;
        }
        for (int k = 0; k <= max; k++) {
            if (counts[k] == 0) {
                throw new IllegalArgumentException("labels has no row of class " + k + " (classes are 0.." + max + ")");
            }
        }
        return max + 1;
    }
}
