package org.wisekit.eeg.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.eeg.io.Arff;
import org.wisekit.eeg.io.ArffData;

class WindowsTest {

    private static double[][] ramp(int channels, int n) {
        double[][] s = new double[channels][n];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                s[c][i] = 100 * c + i;
            }
        }
        return s;
    }

    @Test
    void majorityLabelsMixedWindowsAndTies() {
        int[] labels = {0, 0, 0, 1, 1, 1, 1, 1, 0, 1};
        WindowSet w4 = Windows.cut(ramp(2, 10), labels, 4);
        assertThat(w4.size()).isEqualTo(2);
        assertThat(w4.labels()).containsExactly(0, 1);
        assertThat(w4.starts()).containsExactly(0, 4);
        assertThat(w4.mixed()).isEqualTo(1);
        assertThat(w4.ties()).isZero();
        assertThat(w4.droppedTail()).isEqualTo(2);
        assertThat(w4.data()[1][1]).containsExactly(104, 105, 106, 107);

        WindowSet w2 = Windows.cut(ramp(2, 10), labels, 2);
        assertThat(w2.labels()).containsExactly(0, 0, 1, 1, 0); // [0,1] ties go to the smaller label
        assertThat(w2.mixed()).isEqualTo(2);
        assertThat(w2.ties()).isEqualTo(2);

        WindowSet pure = Windows.cut(ramp(2, 10), labels, 2, Windows.LabelRule.PURE_ONLY);
        assertThat(pure.starts()).containsExactly(0, 4, 6);
        assertThat(pure.labels()).containsExactly(0, 1, 1);
        assertThat(pure.mixed()).isEqualTo(2);
        assertThat(pure.ties()).isZero();
    }

    @Test
    void matchesASlowReferenceOnRandomLabels() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 50; trial++) {
            int n = rng.nextInt(1, 300);
            int length = rng.nextInt(1, n + 1);
            int[] labels = new int[n];
            int run = 0;
            for (int i = 0; i < n; i++) {
                if (rng.nextInt(10) == 0) {
                    run = rng.nextInt(4);
                }
                labels[i] = run;
            }
            WindowSet w = Windows.cut(ramp(3, n), labels, length);
            assertThat(w.size()).isEqualTo(n / length);
            int mixed = 0;
            for (int k = 0; k < w.size(); k++) {
                int[] votes = new int[4];
                for (int i = k * length; i < (k + 1) * length; i++) {
                    votes[labels[i]]++;
                }
                int best = 0;
                int kinds = 0;
                for (int c = 0; c < 4; c++) {
                    best = votes[c] > votes[best] ? c : best;
                    kinds += votes[c] > 0 ? 1 : 0;
                }
                mixed += kinds > 1 ? 1 : 0;
                assertThat(w.labels()[k]).isEqualTo(best);
                assertThat(w.data()[k][2][0]).isEqualTo(200 + k * length);
            }
            assertThat(w.mixed()).isEqualTo(mixed);
            assertThat(w.droppedTail()).isEqualTo(n % length);
        }
    }

    @Test
    void windowLongerThanTheRecordingNamesTheParameter() {
        assertThatThrownBy(() -> Windows.cut(ramp(1, 10), new int[10], 11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("length = 11 must be in [1, 10] (the recording has 10 samples)");
        assertThatThrownBy(() -> Windows.cut(ramp(1, 10), new int[10], 0)).hasMessageContaining("length = 0");
        assertThatThrownBy(() -> Windows.cut(ramp(1, 10), new int[9], 3)).hasMessage("channel 0 has 10 samples but there are 9 labels");
        assertThatThrownBy(() -> Windows.cut(ramp(1, 3), new int[] {0, -1, 0}, 3)).hasMessage("labels[1] = -1 is negative");
    }

    @Test
    void eyeStateOneSecondWindows() {
        Path file = RealData.load(d -> d.verifiedPath(Dataset.EEG, "eeg/uci-eeg-eye-state/EEG Eye State.arff"));
        ArffData data = Arff.read(file);
        WindowSet w = Windows.cut(data.columns(), data.labels(), 128);
        assertThat(w.size()).isEqualTo(117);
        assertThat(w.droppedTail()).isEqualTo(4);
        assertThat(w.mixed()).isEqualTo(17);
        assertThat(w.ties()).isEqualTo(0);
        assertThat(count(w.labels(), 0)).isEqualTo(64);
        assertThat(count(w.labels(), 1)).isEqualTo(53);
        assertThat(w.data()[0]).hasNumberOfRows(14);
        assertThat(w.data()[116][13][127]).isEqualTo(data.rows()[116 * 128 + 127][13]);

        WindowSet pure = Windows.cut(data.columns(), data.labels(), 128, Windows.LabelRule.PURE_ONLY);
        assertThat(pure.size()).isEqualTo(100);
        assertThat(count(pure.labels(), 0) + count(pure.labels(), 1)).isEqualTo(100);
    }

    private static int count(int[] a, int v) {
        int n = 0;
        for (int x : a) {
            n += x == v ? 1 : 0;
        }
        return n;
    }
}
