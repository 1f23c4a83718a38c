package org.wisekit.kwise;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;

class BoundsTest {

    private static final int MAX_N = 9;
    private static final int STEPS = 20;

    /** M[n][k][i] at p = i / STEPS. */
    private static final BigFraction[][][] M = new BigFraction[MAX_N + 1][MAX_N + 1][STEPS + 1];

    static {
        for (int n = 1; n <= MAX_N; n++) {
            for (int k = 1; k <= n; k++) {
                for (int i = 0; i <= STEPS; i++) {
                    M[n][k][i] = KwiseSolver.solve(new KwiseProblem(n, k, new BigFraction(i, STEPS))).value();
                }
            }
        }
    }

    @Test
    void trivialAndBgpBoundsHold() {
        for (int n = 1; n <= MAX_N; n++) {
            for (int k = 1; k <= n; k++) {
                for (int i = 0; i <= STEPS; i++) {
                    KwiseProblem problem = new KwiseProblem(n, k, new BigFraction(i, STEPS));
                    assertThat(M[n][k][i]).as("%s", problem)
                            .isBetween(Bounds.trivialLower(problem), Bounds.trivialUpper(problem))
                            .isLessThanOrEqualTo(Bounds.bgpUpper(problem));
                }
            }
        }
    }

    @Test
    void monotoneInKNAndP() {
        for (int n = 1; n <= MAX_N; n++) {
            for (int k = 1; k <= n; k++) {
                for (int i = 0; i <= STEPS; i++) {
                    if (k > 1) {
                        assertThat(M[n][k][i]).as("in k at n=%d k=%d i=%d", n, k, i).isLessThanOrEqualTo(M[n][k - 1][i]);
                    }
                    if (k < n) {
                        assertThat(M[n][k][i]).as("in n at n=%d k=%d i=%d", n, k, i).isLessThanOrEqualTo(M[n - 1][k][i]);
                    }
                    if (i > 0) {
                        assertThat(M[n][k][i]).as("in p at n=%d k=%d i=%d", n, k, i).isGreaterThanOrEqualTo(M[n][k][i - 1]);
                    }
                }
            }
        }
    }

    @Test
    void bgpBoundAtTheEnds() {
        assertThat(Bounds.bgpUpper(KwiseProblem.of(6, 2, "0"))).isEqualTo(BigFraction.ZERO);
        assertThat(Bounds.bgpUpper(KwiseProblem.of(6, 2, "1"))).isEqualTo(BigFraction.ONE);
        // k = 2: p^n / (p^n + n q p^(n-1)) = p / (p + n q)
        assertThat(Bounds.bgpUpper(KwiseProblem.of(4, 2, "1/2"))).isEqualTo(new BigFraction(1, 5));
    }
}
