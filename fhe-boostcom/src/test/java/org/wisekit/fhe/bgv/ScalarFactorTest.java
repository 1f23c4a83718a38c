package org.wisekit.fhe.bgv;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.ring.DoubleCrt;
import org.wisekit.fhe.slots.SlotVector;

/**
 * The scalar factor (HElib's intFactor) with primes that are not 1 mod p: a modulus switch dropping q multiplies
 * the message by q^-1 mod p, products multiply factors, key switching leaves them alone, additions bring
 * operands to a common factor. Every result is checked twice: it decrypts to the slot-wise plaintext result, and
 * its raw value (decrypted as if the factor were 1) is the recorded factor times that result, so the factor is
 * the true one and not just one the decryptor happens to undo.
 */
class ScalarFactorTest {

    private static final BgvFixture F = new BgvFixture(ParameterTier.T1.insecureParameters(), 70, new int[] {1, -2},
            new int[] {3});
    private static final long P = F.parameters.plaintextModulus();
    private static final int L = F.parameters.maxLevel();

    private final SlotVector a = F.randomSlots();
    private final SlotVector b = F.randomSlots();
    private final SlotVector c = F.randomSlots();
    private final Evaluator ev = F.evaluator;

    /** q_from^-1 ... q_(to+1)^-1 mod p, with BigInteger. */
    private static BigInteger dropped(int from, int to) {
        BigInteger factor = BigInteger.ONE;
        BigInteger p = BigInteger.valueOf(P);
        for (int l = from; l > to; l--) {
            factor = factor.multiply(BigInteger.valueOf(F.parameters.prime(l)).modInverse(p)).mod(p);
        }
        return factor;
    }

    /** Decrypts, and checks that the raw value (as if the factor were 1) is the recorded factor times the result. */
    private static SlotVector decrypt(Ciphertext x) {
        long[] message = F.decryptor.decrypt(x).coefficients();
        CiphertextData data = x.data();
        long[] raw = F.decryptor.decrypt(new Ciphertext(new CiphertextData(data.parameters, data.keyId, data.level,
                data.parts, 1, data.log2Variance))).coefficients();
        long[] expected = Arrays.stream(message).map(m -> m * x.scalarFactor() % P).toArray();
        assertThat(raw).as("raw value = factor %d times the message", x.scalarFactor()).isEqualTo(expected);
        return F.encoder.decode(Plaintext.of(F.parameters, message));
    }

    private static SlotVector constant(long value) {
        long[] values = new long[F.encoder.slotCount()];
        Arrays.fill(values, Math.floorMod(value, P));
        return SlotVector.ofIntegers(F.encoder.field(), values);
    }

    @Test
    void theTestPrimesAreNotOneModP() {
        int chainPrimesNotOne = 0;
        for (int i = 0; i <= L; i++) {
            chainPrimesNotOne += F.parameters.prime(i) % P != 1 ? 1 : 0;
        }
        assertThat(chainPrimesNotOne).isEqualTo(L + 1);
        BigInteger special = BigInteger.ONE;
        for (int k : F.parameters.specialPrimes()) {
            special = special.multiply(BigInteger.valueOf(F.parameters.prime(k)));
        }
        assertThat(special.mod(BigInteger.valueOf(P)).longValue()).as("P mod p").isNotEqualTo(1);
    }

