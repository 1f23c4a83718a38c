package org.wisekit.kwise;

import org.apache.commons.math3.fraction.BigFraction;
import org.wisekit.kwise.internal.Binomial;

/**
 * Bounds on M(n,k,p), evaluated exactly; used as invariants of the exact solver. Stateless.
 */
public final class Bounds {

    private Bounds() {
    }

    /** p^n: fully independent bits are k-wise independent. */
    public static BigFraction trivialLower(KwiseProblem problem) {
        return problem.p().pow(problem.n());
    }

    /** p^k: all n bits are 1 only if the first k are, and those are independent. */
    public static BigFraction trivialUpper(KwiseProblem problem) {
        return problem.p().pow(problem.k());
    }

    /**
     * The Benjamini-Gurel-Gurevich-Peled upper bound {@code p^n / P(Bin(n, 1-p) <= floor(k/2))}
     * (arXiv:1201.3261, as recalled for even k; for odd k it is the bound for k-1, valid because M is
     * non-increasing in k). At p = 0 it is 0, its limit.
     */
    public static BigFraction bgpUpper(KwiseProblem problem) {
        BigFraction p = problem.p();
        if (p.equals(BigFraction.ZERO)) {
            return BigFraction.ZERO;
        }
        int n = problem.n();
        BigFraction q = BigFraction.ONE.subtract(p);
        BigFraction fewZeros = BigFraction.ZERO;
        for (int i = 0; i <= problem.k() / 2; i++) {
            fewZeros = fewZeros.add(q.pow(i).multiply(p.pow(n - i)).multiply(Binomial.choose(n, i)));
        }
        return p.pow(n).divide(fewZeros);
    }
}
