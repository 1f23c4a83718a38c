package org.wisekit.eeg.repro;

import java.nio.file.Path;
import java.util.List;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.Datasets;
import org.wisekit.eeg.data.Fold;
import org.wisekit.eeg.data.Folds;
import org.wisekit.eeg.data.PhysioNetMmi;
import org.wisekit.eeg.data.TrialSet;
import org.wisekit.eeg.data.WindowSet;
import org.wisekit.eeg.data.Windows;
import org.wisekit.eeg.io.Arff;
import org.wisekit.eeg.io.ArffData;

/**
 * One classification task of the study: trials {@code [n][channels][samples]}, labels, and the folds every arm uses.
 *
 * @param id          short name
 * @param title       what it is
 * @param trials      the trials
 * @param labels      class per trial
 * @param classes     class names
 * @param folds       the cross-validation folds (runs or contiguous time blocks; never a shared trial)
 * @param sampleRate  samples per second
 * @param note        how trials and folds were made
 */
record EegTask(String id, String title, double[][][] trials, int[] labels, List<String> classes, List<Fold> folds,
               double sampleRate, String note) {

    static final String S001 = "eeg/physionet-eegmmidb-S001";
    static final String EYE_STATE = "eeg/uci-eeg-eye-state/EEG Eye State.arff";
    /** Eye State windows: 1 s at 128 Hz. */
    static final int EYE_WINDOW = 128;

    /** S001 left vs right fist (imagined or executed), epochs 0..4 s after T1/T2, leave-one-run-out folds. */
    static EegTask s001(Datasets data, boolean imagery) {
        List<Integer> runs = imagery ? PhysioNetMmi.IMAGERY_LEFT_RIGHT : PhysioNetMmi.EXECUTION_LEFT_RIGHT;
        Path folder = null;
        for (int run : runs) {
            folder = data.verifiedPath(Dataset.EEG, S001 + String.format("/S001R%02d.edf", run)).getParent();
        }
        TrialSet set = imagery ? PhysioNetMmi.imagery(folder, "S001") : PhysioNetMmi.execution(folder, "S001");
        List<Fold> folds = Folds.leaveOneGroupOut(set.runs());
        Folds.requireNoGroupLeak(folds, set.runs());
        String kind = imagery ? "imagined" : "executed";
        return new EegTask(imagery ? "s001-imagery" : "s001-execution",
                "PhysioNet EEGMMIDB S001, " + kind + " left vs right fist (runs " + runs + ")", set.data(),
                set.labels(), List.of("left fist (T1)", "right fist (T2)"), folds, set.sampleRate(),
                set.size() + " trials of " + set.channels().size() + " channels x " + set.sampleCount()
                        + " samples (0-4 s after each T1/T2 onset), leave-one-run-out (" + folds.size() + " folds)");
    }

    /** UCI EEG Eye State: 1 s windows of the 14-channel recording, folds = contiguous time blocks. */
    static EegTask eyeState(Datasets data, int blocks) {
        ArffData arff = Arff.read(data.verifiedPath(Dataset.EEG, EYE_STATE));
        double[][] signals = arff.columns();
        WindowSet windows = Windows.cut(signals, arff.labels(), EYE_WINDOW);
        List<Fold> folds = Folds.contiguousBlocks(windows.size(), blocks);
        return new EegTask("eye-state", "UCI EEG Eye State, eyes open vs closed (14 channels, 128 Hz)", windows.data(),
                windows.labels(), arff.classNames(), folds, 128.0,
                windows.size() + " windows of 1 s (" + windows.mixed() + " hold both labels; majority label), "
                        + blocks + " contiguous time blocks as folds (no window in two folds)");
    }

    int channels() {
        return trials[0].length;
    }

    int samples() {
        return trials[0][0].length;
    }
}
