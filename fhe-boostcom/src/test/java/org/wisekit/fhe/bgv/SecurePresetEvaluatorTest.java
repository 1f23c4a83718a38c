package org.wisekit.fhe.bgv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.wisekit.fhe.compare.ComparisonTier;
import org.wisekit.fhe.slots.SlotVector;

/**
 * Every kind of evaluator operation against the plaintext slots at the 96-bit preset B2_96 (m = 17293, 31-bit
 * chain primes on the auxiliary-prime transform, 6 key-switching digits, P = 2 x 38 bits): the parameters the
 * comparison runs on, not a toy ring.
 */
class SecurePresetEvaluatorTest {

    @Test
    void everyOperationMatchesThePlaintextSlotsAt96Bits() {
        BgvParameters parameters = ComparisonTier.B2_96.parameters();
        assertThat(parameters.security().meets(96)).isTrue();
        BgvFixture f = new BgvFixture(parameters, 96, new int[] {1, -3}, new int[] {2});
        Evaluator ev = f.evaluator;
        SlotVector a = f.randomSlots();
        SlotVector b = f.randomSlots();
        Ciphertext ca = f.encrypt(a);
        Ciphertext cb = f.encrypt(b);
        Plaintext pb = f.encoder.encode(b);
        assertThat(f.decrypt(ca)).isEqualTo(a);
        assertThat(f.decrypt(ev.add(ca, cb))).isEqualTo(a.plus(b));
        assertThat(f.decrypt(ev.subtract(ca, cb))).isEqualTo(a.minus(b));
        assertThat(f.decrypt(ev.negate(ca))).isEqualTo(a.minus(a).minus(a));
        assertThat(f.decrypt(ev.addPlain(ca, pb))).isEqualTo(a.plus(b));
        assertThat(f.decrypt(ev.multiplyPlain(ca, pb))).isEqualTo(a.times(b));
        assertThat(f.decrypt(ev.multiplyPlain(ca, Plaintext.constant(parameters, 3)))).isEqualTo(a.plus(a).plus(a));

        Ciphertext product = ev.multiply(ca, cb);
        assertThat(f.decrypt(product)).as("three-part product").isEqualTo(a.times(b));
        Ciphertext relinearized = ev.relinearize(product);
        assertThat(f.decrypt(relinearized)).isEqualTo(a.times(b));
        Ciphertext switched = ev.modSwitch(relinearized);
        assertThat(switched.level()).isEqualTo(parameters.maxLevel() - 1);
        assertThat(f.decrypt(switched)).isEqualTo(a.times(b));
        // a product of operands at different levels, then a deep switch: the scalar factor stays exact
        Ciphertext cubic = ev.multiplyRelin(switched, ca);
        assertThat(f.decrypt(cubic)).isEqualTo(a.times(b).times(a));
        Ciphertext low = ev.modSwitchTo(cubic, 2);
        assertThat(f.decrypt(low)).isEqualTo(a.times(b).times(a));

        assertThat(f.decrypt(ev.shift(ca, 1))).isEqualTo(a.shifted(1));
        assertThat(f.decrypt(ev.shift(switched, -3))).isEqualTo(a.times(b).shifted(-3));
        assertThat(f.decrypt(ev.rotate(ca, 2))).isEqualTo(a.rotated(2));
        for (int j = 1; j < parameters.slots().degree(); j++) {
            assertThat(f.decrypt(ev.frobenius(ca, j))).as("Frobenius %d", j).isEqualTo(a.frobenius(j));
        }
        double exact = f.decryptor.noiseBudget(low);
        assertThat(exact).isPositive();
        assertThat(low.estimatedNoiseBudget()).isLessThanOrEqualTo(exact);
    }
}
