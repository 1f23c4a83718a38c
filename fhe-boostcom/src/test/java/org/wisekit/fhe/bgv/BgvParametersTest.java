package org.wisekit.fhe.bgv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.ring.BluesteinDft;
import org.wisekit.fhe.ring.Primes;

class BgvParametersTest {

    @Test
    void tiersHaveTheNotesSlotStructureAndCongruentPrimes() {
        int[][] expected = {{307, 17, 306, 3, 102}, {1087, 257, 1086, 3, 362}};
        ParameterTier[] tiers = {ParameterTier.T0, ParameterTier.T1};
        for (int t = 0; t < tiers.length; t++) {
            BgvParameters parameters = tiers[t].insecureParameters();
            int[] e = expected[t];
            assertThat(parameters.m()).isEqualTo(e[0]);
            assertThat(parameters.plaintextModulus()).isEqualTo(e[1]);
            assertThat(parameters.ringDimension()).isEqualTo(e[2]);
            assertThat(parameters.slots().degree()).isEqualTo(e[3]);
            assertThat(parameters.slots().slotCount()).isEqualTo(e[4]);
            // Primes are 1 mod m N (the Bluestein transform's roots), no longer 1 mod p: modulus switching
            // multiplies the message by q^-1 mod p, which the ciphertext's scalar factor records.
            long congruence = (long) e[0] * BluesteinDft.convolutionLength(e[0]);
            int notOneModP = 0;
            for (int i = 0; i < parameters.ring().primeCount(); i++) {
                long q = parameters.prime(i);
                assertThat(q % congruence).isEqualTo(1);
                assertThat(Primes.isPrime(q)).isTrue();
                assertThat(q).isNotEqualTo(e[1]);
                notOneModP += i <= parameters.maxLevel() && q % e[1] != 1 ? 1 : 0;
            }
            assertThat(notOneModP).as("chain primes q != 1 mod p, so the factor path is exercised").isPositive();
            assertThat(parameters.ring().primeCount()).isEqualTo(tiers[t].literal().logQ().size()
                    + tiers[t].literal().logP().size());
            assertThat(tiers[t].insecureParameters()).isSameAs(parameters);
        }
        BgvParameters t0 = ParameterTier.T0.insecureParameters();
        assertThat(t0.maxLevel()).isEqualTo(9);
        // Balanced by bits: q_0 has 50 bits, q_1 .. q_9 30 each; the split minimising the largest
        // log2(|D| Q_D) is 110 + 90 + 120 bits (by prime count it was 140 + 90 + 90).
        assertThat(t0.digitGroups()).isDeepEqualTo(new int[][] {{0, 1, 2}, {3, 4, 5}, {6, 7, 8, 9}});
        assertThat(t0.specialPrimes()).containsExactly(10, 11, 12);
        assertThat(t0.extendedPrimesAt(1)).containsExactly(0, 1, 10, 11, 12);
        assertThat(t0.log2Modulus(9)).isBetween(310.0, 320.0);
        assertThat(t0.describe()).contains("m = 307", "slots = 102", "INSECURE");
    }

    @Test
    void defaultConstructionRefusesEveryTierBelowTheStandard() {
        for (ParameterTier tier : ParameterTier.values()) {
            assertThatThrownBy(() -> BgvParameters.create(tier.literal())).as("%s", tier)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("parameters are below 128-bit security")
                    .hasMessageContaining("use createInsecure");
        }
    }

    @Test
    void defaultConstructionAcceptsAStandardSecureSet() {
        // n = 2048, log2 QP = 54 - a little: the table's 128-bit bound for n = 2048 is 54; HElib's formula agrees.
        BgvParameters parameters = BgvParameters.create(new ParametersLiteral(4096, 3, List.of(26), List.of(27), 1));
        assertThat(parameters.security().meetsStandard()).isTrue();
        assertThat(parameters.security().standardBits()).isEqualTo(128);
        assertThat(parameters.security().label()).startsWith("128-bit (HE standard: ").contains("n = 2048",
                "table, interpolated", "HElib formula: ");
        KeyGenerator generator = KeyGenerator.create(parameters);
        SecretKey secret = generator.secretKey();
        long[] message = new long[parameters.ringDimension()];
        message[3] = 2;
        Ciphertext c = new Encryptor(generator.publicKey(secret)).encrypt(Plaintext.of(parameters, message));
        assertThat(new Decryptor(secret).decrypt(c).coefficients()).isEqualTo(message);
    }

