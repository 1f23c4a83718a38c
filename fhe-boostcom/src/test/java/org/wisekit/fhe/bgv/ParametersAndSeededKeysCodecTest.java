package org.wisekit.fhe.bgv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.ring.DoubleCrt;
import org.wisekit.fhe.slots.SlotVector;

class ParametersAndSeededKeysCodecTest {

    private static final int HEADER = 26;
    private final BgvFixture f = BgvFixture.t0(60);
    private final SlotVector a = f.randomSlots();
    private final Ciphertext ca = f.encrypt(a);

    // ---- parameters ------------------------------------------------------------------------------------------

    @Test
    void parametersRoundTripWithTheirExplicitPrimes() {
        byte[] bytes = BgvCodec.write(f.parameters);
        // A tier's parameters come back as the shared tier object itself.
        assertThat(BgvCodec.readInsecureParameters(bytes)).isSameAs(f.parameters);
        // Elsewhere (another process) they are rebuilt from the stored primes: equal, same fingerprint.
        BgvParameters restored = BgvParameters.createInsecure(f.parameters.literal(), f.parameters.primes());
        assertThat(restored).isNotSameAs(f.parameters).isEqualTo(f.parameters);
        assertThat(restored.fingerprint()).isEqualTo(f.parameters.fingerprint());
        assertThat(restored.primes()).isEqualTo(f.parameters.primes());
        assertThat(BgvCodec.write(restored)).isEqualTo(bytes);
        // Keys and ciphertexts written under the original read under the rebuilt parameters and decrypt.
        SecretKey secret = BgvCodec.readSecretKey(BgvCodec.write(f.secretKey), restored);
        Ciphertext c = BgvCodec.readCiphertext(BgvCodec.write(ca), restored);
        assertThat(new Encoder(restored).decode(new Decryptor(secret).decrypt(c))).isEqualTo(a);
        // The 128-bit default refuses a toy set with the security message (not a format error).
        assertThatThrownBy(() -> BgvCodec.readParameters(bytes)).isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(BgvFormatException.class).hasMessageStartingWith("parameters are below 128-bit security");
        assertThatThrownBy(() -> BgvCodec.readParameters(bytes, 40))
                .hasMessageStartingWith("minimumSecurityBits must be in [80, 256]");
    }

    @Test
    void secureParametersRoundTripAtTheirTarget() {
        BgvParameters parameters = ParameterGenerator.forPlaintextModulus(257).m(5581).depth(2).keySwitchDigits(2)
                .firstPrimeBits(40).securityBits(80).generate().build();
        byte[] bytes = BgvCodec.write(parameters);
        BgvParameters restored = BgvCodec.readParameters(bytes, 80);
        assertThat(restored).isNotSameAs(parameters).isEqualTo(parameters);
        assertThat(restored.primes()).isEqualTo(parameters.primes());
        assertThat(restored.fingerprint()).isEqualTo(parameters.fingerprint());
        assertThat(restored.security()).isEqualTo(parameters.security());
        assertThatThrownBy(() -> BgvCodec.readParameters(bytes)).hasMessageStartingWith(
                "parameters are below 128-bit security");
    }

