package org.wisekit.kwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.wisekit.kwise.internal.Binomial;

class JointLawTest {

    @Test
    void lawFromTheLpIsKwiseIndependentWithTheRightMarginalsAndAllOnesProbability() {
        for (int n = 2; n <= 8; n++) {
            for (int k = 1; k <= n; k++) {
                for (BigFraction p : List.of(new BigFraction(1, 3), new BigFraction(1, 2), new BigFraction(7, 9),
                        ClosedForms.nearZeroThreshold(n, k))) {
                    KwiseSolution solution = KwiseSolver.solve(new KwiseProblem(n, k, p));
                    JointLaw law = JointLaw.symmetric(solution.distribution());
                    assertThat(law.isProbabilityLaw()).isTrue();
                    assertThat(law.isKwiseIndependent(k, p)).as("%s", solution.problem()).isTrue();
                    assertThat(law.allOnes()).isEqualTo(solution.value());
                    for (int i = 0; i < n; i++) {
                        assertThat(law.marginal(i)).isEqualTo(p);
                    }
                }
            }
        }
    }

    @Test
    void extremalLawIsNotMoreIndependentThanAsked() {
        // M(4,2,1/2) = 1/6 > 1/16 = p^4, so the optimal law cannot be 4-wise (fully) independent
        KwiseSolution solution = KwiseSolver.solve(KwiseProblem.of(4, 2, "1/2"));
        JointLaw law = JointLaw.symmetric(solution.distribution());
        assertThat(law.isKwiseIndependent(2, new BigFraction(1, 2))).isTrue();
        assertThat(law.isKwiseIndependent(4, new BigFraction(1, 2))).isFalse();
        assertThat(law.isKwiseIndependent(2, new BigFraction(1, 3))).isFalse();
    }

    @Test
    void binomialLawIsFullyIndependent() {
        int n = 6;
        BigFraction p = new BigFraction(2, 7);
        List<BigFraction> binomial = new ArrayList<>();
        for (int s = 0; s <= n; s++) {
            binomial.add(p.pow(s).multiply(BigFraction.ONE.subtract(p).pow(n - s)).multiply(Binomial.choose(n, s)));
        }
        JointLaw law = JointLaw.symmetric(binomial);
        assertThat(law.isKwiseIndependent(n, p)).isTrue();
        assertThat(law.probability(0b000101)).isEqualTo(p.pow(2).multiply(BigFraction.ONE.subtract(p).pow(4)));
    }

    @Test
    void rejectsNonLawsAndBadArguments() {
        JointLaw notNormalised = JointLaw.symmetric(List.of(new BigFraction(1, 2), BigFraction.ZERO, BigFraction.ZERO));
        assertThat(notNormalised.isProbabilityLaw()).isFalse();
        JointLaw negative = JointLaw.symmetric(List.of(new BigFraction(3, 2), BigFraction.ZERO, new BigFraction(-1, 2)));
        assertThat(negative.isProbabilityLaw()).isFalse();
        assertThatThrownBy(() -> negative.isKwiseIndependent(3, BigFraction.ONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("k must be between 1 and n = 2, got 3");
        assertThatThrownBy(() -> negative.marginal(2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JointLaw.symmetric(List.of(BigFraction.ONE))).isInstanceOf(IllegalArgumentException.class);
    }
}