    @Test
    void scalarFactorBookkeepingExactAcrossMultiplyModulusSwitchAndKeySwitch() {
        Ciphertext ca = F.encrypt(a);
        Ciphertext cb = F.encrypt(b);
        Ciphertext cc = F.encrypt(c);
        assertThat(ca.scalarFactor()).isEqualTo(1);

        // Key switching (relinearization) keeps the factor although P is not 1 mod p.
        Ciphertext product = ev.multiply(ca, cb);
        Ciphertext relinearized = ev.relinearize(product);
        assertThat(relinearized.scalarFactor()).isEqualTo(product.scalarFactor()).isEqualTo(1);
        assertThat(decrypt(relinearized)).isEqualTo(a.times(b));

        // Modulus switching multiplies by q^-1 for each dropped prime; dropping primes does not.
        Ciphertext ab = ev.modSwitch(relinearized);
        assertThat(ab.scalarFactor()).isEqualTo(dropped(L, L - 1).longValue()).isNotEqualTo(1);
        assertThat(decrypt(ab)).isEqualTo(a.times(b));
        Ciphertext cLow = ev.modSwitchTo(cc, L - 3);
        assertThat(cLow.scalarFactor()).isEqualTo(dropped(L, L - 3).longValue());
        assertThat(decrypt(cLow)).isEqualTo(c);
        assertThat(ev.dropToLevel(cc, L - 3).scalarFactor()).isEqualTo(1);

        // A product multiplies the factors; the higher operand is switched down first (q_(L-1), q_(L-2)).
        Ciphertext abc = ev.modSwitch(ev.multiplyRelin(ab, cLow));
        BigInteger expected = dropped(L, L - 1).multiply(dropped(L - 1, L - 3)).multiply(dropped(L, L - 3))
                .multiply(dropped(L - 3, L - 4)).mod(BigInteger.valueOf(P));
        assertThat(abc.level()).isEqualTo(L - 4);
        assertThat(abc.scalarFactor()).isEqualTo(expected.longValue());
        SlotVector reference = a.times(b).times(c);
        assertThat(decrypt(abc)).isEqualTo(reference);

        // Automorphisms (shift, rotation, Frobenius) keep the factor.
        Ciphertext shifted = ev.shift(abc, 1);
        assertThat(shifted.scalarFactor()).isEqualTo(abc.scalarFactor());
        assertThat(decrypt(shifted)).isEqualTo(reference.shifted(1));
        Ciphertext rotated = ev.rotate(abc, 3);
        assertThat(rotated.scalarFactor()).isEqualTo(abc.scalarFactor());
        assertThat(decrypt(rotated)).isEqualTo(reference.rotated(3));
        Ciphertext frobenius = ev.frobenius(abc, 1);
        assertThat(frobenius.scalarFactor()).isEqualTo(abc.scalarFactor());
        assertThat(decrypt(frobenius)).isEqualTo(reference.frobenius(1));

        // Plaintext and constant operations: the plaintext is scaled by the factor for additions.
        Plaintext pa = F.encoder.encode(a);
        assertThat(decrypt(ev.addPlain(abc, pa))).isEqualTo(reference.plus(a));
        assertThat(decrypt(ev.multiplyPlain(abc, pa))).isEqualTo(reference.times(a));
        assertThat(decrypt(ev.addConstant(abc, 200))).isEqualTo(reference.plus(constant(200)));
        assertThat(decrypt(ev.multiplyConstant(abc, -7))).isEqualTo(reference.times(constant(-7)));
        assertThat(ev.addPlain(abc, pa).scalarFactor()).isEqualTo(abc.scalarFactor());

        // Additions of operands with different factors (same level): a common factor first.
        Ciphertext aLow = ev.dropToLevel(ca, abc.level());
        assertThat(aLow.scalarFactor()).isNotEqualTo(abc.scalarFactor());
        Ciphertext sum = ev.add(abc, aLow);
        assertThat(decrypt(sum)).isEqualTo(reference.plus(a));
        assertThat(decrypt(ev.subtract(aLow, abc))).isEqualTo(a.minus(reference));
        assertThat(decrypt(ev.add(rotated, frobenius))).isEqualTo(reference.rotated(3).plus(reference.frobenius(1)));
        // ... and at different levels: the higher one is switched down (its factor changes on the way).
        assertThat(decrypt(ev.add(cb, abc))).isEqualTo(b.plus(reference));
        assertThat(decrypt(ev.subtract(ab, shifted))).isEqualTo(a.times(b).minus(reference.shifted(1)));
        // a three-part product plus a two-part ciphertext with another factor
        Ciphertext three = ev.multiply(abc, aLow);
        assertThat(decrypt(ev.add(three, abc))).isEqualTo(reference.times(a).plus(reference));

        // The in-place forms do the same.
        MutableCiphertext acc = aLow.toMutable();
        ev.add(acc, abc);
        ev.addPlain(acc, pa);
        ev.multiplyRelin(acc, abc);
        ev.modSwitch(acc);
        ev.rotate(acc, 3);
        ev.subtract(acc, ev.modSwitch(abc));
        SlotVector expectedAcc = a.plus(reference).plus(a).times(reference).rotated(3).minus(reference);
        assertThat(acc.scalarFactor()).isEqualTo(acc.snapshot().scalarFactor());
        assertThat(decrypt(acc.snapshot())).isEqualTo(expectedAcc);

        // Down to level 0 one prime at a time: the factor is the product of every q^-1, and decryption is exact.
        Ciphertext x = sum;
        BigInteger factor = BigInteger.valueOf(sum.scalarFactor());
        while (x.level() > 0) {
            factor = factor.multiply(dropped(x.level(), x.level() - 1)).mod(BigInteger.valueOf(P));
            x = ev.modSwitch(x);
            assertThat(x.scalarFactor()).as("level %d", x.level()).isEqualTo(factor.longValue());
        }
        assertThat(decrypt(x)).isEqualTo(reference.plus(a));
    }

