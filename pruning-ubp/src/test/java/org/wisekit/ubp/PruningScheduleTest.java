package org.wisekit.ubp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PruningScheduleTest {

    @Test
    void followsTheCubicRampAndSelectsOnItsSteps() {
        PruningSchedule s = new PruningSchedule(0.8, 10, 50, 15);
        assertThat(s.sparsityAt(0)).isZero();
        assertThat(s.sparsityAt(10)).isZero();
        assertThat(s.sparsityAt(30)).isCloseTo(0.8 * (1 - 0.125), within(1e-12));
        assertThat(s.sparsityAt(50)).isEqualTo(0.8);
        assertThat(s.sparsityAt(99)).isEqualTo(0.8);
        int[] steps = {9, 10, 25, 40, 41, 50, 55};
        boolean[] selects = {false, true, true, true, false, true, false};
        for (int i = 0; i < steps.length; i++) {
            assertThat(s.selectsAt(steps[i])).as("step %d", steps[i]).isEqualTo(selects[i]);
        }
    }

    @Test
    void rejectsBadSchedules() {
        assertThatThrownBy(() -> new PruningSchedule(1.0, 0, 10, 1)).hasMessage("sparsity must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new PruningSchedule(0.5, 10, 10, 1))
                .hasMessage("need 0 <= startStep < endStep, got 10 and 10");
        assertThatThrownBy(() -> new PruningSchedule(0.5, 0, 10, 0)).hasMessage("interval must be >= 1, got 0");
    }
}
