package org.wisekit.fhe.slots;

import java.math.BigInteger;
import java.util.Arrays;
import org.wisekit.fhe.ring.Primes;

/**
 * Dense polynomials over F_p for a prime p &lt; 2^20, as coefficient arrays from the constant term up, trimmed
 * so that the last entry is non-zero (the zero polynomial is the empty array). Schoolbook arithmetic: these
 * serve the one-time construction of the slot structure and the tests, never a hot loop. Stateless.
 */
final class PolyModP {

    private PolyModP() {
    }

    static long[] trim(long[] a) {
        int n = a.length;
        while (n > 0 && a[n - 1] == 0) {
            n--;
        }
        return n == a.length ? a : Arrays.copyOf(a, n);
    }

    static int degree(long[] a) {
        return a.length - 1;
    }

    static long[] add(long[] a, long[] b, long p) {
        long[] sum = new long[Math.max(a.length, b.length)];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = ((i < a.length ? a[i] : 0) + (i < b.length ? b[i] : 0)) % p;
        }
        return trim(sum);
    }

    static long[] subtract(long[] a, long[] b, long p) {
        long[] difference = new long[Math.max(a.length, b.length)];
        for (int i = 0; i < difference.length; i++) {
            difference[i] = Math.floorMod((i < a.length ? a[i] : 0) - (i < b.length ? b[i] : 0), p);
        }
        return trim(difference);
    }

    static long[] multiply(long[] a, long[] b, long p) {
        if (a.length == 0 || b.length == 0) {
            return new long[0];
        }
        long[] product = new long[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0) {
                continue;
            }
            for (int j = 0; j < b.length; j++) {
                product[i + j] = (product[i + j] + a[i] * b[j]) % p;
            }
        }
        return trim(product);
    }

    /** {quotient, remainder} of a by a non-zero b. */
    static long[][] divide(long[] a, long[] b, long p) {
        if (b.length == 0) {
            throw new ArithmeticException("division by the zero polynomial");
        }
        long leadInverse = BigInteger.valueOf(b[b.length - 1]).modInverse(BigInteger.valueOf(p)).longValueExact();
        long[] remainder = a.clone();
        int quotientLength = Math.max(0, a.length - b.length + 1);
        long[] quotient = new long[quotientLength];
        for (int k = quotientLength - 1; k >= 0; k--) {
            long c = remainder[k + b.length - 1] * leadInverse % p;
            quotient[k] = c;
            if (c != 0) {
                for (int j = 0; j < b.length; j++) {
                    remainder[k + j] = Math.floorMod(remainder[k + j] - c * b[j], p);
                }
            }
        }
        return new long[][] {trim(quotient), trim(Arrays.copyOf(remainder, Math.min(remainder.length, b.length - 1)))};
    }

    static long[] mod(long[] a, long[] b, long p) {
        return divide(a, b, p)[1];
    }

    /** The monic greatest common divisor. */
    static long[] gcd(long[] a, long[] b, long p) {
        while (b.length > 0) {
            long[] r = mod(a, b, p);
            a = b;
            b = r;
        }
        return monic(a, p);
    }

    static long[] monic(long[] a, long p) {
        if (a.length == 0) {
            return a;
        }
        long inverse = BigInteger.valueOf(a[a.length - 1]).modInverse(BigInteger.valueOf(p)).longValueExact();
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * inverse % p;
        }
        return out;
    }

    /** base^exponent modulo f. */
    static long[] powMod(long[] base, BigInteger exponent, long[] f, long p) {
        long[] result = mod(new long[] {1}, f, p);
        long[] b = mod(base, f, p);
        for (int i = exponent.bitLength() - 1; i >= 0; i--) {
            result = mod(multiply(result, result, p), f, p);
            if (exponent.testBit(i)) {
                result = mod(multiply(result, b, p), f, p);
            }
        }
        return result;
    }

    /**
     * Rabin's test: f of degree d &gt;= 1 is irreducible over F_p iff X^(p^d) = X mod f and
     * gcd(X^(p^(d/r)) - X, f) = 1 for every prime r dividing d.
     */
    static boolean isIrreducible(long[] f, long p) {
        int d = degree(f);
        if (d < 1) {
            return false;
        }
        long[] x = {0, 1};
        BigInteger bp = BigInteger.valueOf(p);
        if (!Arrays.equals(powMod(x, bp.pow(d), f, p), mod(x, f, p))) {
            return false;
        }
        for (long r : Primes.primeFactors(d)) {
            long[] power = powMod(x, bp.pow(d / (int) r), f, p);
            if (gcd(f, subtract(power, x, p), p).length != 1) {
                return false;
            }
        }
        return true;
    }
}
