package org.wisekit.geohard.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassF1Test {

    @Test
    void matchesHandComputedConfusionCounts() {
        int[] truth = {0, 0, 0, 1, 1, 2, 2, 2};
        int[] predicted = {0, 0, 1, 1, 2, 2, 2, 0};
        // class 0: tp 2, fp 1 (item 7), fn 1 (item 2) -> 4/6; class 1: tp 1, fp 1, fn 1 -> 2/4;
        // class 2: tp 2, fp 1 (item 4), fn 1 (item 7) -> 4/6; class 3: never true nor predicted -> NaN
        assertThat(ClassF1.confusion(truth, predicted, 4)[2]).containsExactly(1, 0, 2, 0);
        double[] f1 = ClassF1.perClass(truth, predicted, 4);
        assertThat(f1[0]).isCloseTo(4.0 / 6, within(1e-15));
        assertThat(f1[1]).isCloseTo(0.5, within(1e-15));
        assertThat(f1[2]).isCloseTo(4.0 / 6, within(1e-15));
        assertThat(f1[3]).isNaN();
        assertThat(ClassF1.macro(f1)).isCloseTo((4.0 / 6 + 0.5 + 4.0 / 6) / 3, within(1e-15));
        assertThat(ClassF1.accuracy(truth, predicted)).isCloseTo(5.0 / 8, within(1e-15));
    }

    @Test
    void aClassNeverPredictedButTrueHasZero() {
        double[] f1 = ClassF1.perClass(new int[] {0, 1}, new int[] {0, 0}, 2);
        assertThat(f1[0]).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(f1[1]).isZero();
        assertThat(ClassF1.macro(new double[] {Double.NaN})).isNaN();
    }

    @Test
    void rejectsBadInputNamingIt() {
        assertThatThrownBy(() -> ClassF1.perClass(new int[] {0}, new int[] {0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("predicted: length 2");
        assertThatThrownBy(() -> ClassF1.perClass(new int[] {0, 5}, new int[] {0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truth[1]: 5");
        assertThatThrownBy(() -> ClassF1.perClass(new int[] {0}, new int[] {-1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("predicted[0]: -1");
        assertThatThrownBy(() -> ClassF1.perClass(new int[] {0}, new int[] {0}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k: 0");
    }
}
