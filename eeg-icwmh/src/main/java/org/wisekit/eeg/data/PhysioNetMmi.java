package org.wisekit.eeg.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.wisekit.eeg.io.Edf;
import org.wisekit.eeg.io.EdfRecording;

/**
 * The PhysioNet EEG Motor Movement/Imagery dataset (Schalk et al. 2004, {@code eegmmidb}): per subject, 14 EDF+
 * runs {@code SxxxRyy.edf} of 64 channels at 160 Hz with events {@code T0} (rest), {@code T1} and {@code T2}. In
 * runs 3, 7, 11 (executed) and 4, 8, 12 (imagined) {@code T1} is the left fist and {@code T2} the right fist;
 * events last 4.1 s ({@code T1}, {@code T2}) and 4.2 s ({@code T0}). Thread-safe (no state).
 *
 * <p>Runs are read with {@link Edf.Option#REPAIR_CRLF}, which changes nothing in an intact file: the copies of
 * subject S001 in the shared data folder went through a text-mode LF to CRLF conversion and read only with it
 * (each repair is noted in {@link EdfRecording#readNotes()}).
 */
public final class PhysioNetMmi {

    /** Runs of imagined left-fist ({@code T1}) and right-fist ({@code T2}) movement. */
    public static final List<Integer> IMAGERY_LEFT_RIGHT = List.of(4, 8, 12);
    /** Runs of executed left-fist ({@code T1}) and right-fist ({@code T2}) movement. */
    public static final List<Integer> EXECUTION_LEFT_RIGHT = List.of(3, 7, 11);
    /** The sampling rate of every channel, Hz. */
    public static final double SAMPLE_RATE = 160.0;

    private PhysioNetMmi() {
    }

    /**
     * {@code T1} to label 0 (left fist), {@code T2} to label 1 (right fist), the window 0 to 4 s after the onset
     * (640 samples; the events last 4.1 s), all 64 channels.
     *
     * @return the spec
     */
    public static EpochSpec leftRightSpec() {
        return EpochSpec.of(Map.of("T1", 0, "T2", 1), 0.0, 4.0);
    }

    /**
     * The file of one run: {@code folder/SxxxRyy.edf}.
     *
     * @param folder  the subject's folder
     * @param subject e.g. {@code S001}
     * @param run     1 to 14
     * @return the path
     */
    public static Path runFile(Path folder, String subject, int run) {
        Objects.requireNonNull(folder, "folder");
        if (subject == null || !subject.matches("S\\d{3}")) {
            throw new IllegalArgumentException("subject must look like S001, got " + subject);
        }
        if (run < 1 || run > 14) {
            throw new IllegalArgumentException("run must be in [1, 14], got " + run);
        }
        return folder.resolve(String.format(Locale.ROOT, "%sR%02d.edf", subject, run));
    }

    /**
     * Reads one run (with {@link Edf.Option#REPAIR_CRLF}).
     *
     * @param folder  the subject's folder
     * @param subject e.g. {@code S001}
     * @param run     1 to 14
     * @return the recording
     */
    public static EdfRecording readRun(Path folder, String subject, int run) {
        return Edf.read(runFile(folder, subject, run), Edf.Option.REPAIR_CRLF);
    }

    /**
     * The trials of some runs, the run number as run id.
     *
     * @param folder  the subject's folder
     * @param subject e.g. {@code S001}
     * @param runs    run numbers
     * @param spec    events, window and channels
     * @return the trials, run by run
     */
    public static TrialSet trials(Path folder, String subject, List<Integer> runs, EpochSpec spec) {
        List<EdfRecording> recs = new ArrayList<>();
        for (int run : runs) {
            recs.add(readRun(folder, subject, run));
        }
        return Trials.epochs(recs, runs, spec);
    }

    /**
     * Imagined left versus right fist: runs 4, 8, 12 with {@link #leftRightSpec()}.
     *
     * @param folder  the subject's folder
     * @param subject e.g. {@code S001}
     * @return the trials
     */
    public static TrialSet imagery(Path folder, String subject) {
        return trials(folder, subject, IMAGERY_LEFT_RIGHT, leftRightSpec());
    }

    /**
     * Executed left versus right fist: runs 3, 7, 11 with {@link #leftRightSpec()}.
     *
     * @param folder  the subject's folder
     * @param subject e.g. {@code S001}
     * @return the trials
     */
    public static TrialSet execution(Path folder, String subject) {
        return trials(folder, subject, EXECUTION_LEFT_RIGHT, leftRightSpec());
    }
}
