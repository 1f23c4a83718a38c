package org.wisekit.kwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;

class KwiseProblemTest {

    @Test
    void acceptsTheWholeRange() {
        assertThat(KwiseProblem.of(1, 1, "0").p()).isEqualTo(BigFraction.ZERO);
        assertThat(KwiseProblem.of(5, 5, "1").p()).isEqualTo(BigFraction.ONE);
        assertThat(KwiseProblem.of(4, 2, "0.5")).isEqualTo(KwiseProblem.of(4, 2, 1, 2));
        assertThat(KwiseProblem.of(4, 2, "2/4").toString()).isEqualTo("M(4, 2, 1/2)");
    }

    @Test
    void rejectsBadParametersWithOneLineNamingThem() {
        assertThatThrownBy(() -> KwiseProblem.of(0, 1, "1/2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be >= 1, got 0");
        assertThatThrownBy(() -> KwiseProblem.of(4, 0, "1/2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k must be between 1 and n = 4, got 0");
        assertThatThrownBy(() -> KwiseProblem.of(4, 5, "1/2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k must be between 1 and n = 4, got 5");
        assertThatThrownBy(() -> KwiseProblem.of(4, 2, "3/2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p must be in [0, 1], got 3/2");
        assertThatThrownBy(() -> KwiseProblem.of(4, 2, "-0.1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p must be in [0, 1], got -1/10");
        assertThatThrownBy(() -> KwiseProblem.of(4, 2, "half")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p must be a fraction A/B or a decimal, got 'half'");
        assertThatThrownBy(() -> KwiseProblem.of(4, 2, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p has a zero denominator: 1/0");
    }
}
