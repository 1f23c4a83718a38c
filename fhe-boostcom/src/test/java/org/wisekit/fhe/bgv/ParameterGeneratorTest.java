package org.wisekit.fhe.bgv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.ring.Primes;

class ParameterGeneratorTest {

    @Test
    void countsThePrimesThatAreOneModMNAtB2() {
        // m = 17293: M = m N = 17293 * 65536 (about 2^30.1).
        assertThat(ParameterGenerator.primeSupply(17293, 38, 41)).extracting(ParameterGenerator.PrimeSupply::count)
                .containsExactly(14, 13, 46, 63);
        assertThatThrownBy(() -> ParameterGenerator.primeSupply(17293, 41, 38))
                .hasMessage("need 2 <= fromBits <= toBits <= 61, got 41, 38");
    }

    @Test
    void meetsA96BitTargetAtB2WithTheSmallestPrimesAndTheSmallestSpecialModulus() {
        ParameterGenerator.Result result = ParameterGenerator.forPlaintextModulus(131).m(17293).depth(10)
                .securityBits(96).generate();
        ParametersLiteral literal = result.literal();
        assertThat(literal.logQ()).isEqualTo(concat(List.of(60), Collections.nCopies(10, 38)));
        assertThat(literal.keySwitchDigits()).isEqualTo(4);
        assertThat(result.depth()).isEqualTo(10);
        assertThat(result.targetBits()).isEqualTo(96);
        assertThat(result.security().meets(96)).isTrue();
        assertThat(result.security().heStandardBits()).isGreaterThanOrEqualTo(96);
        assertThat(result.security().helibBits()).isGreaterThanOrEqualTo(96);
        assertThat(result.log2QP()).isCloseTo(result.security().log2Modulus(), within(1e-9));
        assertThat(result.supply()).containsExactly(new ParameterGenerator.PrimeSupply(38, 14, true));
        for (long q : result.primes()) {
            assertThat(Primes.isPrime(q)).isTrue();
            assertThat(q % result.congruence()).isEqualTo(1);
        }
        assertThat(result.congruence()).isEqualTo(17293L * 65536);
        // P is the smallest the key-switching noise check accepts: one bit less fails it.
        int bitsOfP = literal.logP().stream().mapToInt(Integer::intValue).sum();
        ParametersLiteral smaller = new ParametersLiteral(17293, 131, literal.logQ(),
                ParameterGenerator.specialSizes(bitsOfP - 1, 31), 4);
        assertThat(BgvParameters.plan(smaller, null).noise().fits()).isFalse();
        assertThat(BgvParameters.plan(literal, null).noise().fits()).isTrue();
        // The generator's primes are exactly those BgvParameters derives from the literal.
        assertThat(BgvParameters.plan(literal, null).primes()).isEqualTo(result.primes());
        assertThat(result.describe()).contains("m = 17293", "chain 10 x 38", "target 96", "HElib formula");
    }

    @Test
    void meetsTargetsForBitsOfQAndOtherRings() {
        // B2 with about 460 bits of Q, q_0 of 50 bits, five digits: >= 96 bits by both estimates.
        ParameterGenerator.Result b2 = ParameterGenerator.forPlaintextModulus(131).m(17293).modulusBits(460)
                .firstPrimeBits(50).keySwitchDigits(5).securityBits(96).generate();
        assertThat(b2.log2Q()).isBetween(460.0, 500.0);
        assertThat(b2.security().meets(96)).isTrue();
        // Iliashenko-Zucca's 128-bit ring: 470 bits of Q fit with room to spare.
        ParameterGenerator.Result iz = ParameterGenerator.forPlaintextModulus(167).m(28057).modulusBits(470)
                .generate();
        assertThat(iz.targetBits()).isEqualTo(128);
        assertThat(iz.log2Q()).isGreaterThanOrEqualTo(470);
        assertThat(iz.security().meets(128)).isTrue();
        assertThat(iz.security().heStandardBasis()).isEqualTo(HeStandard.Basis.INTERPOLATED);
        assertThat(iz.slotDegree()).isEqualTo(3);
    }