    @Test
    void corruptedParametersAreRefusedWithTheReason() {
        byte[] bytes = BgvCodec.write(f.parameters);
        int primesAt = HEADER + 4 + 8 + 4 + 10 + 4 + 3 + 4 + 1; // T0: 10 chain sizes, 3 special sizes, flags
        // q_1 replaced by q_2, the checksum resealed: the explicit-prime check names it.
        byte[] duplicate = bytes.clone();
        ByteBuffer.wrap(duplicate).putLong(primesAt + 8, f.parameters.prime(2));
        reseal(duplicate);
        assertThatThrownBy(() -> BgvCodec.readInsecureParameters(duplicate)).isInstanceOf(BgvFormatException.class)
                .hasMessage("corrupted parameters: prime 2 (q_2) must differ from p and from every other prime, got "
                        + f.parameters.prime(2) + " twice");
        byte[] notPrime = bytes.clone();
        ByteBuffer.wrap(notPrime).putLong(primesAt, f.parameters.prime(0) - 1);
        reseal(notPrime);
        assertThatThrownBy(() -> BgvCodec.readInsecureParameters(notPrime))
                .hasMessageStartingWith("corrupted parameters: prime 0 (q_0) must be");
        byte[] size = bytes.clone();
        size[HEADER + 16] = 9; // q_0 said to have 9 bits
        reseal(size);
        assertThatThrownBy(() -> BgvCodec.readInsecureParameters(size)).isInstanceOf(BgvFormatException.class)
                .hasMessageStartingWith("corrupted parameters: ");
        byte[] fingerprint = bytes.clone();
        ByteBuffer.wrap(fingerprint).putLong(6, 42);
        reseal(fingerprint);
        assertThatThrownBy(() -> BgvCodec.readInsecureParameters(fingerprint))
                .hasMessageStartingWith("corrupted parameters: the header's fingerprint 2a is not that of the parameters");
        byte[] flipped = bytes.clone();
        flipped[primesAt + 3] ^= 1;
        assertThatThrownBy(() -> BgvCodec.readInsecureParameters(flipped))
                .hasMessageStartingWith("corrupted: CRC-32 mismatch");
        for (int length : new int[] {0, 29, bytes.length / 2, bytes.length - 1}) {
            assertThatThrownBy(() -> BgvCodec.readInsecureParameters(Arrays.copyOf(bytes, length))).as("%d", length)
                    .isInstanceOf(BgvFormatException.class).hasMessageStartingWith("truncated");
        }
        assertThatThrownBy(() -> BgvCodec.readCiphertext(bytes, f.parameters))
                .hasMessage("expected a ciphertext, found parameters");
        assertThatThrownBy(() -> BgvCodec.readInsecureParameters(BgvCodec.write(ca)))
                .hasMessage("expected parameters, found a ciphertext");
    }

    @Test
    void explicitPrimesAreCheckedOneByOne() {
        ParametersLiteral literal = f.parameters.literal();
        List<Long> primes = f.parameters.primes();
        assertThat(BgvParameters.createInsecure(literal, primes)).isEqualTo(f.parameters);
        long congruence = 307L * 1024;
        assertThatThrownBy(() -> BgvParameters.createInsecure(literal, primes.subList(0, 5)))
                .hasMessage("primes must list 13 primes (10 of logQ, then 3 of logP), got 5");
        assertThatThrownBy(() -> BgvParameters.createInsecure(literal, replace(primes, 4, primes.get(4) - 1)))
                .hasMessage("prime 4 (q_4) must be a prime below 2^61, got " + (primes.get(4) - 1));
        long notCongruent = nextPrimeNotCongruent(primes.get(4), congruence);
        assertThatThrownBy(() -> BgvParameters.createInsecure(literal, replace(primes, 4, notCongruent)))
                .hasMessageStartingWith("prime 4 (q_4) must be 1 mod M = " + congruence + ", got " + notCongruent);
        assertThatThrownBy(() -> BgvParameters.createInsecure(literal, replace(primes, 4, primes.get(0))))
                .hasMessage("prime 4 (q_4) must have 30 bits as the literal says, got " + primes.get(0) + " with 50 bits");
        assertThatThrownBy(() -> BgvParameters.createInsecure(literal, replace(primes, 11, primes.get(10))))
                .hasMessage("prime 11 (special prime 1) must differ from p and from every other prime, got "
                        + primes.get(10) + " twice");
    }

    // ---- seeded evaluation keys --------------------------------------------------------------------------------

