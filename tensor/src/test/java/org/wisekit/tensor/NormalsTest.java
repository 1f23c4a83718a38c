package org.wisekit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormalsTest {

    @Test
    void isTheBoxMullerFormulaOnTwoDrawsInOrder() {
        SplittableRandom reference = new SplittableRandom(5);
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 100; i++) {
            double u1 = reference.nextDouble();
            double u2 = reference.nextDouble();
            assertThat(Normals.next(rng)).isEqualTo(Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2));
        }
    }

    @Test
    void floatsHaveStandardNormalMomentsAndDependOnlyOnTheSeed() {
        float[] v = Normals.floats(11, 200_000);
        double mean = 0;
        double square = 0;
        for (float x : v) {
            mean += x;
            square += (double) x * x;
        }
        mean /= v.length;
        double variance = square / v.length - mean * mean;
        // standard errors: 1/sqrt(n) ~ 0.0022 for the mean, sqrt(2/n) ~ 0.0032 for the variance
        assertThat(mean).isCloseTo(0, within(0.01));
        assertThat(variance).isCloseTo(1, within(0.015));
        assertThat(Normals.floats(11, 10)).containsExactly(java.util.Arrays.copyOf(v, 10));
        assertThat(Normals.floats(12, 10)).isNotEqualTo(java.util.Arrays.copyOf(v, 10));
        assertThatThrownBy(() -> Normals.floats(1, -1)).hasMessageContaining("n must be >= 0, got -1");
    }
}
