package org.wisekit.fhe.bgv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.wisekit.fhe.slots.SlotVector;

/** The paper-faithful tier B2 (m = 17293, p = 131, 5764 slots of F_131^3): one pass through every kind of step. */
class RealisticTierTest {

    @Test
    void b2MultipliesShiftsAndAppliesFrobenius() {
        BgvFixture f = new BgvFixture(ParameterTier.B2.insecureParameters(), 60, new int[] {1}, new int[0]);
        SlotVector a = f.randomIntegerSlots();
        SlotVector b = f.randomSlots();
        Ciphertext ca = f.encrypt(a);
        Ciphertext cb = f.encrypt(b);
        double fresh = f.decryptor.noiseBudget(ca);
        Ciphertext product = f.evaluator.modSwitch(f.evaluator.multiplyRelin(ca, cb));
        double afterProduct = f.decryptor.noiseBudget(product);
        Ciphertext shifted = f.evaluator.shift(product, 1);
        Ciphertext result = f.evaluator.frobenius(shifted, 1);
        assertThat(f.decrypt(result)).isEqualTo(a.times(b).shifted(1).frobenius(1));
        double last = f.decryptor.noiseBudget(result);
        assertThat(fresh).isGreaterThan(afterProduct);
        assertThat(afterProduct).isGreaterThan(last);
        assertThat(result.estimatedNoiseBudget()).isLessThanOrEqualTo(last);
        assertThat(result.level()).isEqualTo(f.parameters.maxLevel() - 1);
    }
}
