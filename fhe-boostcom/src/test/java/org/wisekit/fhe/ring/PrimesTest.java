package org.wisekit.fhe.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrimesTest {

    @Test
    void primalityAgreesWithBigInteger() {
        for (long n = 0; n < 5000; n++) {
            assertThat(Primes.isPrime(n)).as("n = %d", n).isEqualTo(BigInteger.valueOf(n).isProbablePrime(50));
        }
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 2000; i++) {
            long n = random.nextLong(1L << 61) | 1;
            assertThat(Primes.isPrime(n)).as("n = %d", n).isEqualTo(BigInteger.valueOf(n).isProbablePrime(50));
        }
        assertThat(Primes.isPrime(2305843009213693951L)).isTrue();
        assertThat(Primes.isPrime(3215031751L)).isFalse(); // strong pseudoprime to bases 2, 3, 5, 7
    }

    @Test
    void factorsOrdersAndPrimitiveRoots() {
        assertThat(Primes.primeFactors(17292)).containsExactly(2L, 3L, 11L, 131L);
        assertThat(Primes.totient(17293)).isEqualTo(17292);
        assertThat(Primes.totient(64)).isEqualTo(32);
        // The slot structures of the note's tiers: d = ord_p(m).
        assertThat(Primes.multiplicativeOrder(131, 17293)).isEqualTo(3);
        assertThat(Primes.multiplicativeOrder(17, 307)).isEqualTo(3);
        assertThat(Primes.multiplicativeOrder(257, 1087)).isEqualTo(3);
        assertThat(Primes.multiplicativeOrder(131, 8581)).isEqualTo(4);
        assertThat(Primes.smallestPrimitiveRoot(307)).isEqualTo(5);
        assertThat(Primes.multiplicativeOrder(Primes.smallestPrimitiveRoot(17293), 17293)).isEqualTo(17292);
    }

    @Test
    void rootOfUnityHasExactOrder() {
        Modulus q = Modulus.of(7681); // 7681 = 1 + 2^9 * 15
        long w = Primes.rootOfUnity(q, 512);
        assertThat(q.pow(w, 512)).isEqualTo(1);
        assertThat(q.pow(w, 256)).isEqualTo(7680);
        assertThatThrownBy(() -> Primes.rootOfUnity(q, 7)).hasMessage("order must divide q - 1 = 7680, got 7");
    }

    @Test
    void congruentPrimesDescendBelowTheBitBound() {
        long congruence = 1024L * 307 * 17;
        List<Long> primes = Primes.descendingCongruentPrimes(40, congruence, 5, Set.of());
        assertThat(primes).hasSize(5).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        for (long q : primes) {
            assertThat(q % congruence).isEqualTo(1);
            assertThat(Primes.isPrime(q)).isTrue();
            assertThat(64 - Long.numberOfLeadingZeros(q)).isEqualTo(40);
        }
        List<Long> next = Primes.descendingCongruentPrimes(40, congruence, 1, Set.copyOf(primes));
        assertThat(next.get(0)).isLessThan(primes.get(4));
        assertThatThrownBy(() -> Primes.descendingCongruentPrimes(23, congruence, 1, Set.of()))
                .hasMessage("no 23-bit prime can be 1 mod 5344256");
    }
}
