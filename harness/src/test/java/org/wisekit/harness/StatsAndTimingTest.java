package org.wisekit.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StatsAndTimingTest {

    @Test
    void meanStdAndMedianMatchHandComputedValues() {
        double[] v = {2, 4, 4, 4, 5, 5, 7, 9};
        assertThat(Stats.mean(v)).isEqualTo(5.0);
        // sum of squared deviations 32, n - 1 = 7
        assertThat(Stats.std(v)).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
        assertThat(Stats.std(new double[] {3})).isZero();
        assertThat(Stats.median(v)).isEqualTo(4.5);
        assertThat(Stats.median(new double[] {3, 1, 2})).isEqualTo(2.0);
        assertThat(v).containsExactly(2, 4, 4, 4, 5, 5, 7, 9);
        assertThatThrownBy(() -> Stats.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fixedUsesDotsAndDashes() {
        assertThat(Stats.fixed(1234.5678, 2)).isEqualTo("1234.57");
        assertThat(Stats.fixed(Double.NaN, 2)).isEqualTo("—");
    }

    @Test
    void timingRunsTheWorkAndReturnsPositiveSeconds() {
        AtomicInteger calls = new AtomicInteger();
        Runnable work = () -> {
            calls.incrementAndGet();
            busy(20_000);
        };
        assertThat(Timing.seconds(work)).isPositive();
        double median = Timing.median(work, 0.02);
        assertThat(median).isPositive();
        assertThat(calls.get()).isGreaterThanOrEqualTo(3);
        double[] medians = Timing.interleavedMedians(new Runnable[] {work, () -> busy(1)}, 3, 0.001, 0.001);
        assertThat(medians).hasSize(2);
        assertThat(medians[0]).isGreaterThan(medians[1]);
        assertThatThrownBy(() -> Timing.interleavedMedians(new Runnable[] {work}, 0, 0.001, 0.001))
                .hasMessageContaining("repeats");
    }

    private static volatile double sink;

    private static void busy(int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.sqrt(i);
        }
        sink = s;
    }
}