    @Test
    void harmonizersGiveACommonFactorWithTheLeastNoise() {
        Evaluator evaluator = new Evaluator(F.parameters);
        for (long fx = 1; fx < P; fx += 7) {
            for (long fy = 1; fy < P; fy += 5) {
                for (double[] v : new double[][] {{40, 40}, {40, 100}, {100, 40}}) {
                    long[] e = evaluator.harmonizers(fx, v[0], fy, v[1]);
                    assertThat(Math.floorMod(e[0] * fx - e[1] * fy, P)).as("%d %d", fx, fy).isZero();
                    assertThat(Math.abs(e[0])).isBetween(1L, P / 2);
                    assertThat(Math.abs(e[1])).isBetween(1L, P / 2);
                    double noise = NoiseModel.add(NoiseModel.scale(v[0], e[0]), NoiseModel.scale(v[1], e[1]));
                    // Never worse than scaling only one operand by the centred ratio.
                    long onlyX = centred(fy * inverse(fx));
                    long onlyY = centred(fx * inverse(fy));
                    assertThat(noise).isLessThanOrEqualTo(NoiseModel.add(NoiseModel.scale(v[0], onlyX), v[1]) + 1e-9);
                    assertThat(noise).isLessThanOrEqualTo(NoiseModel.add(v[0], NoiseModel.scale(v[1], onlyY)) + 1e-9);
                    if (fx == fy) {
                        assertThat(e).containsExactly(1, 1);
                    }
                }
            }
        }
        // A much noisier operand is left alone: the quiet one takes the whole ratio.
        long[] e = evaluator.harmonizers(3, 200, 5, 40);
        assertThat(e[0]).isEqualTo(1);
        assertThat(Math.floorMod(e[1] * 5, P)).isEqualTo(3);
    }

    @Test
    void plaintextAdditionsAtAFactorReuseTheCachedScaledForm() {
        Ciphertext x = ev.modSwitch(F.encrypt(a));
        Plaintext pb = F.encoder.encode(b);
        Evaluator counted = new Evaluator(F.parameters, F.evaluationKeys);
        counted.addPlain(x, pb);
        long first = counted.counters().snapshot().transforms();
        counted.addPlain(x, pb);
        assertThat(counted.counters().snapshot().transforms()).as("the scaled evaluation form is cached")
                .isEqualTo(first).isEqualTo(x.level() + 1);
        DoubleCrt plain = pb.evaluationAt(x.level(), counted.counters());
        DoubleCrt scaled = pb.evaluationAt(x.level(), x.scalarFactor(), counted.counters());
        assertThat(scaled.row(0)).isNotEqualTo(plain.row(0));
        assertThat(decrypt(counted.addPlain(x, pb))).isEqualTo(a.plus(b));
    }

    private static long inverse(long x) {
        return BigInteger.valueOf(x).modInverse(BigInteger.valueOf(P)).longValue();
    }

    private static long centred(long x) {
        long r = Math.floorMod(x, P);
        return r > P / 2 ? r - P : r;
    }
}
