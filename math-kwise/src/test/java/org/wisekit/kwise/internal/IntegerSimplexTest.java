package org.wisekit.kwise.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;

class IntegerSimplexTest {

    private static BigInteger[] ints(long... values) {
        BigInteger[] out = new BigInteger[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = BigInteger.valueOf(values[i]);
        }
        return out;
    }

    private static BigFraction value(IntegerSimplex.Optimum o, BigInteger numerator) {
        return new BigFraction(numerator, o.denominator());
    }

    @Test
    void solvesASmallProgramByHand() {
        // max 3x + 2y  s.t.  x + y + s1 = 4,  x + 3y + s2 = 6:  optimum x = 4, y = 0, value 12; duals (3, 0)
        IntegerSimplex.Optimum o = IntegerSimplex.maximize(
                new BigInteger[][] {ints(1, 1, 1, 0), ints(1, 3, 0, 1)}, ints(4, 6), ints(3, 2, 0, 0));
        assertThat(value(o, o.objective())).isEqualTo(new BigFraction(12));
        assertThat(value(o, o.primal().get(0))).isEqualTo(new BigFraction(4));
        assertThat(value(o, o.primal().get(1))).isEqualTo(BigFraction.ZERO);
        assertThat(value(o, o.dual().get(0))).isEqualTo(new BigFraction(3));
        assertThat(value(o, o.dual().get(1))).isEqualTo(BigFraction.ZERO);
    }

    @Test
    void terminatesOnBealesCyclingExample() {
        // Beale (1955), scaled to integers; Dantzig's largest-coefficient rule cycles on it, Bland's does not.
        // Variables x1..x7; max 3x4 - 80x5 + 2x6 - 24x7 (4 times Beale's objective), optimum 5 = 4 * 5/4.
        BigInteger[][] a = {
                ints(4, 0, 0, 1, -32, -4, 36),
                ints(0, 2, 0, 1, -24, -1, 6),
                ints(0, 0, 1, 0, 0, 1, 0)};
        IntegerSimplex.Optimum o = IntegerSimplex.maximize(a, ints(0, 0, 1), ints(0, 0, 0, 3, -80, 2, -24));
        assertThat(value(o, o.objective())).isEqualTo(new BigFraction(5));
        // dual feasibility y.A >= c and y.b = objective
        long[] c = {0, 0, 0, 3, -80, 2, -24};
        for (int j = 0; j < c.length; j++) {
            BigFraction reduced = BigFraction.ZERO;
            for (int i = 0; i < a.length; i++) {
                reduced = reduced.add(value(o, o.dual().get(i)).multiply(a[i][j]));
            }
            assertThat(reduced).as("column %d", j).isGreaterThanOrEqualTo(new BigFraction(c[j]));
        }
        assertThat(value(o, o.dual().get(2))).isEqualTo(new BigFraction(5));
    }

    @Test
    void reportsInfeasibleAndRankDeficientPrograms() {
        assertThatThrownBy(() -> IntegerSimplex.maximize(
                new BigInteger[][] {ints(1, 1), ints(1, 1)}, ints(1, 2), ints(1, 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("infeasible");
        assertThatThrownBy(() -> IntegerSimplex.maximize(
                new BigInteger[][] {ints(1, 1), ints(2, 2)}, ints(1, 2), ints(1, 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("linearly dependent");
    }

    @Test
    void reportsUnboundedProgramsAndBadInput() {
        assertThatThrownBy(() -> IntegerSimplex.maximize(new BigInteger[][] {ints(1, -1)}, ints(1), ints(0, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unbounded");
        assertThatThrownBy(() -> IntegerSimplex.maximize(new BigInteger[][] {ints(1, 1)}, ints(-1), ints(1, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("b[0] must be >= 0, got -1");
        assertThatThrownBy(() -> IntegerSimplex.maximize(new BigInteger[][] {ints(1)}, ints(1), ints(1, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0 of A has 1 entries");
    }
}
