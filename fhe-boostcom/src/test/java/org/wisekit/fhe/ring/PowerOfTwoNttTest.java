package org.wisekit.fhe.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PowerOfTwoNttTest {

    @Test
    void handComputedCyclicTransformOfLengthFour() {
        // q = 17, omega = 13: A(1) = 10, A(13) = 6, A(16) = 15, A(4) = 7, output in bit-reversed order.
        PowerOfTwoNtt ntt = PowerOfTwoNtt.cyclic(Modulus.of(17), 4);
        assertThat(ntt.root()).isEqualTo(13);
        long[] a = {1, 2, 3, 4};
        ntt.forward(a);
        assertThat(a).containsExactly(10, 15, 6, 7);
        ntt.inverse(a);
        assertThat(a).containsExactly(1, 2, 3, 4);
    }

    @Test
    void forwardEvaluatesAtTheStatedRootsAndInverseRoundTrips() {
        SplittableRandom random = new SplittableRandom(3);
        for (int logN = 0; logN <= 10; logN++) {
            int n = 1 << logN;
            for (int bits : new int[] {30, 61}) {
                long q = Primes.descendingCongruentPrimes(bits, 2L * n, 1, Set.of()).get(0);
                for (PowerOfTwoNtt ntt : new PowerOfTwoNtt[] {
                        PowerOfTwoNtt.cyclic(Modulus.of(q), n), PowerOfTwoNtt.negacyclic(Modulus.of(q), n)}) {
                    long[] a = random.longs(n, 0, q).toArray();
                    long[] transformed = a.clone();
                    ntt.forward(transformed);
                    for (int k = 0; k < n; k++) {
                        long x = ntt.modulus().pow(ntt.root(), ntt.evaluationExponent(k));
                        assertThat(transformed[k]).as("n=%d k=%d negacyclic=%s", n, k, ntt.isNegacyclic())
                                .isEqualTo(evaluate(a, x, ntt.modulus()));
                    }
                    ntt.inverse(transformed);
                    assertThat(transformed).isEqualTo(a);
                }
            }
        }
    }

    @Test
    void roundTripAtTwoToTheSixteen() {
        int n = 1 << 16;
        long q = Primes.descendingCongruentPrimes(60, 2L * n, 1, Set.of()).get(0);
        PowerOfTwoNtt ntt = PowerOfTwoNtt.cyclic(Modulus.of(q), n);
        long[] a = new SplittableRandom(4).longs(n, 0, q).toArray();
        long[] b = a.clone();
        ntt.forward(b);
        ntt.inverse(b);
        assertThat(b).isEqualTo(a);
    }

    @Test
    void negacyclicPointwiseProductIsMultiplicationModXnPlusOne() {
        int n = 64;
        long q = Primes.descendingCongruentPrimes(50, 2L * n, 1, Set.of()).get(0);
        Modulus mod = Modulus.of(q);
        PowerOfTwoNtt ntt = PowerOfTwoNtt.negacyclic(mod, n);
        SplittableRandom random = new SplittableRandom(5);
        long[] a = random.longs(n, 0, q).toArray();
        long[] b = random.longs(n, 0, q).toArray();
        long[] expected = new long[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                long p = mod.mul(a[i], b[j]);
                int k = i + j;
                expected[k % n] = k < n ? mod.add(expected[k], p) : mod.sub(expected[k - n], p);
            }
        }
        long[] fa = a.clone();
        long[] fb = b.clone();
        ntt.forward(fa);
        ntt.forward(fb);
        for (int i = 0; i < n; i++) {
            fa[i] = mod.mul(fa[i], fb[i]);
        }
        ntt.inverse(fa);
        assertThat(fa).isEqualTo(expected);
    }

    @Test
    void rejectsLengthsThePrimeCannotHold() {
        assertThatThrownBy(() -> PowerOfTwoNtt.cyclic(Modulus.of(17), 6))
                .hasMessage("NTT length must be a power of two, got 6");
        assertThatThrownBy(() -> PowerOfTwoNtt.negacyclic(Modulus.of(17), 16))
                .hasMessage("q - 1 = 16 is not divisible by 32");
    }

    static long evaluate(long[] coefficients, long x, Modulus mod) {
        long value = 0;
        for (int i = coefficients.length - 1; i >= 0; i--) {
            value = mod.add(mod.mul(value, x), coefficients[i]);
        }
        return value;
    }
}