    @Test
    void seededKeysSerializeAtHalfSizeAndSwitchIdenticallyAfterReading() {
        EvaluationKeys keys = f.evaluationKeys;
        assertThat(keys.relinearization().orElseThrow().isSeeded()).isTrue();
        byte[] seeded = BgvCodec.write(keys);
        byte[] full = BgvCodec.write(unseeded(keys));
        int keyCount = 1 + keys.galoisElements().size();
        long rows = (long) f.parameters.digitGroups().length * f.parameters.ring().primeCount();
        long polynomial = rows * f.parameters.ringDimension() * 8;
        assertThat(full.length - seeded.length).isEqualTo(keyCount * (polynomial - SeedExpander.SEED_BYTES));
        assertThat((double) seeded.length / full.length).isBetween(0.5, 0.501);
        assertThat(seeded[4]).as("evaluation keys are written as version 3").isEqualTo((byte) 3);

        EvaluationKeys restored = BgvCodec.readEvaluationKeys(seeded, f.parameters);
        assertThat(BgvCodec.write(restored)).isEqualTo(seeded);
        KeySwitchKey original = keys.relinearization().orElseThrow();
        KeySwitchKey read = restored.relinearization().orElseThrow();
        for (int j = 0; j < original.digitCount(); j++) {
            for (int i = 0; i < f.parameters.ring().primeCount(); i++) {
                assertThat(read.a(j).row(i)).isEqualTo(original.a(j).row(i));
                assertThat(read.b(j).row(i)).isEqualTo(original.b(j).row(i));
            }
        }
        // Same key switches, bit for bit: relinearization and an automorphism.
        Evaluator before = new Evaluator(f.parameters, keys);
        Evaluator after = new Evaluator(f.parameters, restored);
        assertThat(BgvCodec.write(after.multiplyRelin(ca, ca))).isEqualTo(BgvCodec.write(before.multiplyRelin(ca, ca)));
        assertThat(BgvCodec.write(after.shift(ca, 1))).isEqualTo(BgvCodec.write(before.shift(ca, 1)));
        assertThat(f.decrypt(after.shift(after.multiplyRelin(ca, ca), 1))).isEqualTo(a.times(a).shifted(1));

        // The full form still round-trips (keys read from older blobs have no seed).
        EvaluationKeys fullRestored = BgvCodec.readEvaluationKeys(full, f.parameters);
        assertThat(fullRestored.relinearization().orElseThrow().isSeeded()).isFalse();
        assertThat(BgvCodec.write(fullRestored)).isEqualTo(full);
        assertThat(BgvCodec.write(new Evaluator(f.parameters, fullRestored).multiplyRelin(ca, ca)))
                .isEqualTo(BgvCodec.write(before.multiplyRelin(ca, ca)));
    }

    @Test
    void versionOneEvaluationKeysAreStillReadAndBadFormsRefused() {
        KeySwitchKey relinearization = f.evaluationKeys.relinearization().orElseThrow();
        EvaluationKeys onlyRelin = new EvaluationKeys(f.parameters, f.evaluationKeys.keyId(),
                withoutSeed(relinearization), Map.of());
        byte[] v3 = BgvCodec.write(onlyRelin);
        // Version 1: the same payload without the form byte after the digit count.
        int formAt = HEADER + 1 + 4;
        byte[] v1 = new byte[v3.length - 1];
        System.arraycopy(v3, 0, v1, 0, formAt);
        System.arraycopy(v3, formAt + 1, v1, formAt, v3.length - formAt - 1);
        v1[4] = 1;
        ByteBuffer.wrap(v1).putInt(22, v3.length - HEADER - 4 - 1);
        reseal(v1);
        EvaluationKeys read = BgvCodec.readEvaluationKeys(v1, f.parameters);
        assertThat(BgvCodec.write(read)).isEqualTo(v3);

        byte[] badForm = BgvCodec.write(f.evaluationKeys);
        badForm[formAt] = 7;
        reseal(badForm);
        assertThatThrownBy(() -> BgvCodec.readEvaluationKeys(badForm, f.parameters))
                .isInstanceOf(BgvFormatException.class)
                .hasMessage("corrupted key-switching key: form 7, expected 0 (full) or 1 (seeded)");
        byte[] truncated = Arrays.copyOf(BgvCodec.write(f.evaluationKeys), 1000);
        assertThatThrownBy(() -> BgvCodec.readEvaluationKeys(truncated, f.parameters))
                .hasMessageStartingWith("truncated");
    }

