package org.wisekit.kwise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.wisekit.kwise.internal.Binomial;

class ClosedFormsTest {

    private static final BigFraction JUST = new BigFraction(1, 1000);

    private static BigFraction exact(KwiseProblem problem) {
        return KwiseSolver.solve(problem).value();
    }

    @Test
    void nearZeroFormulaHoldsOnItsRangeAndFailsJustOutside() {
        for (int n = 3; n <= 10; n++) {
            for (int k = 2; k < n; k++) {
                BigFraction t0 = ClosedForms.nearZeroThreshold(n, k);
                for (BigFraction p : List.of(BigFraction.ZERO, JUST, t0.divide(3), t0.subtract(JUST), t0)) {
                    KwiseProblem problem = new KwiseProblem(n, k, p);
                    assertThat(exact(problem)).as("%s", problem).isEqualTo(ClosedForms.nearZero(problem));
                }
                KwiseProblem outside = new KwiseProblem(n, k, t0.add(JUST));
                assertThat(exact(outside)).as("%s", outside).isLessThan(ClosedForms.nearZero(outside));
            }
        }
    }

    @Test
    void nearOneFormulaHoldsOnItsRangeAndFailsJustOutside() {
        for (int n = 3; n <= 10; n++) {
            for (int k = 2; k < n; k++) {
                BigFraction t1 = ClosedForms.nearOneThreshold(n, k);
                BigFraction middle = t1.add(BigFraction.ONE).divide(2);
                for (BigFraction p : List.of(t1, t1.add(JUST), middle, BigFraction.ONE.subtract(JUST), BigFraction.ONE)) {
                    KwiseProblem problem = new KwiseProblem(n, k, p);
                    assertThat(exact(problem)).as("%s", problem).isEqualTo(ClosedForms.nearOne(problem));
                }
                KwiseProblem outside = new KwiseProblem(n, k, t1.subtract(JUST));
                assertThat(exact(outside)).as("%s", outside).isNotEqualTo(ClosedForms.nearOne(outside));
            }
        }
    }

    @Test
    void thresholdsAgreeWithVertexEnumeration() {
        for (int n = 3; n <= 8; n++) {
            for (int k = 2; k < n; k++) {
                KwiseProblem low = new KwiseProblem(n, k, ClosedForms.nearZeroThreshold(n, k));
                KwiseProblem high = new KwiseProblem(n, k, ClosedForms.nearOneThreshold(n, k));
                assertThat(VertexEnumeration.maximum(low)).as("%s", low).isEqualTo(ClosedForms.nearZero(low));
                assertThat(VertexEnumeration.maximum(high)).as("%s", high).isEqualTo(ClosedForms.nearOne(high));
            }
        }
    }

    @Test
    void oddKNearOneBeatsTheBonferroniTruncation() {
        for (int[] nk : new int[][] {{6, 3}, {9, 5}, {10, 3}}) {
            KwiseProblem problem = KwiseProblem.of(nk[0], nk[1], "19/20");
            BigFraction q = BigFraction.ONE.subtract(problem.p());
            BigFraction bonferroni = BigFraction.ZERO;
            for (int j = 0; j <= problem.k(); j++) {
                BigFraction term = q.pow(j).multiply(Binomial.choose(problem.n(), j));
                bonferroni = j % 2 == 0 ? bonferroni.add(term) : bonferroni.subtract(term);
            }
            assertThat(ClosedForms.nearOne(problem)).as("%s", problem).isEqualTo(exact(problem)).isGreaterThan(bonferroni);
        }
    }

    @Test
    void bothFormulasCoverEveryPWhenKIsOneOrN() {
        for (int n = 1; n <= 7; n++) {
            for (BigFraction p : KwiseSolverTest.probabilities(7)) {
                KwiseProblem pairwise = new KwiseProblem(n, 1, p);
                KwiseProblem full = new KwiseProblem(n, n, p);
                assertThat(ClosedForms.regime(pairwise)).isEqualTo(Regime.EVERY_P);
                assertThat(ClosedForms.nearOne(pairwise)).isEqualTo(p);
                assertThat(ClosedForms.nearOne(full)).isEqualTo(p.pow(n));
                assertThat(ClosedForms.value(full)).contains(p.pow(n));
            }
        }
    }

    @Test
    void rangesMeetAtOneHalfWhenKIsNMinusOne() {
        for (int n = 3; n <= 9; n++) {
            KwiseProblem problem = KwiseProblem.of(n, n - 1, "1/2");
            assertThat(ClosedForms.nearZero(problem)).isEqualTo(ClosedForms.nearOne(problem)).isEqualTo(exact(problem));
            assertThat(ClosedForms.regime(problem)).isEqualTo(Regime.NEAR_ZERO);
        }
    }

    @Test
    void regimeFollowsTheRangesNotTheValue() {
        assertThat(ClosedForms.regime(KwiseProblem.of(4, 2, "1/3"))).isEqualTo(Regime.NEAR_ZERO);
        assertThat(ClosedForms.regime(KwiseProblem.of(4, 2, "1/2"))).isEqualTo(Regime.LP_ONLY);
        assertThat(ClosedForms.regime(KwiseProblem.of(4, 2, "2/3"))).isEqualTo(Regime.NEAR_ONE);
        assertThat(ClosedForms.value(KwiseProblem.of(4, 2, "1/2"))).isEmpty();
        // M(7,3,1/2) = 1/16 is a power of 1/2 but p = 1/2 lies between 1/5 and 4/5: LP only
        assertThat(ClosedForms.regime(KwiseProblem.of(7, 3, "1/2"))).isEqualTo(Regime.LP_ONLY);
    }
}
