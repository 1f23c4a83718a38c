package org.wisekit.fhe.ring;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Primality, factorisation of small integers, multiplicative orders and primitive roots, and the search for
 * RNS primes q = 1 mod M. Stateless.
 */
public final class Primes {

    /** Miller-Rabin with these bases is exact for every n &lt; 3.3 * 10^24, so for every long. */
    private static final long[] WITNESSES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};

    private Primes() {
    }

    /** Exact primality for 0 &lt;= n &lt; 2^61 (deterministic Miller-Rabin). */
    public static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        for (long w : WITNESSES) {
            if (n % w == 0) {
                return n == w;
            }
        }
        Modulus mod = Modulus.of(n);
        long d = n - 1;
        int twos = Long.numberOfTrailingZeros(d);
        d >>= twos;
        for (long w : WITNESSES) {
            long x = mod.pow(w, d);
            if (x == 1 || x == n - 1) {
                continue;
            }
            boolean composite = true;
            for (int i = 1; i < twos && composite; i++) {
                x = mod.mul(x, x);
                composite = x != n - 1;
            }
            if (composite) {
                return false;
            }
        }
        return true;
    }

    /** The distinct prime factors of n &gt;= 1 by trial division (n up to about 2^40 in reasonable time). */
    public static List<Long> primeFactors(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        List<Long> factors = new ArrayList<>();
        for (long f = 2; f * f <= n; f += f == 2 ? 1 : 2) {
            if (n % f == 0) {
                factors.add(f);
                while (n % f == 0) {
                    n /= f;
                }
            }
        }
        if (n > 1) {
            factors.add(n);
        }
        return factors;
    }

    /** Euler's phi(n) for n &gt;= 1. */
    public static long totient(long n) {
        long phi = n;
        for (long f : primeFactors(n)) {
            phi = phi / f * (f - 1);
        }
        return phi;
    }

    public static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return Math.abs(a);
    }

    /** The multiplicative order of a modulo n (gcd(a, n) = 1, n &gt;= 2). */
    public static long multiplicativeOrder(long a, long n) {
        if (gcd(a, n) != 1) {
            throw new IllegalArgumentException(a + " is not a unit modulo " + n);
        }
        Modulus mod = Modulus.of(n);
        long order = totient(n);
        for (long f : primeFactors(order)) {
            while (order % f == 0 && mod.pow(mod.reduce(a), order / f) == 1) {
                order /= f;
            }
        }
        return order;
    }

    /** The smallest generator of the cyclic group Z_n^* for a prime n. */
    public static long smallestPrimitiveRoot(long n) {
        if (!isPrime(n)) {
            throw new IllegalArgumentException("n must be prime, got " + n);
        }
        for (long g = 1; g < n; g++) {
            if (multiplicativeOrder(g, n) == n - 1) {
                return g;
            }
        }
        throw new AssertionError("no primitive root modulo prime " + n);
    }

    /**
     * An element of exact order {@code order} modulo the prime q, where order divides q - 1: the smallest
     * g^((q-1)/order) over g = 2, 3, ... that has that order.
     */
    public static long rootOfUnity(Modulus q, long order) {
        long qm1 = q.value() - 1;
        if (order < 1 || qm1 % order != 0) {
            throw new IllegalArgumentException("order must divide q - 1 = " + qm1 + ", got " + order);
        }
        List<Long> orderFactors = primeFactors(order);
        for (long g = 2; g < q.value(); g++) {
            long candidate = q.pow(g, qm1 / order);
            boolean exact = true;
            for (long f : orderFactors) {
                exact &= q.pow(candidate, order / f) != 1;
            }
            if (exact) {
                return candidate;
            }
        }
        throw new AssertionError("no root of unity of order " + order + " modulo " + q.value());
    }

    /**
     * The largest primes q &lt; 2^bits with q = 1 mod {@code congruence}, skipping {@code exclude}: they are the
     * RNS primes whose residue rings hold the roots of unity the transforms need. Throws when fewer than
     * {@code count} such primes exist above 2^(bits-1).
     */
    public static List<Long> descendingCongruentPrimes(int bits, long congruence, int count, Set<Long> exclude) {
        if (bits < 2 || bits > 61) {
            throw new IllegalArgumentException("prime bit size must be in [2, 61], got " + bits);
        }
        if (congruence < 1 || congruence >= (1L << (bits - 1))) {
            throw new IllegalArgumentException("no " + bits + "-bit prime can be 1 mod " + congruence);
        }
        List<Long> primes = new ArrayList<>(count);
        long lower = 1L << (bits - 1);
        long candidate = ((1L << bits) - 2) / congruence * congruence + 1;
        for (; candidate > lower && primes.size() < count; candidate -= congruence) {
            if (!exclude.contains(candidate) && isPrime(candidate)) {
                primes.add(candidate);
            }
        }
        if (primes.size() < count) {
            throw new IllegalArgumentException("only " + primes.size() + " primes of " + bits + " bits are 1 mod "
                    + congruence + ", need " + count);
        }
        return primes;
    }
}
