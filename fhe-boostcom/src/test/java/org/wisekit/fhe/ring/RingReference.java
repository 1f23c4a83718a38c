package org.wisekit.fhe.ring;

import java.math.BigInteger;
import java.util.List;

/** Slow BigInteger references for ring tests: schoolbook products modulo Phi_m and Q, CRT composition. */
final class RingReference {

    private RingReference() {
    }

    /** a * b mod (Phi_m, q): the product modulo X^m - 1 (prime m) or X^(m/2) + 1, then reduced. */
    static BigInteger[] multiply(BigInteger[] a, BigInteger[] b, Cyclotomic ring, BigInteger q) {
        int phi = ring.phi();
        int m = ring.m();
        BigInteger[] full = new BigInteger[m];
        java.util.Arrays.fill(full, BigInteger.ZERO);
        for (int i = 0; i < phi; i++) {
            for (int j = 0; j < phi; j++) {
                BigInteger product = a[i].multiply(b[j]);
                int k = i + j;
                if (ring.isPowerOfTwo()) {
                    full[k % phi] = k < phi ? full[k].add(product) : full[k - phi].subtract(product);
                } else {
                    full[k % m] = full[k % m].add(product);
                }
            }
        }
        BigInteger[] reduced = new BigInteger[phi];
        BigInteger top = ring.isPowerOfTwo() ? BigInteger.ZERO : full[m - 1];
        for (int j = 0; j < phi; j++) {
            reduced[j] = full[j].subtract(top).mod(q);
        }
        return reduced;
    }

    /** The coefficients in [0, Q) whose residues modulo primes.get(i) are residues[i]. */
    static BigInteger[] crt(long[][] residues, List<Long> primes) {
        BigInteger q = product(primes);
        int n = residues[0].length;
        BigInteger[] out = new BigInteger[n];
        java.util.Arrays.fill(out, BigInteger.ZERO);
        for (int i = 0; i < primes.size(); i++) {
            BigInteger qi = BigInteger.valueOf(primes.get(i));
            BigInteger hat = q.divide(qi);
            BigInteger weight = hat.multiply(hat.modInverse(qi));
            for (int c = 0; c < n; c++) {
                out[c] = out[c].add(weight.multiply(BigInteger.valueOf(residues[i][c]))).mod(q);
            }
        }
        return out;
    }

    static BigInteger product(List<Long> primes) {
        BigInteger q = BigInteger.ONE;
        for (long p : primes) {
            q = q.multiply(BigInteger.valueOf(p));
        }
        return q;
    }
}
