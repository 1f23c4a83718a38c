package org.wisekit.kwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.wisekit.kwise.internal.Fractions;

class FloatingPointLpTest {

    @Test
    void bothSetUpsAgreeWithTheExactValueOnSmallInstances() {
        for (FloatingPointLp.Settings settings : new FloatingPointLp.Settings[] {FloatingPointLp.Settings.TUNED,
                FloatingPointLp.Settings.DEFAULTS}) {
            for (int n = 2; n <= 8; n++) {
                for (int k = 1; k <= n; k++) {
                    for (int i = 0; i <= 10; i++) {
                        KwiseProblem problem = new KwiseProblem(n, k, new BigFraction(i, 10));
                        FloatingPointLp.Outcome outcome = FloatingPointLp.solve(problem, settings);
                        assertThat(outcome.failed()).isFalse();
                        assertThat(outcome.value()).as("%s with %s", problem, settings)
                                .isCloseTo(Fractions.toDouble(KwiseSolver.solve(problem).value()), within(1e-9));
                    }
                }
            }
        }
    }

    @Test
    void theTunedBaselineIsTheDefaultSolveAndBeatsTheSolversDefaults() {
        // measured with Commons Math 3.6.1: at (30, 10, 1/10) the defaults return 0, the tuned set-up a value of
        // the right order (still wrong), and both agree at (12, 6, 1/100), where the note's scipy LP was 100x off
        KwiseProblem problem = KwiseProblem.of(30, 10, "1/10");
        double exact = Fractions.toDouble(KwiseSolver.solve(problem).value());
        double tuned = FloatingPointLp.solve(problem).value();
        assertThat(tuned).isEqualTo(FloatingPointLp.solve(problem, FloatingPointLp.Settings.TUNED).value());
        double plain = FloatingPointLp.solve(problem, FloatingPointLp.Settings.DEFAULTS).value();
        assertThat(Math.abs(tuned - exact)).isLessThan(Math.abs(plain - exact));
        KwiseProblem quoted = KwiseProblem.of(12, 6, "1/100");
        assertThat(FloatingPointLp.solve(quoted).value()).isCloseTo(1e-12, within(1e-20));
    }

    @Test
    void evenTheTunedBaselineGoesWrongAtLargerNAndK() {
        KwiseProblem problem = KwiseProblem.of(60, 10, "1/10");
        double exact = Fractions.toDouble(KwiseSolver.solve(problem).value());
        FloatingPointLp.Outcome outcome = FloatingPointLp.solve(problem);
        assertThat(outcome.failed() || Math.abs(outcome.value() - exact) > 1e-6 * exact).isTrue();
    }
}
