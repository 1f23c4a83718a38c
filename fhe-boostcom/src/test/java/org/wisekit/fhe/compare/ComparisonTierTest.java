package org.wisekit.fhe.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.wisekit.fhe.bgv.BgvParameters;

class ComparisonTierTest {

    @Test
    void everyTierBuildsKeepsItsRingAndIsLabelledBelow128Bits() {
        int[] levels = {20, 21, 22, 17};
        for (ComparisonTier tier : ComparisonTier.values()) {
            BgvParameters parameters = tier.insecureParameters();
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
        assertThatThrownBy(() -> ComparisonTier.parse("B3")).hasMessage("tier must be one of T0, T1, B1, B2, got 'B3'");
    }
}
