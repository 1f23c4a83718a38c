package org.wisekit.fhe.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.ParametersLiteral;
import org.wisekit.fhe.bgv.SecurityEstimate;
import org.wisekit.fhe.ring.BluesteinDft;

class ComparisonTierTest {

    @Test
    void everyTierBuildsKeepsItsRingAndIsLabelledBelow128Bits() {
        int[] levels = {20, 21, 22, 17, 14};
        for (ComparisonTier tier : ComparisonTier.values()) {
            if (tier.minimumSecurityBits() > 0) {
                continue; // B2_96: the test below
            }
            BgvParameters parameters = tier.insecureParameters();
            assertThat(tier.parameters()).isSameAs(parameters);
            assertThat(parameters.m()).isEqualTo(tier.base().literal().m());
            assertThat(parameters.plaintextModulus()).isEqualTo(tier.base().literal().plaintextModulus());
            assertThat(parameters.maxLevel()).as(tier.name()).isEqualTo(levels[tier.ordinal()]);
            assertThat(parameters.security().meetsStandard()).isFalse();
            assertThat(parameters.security().label()).contains("INSECURE");
        }
        assertThat(WordFormat.of(ComparisonTier.B1.insecureParameters(), 64)).isEqualTo(new WordFormat(64, 66, 4, 3));
        assertThat(WordFormat.of(ComparisonTier.B1.insecureParameters(), 32)).isEqualTo(new WordFormat(32, 66, 3, 2));
        assertThat(WordFormat.of(ComparisonTier.B2.insecureParameters(), 64)).isEqualTo(new WordFormat(64, 66, 3, 4));
        assertThat(WordFormat.of(ComparisonTier.T1.insecureParameters(), 32)).isEqualTo(new WordFormat(32, 129, 3, 2));
        assertThatThrownBy(() -> ComparisonTier.parse("B3")).hasMessage("tier must be one of T0, T1, B1, B2, B2_96, got 'B3'");
        assertThat(ComparisonTier.parse("b2_96")).isEqualTo(ComparisonTier.B2_96);
        assertThat(levels).hasSize(ComparisonTier.values().length);
    }

    @Test
    void b2At96BitsBuildsWithSmallPrimesAndMeetsNinetySixBitsByBothEstimates() {
        ComparisonTier tier = ComparisonTier.B2_96;
        assertThat(tier.minimumSecurityBits()).isEqualTo(96);
        assertThat(tier.literal().smallPrimes()).isTrue();
        assertThat(tier.literal().keySwitchDigits()).isEqualTo(6);
        assertThat(tier.literal().logP()).containsExactly(38, 38);
        BgvParameters parameters = tier.parameters();
        assertThat(tier.insecureParameters()).isSameAs(parameters);
        assertThat(parameters.smallPrimes()).isTrue();
        assertThat(parameters.m()).isEqualTo(17293);
        assertThat(parameters.plaintextModulus()).isEqualTo(131);
        assertThat(parameters.maxLevel()).isEqualTo(14);
        assertThat(parameters.digitGroups()).hasNumberOfRows(6);
        assertThat(Math.round(parameters.log2Modulus(parameters.maxLevel()))).isEqualTo(494);
        int m = parameters.m();
        long mn = (long) m * BluesteinDft.convolutionLength(m);
        assertThat(parameters.primes()).allSatisfy(q -> assertThat(q % m).isEqualTo(1));
        assertThat(parameters.primes()).anySatisfy(q -> assertThat(q % mn).isNotEqualTo(1));
        SecurityEstimate security = parameters.security();
        assertThat(security.heStandardBits()).isGreaterThanOrEqualTo(96);
        assertThat(security.helibBits()).isGreaterThanOrEqualTo(96);
        assertThat(security.meets(96)).isTrue();
        assertThat(security.label()).doesNotContain("INSECURE");
        assertThat(WordFormat.of(parameters, 64)).isEqualTo(new WordFormat(64, 66, 3, 4));
        // The security check is real: the same ring with a larger modulus is refused at 96 bits.
        assertThatThrownBy(() -> BgvParameters.create(new ParametersLiteral(17293, 131, List.of(60, 60, 60, 60,
                60, 60, 60, 60, 60, 60), List.of(60, 60), 2, true), 96))
                .hasMessageStartingWith("parameters are below 96-bit security");
    }

}
