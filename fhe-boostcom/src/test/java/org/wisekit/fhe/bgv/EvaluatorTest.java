package org.wisekit.fhe.bgv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.wisekit.fhe.slots.SlotVector;

/** Every homomorphic operation, both forms, against the slot-wise plaintext result on random F_(p^d) data (T0). */
class EvaluatorTest {

    private final BgvFixture f = BgvFixture.t0(20);
    private final SlotVector a = f.randomSlots();
    private final SlotVector b = f.randomSlots();
    private final Ciphertext ca = f.encrypt(a);
    private final Ciphertext cb = f.encrypt(b);
    private final Evaluator ev = f.evaluator;

    @Test
    void encryptionRoundTripsFieldAndIntegerSlots() {
        assertThat(f.decrypt(ca)).isEqualTo(a);
        SlotVector integers = f.randomIntegerSlots();
        Ciphertext c = f.encryptor.encrypt(f.encoder.encodeIntegers(integers.toIntegers()));
        assertThat(f.encoder.decodeIntegers(f.decryptor.decrypt(c))).isEqualTo(integers.toIntegers());
        assertThat(c.level()).isEqualTo(f.parameters.maxLevel());
        assertThat(c.size()).isEqualTo(2);
        assertThat(f.decryptor.noiseBudget(c)).isGreaterThan(c.estimatedNoiseBudget()).isLessThan(f.parameters.log2Modulus(9));
    }

    @Test
    void linearOperations() {
        Plaintext pb = f.encoder.encode(b);
        assertThat(f.decrypt(ev.add(ca, cb))).isEqualTo(a.plus(b));
        assertThat(f.decrypt(ev.subtract(ca, cb))).isEqualTo(a.minus(b));
        assertThat(f.decrypt(ev.negate(ca))).isEqualTo(a.minus(a).minus(a));
        assertThat(f.decrypt(ev.addPlain(ca, pb))).isEqualTo(a.plus(b));
        assertThat(f.decrypt(ev.multiplyPlain(ca, pb))).isEqualTo(a.times(b));
        assertThat(f.decrypt(ev.multiplyPlain(ca, Plaintext.constant(f.parameters, 5))))
                .isEqualTo(a.plus(a).plus(a).plus(a).plus(a));
        assertThat(f.decrypt(ca)).as("inputs are untouched").isEqualTo(a);
    }

    @Test
    void productsRelinearizationAndModulusSwitching() {
        Ciphertext product = ev.multiply(ca, cb);
        assertThat(product.size()).isEqualTo(3);
        assertThat(f.decrypt(product)).as("three-part product decrypts under (1, s, s^2)").isEqualTo(a.times(b));
        Ciphertext relinearized = ev.relinearize(product);
        assertThat(relinearized.size()).isEqualTo(2);
        assertThat(f.decrypt(relinearized)).isEqualTo(a.times(b));
        Ciphertext both = ev.multiplyRelin(ca, cb);
        assertThat(f.decrypt(both)).isEqualTo(a.times(b));
        Ciphertext lower = ev.modSwitch(both);
        assertThat(lower.level()).isEqualTo(both.level() - 1);
        assertThat(f.decrypt(lower)).isEqualTo(a.times(b));
        Ciphertext bottom = ev.modSwitchTo(ca, 0);
        assertThat(bottom.level()).isZero();
        assertThat(f.decrypt(bottom)).isEqualTo(a);
        // Operands at different levels are aligned down first.
        assertThat(f.decrypt(ev.multiplyRelin(lower, ca))).isEqualTo(a.times(b).times(a));
        assertThat(f.decrypt(ev.add(bottom, cb))).isEqualTo(a.plus(b));
        assertThat(f.decrypt(ev.add(product, ca))).as("three-part plus two-part").isEqualTo(a.times(b).plus(a));
    }

    @Test
    void slotShiftsRotationsAndFrobenius() {
        for (int s : BgvFixture.SHIFTS) {
            assertThat(f.decrypt(ev.shift(ca, s))).as("shift %d", s).isEqualTo(a.shifted(s));
        }
        for (int s : BgvFixture.ROTATIONS) {
            assertThat(f.decrypt(ev.rotate(ca, s))).as("rotate %d", s).isEqualTo(a.rotated(s));
        }
        for (int j = 1; j < f.parameters.slots().degree(); j++) {
            assertThat(f.decrypt(ev.frobenius(ca, j))).as("Frobenius %d", j).isEqualTo(a.frobenius(j));
        }
        assertThat(f.decrypt(ev.frobenius(ca, 0))).isEqualTo(a);
        assertThat(f.decrypt(ev.shift(ca, 0))).isEqualTo(a);
        assertThat(f.decrypt(ev.shift(ca, 1000))).isEqualTo(a.shifted(1000));
        long k = GaloisElements.shift(f.parameters, 1);
        assertThat(f.decrypt(ev.automorphism(ca, k))).as("unmasked automorphism: only the unwrapped slots agree")
                .isNotEqualTo(a.shifted(1));
    }

