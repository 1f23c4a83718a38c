package org.wisekit.kwise;

import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;
import org.wisekit.kwise.internal.Binomial;

/**
 * Closed forms of M(n,k,p) near p = 0 and near p = 1, evaluated exactly.
 *
 * <p><b>Reconstructed.</b> The paper (Berend, Ernst, Kontorovich, Kumar) announces closed forms "for p
 * near 0 as well as p near 1", but its text is not available here. The statements below were derived
 * independently and verified by exact LP (this module's solver, vertex enumeration and the
 * {@code math-kwise/closed-forms} reproduction); they are our theorems, not quotations. For
 * 2 &lt;= k &lt;= n-1, with q = 1 - p and m = n - k + 1:
 * <ul>
 *   <li><b>near 0</b>: M = p^k if and only if 0 &lt;= p &lt;= 1/m. The upper bound is P(first k bits are 1);
 *       the optimal law of S lives on {0, ..., k-1, n}.</li>
 *   <li><b>near 1</b>: for (m-1)/m &lt;= p &lt;= 1,
 *       M = sum_{j=0..k} (-1)^j C(n,j) q^j for even k (the Bonferroni truncation of P(no zero), sharp), and
 *       M = sum_{j=0..k-1} (-1)^j C(n,j) q^j - C(n-1,k-1) q^k for odd k (sharper than Bonferroni,
 *       which subtracts C(n,k) q^k).</li>
 * </ul>
 * For k = 1 (M = p) and k = n (M = p^n) both formulas hold for every p. Both ranges are tight: just outside
 * them the formula differs from M. Stateless and thread-safe.
 */
public final class ClosedForms {

    private ClosedForms() {
    }

    /** 1/(n-k+1): the top of the near-0 range. */
    public static BigFraction nearZeroThreshold(int n, int k) {
        return new BigFraction(1, n - k + 1);
    }

    /** (n-k)/(n-k+1): the bottom of the near-1 range. */
    public static BigFraction nearOneThreshold(int n, int k) {
        return new BigFraction(n - k, n - k + 1);
    }

    /** p^k, the near-0 closed form (its value, whether or not p is in range). */
    public static BigFraction nearZero(KwiseProblem problem) {
        return problem.p().pow(problem.k());
    }

    /** The near-1 closed form (its value, whether or not p is in range). */
    public static BigFraction nearOne(KwiseProblem problem) {
        int n = problem.n();
        int k = problem.k();
        BigFraction q = BigFraction.ONE.subtract(problem.p());
        int lastFullTerm = k % 2 == 0 ? k : k - 1;
        BigFraction sum = BigFraction.ZERO;
        for (int j = 0; j <= lastFullTerm; j++) {
            BigFraction term = q.pow(j).multiply(Binomial.choose(n, j));
            sum = j % 2 == 0 ? sum.add(term) : sum.subtract(term);
        }
        if (k % 2 == 1) {
            sum = sum.subtract(q.pow(k).multiply(Binomial.choose(n - 1, k - 1)));
        }
        return sum;
    }

    /** p &lt;= 1/(n-k+1). */
    public static boolean inNearZeroRange(KwiseProblem problem) {
        return problem.p().compareTo(nearZeroThreshold(problem.n(), problem.k())) <= 0;
    }

    /** p &gt;= (n-k)/(n-k+1). */
    public static boolean inNearOneRange(KwiseProblem problem) {
        return problem.p().compareTo(nearOneThreshold(problem.n(), problem.k())) >= 0;
    }

    /** Which formula applies; the near-0 one when both do (k = n-1, p = 1/2, where they agree). */
    public static Regime regime(KwiseProblem problem) {
        if (problem.k() == 1 || problem.k() == problem.n()) {
            return Regime.EVERY_P;
        }
        if (inNearZeroRange(problem)) {
            return Regime.NEAR_ZERO;
        }
        return inNearOneRange(problem) ? Regime.NEAR_ONE : Regime.LP_ONLY;
    }

    /** M from the applicable closed form, or empty in the LP-only middle range. */
    public static Optional<BigFraction> value(KwiseProblem problem) {
        return switch (regime(problem)) {
            case EVERY_P, NEAR_ZERO -> Optional.of(nearZero(problem));
            case NEAR_ONE -> Optional.of(nearOne(problem));
            case LP_ONLY -> Optional.empty();
        };
    }
}
