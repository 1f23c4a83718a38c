package org.wisekit.fhe.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BluesteinDftTest {

    @Test
    void matchesTheQuadraticDft() {
        SplittableRandom random = new SplittableRandom(6);
        for (int m : new int[] {3, 5, 17, 307}) {
            long congruence = (long) m * BluesteinDft.convolutionLength(m);
            for (int bits : new int[] {40, 61}) {
                long q = Primes.descendingCongruentPrimes(bits, congruence, 1, Set.of()).get(0);
                Modulus mod = Modulus.of(q);
                BluesteinDft dft = BluesteinDft.create(mod, m);
                assertThat(mod.pow(dft.omega(), m)).isEqualTo(1);
                long[] a = random.longs(m, 0, q).toArray();
                long[] out = new long[m];
                dft.forward(a, out);
                assertThat(out).as("m = %d, q = %d", m, q).isEqualTo(quadraticDft(a, dft.omega(), mod));
                dft.inverse(out, out);
                assertThat(out).isEqualTo(a);
            }
        }
    }

    /** The largest prime of {@code bits} bits that is 1 mod m but not 1 mod N (the auxiliary-prime path). */
    static long auxiliaryPathPrime(int m, int bits, Set<Long> exclude) {
        int n = BluesteinDft.convolutionLength(m);
        for (int count = 8; ; count *= 2) {
            for (long q : Primes.descendingCongruentPrimes(bits, m, count, exclude)) {
                if ((q - 1) % n != 0) {
                    return q;
                }
            }
        }
    }

    @Test
    void auxiliaryPathMatchesTheQuadraticDft() {
        SplittableRandom random = new SplittableRandom(11);
        for (int m : new int[] {3, 5, 17, 307, 1087}) {
            for (int bits : new int[] {30, 40, 50, 60, 61}) {
                long q = auxiliaryPathPrime(m, bits, Set.of());
                Modulus mod = Modulus.of(q);
                BluesteinDft dft = BluesteinDft.create(mod, m);
                assertThat(dft.isDirect()).isFalse();
                int n = BluesteinDft.convolutionLength(m);
                java.math.BigInteger product = java.math.BigInteger.ONE;
                for (long p : dft.auxiliaryPrimes()) {
                    assertThat((p - 1) % n).isZero();
                    assertThat(p).isLessThan(Modulus.MAX_VALUE).isGreaterThan(1L << 60);
                    product = product.multiply(java.math.BigInteger.valueOf(p));
                }
                assertThat(product).isGreaterThan(java.math.BigInteger.valueOf(q - 1).pow(2)
                        .multiply(java.math.BigInteger.valueOf(n)));
                assertThat(mod.pow(dft.omega(), m)).isEqualTo(1);
                for (long[] a : new long[][] {random.longs(m, 0, q).toArray(), filled(m, q - 1)}) {
                    long[] out = new long[m];
                    dft.forward(a, out);
                    assertThat(out).as("m = %d, q = %d", m, q).isEqualTo(quadraticDft(a, dft.omega(), mod));
                    long[] back = new long[m];
                    dft.inverse(out, back);
                    assertThat(back).as("round trip m = %d, q = %d", m, q).isEqualTo(a);
                    dft.inverse(out, out);
                    assertThat(out).isEqualTo(a);
                }
            }
        }
    }

    @Test
    void pathIsChosenByWhetherNDividesQMinusOne() {
        int m = 17;
        long direct = Primes.descendingCongruentPrimes(40, (long) m * BluesteinDft.convolutionLength(m), 1, Set.of()).get(0);
        assertThat(BluesteinDft.create(Modulus.of(direct), m).isDirect()).isTrue();
        assertThat(BluesteinDft.create(Modulus.of(direct), m).auxiliaryPrimes()).isEmpty();
        long auxiliary = auxiliaryPathPrime(m, 40, Set.of());
        assertThat(BluesteinDft.create(Modulus.of(auxiliary), m).isDirect()).isFalse();
        // two auxiliary primes suffice for small q, three for 60-bit q
        assertThat(BluesteinDft.create(Modulus.of(auxiliary), m).auxiliaryPrimes()).hasSize(2);
        assertThat(BluesteinDft.create(Modulus.of(auxiliaryPathPrime(m, 60, Set.of())), m).auxiliaryPrimes()).hasSize(3);
        // the smallest case: q = 7 for m = 3 (N = 8)
        BluesteinDft tiny = BluesteinDft.create(Modulus.of(7), 3);
        long[] a = {6, 0, 5};
        long[] out = new long[3];
        tiny.forward(a, out);
        assertThat(out).isEqualTo(quadraticDft(a, tiny.omega(), Modulus.of(7)));
    }

    @Test
    void auxiliaryPathIsThreadSafe() throws Exception {
        int m = 307;
        long q = auxiliaryPathPrime(m, 31, Set.of());
        Modulus mod = Modulus.of(q);
        BluesteinDft dft = BluesteinDft.create(mod, m);
        java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int t = 0; t < 8; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    for (int r = 0; r < 20; r++) {
                        long[] a = random.longs(m, 0, q).toArray();
                        long[] out = new long[m];
                        dft.forward(a, out);
                        dft.inverse(out, out);
                        if (!java.util.Arrays.equals(out, a)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (var f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static long[] filled(int length, long value) {
        long[] a = new long[length];
        java.util.Arrays.fill(a, value);
        return a;
    }

    @Test
    void convolutionLengthIsThePowerOfTwoCoveringTwoMMinusOne() {
        assertThat(BluesteinDft.convolutionLength(3)).isEqualTo(8);
        assertThat(BluesteinDft.convolutionLength(512)).isEqualTo(1024);
        assertThat(BluesteinDft.convolutionLength(307)).isEqualTo(1024);
        assertThat(BluesteinDft.convolutionLength(17293)).isEqualTo(65536);
        assertThat(BluesteinDft.convolutionLength(512 + 1)).isEqualTo(2048);
    }

    @Test
    void rejectsEvenLengthsAndPrimesWithoutTheRoots() {
        assertThatThrownBy(() -> BluesteinDft.create(Modulus.of(17), 4))
                .hasMessage("Bluestein length m must be odd and >= 3, got 4");
        assertThatThrownBy(() -> BluesteinDft.create(Modulus.of(11), 3))
                .hasMessage("q = 11 must be 1 mod m = 3");
    }

    static long[] quadraticDft(long[] a, long omega, Modulus mod) {
        int m = a.length;
        long[] out = new long[m];
        for (int k = 0; k < m; k++) {
            long root = mod.pow(omega, k);
            long sum = 0;
            long power = 1;
            for (long x : a) {
                sum = mod.add(sum, mod.mul(x, power));
                power = mod.mul(power, root);
            }
            out[k] = sum;
        }
        return out;
    }
}
