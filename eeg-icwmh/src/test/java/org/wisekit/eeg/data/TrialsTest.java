package org.wisekit.eeg.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.eeg.io.Annotation;
import org.wisekit.eeg.io.EdfRecording;
import org.wisekit.eeg.io.EdfSignal;

class TrialsTest {

    /** Three channels at 100 Hz, 10 s; channel c, sample i holds the value 10000 c + i (physical = digital). */
    static EdfRecording synthetic() {
        EdfRecording.Builder b = EdfRecording.builder();
        String[] labels = {"C3..", "C4..", "Cz.."};
        for (int c = 0; c < 3; c++) {
            short[] d = new short[1000];
            for (int i = 0; i < d.length; i++) {
                d[i] = (short) (10000 * c + i);
            }
            b.addSignal(EdfSignal.of(labels[c], "uV", -32768, 32767, -32768, 32767, 100), d);
        }
        return b.annotation(new Annotation(1.0, 4.1, "T1")).annotation(new Annotation(2.5, 4.1, "T2"))
                .annotation(new Annotation(3.0, 4.2, "T0")).annotation(new Annotation(8.5, 4.1, "T1"))
                .annotation(new Annotation(0.05, 0.1, "T3")).build();
    }

    /** The slow reference: every value looked up one by one. */
    private static void assertMatchesReference(TrialSet set, List<EdfRecording> recs, List<Integer> runs, double tmin,
            int[] channels) {
        for (int t = 0; t < set.size(); t++) {
            EdfRecording rec = recs.get(runs.indexOf(set.runs()[t]));
            long first = Math.round((set.onsets()[t] + tmin) * set.sampleRate());
            for (int c = 0; c < channels.length; c++) {
                double[] expected = new double[set.sampleCount()];
                for (int k = 0; k < expected.length; k++) {
                    expected[k] = rec.physical(channels[c], (int) first + k);
                }
                assertThat(set.data()[t][c]).as("trial %d channel %d", t, c).isEqualTo(expected);
            }
        }
    }

    @Test
    void epochsHoldTheRightSamplesLabelsAndRuns() {
        EdfRecording rec = synthetic();
        EpochSpec spec = EpochSpec.of(Map.of("T1", 0, "T2", 1), 0.0, 1.0);
        TrialSet set = Trials.epochs(List.of(rec, rec), List.of(3, 7), spec);
        assertThat(set.size()).isEqualTo(6);
        assertThat(set.labels()).containsExactly(0, 1, 0, 0, 1, 0);
        assertThat(set.runs()).containsExactly(3, 3, 3, 7, 7, 7);
        assertThat(set.events()).containsExactly("T1", "T2", "T1", "T1", "T2", "T1");
        assertThat(set.onsets()).containsExactly(1.0, 2.5, 8.5, 1.0, 2.5, 8.5);
        assertThat(set.channels()).containsExactly("C3..", "C4..", "Cz..");
        assertThat(set.sampleRate()).isEqualTo(100.0);
        assertThat(set.sampleCount()).isEqualTo(100);
        assertThat(set.labelCounts()).containsExactly(4, 2);
        assertThat(set.data()[1][2][0]).isEqualTo(20250.0); // Cz, sample 250 = 2.5 s
        assertThat(set.data()[1][2][99]).isEqualTo(20349.0);
        assertMatchesReference(set, List.of(rec, rec), List.of(3, 7), 0.0, new int[] {0, 1, 2});
        assertThat(set.skipped()).isZero();
    }