    @Test
    void inPlaceFormsMatchTheAllocatingForms() {
        MutableCiphertext acc = ca.toMutable();
        ev.add(acc, cb);
        ev.subtract(acc, cb);
        ev.negate(acc);
        ev.negate(acc);
        assertThat(f.decrypt(acc.snapshot())).isEqualTo(a);
        ev.addPlain(acc, f.encoder.encode(b));
        ev.multiplyPlain(acc, f.encoder.encode(b));
        SlotVector expected = a.plus(b).times(b);
        ev.multiply(acc, cb);
        ev.relinearize(acc);
        expected = expected.times(b);
        ev.multiplyRelin(acc, ca);
        expected = expected.times(a);
        assertThat(acc.size()).isEqualTo(2);
        ev.modSwitch(acc);
        ev.modSwitchTo(acc, acc.level() - 1);
        assertThat(acc.level()).isEqualTo(f.parameters.maxLevel() - 2);
        ev.shift(acc, 1);
        expected = expected.shifted(1);
        ev.rotate(acc, 3);
        expected = expected.rotated(3);
        ev.frobenius(acc, 1);
        expected = expected.frobenius(1);
        ev.automorphism(acc, GaloisElements.frobenius(f.parameters, 2));
        expected = expected.frobenius(2);
        assertThat(f.decrypt(acc.snapshot())).isEqualTo(expected);
        assertThat(acc.estimatedNoiseBudget()).isPositive();
        assertThat(f.decrypt(ca)).isEqualTo(a);
    }

    @Test
    void countersRecordMultiplicationsKeySwitchesAndTransforms() {
        Evaluator counted = new Evaluator(f.parameters, f.evaluationKeys);
        Ciphertext product = counted.multiplyRelin(ca, cb);
        OperationCounts afterProduct = counted.counters().snapshot();
        assertThat(afterProduct.multiplications()).isEqualTo(1);
        assertThat(afterProduct.relinearizations()).isEqualTo(1);
        assertThat(afterProduct.keySwitches()).isEqualTo(1);
        // Key switch at L = 9 with K = 3 special primes and digits of 3, 3, 4 primes (balanced by bits):
        // (L+1) inverse + per-digit lifts (13-3, 13-3, 13-4) + 2 (K inverse + (L+1) forward) = 10 + 29 + 26.
        // The lifts total digits (L+1+K) - (L+1) whatever the split, so the count is that of the old split.
        assertThat(afterProduct.transforms()).isEqualTo(10 + 29 + 26);
        counted.shift(counted.modSwitch(product), 1);
        OperationCounts delta = counted.counters().snapshot().minus(afterProduct);
        assertThat(delta.modulusSwitches()).isEqualTo(1);
        assertThat(delta.automorphisms()).isEqualTo(1);
        assertThat(delta.keySwitches()).isEqualTo(1);
        assertThat(delta.plaintextMultiplications()).isEqualTo(1);
        counted.counters().reset();
        assertThat(counted.counters().snapshot()).isEqualTo(new OperationCounts(0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void refusesMismatchedOperandsAndMissingKeys() {
        BgvFixture other = BgvFixture.t0(21);
        Ciphertext foreign = other.encrypt(a);
        assertThatThrownBy(() -> ev.add(ca, foreign)).hasMessageStartingWith("ciphertexts are under different keys");
        assertThatThrownBy(() -> ev.multiplyRelin(foreign, foreign))
                .hasMessageContaining("but the evaluation keys are for key");
        assertThatThrownBy(() -> f.decryptor.decrypt(foreign))
                .hasMessageContaining("not under this secret key");
        Evaluator keyless = new Evaluator(f.parameters);
        assertThat(f.decrypt(keyless.add(ca, cb))).isEqualTo(a.plus(b));
        assertThatThrownBy(() -> keyless.multiplyRelin(ca, cb)).hasMessage("this evaluator has no evaluation keys");
        assertThatThrownBy(() -> ev.rotate(ca, 7)).hasMessageStartingWith("no automorphism key for X -> X^");
        assertThatThrownBy(() -> ev.automorphism(ev.multiply(ca, cb), 3)).hasMessageContaining("relinearize first");
        assertThatThrownBy(() -> ev.modSwitchTo(ca, 10)).hasMessage("can only switch down to a level in [0, 9], got 10");
        assertThatThrownBy(() -> ev.modSwitch(ev.modSwitchTo(ca, 0)))
                .hasMessageContaining("the modulus chain is exhausted");
        BgvFixture t1 = new BgvFixture(ParameterTier.T1.insecureParameters(), 22, new int[0], new int[0]);
        assertThatThrownBy(() -> ev.add(ca, t1.encrypt(t1.randomSlots())))
                .hasMessageStartingWith("ciphertext belongs to other parameters");
    }
}
