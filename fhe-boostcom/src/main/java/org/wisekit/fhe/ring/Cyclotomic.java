package org.wisekit.fhe.ring;

import java.util.Arrays;

/**
 * The index structure of the m-th cyclotomic ring Z[X]/Phi_m(X), for m an odd prime (Phi_m = 1 + X + ... +
 * X^(m-1), degree phi = m - 1) or a power of two (Phi_m = X^(m/2) + 1): which root of unity each evaluation
 * position holds, the permutations that automorphisms X -&gt; X^k induce, and reduction modulo Phi_m.
 *
 * <p>An element in evaluation form holds a(w^e(i)) at position i, for the exponents e(i) that run over the
 * units of Z_m: e(i) = i + 1 for prime m (Bluestein output order) and e(i) = 2 bitrev(i) + 1 for a power of
 * two (negacyclic NTT order). Since (sigma_k a)(w^e) = a(w^(ek)), an automorphism is the index permutation
 * i -&gt; position(e(i) k mod m), the same for every RNS prime. Immutable and thread-safe.
 */
public final class Cyclotomic {

    private final int m;
    private final int phi;
    private final boolean powerOfTwo;
    private final int[] exponentOfPosition;
    private final int[] positionOfExponent;

    private Cyclotomic(int m) {
        this.m = m;
        this.powerOfTwo = Integer.bitCount(m) == 1;
        this.phi = powerOfTwo ? m / 2 : m - 1;
        this.exponentOfPosition = new int[phi];
        this.positionOfExponent = new int[m];
        Arrays.fill(positionOfExponent, -1);
        int logPhi = Integer.numberOfTrailingZeros(phi);
        for (int i = 0; i < phi; i++) {
            int e = powerOfTwo ? 2 * PowerOfTwoNtt.bitReverse(i, logPhi) + 1 : i + 1;
            exponentOfPosition[i] = e;
            positionOfExponent[e] = i;
        }
    }

    /** The ring for an odd prime m &gt;= 3 or a power of two m &gt;= 4. */
    public static Cyclotomic of(int m) {
        boolean powerOfTwo = m >= 4 && Integer.bitCount(m) == 1;
        if (!powerOfTwo && !(m >= 3 && m % 2 == 1 && Primes.isPrime(m))) {
            throw new IllegalArgumentException("m must be an odd prime or a power of two >= 4, got " + m);
        }
        return new Cyclotomic(m);
    }

    public int m() {
        return m;
    }

    /** The ring dimension phi(m) = deg Phi_m. */
    public int phi() {
        return phi;
    }

    public boolean isPowerOfTwo() {
        return powerOfTwo;
    }

    /** The unit e(i) of Z_m whose root w^e(i) position i holds in evaluation form. */
    public int exponentAt(int position) {
        return exponentOfPosition[position];
    }

    /** k reduced to [0, m) when it is a unit modulo m; throws otherwise. */
    public int unit(long k) {
        int r = (int) Math.floorMod(k, (long) m);
        if (Primes.gcd(r, m) != 1) {
            throw new IllegalArgumentException("automorphism exponent must be a unit modulo m = " + m + ", got " + k);
        }
        return r;
    }

    /**
     * The evaluation-form permutation of sigma_k: X -&gt; X^k, as source positions: (sigma_k a)[i] =
     * a[source[i]].
     */
    public int[] automorphismSources(long k) {
        int unit = unit(k);
        int[] source = new int[phi];
        for (int i = 0; i < phi; i++) {
            source[i] = positionOfExponent[(int) ((long) exponentOfPosition[i] * unit % m)];
        }
        return source;
    }

    /**
     * sigma_k on coefficients modulo {@code modulus}: X^j goes to X^(jk mod m), then reduced modulo Phi_m.
     * {@code coefficients} has phi entries in [0, modulus).
     */
    public long[] automorphismOfCoefficients(long[] coefficients, long k, long modulus) {
        int unit = unit(k);
        long[] spread = new long[m];
        for (int j = 0; j < phi; j++) {
            spread[(int) ((long) j * unit % m)] = coefficients[j];
        }
        return reduceModPhi(spread, modulus);
    }

    /**
     * A polynomial of degree &lt; m (m coefficients in [0, modulus)) reduced modulo Phi_m and modulo
     * {@code modulus}: for prime m, X^(m-1) = -(1 + ... + X^(m-2)); for a power of two, X^(m/2) = -1.
     */
    public long[] reduceModPhi(long[] coefficients, long modulus) {
        long[] reduced = new long[phi];
        if (powerOfTwo) {
            for (int j = 0; j < phi; j++) {
                reduced[j] = Math.floorMod(coefficients[j] - coefficients[j + phi], modulus);
            }
        } else {
            long top = coefficients[m - 1];
            for (int j = 0; j < phi; j++) {
                reduced[j] = Math.floorMod(coefficients[j] - top, modulus);
            }
        }
        return reduced;
    }
}
