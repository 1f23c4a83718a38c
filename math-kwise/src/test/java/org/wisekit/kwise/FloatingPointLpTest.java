package org.wisekit.kwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.wisekit.kwise.internal.Fractions;

class FloatingPointLpTest {

    @Test
    void agreesWithTheExactValueOnSmallInstances() {
        for (int n = 2; n <= 8; n++) {
            for (int k = 1; k <= n; k++) {
                for (int i = 0; i <= 10; i++) {
                    KwiseProblem problem = new KwiseProblem(n, k, new BigFraction(i, 10));
                    FloatingPointLp.Outcome outcome = FloatingPointLp.solve(problem);
                    assertThat(outcome.failed()).isFalse();
                    assertThat(outcome.value()).as("%s", problem)
                            .isCloseTo(Fractions.toDouble(KwiseSolver.solve(problem).value()), within(1e-9));
                }
            }
        }
    }

    @Test
    void goesWrongAtLargerNAndK() {
        // measured with Commons Math 3.6.1; documents the baseline's failure that the reproduction reports
        KwiseProblem problem = KwiseProblem.of(40, 10, "1/10");
        double exact = Fractions.toDouble(KwiseSolver.solve(problem).value());
        FloatingPointLp.Outcome outcome = FloatingPointLp.solve(problem);
        assertThat(outcome.failed() || Math.abs(outcome.value() - exact) > 1e-6 * exact).isTrue();
    }
}
