package org.wisekit.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClaimTest {

    @Test
    void atLeastAndAtMostDecideFromTheMeasurement() {
        assertThat(Claim.atLeast("k", "s", "2x", 2.0, "x", 1.5).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(Claim.atLeast("k", "s", "2x", 1.49, "x", 1.5).verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(Claim.atMost("k", "s", "1.1x", 1.15, "x", 1.15).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(Claim.atMost("k", "s", "1.1x", 1.2, "x", 1.15).verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(Claim.atLeast("k", "s", "2x", 2.0, "x", 1.5).threshold()).isEqualTo(">= 1.5");
    }

    @Test
    void nanNeverReproduces() {
        Claim a = Claim.atLeast("k", "s", "", Double.NaN, "", 0);
        Claim b = Claim.atMost("k", "s", "", Double.NaN, "", 0);
        Claim c = Claim.within("k", "s", "", Double.NaN, "", 0, 1);
        assertThat(a.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(b.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(c.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(a.measured()).isNull();
        assertThat(a.measuredText()).isEqualTo("—");
    }

    @Test
    void withinAndCounted() {
        assertThat(Claim.within("k", "s", "", 3.1, "", 3.14159, 0.05).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(Claim.within("k", "s", "", 3.0, "", 3.14159, 0.05).verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(Claim.counted("k", "s", "9 of 9", 9, 9, 5).verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(Claim.counted("k", "s", "9 of 9", 7, 9, 5).verdict()).isEqualTo(Verdict.PARTIAL);
        assertThat(Claim.counted("k", "s", "9 of 9", 4, 9, 5).verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThatThrownBy(() -> Claim.counted("k", "s", "", 10, 9, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holding=10");
    }

    @Test
    void invalidClaimsAreRejected() {
        assertThatThrownBy(() -> Claim.outOfScope("k", "s", "", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OUT_OF_SCOPE");
        assertThatThrownBy(() -> new Claim("k", "s", "", null, "", "", Verdict.REPRODUCED, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a measurement");
        assertThatThrownBy(() -> new Claim(" ", "s", "", 1.0, "", "", Verdict.REPRODUCED, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> Claim.within("k", "s", "", 1, "", 1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tolerance");
    }

    @Test
    void measuredTextRoundsToFourSignificantDigits() {
        assertThat(Claim.atLeast("k", "s", "", 1.234567, "x", 1).measuredText()).isEqualTo("1.235 x");
        assertThat(Claim.atLeast("k", "s", "", 12, "%", 1).measuredText()).isEqualTo("12 %");
    }

    @Test
    void profileParsesAndPicks() {
        assertThat(Profile.parse("SMOKE")).isEqualTo(Profile.SMOKE);
        assertThat(Profile.FULL.pick(1, 2, 3)).isEqualTo(3);
        assertThatThrownBy(() -> Profile.parse("fast"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fast'").hasMessageContaining("smoke");
    }
}
