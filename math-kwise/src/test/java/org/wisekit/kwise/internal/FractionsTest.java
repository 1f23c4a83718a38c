package org.wisekit.kwise.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;

class FractionsTest {

    @Test
    void parsesRatiosIntegersAndDecimalsExactly() {
        assertThat(Fractions.parse("p", "1/2")).isEqualTo(new BigFraction(1, 2));
        assertThat(Fractions.parse("p", " 6 / 8 ")).isEqualTo(new BigFraction(3, 4));
        assertThat(Fractions.parse("p", "-1/3")).isEqualTo(new BigFraction(-1, 3));
        assertThat(Fractions.parse("p", "1")).isEqualTo(BigFraction.ONE);
        assertThat(Fractions.parse("p", "0.25")).isEqualTo(new BigFraction(1, 4));
        assertThat(Fractions.parse("p", ".1")).isEqualTo(new BigFraction(1, 10));
    }

    @Test
    void rejectsMalformedTextNamingTheParameter() {
        for (String bad : new String[] {"", "abc", "1/", "/2", "1/2/3", "1e-3", "0x10", "1/-2"}) {
            assertThatThrownBy(() -> Fractions.parse("p", bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("p must be a fraction A/B or a decimal, got '" + bad + "'");
        }
        assertThatThrownBy(() -> Fractions.parse("p", null)).hasMessageContaining("got 'null'");
        assertThatThrownBy(() -> Fractions.parse("p", "1/0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p has a zero denominator: '1/0'");
    }

    @Test
    void formatsWithoutSpacesAndPrintsDecimals() {
        assertThat(Fractions.format(new BigFraction(1, 6))).isEqualTo("1/6");
        assertThat(Fractions.format(new BigFraction(4, 2))).isEqualTo("2");
        assertThat(Fractions.decimal(new BigFraction(1, 6), 10)).isEqualTo("0.1666666667");
        assertThat(Fractions.decimal(BigFraction.ZERO, 10)).isEqualTo("0");
        assertThat(Fractions.decimal(new BigFraction(1, 100).pow(10), 4)).isEqualTo("1E-20");
        assertThat(Fractions.toDouble(new BigFraction(1, 3).pow(1000).multiply(new BigFraction(3).pow(999))))
                .isEqualTo(1.0 / 3);
    }
}
