package org.wisekit.eeg.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import org.wisekit.eeg.io.Annotation;
import org.wisekit.eeg.io.EdfFormat;
import org.wisekit.eeg.io.EdfRecording;

/**
 * Cuts epochs (trials) out of EDF+ recordings around annotated events. For an event with onset {@code t} the epoch
 * is {@code n = round((tmax - tmin) * rate)} samples from sample {@code round((t + tmin - t0) * rate)}, where
 * {@code t0} is the start of the first data record; trials follow the recordings' order, then the events' onsets.
 * Continuous recordings only (EDF and EDF+C). Thread-safe (no state).
 */
public final class Trials {

    private Trials() {
    }

    /**
     * The epochs of one recording.
     *
     * @param recording the recording
     * @param run       the run id stored with each trial
     * @param spec      which events, window and channels
     * @return the trials
     * @throws IllegalArgumentException when an event code does not occur, a channel is missing, the chosen
     *                                  channels differ in sampling rate, or an epoch does not fit (unless skipped)
     */
    public static TrialSet epochs(EdfRecording recording, int run, EpochSpec spec) {
        return epochs(List.of(recording), List.of(run), spec);
    }

    /**
     * The epochs of several recordings (runs), concatenated in the given order. Every run must have the chosen
     * channels at one common sampling rate; every event code of the spec must occur in at least one run.
     *
     * @param recordings the recordings
     * @param runs       a run id per recording
     * @param spec       which events, window and channels
     * @return the trials
     */
    public static TrialSet epochs(List<EdfRecording> recordings, List<Integer> runs, EpochSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (recordings.isEmpty() || recordings.size() != runs.size()) {
            throw new IllegalArgumentException("need one run id per recording and at least one recording, got "
                    + recordings.size() + " recordings and " + runs.size() + " run ids");
        }
        TreeSet<String> present = new TreeSet<>();
        for (EdfRecording rec : recordings) {
            for (Annotation a : rec.annotations()) {
                present.add(a.text());
            }
        }
        for (String code : new TreeSet<>(spec.events().keySet())) {
            if (!present.contains(code)) {
                throw new IllegalArgumentException("event code '" + code + "' occurs in no annotation of the "
                        + recordings.size() + " recording(s); codes present: " + present);
            }
        }
        List<String> channelLabels = null;
        double rate = Double.NaN;
        int n = -1;
        List<double[][]> data = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Integer> runIds = new ArrayList<>();
        List<String> events = new ArrayList<>();
        List<Double> onsets = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < recordings.size(); i++) {
            EdfRecording rec = recordings.get(i);
            int run = runs.get(i);
            if (rec.format() == EdfFormat.EDF_PLUS_D) {
                throw new IllegalArgumentException("run " + run + " is EDF+D (discontinuous); epochs are cut from"
                        + " continuous recordings only");
            }
            int[] ch = channelIndices(rec, spec.channels(), run);
            List<String> names = new ArrayList<>();
            for (int c : ch) {
                names.add(rec.signal(c).label());
            }
            double r = rec.sampleRate(ch[0]);
            for (int c : ch) {
                if (rec.sampleRate(c) != r) {
                    throw new IllegalArgumentException("run " + run + ": channels '" + rec.signal(ch[0]).label() + "' ("
                            + r + " Hz) and '" + rec.signal(c).label() + "' (" + rec.sampleRate(c)
                            + " Hz) differ in sampling rate; choose channels of one rate");
                }
            }
            if (channelLabels == null) {
                channelLabels = names;
                rate = r;
                n = spec.samplesAt(rate);
            } else if (!channelLabels.equals(names) || rate != r) {
                throw new IllegalArgumentException("run " + run + " has channels " + names + " at " + r
                        + " Hz, the first run " + channelLabels + " at " + rate + " Hz");
            }
            int total = rec.sampleCount(ch[0]);
            double t0 = rec.numberOfRecords() == 0 ? 0 : rec.recordOnsetSeconds(0);
            for (Annotation a : rec.annotations()) {
                Integer label = spec.events().get(a.text());
                if (label == null) {
                    continue;
                }
                long first = Math.round((a.onsetSeconds() + spec.tminSeconds() - t0) * rate);
                if (first < 0 || first + n > total) {
                    if (spec.skipOutOfRange()) {
                        skipped++;
                        continue;
                    }
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "run %d, event '%s' at %s s: the epoch [%s, %s) s is samples [%d, %d), outside the recording's"
                                    + " %d samples (%s s); use EpochSpec.skippingOutOfRange() to skip such epochs",
                            run, a.text(), a.onsetSeconds(), a.onsetSeconds() + spec.tminSeconds(),
                            a.onsetSeconds() + spec.tmaxSeconds(), first, first + n, total, total / rate));
                }
                double[][] trial = new double[ch.length][n];
                for (int k = 0; k < ch.length; k++) {
                    rec.copyPhysical(ch[k], (int) first, trial[k], 0, n);
                }
                data.add(trial);
                labels.add(label);
                runIds.add(run);
                events.add(a.text());
                onsets.add(a.onsetSeconds());
            }
        }
        return new TrialSet(data.toArray(new double[0][][]), toInts(labels), toInts(runIds), events,
                onsets.stream().mapToDouble(Double::doubleValue).toArray(), channelLabels, rate, skipped);
    }

    /**
     * The indices of the wanted channels: an exact label match (trailing blanks ignored) first, else the one label
     * equal ignoring case and trailing dots (PhysioNet pads labels with dots: {@code C3..}).
     */
    static int[] channelIndices(EdfRecording rec, List<String> wanted, int run) {
        if (rec.signalCount() == 0) {
            throw new IllegalArgumentException("run " + run + " has no data signals");
        }
        if (wanted.isEmpty()) {
            int[] all = new int[rec.signalCount()];
            for (int c = 0; c < all.length; c++) {
                all[c] = c;
            }
            return all;
        }
        int[] out = new int[wanted.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = find(rec, wanted.get(k), run);
        }
        return out;
    }

    private static int find(EdfRecording rec, String label, int run) {
        String exact = label.stripTrailing();
        for (int c = 0; c < rec.signalCount(); c++) {
            if (rec.signal(c).label().equals(exact)) {
                return c;
            }
        }
        String norm = normalise(label);
        int found = -1;
        for (int c = 0; c < rec.signalCount(); c++) {
            if (normalise(rec.signal(c).label()).equals(norm)) {
                if (found >= 0) {
                    throw new IllegalArgumentException("run " + run + ": channel '" + label + "' matches both '"
                            + rec.signal(found).label() + "' and '" + rec.signal(c).label() + "'");
                }
                found = c;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("run " + run + ": no channel '" + label + "'; channels: "
                    + rec.signals().stream().map(s -> s.label()).toList());
        }
        return found;
    }

    private static String normalise(String label) {
        String s = label.strip();
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end).toLowerCase(Locale.ROOT);
    }

    private static int[] toInts(List<Integer> list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
