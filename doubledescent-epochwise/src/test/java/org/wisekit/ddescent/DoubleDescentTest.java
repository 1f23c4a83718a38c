package org.wisekit.ddescent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DoubleDescentTest {

    private static double[] index(int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
        }
        return t;
    }

    @Test
    void monotoneCurvesHaveNoDoubleDescent() {
        assertThat(DoubleDescent.count(new double[] {5, 4, 3, 2, 1, 1, 1}, 1e-6)).isZero();
        assertThat(DoubleDescent.count(new double[] {1, 2, 3}, 1e-6)).isZero();
        assertThat(DoubleDescent.count(new double[] {}, 1e-6)).isZero();
        assertThat(DoubleDescent.count(new double[] {3}, 1e-6)).isZero();
    }

    @Test
    void wigglesUnderTheToleranceAreIgnored() {
        // max |g| = 10, tolerance 1e-3 -> steps of |d| <= 0.01 are dropped
        double[] g = {10, 8, 6, 6.005, 6.004, 6.009, 4, 2};
        assertThat(DoubleDescent.count(g, 1e-3)).isZero();
        // the same wiggle above a smaller tolerance counts
        assertThat(DoubleDescent.count(g, 1e-5)).isEqualTo(2);
    }

    @Test
    void oneDoubleDescentIsCountedWithItsDipAndPeak() {
        double[] g = {10, 7, 5, 4, 4.5, 5.5, 6, 5, 3, 2};
        DoubleDescent.Detection d = DoubleDescent.detect(g, index(g.length), 1e-6);
        assertThat(d.count()).isEqualTo(1);
        assertThat(d.fullCount()).isEqualTo(1);
        assertThat(d.doubleDescent()).isTrue();
        assertThat(d.secondDescent()).isTrue();
        assertThat(d.dipIndex()).isEqualTo(3);
        assertThat(d.dipTime()).isEqualTo(3.0);
        assertThat(d.peakIndex()).isEqualTo(6);
        assertThat(d.peakTime()).isEqualTo(6.0);
    }

    @Test
    void flatStretchesBetweenTurnsAreDroppedAndTheExtremaFound() {
        // descent, flat (zero steps), ascent: the zero steps between do not break the pair
        double[] g = {10, 6, 5, 5, 5, 5, 7, 7, 7, 4};
        DoubleDescent.Detection d = DoubleDescent.detect(g, index(g.length), 1e-6);
        assertThat(d.count()).isEqualTo(1);
        assertThat(d.dipIndex()).isBetween(2, 5);
        assertThat(g[d.dipIndex()]).isEqualTo(5.0);
        assertThat(g[d.peakIndex()]).isEqualTo(7.0);
    }

    @Test
    void aUShapeCountsForTheAppendixButHasNoSecondDescent() {
        double[] g = {10, 6, 4, 5, 6, 6.5};
        DoubleDescent.Detection d = DoubleDescent.detect(g, index(g.length), 1e-6);
        assertThat(d.count()).isEqualTo(1);
        assertThat(d.fullCount()).isZero();
        assertThat(d.secondDescent()).isFalse();
        assertThat(d.peakIndex()).isEqualTo(-1);
        assertThat(d.peakTime()).isNaN();
        assertThat(d.dipIndex()).isEqualTo(2);
    }

    @Test
    void twoDoubleDescentsAreCounted() {
        double[] g = {10, 6, 4, 5, 6, 3, 2, 2.5, 3, 1};
        DoubleDescent.Detection d = DoubleDescent.detect(g, index(g.length), 1e-6);
        assertThat(d.count()).isEqualTo(2);
        assertThat(d.fullCount()).isEqualTo(2);
        assertThat(d.dipIndex()).isEqualTo(2);
        assertThat(d.peakIndex()).isEqualTo(4);
        assertThat(DoubleDescent.count(g, 1e-6)).isEqualTo(2);
    }

    @Test
    void anInitialAscentIsNotADoubleDescent() {
        double[] g = {1, 2, 3, 2, 1};
        DoubleDescent.Detection d = DoubleDescent.detect(g, index(g.length), 1e-6);
        assertThat(d.count()).isZero();
        assertThat(d.fullCount()).isZero();
        assertThat(d.dipIndex()).isEqualTo(-1);
    }

    @Test
    void toleranceIsRelativeToTheLargestMagnitude() {
        double[] g = {1, 0.5, 0.6, 0.2};
        assertThat(DoubleDescent.count(g, 0.05)).isEqualTo(1);   // tol 0.05: rise 0.1 counts
        assertThat(DoubleDescent.count(g, 0.2)).isZero();        // tol 0.2: rise 0.1 ignored
        double[] scaled = {1000, 500, 600, 200};
        assertThat(DoubleDescent.count(scaled, 0.05)).isEqualTo(1);
        assertThat(DoubleDescent.count(scaled, 0.2)).isZero();
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> DoubleDescent.count(new double[] {1, Double.NaN}, 1e-6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("g[1]");
        assertThatThrownBy(() -> DoubleDescent.count(new double[] {1, 2}, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relTol");
        assertThatThrownBy(() -> DoubleDescent.detect(new double[] {1, 2}, new double[] {1}, 1e-6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("g (length 2)")
                .hasMessageContaining("times (length 1)");
    }
}
