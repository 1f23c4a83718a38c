package org.wisekit.eeg.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Trials} cuts around each event: the annotation texts (event codes) to use and their class labels,
 * the window {@code [onset + tminSeconds, onset + tmaxSeconds)}, the channels, and what to do with an epoch that
 * crosses the start or the end of the recording (an error by default, naming the event; skipped when
 * {@code skipOutOfRange}). Immutable.
 *
 * @param events         event code (annotation text, e.g. {@code T1}) to class label (at least 0); not empty
 * @param tminSeconds    window start relative to the onset
 * @param tmaxSeconds    window end relative to the onset (exclusive), above {@code tminSeconds}
 * @param channels       channel labels to keep, in this order; empty for all data signals in file order
 * @param skipOutOfRange skip (and count) epochs that do not fit inside the recording instead of failing
 */
public record EpochSpec(Map<String, Integer> events, double tminSeconds, double tmaxSeconds, List<String> channels,
        boolean skipOutOfRange) {

    /** Validates the fields (see the class comment). */
    public EpochSpec {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("events must name at least one event code");
        }
        for (Map.Entry<String, Integer> e : events.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("events must map non-empty codes to labels >= 0, got " + events);
            }
        }
        events = Map.copyOf(events);
        if (!Double.isFinite(tminSeconds) || !Double.isFinite(tmaxSeconds) || !(tmaxSeconds > tminSeconds)) {
            throw new IllegalArgumentException("need finite tminSeconds < tmaxSeconds, got tminSeconds = " + tminSeconds
                    + ", tmaxSeconds = " + tmaxSeconds);
        }
        channels = List.copyOf(channels);
    }

    /**
     * A spec over all channels that fails on epochs outside the recording.
     *
     * @param events      event code to class label
     * @param tminSeconds window start relative to the onset
     * @param tmaxSeconds window end relative to the onset (exclusive)
     * @return the spec
     */
    public static EpochSpec of(Map<String, Integer> events, double tminSeconds, double tmaxSeconds) {
        return new EpochSpec(events, tminSeconds, tmaxSeconds, List.of(), false);
    }

    /**
     * This spec with other channels.
     *
     * @param labels channel labels, in the order wanted (empty: all)
     * @return a new spec
     */
    public EpochSpec withChannels(List<String> labels) {
        return new EpochSpec(events, tminSeconds, tmaxSeconds, labels, skipOutOfRange);
    }

    /**
     * This spec, skipping epochs that do not fit inside the recording.
     *
     * @return a new spec
     */
    public EpochSpec skippingOutOfRange() {
        return new EpochSpec(events, tminSeconds, tmaxSeconds, channels, true);
    }

    /**
     * The number of samples per epoch at a sampling rate: {@code round((tmaxSeconds - tminSeconds) * rate)}.
     *
     * @param sampleRate Hz
     * @return samples per epoch
     */
    public int samplesAt(double sampleRate) {
        long n = Math.round((tmaxSeconds - tminSeconds) * sampleRate);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the window [" + tminSeconds + ", " + tmaxSeconds + ") s has " + n
                    + " samples at " + sampleRate + " Hz; it needs at least one");
        }
        return (int) n;
    }
}
