package org.wisekit.ddescent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestErrorTest {

    private static final List<Mode> MODES = List.of(new Mode(1.0, 2.0, 3.0, 0.3, 0.01),
            new Mode(0.4, 0.5, 0.25, 0.8, 0.02));

    @Test
    void isTheWeightedSquaredDistanceToTheTargets() {
        double[] z = {0.1, 1.2};
        assertThat(TestError.of(MODES, z)).isCloseTo(3.0 * 0.2 * 0.2 + 0.25 * 0.4 * 0.4, within(1e-15));
        double[] times = {0, 0.5, 3};
        double[] e = TestError.twoLayer(MODES, 0.7, 1.2, times);
        for (int k = 0; k < times.length; k++) {
            double z0 = ModeDynamics.z(times[k], MODES.get(0), 0.7, 1.2);
            double z1 = ModeDynamics.z(times[k], MODES.get(1), 0.7, 1.2);
            assertThat(e[k]).isCloseTo(TestError.of(MODES, new double[] {z0, z1}), within(1e-15));
        }
        double[] lr = TestError.linearRegression(MODES, 2.0, times);
        for (int k = 0; k < times.length; k++) {
            double z0 = ModeDynamics.linearRegression(times[k], MODES.get(0), 2.0);
            double z1 = ModeDynamics.linearRegression(times[k], MODES.get(1), 2.0);
            assertThat(lr[k]).isCloseTo(TestError.of(MODES, new double[] {z0, z1}), within(1e-15));
        }
        double[][] terms = TestError.terms(MODES, new double[][] {{0.1, 0.3}, {0.8, 1.0}});
        assertThat(terms[0][0]).isCloseTo(3.0 * 0.04, within(1e-15));
        assertThat(terms[0][1]).isZero();
        assertThat(terms[1][1]).isCloseTo(0.25 * 0.04, within(1e-16));
    }

    @Test
    void logGridIsEvenlySpacedInLogTimeWithExactEnds() {
        double[] t = LogGrid.of(1e-4, 1e8, 13);
        assertThat(t).hasSize(13);
        assertThat(t[0]).isEqualTo(1e-4);
        assertThat(t[12]).isEqualTo(1e8);
        for (int k = 0; k < t.length; k++) {
            assertThat(Math.log10(t[k])).isCloseTo(-4 + k, within(1e-12));
        }
        double[] two = LogGrid.of(2, 3, 2);
        assertThat(two).containsExactly(2, 3);
    }

    @Test
    void badInputIsRejectedNamingTheParameter() {
        assertThatThrownBy(() -> LogGrid.of(0, 1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tMin").hasMessageContaining("0.0");
        assertThatThrownBy(() -> LogGrid.of(-1, 1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tMin").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> LogGrid.of(1, 1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tMax");
        assertThatThrownBy(() -> LogGrid.of(1, 10, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("points").hasMessageContaining("1");
        assertThatThrownBy(() -> TestError.of(MODES, new double[] {1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("modes (length 2)").hasMessageContaining("z (length 1)");
        assertThatThrownBy(() -> TestError.fromTrajectories(MODES, new double[][] {{1, 2}, {1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("z[1]");
        assertThatThrownBy(() -> TestError.twoLayer(List.of(), 1, 1, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modes");
    }
}
