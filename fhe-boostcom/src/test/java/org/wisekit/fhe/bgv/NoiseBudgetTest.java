package org.wisekit.fhe.bgv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.slots.SlotVector;

class NoiseBudgetTest {

    private final BgvFixture f = BgvFixture.t0(30);

    @Test
    void budgetStrictlyDecreasesAndATooDeepCircuitIsStoppedBeforeDecryptionFails() {
        SlotVector expected = f.randomSlots();
        Ciphertext c = f.encrypt(expected);
        List<Double> exact = new ArrayList<>(List.of(f.decryptor.noiseBudget(c)));
        NoiseBudgetExhaustedException stop = null;
        for (int depth = 0; depth < 40 && stop == null; depth++) {
            try {
                c = f.evaluator.multiplyRelin(c, c);
                expected = expected.times(expected);
                if (c.level() > 0) {
                    c = f.evaluator.modSwitch(c);
                }
            } catch (NoiseBudgetExhaustedException e) {
                stop = e;
                continue;
            }
            double budget = f.decryptor.noiseBudget(c);
            assertThat(budget).as("depth %d", depth).isLessThan(exact.get(exact.size() - 1));
            assertThat(c.estimatedNoiseBudget()).as("the estimate is conservative at depth %d", depth)
                    .isLessThanOrEqualTo(budget).isGreaterThan(budget - 6);
            assertThat(f.decrypt(c)).as("every ciphertext the evaluator returned decrypts, depth %d", depth)
                    .isEqualTo(expected);
            exact.add(budget);
        }
        assertThat(stop).as("the evaluator refuses the product that would overflow").isNotNull();
        assertThat(stop.budgetBits()).isNegative();
        assertThat(stop.getMessage()).contains("multiplyRelin at level 0", "too deep");
        assertThat(exact).hasSizeGreaterThan(f.parameters.maxLevel());
        assertThat(exact.get(exact.size() - 1)).isGreaterThanOrEqualTo(Decryptor.MIN_BUDGET_BITS);
    }

    @Test
    void budgetIsTheHeadroomOfTheFreshNoise() {
        Ciphertext c = f.encrypt(f.randomSlots());
        double budget = f.decryptor.noiseBudget(c);
        // Fresh noise p (e u + e_0 + e_1 s) is around p * sigma * sqrt(4/3 * 2 phi) * a few: 2^10 .. 2^14 for T0.
        double log2Noise = f.parameters.log2Modulus(f.parameters.maxLevel()) - 1 - budget;
        assertThat(log2Noise).isBetween(10.0, 14.0);
        Ciphertext plainProduct = f.evaluator.multiplyPlain(c, f.encoder.encode(f.randomSlots()));
        assertThat(f.decryptor.noiseBudget(plainProduct)).isLessThan(budget - 5);
    }

    @Test
    void decryptionRefusesAWrappedCiphertextInsteadOfReturningGarbage() {
        // Re-label another key's ciphertext as ours: it decrypts to noise spread over all of Z_Q.
        BgvFixture other = BgvFixture.t0(31);
        byte[] bytes = BgvCodec.write(other.encrypt(other.randomSlots()));
        java.nio.ByteBuffer.wrap(bytes).putLong(14, f.secretKey.keyId());
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        java.nio.ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        Ciphertext forged = BgvCodec.readCiphertext(bytes, f.parameters);
        assertThat(f.decryptor.noiseBudget(forged)).isLessThan(Decryptor.MIN_BUDGET_BITS);
        assertThatThrownBy(() -> f.decryptor.decrypt(forged)).isInstanceOf(NoiseBudgetExhaustedException.class)
                .hasMessageStartingWith("cannot decrypt: measured noise budget");
    }
}
