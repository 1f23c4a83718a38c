package org.wisekit.kwise;

import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * The exact value M(n,k,p) with its proof. Immutable.
 *
 * @param problem      the instance solved
 * @param value        M(n,k,p)
 * @param distribution an optimal law of S = X_1+...+X_n: q_0 .. q_n, with q_n = value
 * @param certificate  an optimal dual solution, which bounds every feasible q_n by {@code value}
 * @param pivots       simplex pivots made (both phases)
 * @param verified     whether {@link CertificateChecker} accepted distribution, certificate and value;
 *                     true means the value is proved optimal
 */
public record KwiseSolution(KwiseProblem problem, BigFraction value, List<BigFraction> distribution,
                            DualCertificate certificate, int pivots, boolean verified) {

    public KwiseSolution {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(certificate, "certificate");
        distribution = List.copyOf(distribution);
        if (distribution.size() != problem.n() + 1) {
            throw new IllegalArgumentException("distribution must have n + 1 = " + (problem.n() + 1)
                    + " entries, got " + distribution.size());
        }
        if (certificate.degree() != problem.k()) {
            throw new IllegalArgumentException("certificate must have k + 1 = " + (problem.k() + 1)
                    + " coefficients, got " + (certificate.degree() + 1));
        }
        if (pivots < 0) {
            throw new IllegalArgumentException("pivots must be >= 0, got " + pivots);
        }
    }
}
