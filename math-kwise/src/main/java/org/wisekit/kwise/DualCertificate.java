package org.wisekit.kwise;

import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.fraction.BigFraction;
import org.wisekit.kwise.internal.Binomial;

/**
 * A dual solution of the LP: the polynomial {@code P(s) = sum_j y_j C(s, j)}, j = 0..k, written in the
 * binomial basis. It proves {@code M(n,k,p) <= sum_j y_j C(n,j) p^j} whenever {@code P(s) >= 0} for
 * s = 0..n-1 and {@code P(n) >= 1}: for any feasible law q of S,
 * {@code q_n <= sum_s P(s) q_s = sum_j y_j E[C(S,j)] = sum_j y_j C(n,j) p^j}.
 * {@link CertificateChecker} checks those conditions. Immutable.
 *
 * @param coefficients y_0 .. y_k
 */
public record DualCertificate(List<BigFraction> coefficients) {

    public DualCertificate {
        coefficients = List.copyOf(Objects.requireNonNull(coefficients, "coefficients"));
        if (coefficients.isEmpty()) {
            throw new IllegalArgumentException("a dual certificate needs at least y_0");
        }
    }

    /** k, the number of binomial moments the certificate uses. */
    public int degree() {
        return coefficients.size() - 1;
    }

    /** P(s) = sum_j y_j C(s, j). */
    public BigFraction polynomialAt(int s) {
        BigFraction value = BigFraction.ZERO;
        for (int j = 0; j < coefficients.size(); j++) {
            value = value.add(coefficients.get(j).multiply(Binomial.choose(s, j)));
        }
        return value;
    }
}
