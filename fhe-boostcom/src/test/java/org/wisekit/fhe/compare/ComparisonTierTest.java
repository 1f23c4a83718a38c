package org.wisekit.fhe.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.ParameterGenerator;
import org.wisekit.fhe.bgv.ParameterTier;
import org.wisekit.fhe.bgv.ParametersLiteral;
import org.wisekit.fhe.bgv.SecurityEstimate;
import org.wisekit.fhe.ring.BluesteinDft;

class ComparisonTierTest {

    @Test
    void everyTierBuildsKeepsItsRingAndIsLabelledBelow128Bits() {
        int[] levels = {20, 21, 22, 17, 14, 18};
        for (ComparisonTier tier : ComparisonTier.values()) {
            if (tier.isSecure()) {
                continue; // B2_96 and B3_128: the tests below
            }
            ParameterTier base = ParameterTier.valueOf(tier.name());
            BgvParameters parameters = tier.insecureParameters();
            assertThat(tier.parameters()).isSameAs(parameters);
            assertThat(parameters.m()).isEqualTo(base.literal().m());
            assertThat(parameters.plaintextModulus()).isEqualTo(base.literal().plaintextModulus());
            assertThat(parameters.maxLevel()).as(tier.name()).isEqualTo(levels[tier.ordinal()]);
            assertThat(parameters.security().meetsStandard()).isFalse();
            assertThat(parameters.security().label()).contains("INSECURE");
        }
        assertThat(WordFormat.of(ComparisonTier.B1.insecureParameters(), 64)).isEqualTo(new WordFormat(64, 66, 4, 3));
        assertThat(WordFormat.of(ComparisonTier.B1.insecureParameters(), 32)).isEqualTo(new WordFormat(32, 66, 3, 2));
        assertThat(WordFormat.of(ComparisonTier.B2.insecureParameters(), 64)).isEqualTo(new WordFormat(64, 66, 3, 4));
        assertThat(WordFormat.of(ComparisonTier.T1.insecureParameters(), 32)).isEqualTo(new WordFormat(32, 129, 3, 2));
        assertThatThrownBy(() -> ComparisonTier.parse("B3")).hasMessage("tier must be one of T0, T1, B1, B2, B2_96, B3_128, got 'B3'");
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

    @Test
    void b3At128BitsIsIliashenkoZuccasSecondRingWithMinMaxDepth() {
        ComparisonTier tier = ComparisonTier.B3_128;
        assertThat(tier.minimumSecurityBits()).isEqualTo(128);
        assertThat(tier.isSecure()).isTrue();
        assertThat(tier.minMaxWordBits()).isEqualTo(64);
        BgvParameters parameters = tier.parameters();
        assertThat(parameters.m()).isEqualTo(28057);
        assertThat(parameters.plaintextModulus()).isEqualTo(167);
        assertThat(parameters.maxLevel()).isEqualTo(18);
        assertThat(parameters.digitGroups()).hasNumberOfRows(5);
        assertThat(Math.round(parameters.log2Modulus(parameters.maxLevel()))).isEqualTo(618);
        SecurityEstimate security = parameters.security();
        assertThat(security.meets(128)).isTrue();
        assertThat(security.label()).startsWith("128-bit");
        assertThat(WordFormat.of(parameters, 64)).isEqualTo(new WordFormat(64, 84, 3, 4));
        assertThat(WordFormat.of(parameters, 64).capacity(parameters)).isEqualTo(2338);
    }

    @Test
    void noSecureB1AtIliashenkoZuccasRing() {
        // B1's ring (m = 8581) cannot hold a 64-bit comparison's depth at 96 bits: the generator says why.
        assertThatThrownBy(() -> ParameterGenerator.forPlaintextModulus(131).m(8581).depth(14).keySwitchDigits(6)
                .minChainPrimeBits(31).smallPrimes(true).securityBits(96).generate())
                .hasMessageStartingWith("cannot meet 96-bit security at m = 8581");
    }
}
