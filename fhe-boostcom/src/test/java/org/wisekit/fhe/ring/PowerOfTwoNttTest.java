package org.wisekit.fhe.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
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

    /** Input counts around the pruning thresholds n/4, n/2 and 3n/4, for length n. */
    private static int[] counts(int n) {
        return java.util.stream.IntStream.of(0, 1, 2, n / 4 - 1, n / 4, n / 4 + 1, n / 2 - 1, n / 2, n / 2 + 1,
                5 * n / 8 + 1, 3 * n / 4 - 1, 3 * n / 4, 3 * n / 4 + 1, n - 1, n).filter(c -> c >= 0 && c <= n)
                .distinct().toArray();
    }

    /** a[offset .. offset + length) mod q, or -1 for an entry outside the lazy range [0, bound). */
    private static long[] reduced(long[] a, int offset, int length, long bound, long q) {
        long[] out = new long[length];
        for (int k = 0; k < length; k++) {
            long x = a[offset + k];
            out[k] = x >= 0 && x < bound ? x % q : -1;
        }
        return out;
    }

    @Test
    void prunedForwardMatchesTheFullTransformOfTheZeroPaddedInput() {
        SplittableRandom random = new SplittableRandom(7);
        for (int logN = 0; logN <= 14; logN++) {
            int n = 1 << logN;
            for (int bits : new int[] {31, 61}) {
                long q = Primes.descendingCongruentPrimes(bits, 2L * n, 1, Set.of()).get(0);
                for (PowerOfTwoNtt ntt : new PowerOfTwoNtt[] {
                        PowerOfTwoNtt.cyclic(Modulus.of(q), n), PowerOfTwoNtt.negacyclic(Modulus.of(q), n)}) {
                    for (int count : counts(n)) {
                        // lazy inputs in [0, 4q); entries from count on are garbage the transform must ignore
                        long[] a = random.longs(n, 0, 4 * q).toArray();
                        long[] expected = new long[n];
                        for (int i = 0; i < count; i++) {
                            expected[i] = a[i] % q;
                        }
                        ntt.forward(expected);
                        int offset = random.nextInt(3);
                        long[] lazy = new long[offset + n];
                        System.arraycopy(a, 0, lazy, offset, n);
                        ntt.forwardLazy(lazy, offset, count);
                        assertThat(reduced(lazy, offset, n, 4 * q, q)).as("n=%d count=%d", n, count)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void prunedInverseMatchesTheFullTransformOnTheWantedPrefix() {
        SplittableRandom random = new SplittableRandom(8);
        for (int logN = 0; logN <= 14; logN++) {
            int n = 1 << logN;
            for (int bits : new int[] {31, 61}) {
                long q = Primes.descendingCongruentPrimes(bits, 2L * n, 1, Set.of()).get(0);
                for (PowerOfTwoNtt ntt : new PowerOfTwoNtt[] {
                        PowerOfTwoNtt.cyclic(Modulus.of(q), n), PowerOfTwoNtt.negacyclic(Modulus.of(q), n)}) {
                    for (int count : counts(n)) {
                        // lazy inputs in [0, 2q)
                        long[] a = random.longs(n, 0, 2 * q).toArray();
                        long[] expected = new long[n];
                        for (int i = 0; i < n; i++) {
                            expected[i] = a[i] % q;
                        }
                        ntt.inverse(expected, 0, false);
                        int offset = random.nextInt(3);
                        long[] lazy = new long[offset + n];
                        System.arraycopy(a, 0, lazy, offset, n);
                        ntt.inverseLazy(lazy, offset, count);
                        assertThat(reduced(lazy, offset, count, 2 * q, q)).as("n=%d count=%d", n, count)
                                .isEqualTo(Arrays.copyOf(expected, count));
                    }
                }
            }
        }
    }

    /** Lengths past the cache block (breadth-first passes, then blocks), odd and even log n, at an offset. */
    @Test
    void largeTransformsEvaluateAtTheStatedRootsAndRoundTrip() {
        SplittableRandom random = new SplittableRandom(9);
        for (int logN : new int[] {13, 14, 15}) {
            int n = 1 << logN;
            long q = Primes.descendingCongruentPrimes(61, 2L * n, 1, Set.of()).get(0);
            for (PowerOfTwoNtt ntt : new PowerOfTwoNtt[] {
                    PowerOfTwoNtt.cyclic(Modulus.of(q), n), PowerOfTwoNtt.negacyclic(Modulus.of(q), n)}) {
                long[] a = random.longs(n, 0, q).toArray();
                long[] transformed = new long[n + 5];
                System.arraycopy(a, 0, transformed, 5, n);
                ntt.forward(transformed, 5);
                for (int r = 0; r < 16; r++) {
                    int k = r < 2 ? r * (n - 1) : random.nextInt(n);
                    long x = ntt.modulus().pow(ntt.root(), ntt.evaluationExponent(k));
                    assertThat(transformed[5 + k]).as("n=%d k=%d", n, k).isEqualTo(evaluate(a, x, ntt.modulus()));
                }
                ntt.inverse(transformed, 5, true);
                assertThat(Arrays.copyOfRange(transformed, 5, 5 + n)).isEqualTo(a);
            }
        }
    }

    /** The pruned pair used by Bluestein: a zero-padded product through the lazy forward and the pruned inverse. */
    @Test
    void prunedRoundTripComputesTheCyclicConvolutionPrefix() {
        int n = 1 << 13;
        int m = 3001;
        long q = Primes.descendingCongruentPrimes(61, n, 1, Set.of()).get(0);
        Modulus mod = Modulus.of(q);
        PowerOfTwoNtt ntt = PowerOfTwoNtt.cyclic(mod, n);
        SplittableRandom random = new SplittableRandom(10);
        long[] x = random.longs(m, 0, q).toArray();
        long[] f = new long[n];
        for (int i = 0; i < m; i++) {
            f[i] = random.nextLong(q);
            f[(n - i) % n] = i == 0 ? f[0] : random.nextLong(q);
        }
        long[] buffer = Arrays.copyOf(x, n);
        Arrays.fill(buffer, m, n, -1L >>> 2); // garbage past the input count
        ntt.forwardLazy(buffer, 0, m);
        long[] filter = f.clone();
        ntt.forward(filter);
        long inverseN = mod.inverse(n);
        for (int i = 0; i < n; i++) {
            buffer[i] = mod.mul(mod.mul(buffer[i] % q, filter[i]), inverseN);
        }
        ntt.inverseLazy(buffer, 0, m);
        for (int k = 0; k < m; k += 97) {
            long expected = 0;
            for (int j = 0; j < m; j++) {
                expected = mod.add(expected, mod.mul(x[j], f[Math.floorMod(k - j, n)]));
            }
            assertThat(buffer[k] % q).as("k=%d", k).isEqualTo(expected);
        }
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
