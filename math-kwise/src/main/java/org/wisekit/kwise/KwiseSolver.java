package org.wisekit.kwise;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import org.wisekit.kwise.internal.Binomial;
import org.wisekit.kwise.internal.IntegerSimplex;

/**
 * Exact M(n,k,p) from the symmetrised linear program over the law q_0..q_n of S = X_1+...+X_n:
 * <pre>
 *   maximise q_n  subject to  sum_s C(s,j) q_s = C(n,j) p^j  (j = 0..k),  q_s &gt;= 0.
 * </pre>
 * Averaging a k-wise independent law over the n! permutations of the bits keeps k-wise independence and
 * P(all ones), so the symmetric laws, described by q, suffice; E[C(S,j)] = C(n,j) p^j for j &lt;= k is
 * exactly k-wise independence with Bernoulli(p) marginals.
 *
 * <p>With p = a/b, row j is multiplied by b^j so that the data are integers, and the program is solved by
 * {@link IntegerSimplex} (fraction-free, Bland's rule). The answer carries the optimal law of S, the dual
 * polynomial, and the verdict of {@link CertificateChecker}. Stateless and thread-safe.
 */
public final class KwiseSolver {

    private KwiseSolver() {
    }

    /** Solves the LP exactly and checks the answer's certificate. */
    public static KwiseSolution solve(KwiseProblem problem) {
        int n = problem.n();
        int k = problem.k();
        BigInteger a = problem.p().getNumerator();
        BigInteger b = problem.p().getDenominator();

        BigInteger[][] moments = new BigInteger[k + 1][n + 1];
        BigInteger[] targets = new BigInteger[k + 1];
        BigInteger[] objective = new BigInteger[n + 1];
        for (int j = 0; j <= k; j++) {
            BigInteger scale = b.pow(j);
            for (int s = 0; s <= n; s++) {
                moments[j][s] = Binomial.choose(s, j).multiply(scale);
            }
            targets[j] = Binomial.choose(n, j).multiply(a.pow(j));
        }
        for (int s = 0; s <= n; s++) {
            objective[s] = s == n ? BigInteger.ONE : BigInteger.ZERO;
        }

        IntegerSimplex.Optimum optimum = IntegerSimplex.maximize(moments, targets, objective);
        BigInteger d = optimum.denominator();
        List<BigFraction> q = new ArrayList<>(n + 1);
        for (BigInteger x : optimum.primal()) {
            q.add(new BigFraction(x, d));
        }
        List<BigFraction> y = new ArrayList<>(k + 1);
        for (int j = 0; j <= k; j++) {
            // the dual of the scaled row j is y_j / b^j
            y.add(new BigFraction(optimum.dual().get(j).multiply(b.pow(j)), d));
        }
        BigFraction value = new BigFraction(optimum.objective(), d);
        DualCertificate certificate = new DualCertificate(y);
        boolean verified = CertificateChecker.verify(problem, value, q, certificate);
        return new KwiseSolution(problem, value, q, certificate, optimum.pivots(), verified);
    }
}
