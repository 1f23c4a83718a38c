package org.wisekit.kwise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.wisekit.kwise.internal.Binomial;

class CertificateCheckerTest {

    private final KwiseProblem problem = KwiseProblem.of(8, 3, "2/5");
    private final KwiseSolution solution = KwiseSolver.solve(problem);

    private static List<BigFraction> replace(List<BigFraction> values, int index, BigFraction value) {
        List<BigFraction> copy = new ArrayList<>(values);
        copy.set(index, value);
        return copy;
    }

    @Test
    void acceptsTheSolversAnswer() {
        assertThat(solution.verified()).isTrue();
        assertThat(CertificateChecker.verify(solution)).isTrue();
        assertThat(CertificateChecker.violation(problem, solution.value(), solution.distribution(),
                solution.certificate())).isEmpty();
    }

    @Test
    void rejectsAWrongValue() {
        BigFraction larger = solution.value().add(new BigFraction(1, 1000));
        assertThat(CertificateChecker.violation(problem, larger, solution.distribution(), solution.certificate()))
                .hasValueSatisfying(v -> assertThat(v).startsWith("q_n = "));
    }

    @Test
    void rejectsATamperedDualObjective() {
        List<BigFraction> y = solution.certificate().coefficients();
        DualCertificate tampered = new DualCertificate(replace(y, 0, y.get(0).add(new BigFraction(1, 1000))));
        assertThat(CertificateChecker.violation(problem, solution.value(), solution.distribution(), tampered))
                .hasValueSatisfying(v -> assertThat(v).startsWith("dual objective"));
    }

    @Test
    void rejectsADualPolynomialThatGoesNegativeEvenWithTheRightObjective() {
        // adding t (s - np), whose mean under every feasible law is 0, keeps the objective but makes P(0) < 0
        List<BigFraction> y = solution.certificate().coefficients();
        BigFraction t = new BigFraction(1000);
        List<BigFraction> shifted = replace(y, 0, y.get(0).subtract(t.multiply(problem.p()).multiply(problem.n())));
        shifted = replace(shifted, 1, shifted.get(1).add(t));
        assertThat(CertificateChecker.violation(problem, solution.value(), solution.distribution(),
                new DualCertificate(shifted))).hasValueSatisfying(v -> assertThat(v).startsWith("dual polynomial P(0)"));
    }

    @Test
    void rejectsATamperedPrimal() {
        List<BigFraction> q = solution.distribution();
        int support = q.indexOf(q.stream().filter(v -> v.getNumerator().signum() != 0 && v != q.get(problem.n()))
                .findFirst().orElseThrow());
        List<BigFraction> moved = replace(q, support, q.get(support).subtract(new BigFraction(1, 1000)));
        assertThat(CertificateChecker.verify(problem, solution.value(), moved, solution.certificate())).isFalse();
        List<BigFraction> negative = replace(q, support, new BigFraction(-1, 1000));
        assertThat(CertificateChecker.violation(problem, solution.value(), negative, solution.certificate()))
                .hasValueSatisfying(v -> assertThat(v).contains("is negative"));
        assertThat(CertificateChecker.verify(problem, solution.value(), q.subList(0, problem.n()),
                solution.certificate())).isFalse();
    }

    @Test
    void acceptsTheHandWrittenNearZeroProof() {
        // Theorem A: P(s) = C(s,k)/C(n,k) proves M <= p^k; the law on {0..k-1, n} attains it for p <= 1/(n-k+1)
        KwiseProblem small = KwiseProblem.of(8, 3, "1/6");
        List<BigFraction> y = new ArrayList<>(List.of(BigFraction.ZERO, BigFraction.ZERO, BigFraction.ZERO,
                new BigFraction(Binomial.choose(8, 3)).reciprocal()));
        KwiseSolution exact = KwiseSolver.solve(small);
        assertThat(CertificateChecker.verify(small, small.p().pow(3), exact.distribution(), new DualCertificate(y)))
                .isTrue();
    }
}
