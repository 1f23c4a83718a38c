package org.wisekit.fhe.bgv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** BGV over the power-of-two special case Z[X]/(X^(m/2) + 1), with coefficient plaintexts. */
class PowerOfTwoBgvTest {

    @Test
    void operationsMatchPolynomialArithmeticModXnPlusOneAndP() {
        BgvParameters parameters = BgvParameters.createInsecure(
                new ParametersLiteral(128, 257, List.of(50, 40, 40), List.of(55), 3));
        SplittableRandom random = new SplittableRandom(40);
        KeyGenerator generator = KeyGenerator.withRandomness(parameters, random);
        SecretKey secret = generator.secretKey();
        Evaluator evaluator = new Evaluator(parameters, generator.evaluationKeys(secret, List.of(5L, 127L)));
        Encryptor encryptor = new Encryptor(generator.publicKey(secret), random);
        Decryptor decryptor = new Decryptor(secret);
        int n = parameters.ringDimension();
        long[] a = random.longs(n, 0, 257).toArray();
        long[] b = random.longs(n, 0, 257).toArray();
        Ciphertext ca = encryptor.encrypt(Plaintext.of(parameters, a));
        Ciphertext cb = encryptor.encrypt(Plaintext.of(parameters, b));

        assertThat(decryptor.decrypt(evaluator.multiplyRelin(ca, cb)).coefficients())
                .isEqualTo(negacyclicProduct(a, b, 257));
        assertThat(decryptor.decrypt(evaluator.modSwitch(evaluator.multiplyRelin(ca, cb))).coefficients())
                .isEqualTo(negacyclicProduct(a, b, 257));
        for (long k : new long[] {5, 127}) {
            assertThat(decryptor.decrypt(evaluator.automorphism(ca, k)).coefficients())
                    .isEqualTo(parameters.cyclotomic().automorphismOfCoefficients(a, k, 257));
        }
        assertThatThrownBy(() -> new Encoder(parameters)).hasMessageContaining("slots need a prime m");
    }

    private static long[] negacyclicProduct(long[] a, long[] b, long p) {
        int n = a.length;
        long[] c = new long[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int k = i + j;
                long term = a[i] * b[j] % p;
                c[k % n] = Math.floorMod(c[k % n] + (k < n ? term : -term), p);
            }
        }
        return c;
    }
}