    @Test
    void negativeTminAndChosenChannels() {
        EdfRecording rec = synthetic();
        EpochSpec spec = EpochSpec.of(Map.of("T1", 0), -0.5, 0.5).withChannels(List.of("cz", "C3.."));
        TrialSet set = Trials.epochs(rec, 1, spec);
        assertThat(set.channels()).containsExactly("Cz..", "C3..");
        assertThat(set.data()[0][0][0]).isEqualTo(20050.0);
        assertThat(set.data()[0][1][0]).isEqualTo(50.0);
        assertMatchesReference(set, List.of(rec), List.of(1), -0.5, new int[] {2, 0});

        assertThatThrownBy(() -> Trials.epochs(rec, 1, spec.withChannels(List.of("Pz"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run 1: no channel 'Pz'; channels: [C3.., C4.., Cz..]");
    }

    @Test
    void epochPastTheEndIsAnErrorNamingTheEventOrSkipped() {
        EdfRecording rec = synthetic();
        EpochSpec spec = EpochSpec.of(Map.of("T1", 0, "T2", 1), 0.0, 2.0);
        assertThatThrownBy(() -> Trials.epochs(rec, 7, spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run 7, event 'T1' at 8.5 s: the epoch [8.5, 10.5) s is samples [850, 1050), outside the"
                        + " recording's 1000 samples (10.0 s); use EpochSpec.skippingOutOfRange() to skip such epochs");
        TrialSet set = Trials.epochs(rec, 7, spec.skippingOutOfRange());
        assertThat(set.size()).isEqualTo(2);
        assertThat(set.skipped()).isEqualTo(1);
        // before the start: T3 at 0.05 s with tmin = -0.1
        assertThatThrownBy(() -> Trials.epochs(rec, 7, EpochSpec.of(Map.of("T3", 2), -0.1, 0.2)))
                .hasMessageContaining("event 'T3' at 0.05 s").hasMessageContaining("samples [-5, 25)");
    }

    @Test
    void unknownEventCodeIsAnError() {
        EdfRecording rec = synthetic();
        assertThatThrownBy(() -> Trials.epochs(rec, 1, EpochSpec.of(Map.of("T1", 0, "T9", 1), 0, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event code 'T9' occurs in no annotation of the 1 recording(s); codes present: [T0, T1, T2, T3]");
    }

    @Test
    void badSpecsAndMixedRatesAreRejected() {
        assertThatThrownBy(() -> EpochSpec.of(Map.of("T1", 0), 1.0, 1.0)).hasMessageContaining("tminSeconds < tmaxSeconds");
        assertThatThrownBy(() -> EpochSpec.of(Map.of("T1", -1), 0, 1)).hasMessageContaining("labels >= 0");
        assertThatThrownBy(() -> EpochSpec.of(Collections.emptyMap(), 0, 1)).hasMessageContaining("at least one event");
        EdfRecording mixed = EdfRecording.builder()
                .addSignal(EdfSignal.of("a", "uV", -1, 1, -10, 10, 100), new short[200])
                .addSignal(EdfSignal.of("b", "uV", -1, 1, -10, 10, 50), new short[100])
                .annotation(Annotation.of(0.5, "T1")).build();
        assertThatThrownBy(() -> Trials.epochs(mixed, 2, EpochSpec.of(Map.of("T1", 0), 0, 0.5)))
                .hasMessageContaining("run 2: channels 'a' (100.0 Hz) and 'b' (50.0 Hz) differ in sampling rate");
        assertThat(Trials.epochs(mixed, 2, EpochSpec.of(Map.of("T1", 0), 0, 0.5).withChannels(List.of("b")))
                .sampleCount()).isEqualTo(25);
    }

    @Test
    void physioNetS001ImageryAndExecutionTrials() {
        Path r04 = RealData.load(d -> d.verifiedPath(Dataset.EEG, "eeg/physionet-eegmmidb-S001/S001R04.edf"));
        for (String run : List.of("03", "07", "08", "11", "12")) {
            RealData.load(d -> d.verifiedPath(Dataset.EEG, "eeg/physionet-eegmmidb-S001/S001R" + run + ".edf"));
        }
        Path folder = r04.getParent();
        TrialSet imagery = PhysioNetMmi.imagery(folder, "S001");
        assertThat(imagery.size()).isEqualTo(45);
        assertThat(imagery.labelCounts()).containsExactly(23, 22); // T1 (left) 8+8+7, T2 (right) 7+7+8
        assertThat(imagery.channels()).hasSize(64);
        assertThat(imagery.sampleCount()).isEqualTo(640);
        assertThat(imagery.sampleRate()).isEqualTo(160.0);
        assertThat(imagery.runs()).containsOnly(4, 8, 12);
        assertThat(Arrays.stream(imagery.runs()).filter(r -> r == 8).count()).isEqualTo(15);
        EdfRecording rec = PhysioNetMmi.readRun(folder, "S001", 4);
        assertMatchesReference(imagery, List.of(rec, PhysioNetMmi.readRun(folder, "S001", 8),
                PhysioNetMmi.readRun(folder, "S001", 12)), List.of(4, 8, 12), 0.0, IntStream.range(0, 64).toArray());

        TrialSet execution = PhysioNetMmi.execution(folder, "S001");
        assertThat(execution.size()).isEqualTo(45);
        assertThat(execution.labelCounts()).containsExactly(23, 22);

        // the last event (T1 or T2 at 120.4 s, 4.1 s long) leaves 4.6 s: a 5 s window does not fit
        assertThatThrownBy(() -> Trials.epochs(rec, 4, EpochSpec.of(Map.of("T1", 0, "T2", 1), 0, 5)))
                .hasMessageContaining("run 4, event 'T").hasMessageContaining("at 120.4 s")
                .hasMessageContaining("outside the recording's 20000 samples (125.0 s)");
    }
}