    @Test
    void securityEstimatesFollowTheTable() {
        assertThat(HeStandard.bits(16384, 438).bits()).isCloseTo(128, within(1e-9));
        assertThat(HeStandard.bits(16384, 305).bits()).isCloseTo(192, within(1e-9));
        assertThat(SecurityEstimate.of(32769, 16384, 438).standardBits()).isEqualTo(128);
        assertThat(SecurityEstimate.of(32769, 16384, 305).standardBits()).isEqualTo(192);
        assertThat(SecurityEstimate.of(65537, 32768, 400).standardBits()).isEqualTo(256);
        SecurityEstimate justOver = SecurityEstimate.of(32769, 16384, 439);
        assertThat(justOver.standardBits()).isZero();
        assertThat(justOver.heStandardBasis()).isEqualTo(HeStandard.Basis.EXTRAPOLATED_BELOW_128);
        assertThat(justOver.heStandardBits()).isCloseTo(128, within(1.0));
        assertThat(HeStandard.maxLog2Modulus(8192, 256)).isEqualTo(118);
        // B2: phi = 17292 lies between the n = 16384 and 32768 rows; B1 (phi = 8580) is far below 128 bits.
        SecurityEstimate b2 = ParameterTier.B2.insecureParameters().security();
        assertThat(b2.heStandardBits()).isBetween(90.0, 110.0);
        assertThat(b2.helibBits()).isBetween(90.0, 110.0);
        assertThat(b2.label()).startsWith("below 128-bit, ~").contains("extrapolated below the table's 128 bits",
                "HElib formula");
        assertThat(ParameterTier.B1.insecureParameters().security().bits()).isBetween(30.0, 50.0);
        assertThat(ParameterTier.T0.insecureParameters().security().heStandardBasis())
                .isEqualTo(HeStandard.Basis.OUTSIDE_TABLE);
        assertThat(ParameterTier.T0.insecureParameters().security().label())
                .isEqualTo("INSECURE toy set: phi(m) = 306 is below the HE standard table's smallest n = 1024 "
                        + "(HElib formula: 0.0 bits)");
        assertThat(ParameterTier.T1.insecureParameters().security().label())
                .startsWith("INSECURE toy set: log2 QP = 582.0 against the 128-bit bound 28.6 at n = 1086");
        assertThat(ParameterTier.B1.insecureParameters().security().label()).startsWith("INSECURE, ~37 bits");
        assertThat(HeStandard.SOURCE).contains("HomomorphicEncryption.org", "2018");
    }

    @Test
    void literalsThatCannotBeRealisedSayWhy() {
        assertThatThrownBy(() -> new ParametersLiteral(307, 17, List.of(), List.of(50), 1))
                .hasMessage("logQ and logP must be non-empty, got logQ = [], logP = [50]");
        assertThatThrownBy(() -> new ParametersLiteral(307, 17, List.of(62), List.of(50), 1))
                .hasMessage("prime bit sizes must be in [2, 61], got 62");
        assertThatThrownBy(() -> new ParametersLiteral(307, 17, List.of(40), List.of(50), 2))
                .hasMessage("keySwitchDigits must be in [1, 1], got 2");
        assertThatThrownBy(() -> BgvParameters.createInsecure(new ParametersLiteral(309, 17, List.of(40), List.of(50), 1)))
                .hasMessage("m must be an odd prime or a power of two >= 4, got 309");
        assertThatThrownBy(() -> BgvParameters.createInsecure(new ParametersLiteral(307, 16, List.of(40), List.of(50), 1)))
                .hasMessageStartingWith("plaintextModulus must be a prime below 2^20");
        assertThatThrownBy(() -> BgvParameters.createInsecure(new ParametersLiteral(307, 17, List.of(19), List.of(50), 1)))
                .hasMessage("every prime must be 1 mod M = 314368 (log2 M = 18.3), so needs more than 19 bits, got 19");
        assertThatThrownBy(() -> BgvParameters.createInsecure(new ParametersLiteral(307, 17, List.of(50, 50), List.of(40), 1)))
                .hasMessageStartingWith("the special modulus is too small for the key-switching digits: with log2 P = "
                        + "40.0 and the largest digit log2(|D| Q_D) = 101.0 (digit 1 of 1: primes [0, 1]), a key switch "
                        + "adds noise of standard deviation 2^")
                .hasMessageEndingWith("(m = 307, p = 17); add special primes or digits");
        assertThatThrownBy(() -> ParameterTier.parse("T9")).hasMessage("tier must be one of T0, T1, B1, B2, got 'T9'");
        assertThat(ParameterTier.parse(" b2 ")).isEqualTo(ParameterTier.B2);
    }
}
