package org.wisekit.kwise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class KwiseSolverTest {

    private static BigFraction m(int n, int k, String p) {
        KwiseSolution solution = KwiseSolver.solve(KwiseProblem.of(n, k, p));
        assertThat(solution.verified()).as("certificate of M(%d,%d,%s)", n, k, p).isTrue();
        return solution.value();
    }

    /** p = 0, 1/steps, ..., 1 plus a few fractions with awkward denominators. */
    static List<BigFraction> probabilities(int steps) {
        List<BigFraction> ps = new ArrayList<>();
        for (int i = 0; i <= steps; i++) {
            ps.add(new BigFraction(i, steps));
        }
        ps.add(new BigFraction(1, 7));
        ps.add(new BigFraction(5, 13));
        ps.add(new BigFraction(97, 100));
        return ps;
    }

    @Test
    void knownValues() {
        assertThat(m(4, 2, "1/2")).isEqualTo(new BigFraction(1, 6));
        assertThat(m(3, 2, "1/2")).isEqualTo(new BigFraction(1, 4));
        assertThat(m(7, 3, "1/2")).isEqualTo(new BigFraction(1, 16));
    }

    @Test
    void pairwiseIsPAndFullIndependenceIsPToTheN() {
        for (int n = 1; n <= 9; n++) {
            for (BigFraction p : probabilities(10)) {
                assertThat(KwiseSolver.solve(new KwiseProblem(n, 1, p)).value()).as("k=1, n=%d, p=%s", n, p)
                        .isEqualTo(p);
                assertThat(KwiseSolver.solve(new KwiseProblem(n, n, p)).value()).as("k=n=%d, p=%s", n, p)
                        .isEqualTo(p.pow(n));
            }
        }
    }

    @Test
    void endpointsOfP() {
        for (int n = 1; n <= 8; n++) {
            for (int k = 1; k <= n; k++) {
                assertThat(m(n, k, "0")).isEqualTo(BigFraction.ZERO);
                assertThat(m(n, k, "1")).isEqualTo(BigFraction.ONE);
            }
        }
    }

    @Test
    void simplexEqualsVertexEnumerationOnAllSmallCases() {
        int cases = 0;
        for (int n = 1; n <= 9; n++) {
            for (int k = 1; k <= n; k++) {
                for (BigFraction p : probabilities(12)) {
                    KwiseProblem problem = new KwiseProblem(n, k, p);
                    KwiseSolution solution = KwiseSolver.solve(problem);
                    assertThat(solution.verified()).as("%s verified", problem).isTrue();
                    assertThat(solution.value()).as("%s", problem).isEqualTo(VertexEnumeration.maximum(problem));
                    cases++;
                }
            }
        }
        assertThat(cases).isEqualTo(45 * 16);
    }

    @Test
    void simplexEqualsVertexEnumerationAtRandomRationals() {
        Random random = new Random(20240705L);
        for (int trial = 0; trial < 60; trial++) {
            int n = 3 + random.nextInt(8);
            int k = 1 + random.nextInt(n);
            int den = 1 + random.nextInt(1000);
            KwiseProblem problem = new KwiseProblem(n, k, new BigFraction(random.nextInt(den + 1), den));
            KwiseSolution solution = KwiseSolver.solve(problem);
            assertThat(solution.verified()).as("%s verified", problem).isTrue();
            assertThat(solution.value()).as("%s", problem).isEqualTo(VertexEnumeration.maximum(problem));
        }
    }

    @Test
    void optimalLawOfSIsAProbabilityLawWithTheRightMoments() {
        KwiseSolution solution = KwiseSolver.solve(KwiseProblem.of(9, 4, "2/5"));
        assertThat(solution.distribution()).hasSize(10).allSatisfy(q -> assertThat(q).isGreaterThanOrEqualTo(BigFraction.ZERO));
        assertThat(solution.distribution().stream().reduce(BigFraction.ZERO, BigFraction::add)).isEqualTo(BigFraction.ONE);
        assertThat(solution.distribution().get(9)).isEqualTo(solution.value());
        assertThat(solution.certificate().degree()).isEqualTo(4);
        // a basic solution: at most k + 1 = 5 support points
        assertThat(solution.distribution().stream().filter(q -> q.getNumerator().signum() != 0).count()).isLessThanOrEqualTo(5);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void solvesNSixtyKTenExactly() {
        for (String p : new String[] {"37/100", "1/3", "1/100", "99/100"}) {
            KwiseSolution solution = KwiseSolver.solve(KwiseProblem.of(60, 10, p));
            assertThat(solution.verified()).as("p=%s", p).isTrue();
            assertThat(solution.value()).isBetween(Bounds.trivialLower(solution.problem()), Bounds.trivialUpper(solution.problem()));
        }
    }
}
