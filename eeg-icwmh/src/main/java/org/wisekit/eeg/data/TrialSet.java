package org.wisekit.eeg.data;

import java.util.List;
import java.util.Objects;

/**
 * Epochs cut around events: {@code data[trial][channel][sample]} with a class label, the run it came from, the
 * event code and the event onset for every trial. The arrays are shared, not copied: treat them as read-only.
 *
 * @param data       {@code [trials][channels][samples]}, physical values
 * @param labels     the class label of each trial
 * @param runs       the run (recording) id of each trial
 * @param events     the event code (annotation text) of each trial
 * @param onsets     the event onset of each trial, seconds from the start of its recording
 * @param channels   the channel labels, in the order of the channel axis
 * @param sampleRate Hz
 * @param skipped    how many epochs were skipped for not fitting inside their recording
 */
public record TrialSet(double[][][] data, int[] labels, int[] runs, List<String> events, double[] onsets,
        List<String> channels, double sampleRate, int skipped) {

    /** Checks that the shapes agree. */
    public TrialSet {
        Objects.requireNonNull(data, "data");
        events = List.copyOf(events);
        channels = List.copyOf(channels);
        int n = data.length;
        if (labels.length != n || runs.length != n || events.size() != n || onsets.length != n) {
            throw new IllegalArgumentException("data has " + n + " trials but labels/runs/events/onsets have "
                    + labels.length + "/" + runs.length + "/" + events.size() + "/" + onsets.length);
        }
        int samples = n == 0 ? 0 : (data[0].length == 0 ? 0 : data[0][0].length);
        for (int i = 0; i < n; i++) {
            if (data[i].length != channels.size()) {
                throw new IllegalArgumentException("trial " + i + " has " + data[i].length + " channels, expected "
                        + channels.size());
            }
            for (double[] ch : data[i]) {
                if (ch.length != samples) {
                    throw new IllegalArgumentException("trial " + i + " has a channel of " + ch.length
                            + " samples, expected " + samples);
                }
            }
        }
        if (!(sampleRate > 0)) {
            throw new IllegalArgumentException("sampleRate must be > 0, got " + sampleRate);
        }
        if (skipped < 0) {
            throw new IllegalArgumentException("skipped must be >= 0, got " + skipped);
        }
    }

    /**
     * The number of trials.
     *
     * @return the count
     */
    public int size() {
        return data.length;
    }

    /**
     * The number of samples per channel and trial.
     *
     * @return the count (0 when there are no trials)
     */
    public int sampleCount() {
        return data.length == 0 || data[0].length == 0 ? 0 : data[0][0].length;
    }

    /**
     * How many trials each label has.
     *
     * @return {@code counts[c]} for labels {@code 0..max}
     */
    public int[] labelCounts() {
        int max = -1;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        int[] counts = new int[max + 1];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }
}
