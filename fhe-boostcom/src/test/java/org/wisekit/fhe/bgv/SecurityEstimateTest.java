package org.wisekit.fhe.bgv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SecurityEstimateTest {

    /** HE standard v1.1, Table 1 (ternary secret, classical), as in SEAL's hestdparms.h. */
    private static final int[][] TABLE = {
            {1024, 27, 19, 14}, {2048, 54, 37, 29}, {4096, 109, 75, 58}, {8192, 218, 152, 118},
            {16384, 438, 305, 237}, {32768, 881, 611, 476}};

    @Test
    void theTableIsThePublishedOneAndExactAtItsPoints() {
        for (int[] row : TABLE) {
            int n = row[0];
            for (int c = 0; c < 3; c++) {
                int level = 128 + 64 * c;
                assertThat(HeStandard.maxLog2Modulus(n, level)).as("n = %d, %d bits", n, level).isEqualTo(row[c + 1]);
                assertThat(HeStandard.interpolatedMaxLog2Modulus(n, level)).isEqualTo(row[c + 1]);
                HeStandard.Figure figure = HeStandard.bits(n, row[c + 1]);
                assertThat(figure.bits()).as("n = %d at the %d-bit bound", n, level).isCloseTo(level, within(1e-9));
                assertThat(figure.basis()).isEqualTo(level == 256 ? HeStandard.Basis.AT_LEAST_256
                        : HeStandard.Basis.INTERPOLATED);
                assertThat(HeStandard.allowedLog2Modulus(n, level)).isCloseTo(row[c + 1], within(1e-9));
            }
        }
    }

    @Test
    void betweenRowsTheBoundIsLinearInNAndBetweenColumnsSecurityIsLinearInNOverLog2Qp() {
        // Halfway between n = 16384 and 32768: the chord's midpoint.
        assertThat(HeStandard.interpolatedMaxLog2Modulus(24576, 128)).isCloseTo((438 + 881) / 2.0, within(1e-9));
        // B2's phi = 17292: 438 + 443 * 908 / 16384 = 462.55.
        assertThat(HeStandard.interpolatedMaxLog2Modulus(17292, 128)).isCloseTo(462.55, within(0.01));
        assertThat(HeStandard.interpolatedMaxLog2Modulus(17292, 192)).isCloseTo(305 + 306 * 908 / 16384.0,
                within(1e-9));
        // Halfway in x = n / log2 QP between the 128 and 192-bit columns at n = 16384: 160 bits.
        double x = (16384.0 / 438 + 16384.0 / 305) / 2;
        assertThat(HeStandard.bits(16384, 16384 / x).bits()).isCloseTo(160, within(1e-9));
        // Security falls as the modulus grows, continuously across the columns.
        double previous = 257;
        for (double log2 = 230; log2 <= 900; log2 += 5) {
            double bits = HeStandard.bits(16384, log2).bits();
            assertThat(bits).as("log2 QP = %.0f", log2).isLessThanOrEqualTo(previous);
            previous = bits;
        }
        // The inverse agrees with the estimate everywhere, extrapolation included.
        for (double target : new double[] {60, 80, 96, 128, 150, 192, 220, 256}) {
            double allowed = HeStandard.allowedLog2Modulus(20000, target);
            assertThat(HeStandard.bits(20000, allowed).bits()).as("%.0f bits", target).isCloseTo(target, within(1e-6));
        }
    }

    @Test
    void outsideTheTableThereIsNoFigureAndBelow128BitsOnlyALabelledExtrapolation() {
        assertThat(HeStandard.bits(1023, 10).basis()).isEqualTo(HeStandard.Basis.OUTSIDE_TABLE);
        assertThat(HeStandard.bits(1023, 10).bits()).isNaN();
        assertThat(HeStandard.bits(32769, 10).basis()).isEqualTo(HeStandard.Basis.OUTSIDE_TABLE);
        assertThatThrownBy(() -> HeStandard.interpolatedMaxLog2Modulus(40000, 128))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the HE standard table covers n = 1024 .. 32768 only, got n = 40000 (no extrapolation "
                        + "beyond the table)");
        assertThatThrownBy(() -> HeStandard.maxLog2Modulus(17292, 128)).hasMessageStartingWith("no table entry for n = 17292");
        SecurityEstimate large = SecurityEstimate.of(40009, 40008, 600);
        assertThat(large.meets(80)).isFalse();
        assertThat(large.label()).startsWith("no HE-standard figure: phi(m) = 40008 is above the table's largest "
                + "n = 32768 (no extrapolation); HElib formula: ");
        SecurityEstimate below = SecurityEstimate.of(17293, 17292, 600);
        assertThat(below.heStandardBasis()).isEqualTo(HeStandard.Basis.EXTRAPOLATED_BELOW_128);
        assertThat(below.label()).contains("[EST: HE standard: ", "extrapolated below the table's 128 bits");
        assertThat(SecurityEstimate.of(17293, 17292, 240).heStandardBasis()).isEqualTo(HeStandard.Basis.AT_LEAST_256);
        assertThat(SecurityEstimate.of(17293, 17292, 240).heStandardBits()).isEqualTo(256);
    }

    @Test
    void helibsFormulaReproducesItsFigureForTheB2AnchorAndAgreesWithTheB1Anchor() {
        // HElib 2.x, dense secret: 3.8 phi / (log2 QP - log2(3.2 sqrt(m))) - 20. By hand at m = 17293,
        // log2 QP = 628.0: log2(3.2 sqrt(17293)) = 8.7168, 3.8 * 17292 / 619.283 - 20 = 86.106.
        assertThat(SecurityEstimate.helibBits(17293, 17292, 628.0)).isCloseTo(86.106, within(0.001));
        // HElib 2.3.0 as measured beside this project (Intel Xeon) reports 86.1 bits for B2 (log2 Q = 463.4) and 32.4 for
        // B1 (log2 Q = 463.1), both counting its special primes too ("roughly 150 bits on top of log2 Q"). The
        // formula must explain both with about the same special modulus (same c, nearly the same chain): it
        // needs 164.6 and 167.2 bits, three ~55-bit special primes each. (HElib's older 7.2 phi / log2 QP - 110
        // would need 171 bits for B2 but a negative special modulus for B1.)
        double b2Special = SecurityEstimate.helibAllowedLog2Modulus(17293, 17292, 86.1) - 463.4;
        double b1Special = SecurityEstimate.helibAllowedLog2Modulus(8581, 8580, 32.4) - 463.1;
        assertThat(b2Special).isBetween(150.0, 175.0);
        assertThat(b1Special).isBetween(150.0, 175.0);
        assertThat(Math.abs(b2Special - b1Special)).isLessThan(4.0);
        assertThat(SecurityEstimate.helibBits(17293, 17292, 463.4 + b2Special)).isCloseTo(86.1, within(1e-9));
        // A power of two uses s = 3.2 (no sqrt(m)); the figure is clamped at 0.
        assertThat(SecurityEstimate.helibBits(32768, 16384, 438)).isCloseTo(3.8 * 16384 / (438 - 1.678072) - 20,
                within(1e-4));
        assertThat(SecurityEstimate.helibBits(307, 306, 500)).isZero();
        // Both estimates are reported; a target is met only when both reach it.
        SecurityEstimate anchor = SecurityEstimate.of(17293, 17292, 628.0);
        assertThat(anchor.heStandardBits()).isCloseTo(89.4, within(0.1));
        assertThat(anchor.bits()).isEqualTo(anchor.helibBits());
        assertThat(anchor.meets(86)).isTrue();
        assertThat(anchor.meets(87)).isFalse();
        assertThat(anchor.label()).startsWith("below 128-bit, ~86 bits [EST: HE standard: 89.4 bits");
    }

    @Test
    void theAllowedModulusIsTheSmallerOfTheTwoInverses() {
        assertThat(SecurityEstimate.allowedLog2Modulus(17293, 17292, 128)).isCloseTo(
                Math.min(462.55, 3.8 * 17292 / 148 + 8.7168), within(0.01));
        assertThat(SecurityEstimate.allowedLog2Modulus(17293, 17292, 96)).isCloseTo(575.2, within(0.1));
        assertThatThrownBy(() -> SecurityEstimate.allowedLog2Modulus(307, 306, 96))
                .hasMessageStartingWith("the HE standard table covers n = 1024 .. 32768 only, got n = 306");
    }
}
