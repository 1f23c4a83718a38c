package org.wisekit.eeg.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChannelZScoreTest {

    @Test
    void handCase() {
        double[][] z = ChannelZScore.apply(new double[][] {{1, 3}, {2, 4, }});
        assertThat(z[0]).containsExactly(-1.0, 1.0);
        assertThat(z[1]).containsExactly(-1.0, 1.0);
    }

    @Test
    void everyChannelHasMeanZeroAndUnitPopulationStd() {
        double[][] z = ChannelZScore.apply(TestTrials.trial(10, 333, 21));
        for (double[] row : z) {
            double mean = Arrays.stream(row).sum() / row.length;
            double var = Arrays.stream(row).map(v -> (v - mean) * (v - mean)).sum() / row.length;
            assertThat(mean).isCloseTo(0.0, offset(1e-12));
            assertThat(var).isCloseTo(1.0, offset(1e-12));
        }
    }

    @Test
    void constantChannelGivesZerosNotNaN() {
        double[][] x = TestTrials.trial(3, 7, 22);
        Arrays.fill(x[0], 0.1);
        Arrays.fill(x[2], 0.0);
        double[][] z = ChannelZScore.apply(x);
        assertThat(z[0]).containsOnly(0.0);
        assertThat(z[2]).containsOnly(0.0);
    }

    @Test
    void invariantToPositiveGainsAndOffsetsUpToRounding() {
        double[][] x = TestTrials.trial(4, 100, 23);
        double[][] y = TestTrials.scaled(x, new double[] {3.0, 0.01, 250.0, 1.0});
        double[][] zx = ChannelZScore.apply(x);
        double[][] zy = ChannelZScore.apply(y);
        for (int c = 0; c < 4; c++) {
            for (int t = 0; t < 100; t++) {
                assertThat(zy[c][t]).isCloseTo(zx[c][t], offset(1e-12));
            }
        }
    }

    @Test
    void badInputIsRejectedNamingTheParameter() {
        assertThatThrownBy(() -> ChannelZScore.apply(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trial");
        assertThatThrownBy(() -> ChannelZScore.apply(new double[][] {{1, Double.POSITIVE_INFINITY}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trial[0][1]");
        assertThatThrownBy(() -> ChannelZScore.apply(new double[][] {{1, 2}}, new double[1][3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out[0]");
    }
}