    @Test
    void refusesTargetsItCannotMeetWithTheNumbers() {
        assertThatThrownBy(() -> ParameterGenerator.forPlaintextModulus(131).m(17293).modulusBits(450).generate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot meet 128-bit security at m = 17293 (phi(m) = 17292): the chain needs "
                        + "log2 Q = ")
                .hasMessageContaining("but 128 bits allow at most log2 QP = 452.7 (HE standard: 462.6, HElib formula: "
                        + "452.7)");
        assertThatThrownBy(() -> ParameterGenerator.forPlaintextModulus(131).m(17293).depth(11).firstPrimeBits(50)
                .keySwitchDigits(3).securityBits(96).generate())
                .hasMessageMatching("cannot meet 96-bit security at m = 17293 \\(phi\\(m\\) = 17292\\): the chain "
                        + "needs log2 QP = [0-9.]+ \\(log2 Q = [0-9.]+ \\+ log2 P = [0-9.]+ for 3 digits\\), but 96 bits "
                        + "allow at most log2 QP = 575.2 .*");
        assertThatThrownBy(() -> ParameterGenerator.forPlaintextModulus(131).m(8581).modulusBits(450).securityBits(80)
                .generate())
                .hasMessageContaining("cannot meet 80-bit security at m = 8581 (phi(m) = 8580)");
        assertThatThrownBy(() -> ParameterGenerator.forPlaintextModulus(131).m(40009).depth(3).generate())
                .hasMessage("cannot certify 128-bit security at m = 40009: phi(m) = 40008 is outside the HE standard "
                        + "table (n = 1024 .. 32768; no extrapolation)");
        assertThatThrownBy(() -> ParameterGenerator.forPlaintextModulus(131).minimumWords(64, 715).modulusBits(460)
                .generate())
                .hasMessageStartingWith("no prime m with phi(m) in [1024, 32768] meets the request (p = 131, >= 715 "
                        + "words of 64 bits, 460 bits of Q, 4 digits, 128-bit security): the rings with the slots are "
                        + "m = 8581, 15401, 17293 and none meets the security");
        assertThatThrownBy(() -> ParameterGenerator.forPlaintextModulus(131).m(17293).depth(3).modulusBits(100)
                .generate()).hasMessage("set exactly one of depth and modulusBits, got depth = 3, modulusBits = 100");
        assertThatThrownBy(() -> ParameterGenerator.forPlaintextModulus(131).securityBits(64))
                .hasMessage("securityBits must be in [80, 256], got 64");
        assertThatThrownBy(() -> ParameterGenerator.forPlaintextModulus(132)).hasMessage(
                "plaintextModulus must be a prime below 2^20, got 132");
    }

    @Test
    void searchesTheRingAndTheResultBuildsAndComputes() {
        ParameterGenerator.Result result = ParameterGenerator.forPlaintextModulus(257).minimumSlots(100).depth(2)
                .keySwitchDigits(2).firstPrimeBits(40).securityBits(80).generate();
        assertThat(result.literal().m()).isEqualTo(5581); // the smallest prime m with >= 100 slots that is secure
        assertThat(result.slotDegree()).isEqualTo(30);
        assertThat(result.security().meets(80)).isTrue();
        BgvParameters parameters = result.build();
        assertThat(parameters.primes()).isEqualTo(result.primes());
        assertThat(parameters.slots().slotCount()).isEqualTo(186);
        assertThat(BgvParameters.create(result.literal(), 80).fingerprint()).isEqualTo(parameters.fingerprint());
        assertThatThrownBy(() -> BgvParameters.create(result.literal()))
                .hasMessageStartingWith("parameters are below 128-bit security: log2 QP = ");

        SplittableRandom random = new SplittableRandom(5);
        KeyGenerator generator = KeyGenerator.withRandomness(parameters, random);
        SecretKey secret = generator.secretKey();
        Evaluator evaluator = new Evaluator(parameters, generator.evaluationKeys(secret, List.of()));
        Encoder encoder = new Encoder(parameters);
        long[] values = new long[encoder.slotCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextLong(257);
        }
        Ciphertext c = new Encryptor(generator.publicKey(secret), random).encrypt(encoder.encodeIntegers(values));
        Ciphertext squared = evaluator.modSwitch(evaluator.multiplyRelin(c, c));
        Ciphertext fourth = evaluator.modSwitch(evaluator.multiplyRelin(squared, squared));
        long[] decrypted = encoder.decodeIntegers(new Decryptor(secret).decrypt(fourth));
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            long v2 = v * v % 257;
            assertThat(decrypted[i]).as("slot %d", i).isEqualTo(v2 * v2 % 257);
        }
    }

    @Test
    void createChecksSecurityFromBitSizesWithTheNumbers() {
        // The B2 tier (log2 QP = 577) is about 95.6 bits by HElib's formula: 96 is refused, 80 accepted.
        assertThatThrownBy(() -> BgvParameters.create(ParameterTier.B2.literal(), 96))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameters are below 96-bit security: log2 QP = 577.0 (log2 Q = 465.0 + "
                        + "log2 P = 112.0) exceeds the 575.2 that 96 bits allow at m = 17293, phi(m) = 17292 "
                        + "(HE standard: 591.8, HElib formula: 575.2)")
                .hasMessageEndingWith("use createInsecure for test and research tiers");
        assertThatThrownBy(() -> BgvParameters.create(ParameterTier.B2.literal(), 70))
                .hasMessage("minimumSecurityBits must be in [80, 256] (use createInsecure for research and test sets), "
                        + "got 70");
        // phi(m) = 65536 is beyond the table: no figure, so no certification (and no table is built).
        assertThatThrownBy(() -> BgvParameters.create(new ParametersLiteral(131072, 3, List.of(60), List.of(60), 1)))
                .hasMessageStartingWith("parameters cannot be certified at 128-bit security: phi(m) = 65536 is outside "
                        + "the HE standard table (n = 1024 .. 32768; no extrapolation)");
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
