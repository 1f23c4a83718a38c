package org.wisekit.fhe.bgv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The README's API example, kept compiling and correct (on T0 instead of T1, for speed). */
class ReadmeExampleTest {

    @Test
    void apiExampleRuns() {
        BgvParameters params = ParameterTier.T0.insecureParameters();
        KeyGenerator keygen = KeyGenerator.create(params);
        SecretKey sk = keygen.secretKey();
        EvaluationKeys evk = keygen.evaluationKeys(sk,
                GaloisElements.forSlotOperations(params, new int[] {1, -1}, new int[] {3}));
        Encoder encoder = new Encoder(params);
        Encryptor encryptor = new Encryptor(keygen.publicKey(sk));
        Decryptor decryptor = new Decryptor(sk);
        Evaluator ev = new Evaluator(params, evk);

        long[] values = new long[encoder.slotCount()];
        Arrays.setAll(values, i -> i % 17);
        Ciphertext a = encryptor.encrypt(encoder.encodeIntegers(values));
        Ciphertext c = ev.modSwitch(ev.multiplyRelin(a, a));
        MutableCiphertext acc = c.toMutable();
        ev.add(acc, a);
        ev.shift(acc, 1);
        ev.frobenius(acc, 1);
        long[] result = encoder.decodeIntegers(decryptor.decrypt(acc.snapshot()));
        double exact = decryptor.noiseBudget(c);
        double estimate = c.estimatedNoiseBudget();
        OperationCounts counts = ev.counters().snapshot();
        byte[] bytes = BgvCodec.write(c);

        long[] expected = new long[values.length];
        for (int i = 1; i < expected.length; i++) {
            expected[i] = (values[i - 1] * values[i - 1] + values[i - 1]) % 17; // Frobenius fixes integers
        }
        assertThat(result).isEqualTo(expected);
        assertThat(estimate).isLessThanOrEqualTo(exact);
        assertThat(counts.keySwitches()).isEqualTo(3);
        assertThat(decryptor.noiseBudget(BgvCodec.readCiphertext(bytes, params))).isEqualTo(exact);
    }
}
