package org.wisekit.kwise;

import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;
import org.wisekit.kwise.internal.Binomial;
import org.wisekit.kwise.internal.Fractions;

/**
 * Checks an LP answer without trusting the solver that produced it, in plain {@link BigFraction}
 * arithmetic straight from the definitions:
 * <ol>
 *   <li>primal feasibility: q_s &gt;= 0 and sum_s C(s,j) q_s = C(n,j) p^j for j = 0..k;</li>
 *   <li>the claimed value is q_n;</li>
 *   <li>dual feasibility: P(s) = sum_j y_j C(s,j) &gt;= 0 for s = 0..n-1 and P(n) &gt;= 1;</li>
 *   <li>equal objectives: sum_j y_j C(n,j) p^j = the claimed value.</li>
 * </ol>
 * By weak duality (1)-(4) prove that the value is exactly M(n,k,p). Stateless and thread-safe.
 */
public final class CertificateChecker {

    private CertificateChecker() {
    }

    /** True when all four conditions hold. */
    public static boolean verify(KwiseProblem problem, BigFraction value, List<BigFraction> distribution,
                                 DualCertificate certificate) {
        return violation(problem, value, distribution, certificate).isEmpty();
    }

    /** The solution's own parts checked again. */
    public static boolean verify(KwiseSolution solution) {
        return verify(solution.problem(), solution.value(), solution.distribution(), solution.certificate());
    }

    /** The first condition that fails, in words, or empty when the value is proved. */
    public static Optional<String> violation(KwiseProblem problem, BigFraction value,
                                             List<BigFraction> distribution, DualCertificate certificate) {
        int n = problem.n();
        int k = problem.k();
        BigFraction p = problem.p();
        if (distribution.size() != n + 1) {
            return Optional.of("distribution has " + distribution.size() + " entries, expected " + (n + 1));
        }
        if (certificate.coefficients().size() != k + 1) {
            return Optional.of("certificate has " + certificate.coefficients().size()
                    + " coefficients, expected " + (k + 1));
        }
        for (int s = 0; s <= n; s++) {
            if (distribution.get(s).compareTo(BigFraction.ZERO) < 0) {
                return Optional.of("q_" + s + " = " + Fractions.format(distribution.get(s)) + " is negative");
            }
        }
        for (int j = 0; j <= k; j++) {
            BigFraction moment = BigFraction.ZERO;
            for (int s = j; s <= n; s++) {
                moment = moment.add(distribution.get(s).multiply(Binomial.choose(s, j)));
            }
            BigFraction target = p.pow(j).multiply(Binomial.choose(n, j));
            if (!moment.equals(target)) {
                return Optional.of("E[C(S," + j + ")] = " + Fractions.format(moment) + " but C(n," + j
                        + ") p^" + j + " = " + Fractions.format(target));
            }
        }
        if (!distribution.get(n).equals(value)) {
            return Optional.of("q_n = " + Fractions.format(distribution.get(n)) + " differs from the value "
                    + Fractions.format(value));
        }
        List<BigFraction> y = certificate.coefficients();
        for (int s = 0; s <= n; s++) {
            BigFraction at = BigFraction.ZERO;
            for (int j = 0; j <= k; j++) {
                at = at.add(y.get(j).multiply(Binomial.choose(s, j)));
            }
            BigFraction floor = s == n ? BigFraction.ONE : BigFraction.ZERO;
            if (at.compareTo(floor) < 0) {
                return Optional.of("dual polynomial P(" + s + ") = " + Fractions.format(at) + " < "
                        + Fractions.format(floor));
            }
        }
        BigFraction dualObjective = BigFraction.ZERO;
        for (int j = 0; j <= k; j++) {
            dualObjective = dualObjective.add(y.get(j).multiply(Binomial.choose(n, j)).multiply(p.pow(j)));
        }
        if (!dualObjective.equals(value)) {
            return Optional.of("dual objective " + Fractions.format(dualObjective) + " differs from the value "
                    + Fractions.format(value));
        }
        return Optional.empty();
    }
}
