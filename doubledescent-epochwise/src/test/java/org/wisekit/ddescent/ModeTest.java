package org.wisekit.ddescent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModeTest {

    @Test
    void validatesEachFieldNamingItAndTheValue() {
        assertThatThrownBy(() -> new Mode(1, 0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lambda").hasMessageContaining("0.0");
        assertThatThrownBy(() -> new Mode(1, -2, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lambda").hasMessageContaining("-2.0");
        assertThatThrownBy(() -> new Mode(1, 1, -0.5, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lambdaTest").hasMessageContaining("-0.5");
        assertThatThrownBy(() -> new Mode(Double.NaN, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sigma").hasMessageContaining("NaN");
        assertThatThrownBy(() -> new Mode(1, 1, 1, Double.POSITIVE_INFINITY, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zTarget");
        assertThatThrownBy(() -> new Mode(1, 1, 1, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("z0");
        assertThat(new Mode(-1, 2, 0, 0, 0).zInfinity()).isEqualTo(-0.5);
    }

    @Test
    void listsOfDifferentLengthsAreRejected() {
        assertThatThrownBy(() -> Mode.list(new double[] {1, 2}, new double[] {1}, new double[] {1, 1},
                new double[] {1, 1}, 1e-4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sigma (length 2)").hasMessageContaining("lambda (length 1)");
        assertThatThrownBy(() -> Mode.withTargetRatios(new double[] {1, 2}, new double[] {1, 1},
                new double[] {0.5}, 1e-4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("targetRatio (length 1)");
        assertThatThrownBy(() -> Mode.list(new double[] {1}, new double[] {0}, new double[] {1}, new double[] {1},
                1e-4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode 0")
                .hasMessageContaining("lambda");
    }

    @Test
    void targetRatioModesDeriveTheTargetFromSigmaAndLambda() {
        List<Mode> ms = Mode.withTargetRatios(new double[] {1.16, 2.75}, new double[] {6.23, 0.0474},
                new double[] {0.6, 1}, 1e-4);
        assertThat(ms.get(0).zTarget()).isEqualTo(0.6 * (1.16 / 6.23));
        assertThat(ms.get(1).zTarget()).isEqualTo(2.75 / 0.0474);
        assertThat(ms.get(1).lambdaTest()).isEqualTo(0.0474);
        assertThat(ms.get(0).withZ0(0.5).z0()).isEqualTo(0.5);
        List<Mode> direct = Mode.list(new double[] {1}, new double[] {2}, new double[] {3}, new double[] {4}, 5);
        assertThat(direct).containsExactly(new Mode(1, 2, 3, 4, 5));
    }
}