    @Test
    void theSeedExpansionIsDeterministicUniformAndSeparatedByDigitAndPrime() {
        byte[] seed = new byte[SeedExpander.SEED_BYTES];
        seed[0] = 1;
        int phi = f.parameters.ringDimension();
        long[][] rows = new long[4][phi];
        SeedExpander.fill(seed, 0, 0, f.parameters.ring().modulus(0), rows[0]);
        SeedExpander.fill(seed, 0, 0, f.parameters.ring().modulus(0), rows[1]);
        SeedExpander.fill(seed, 1, 0, f.parameters.ring().modulus(0), rows[2]);
        SeedExpander.fill(seed, 0, 1, f.parameters.ring().modulus(1), rows[3]);
        assertThat(rows[1]).isEqualTo(rows[0]);
        assertThat(rows[2]).isNotEqualTo(rows[0]);
        assertThat(rows[3]).isNotEqualTo(rows[0]);
        long q = f.parameters.prime(0);
        double mean = 0;
        for (long v : rows[0]) {
            assertThat(v).isBetween(0L, q - 1);
            mean += (double) v / q / phi;
        }
        assertThat(mean).isBetween(0.4, 0.6);
        assertThatThrownBy(() -> SeedExpander.fill(new byte[16], 0, 0, f.parameters.ring().modulus(0), rows[0]))
                .hasMessage("seed must have 32 bytes, got 16");
    }

    /** A size estimate for a tier's key set without generating it, checked here against a generated one. */
    @Test
    void keySizesFollowTheLayout() {
        byte[] seeded = BgvCodec.write(f.evaluationKeys);
        int keys = 1 + f.evaluationKeys.galoisElements().size();
        assertThat((long) seeded.length).isEqualTo(evaluationKeyBytes(f.parameters, keys, true));
        assertThat((long) BgvCodec.write(unseeded(f.evaluationKeys)).length)
                .isEqualTo(evaluationKeyBytes(f.parameters, keys, false));
    }

    /** Serialized size of a relinearization key and {@code keys - 1} automorphism keys. */
    static long evaluationKeyBytes(BgvParameters parameters, int keys, boolean seeded) {
        long polynomial = (long) parameters.digitGroups().length * parameters.ring().primeCount()
                * parameters.ringDimension() * 8;
        long key = 4 + 1 + (seeded ? SeedExpander.SEED_BYTES + polynomial : 2 * polynomial);
        return HEADER + 1 + 4 + keys * key + 8L * (keys - 1) + 4;
    }

    private static EvaluationKeys unseeded(EvaluationKeys keys) {
        Map<Long, KeySwitchKey> automorphisms = new HashMap<>();
        for (long element : keys.galoisElements()) {
            automorphisms.put(element, withoutSeed(keys.automorphism(element).orElseThrow()));
        }
        return new EvaluationKeys(keys.parameters(), keys.keyId(), withoutSeed(keys.relinearization().orElseThrow()),
                automorphisms);
    }

    private static KeySwitchKey withoutSeed(KeySwitchKey key) {
        DoubleCrt[] b = new DoubleCrt[key.digitCount()];
        DoubleCrt[] a = new DoubleCrt[key.digitCount()];
        for (int j = 0; j < b.length; j++) {
            b[j] = key.b(j);
            a[j] = key.a(j);
        }
        return new KeySwitchKey(key.parameters(), key.keyId(), key.kind(), key.galoisElement(), b, a, null);
    }

    private static List<Long> replace(List<Long> primes, int index, long value) {
        List<Long> copy = new ArrayList<>(primes);
        copy.set(index, value);
        return copy;
    }

    private static long nextPrimeNotCongruent(long from, long congruence) {
        for (long q = from + 2; ; q += 2) {
            if (org.wisekit.fhe.ring.Primes.isPrime(q) && q % congruence != 1 && Long.numberOfLeadingZeros(q)
                    == Long.numberOfLeadingZeros(from)) {
                return q;
            }
        }
    }

    private static void reseal(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    }
}
