package org.wisekit.fhe.ring;

import java.math.BigInteger;

/**
 * Arithmetic modulo one word-sized modulus q, 2 &lt;= q &lt; 2^61, without BigInteger.
 *
 * <p>{@link #mul} is Barrett reduction with s = bit length of q: x = floor(ab / 2^(s-1)),
 * quotient = floor(x * floor(2^(2s)/q) / 2^(s+1)), which is at most 2 below floor(ab/q); two conditional
 * subtractions finish. {@link #mulShoup} multiplies by a fixed operand w with its precomputed
 * w' = floor(w * 2^64 / q) (Shoup), one high and two low products. The 2^61 bound leaves room for
 * Harvey's lazy butterflies, whose values stay below 4q &lt; 2^63.
 *
 * <p>Operands of every method must already be reduced (in [0, q)) unless stated otherwise. Immutable and
 * thread-safe.
 */
public final class Modulus {

    /** Exclusive upper bound on q, so that 4q fits a signed long. */
    public static final long MAX_VALUE = 1L << 61;

    private final long q;
    private final int bits;
    private final long barrettRatio;

    private Modulus(long q) {
        this.q = q;
        this.bits = 64 - Long.numberOfLeadingZeros(q);
        this.barrettRatio = BigInteger.ONE.shiftLeft(2 * bits).divide(BigInteger.valueOf(q)).longValueExact();
    }

    /** The modulus q; throws if q is not in [2, 2^61). */
    public static Modulus of(long q) {
        if (q < 2 || q >= MAX_VALUE) {
            throw new IllegalArgumentException("modulus must be in [2, 2^61), got " + q);
        }
        return new Modulus(q);
    }

    public long value() {
        return q;
    }

    /** Bit length of q. */
    public int bits() {
        return bits;
    }

    /** Any long, negative included, to [0, q). */
    public long reduce(long a) {
        long r = a % q;
        return r < 0 ? r + q : r;
    }

    /** The centred representative of a in (-q/2, q/2]. */
    public long centered(long a) {
        return a > (q >>> 1) ? a - q : a;
    }

    public long add(long a, long b) {
        long s = a + b;
        return s >= q ? s - q : s;
    }

    public long sub(long a, long b) {
        long d = a - b;
        return d < 0 ? d + q : d;
    }

    public long negate(long a) {
        return a == 0 ? 0 : q - a;
    }

    /** a * b mod q by Barrett reduction. */
    public long mul(long a, long b) {
        return mulBarrett(a, b, q, bits, barrettRatio);
    }

    /** The Barrett kernel, for loops that keep q and its constants in locals. */
    static long mulBarrett(long a, long b, long q, int bits, long ratio) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        long x = (hi << (65 - bits)) | (lo >>> (bits - 1));
        long quotient = (Math.multiplyHigh(x, ratio) << (63 - bits)) | ((x * ratio) >>> (bits + 1));
        long r = lo - quotient * q;
        if (r >= q) {
            r -= q;
        }
        return r >= q ? r - q : r;
    }

    long barrettRatio() {
        return barrettRatio;
    }

    /** Shoup's companion of a fixed operand w in [0, q): floor(w * 2^64 / q), as an unsigned long. */
    public long shoup(long w) {
        // Binary long division of w * 2^64 by q; w < q keeps every remainder below 2q < 2^62.
        long remainder = w;
        long quotient = 0;
        for (int i = 0; i < 64; i++) {
            remainder <<= 1;
            quotient <<= 1;
            if (remainder >= q) {
                remainder -= q;
                quotient |= 1;
            }
        }
        return quotient;
    }

    /** a * w mod q for a in [0, 2^63), w in [0, q) with {@code wShoup = shoup(w)}. */
    public long mulShoup(long a, long w, long wShoup) {
        long r = mulShoupLazy(a, w, wShoup, q);
        return r >= q ? r - q : r;
    }

    /** a * w mod q up to one extra q: the result is in [0, 2q). a may be any value in [0, 2^63). */
    static long mulShoupLazy(long a, long w, long wShoup, long q) {
        long quotient = Math.multiplyHigh(a, wShoup) + ((wShoup >> 63) & a);
        return a * w - quotient * q;
    }

    /** a^e mod q for e &gt;= 0. */
    public long pow(long a, long e) {
        if (e < 0) {
            throw new IllegalArgumentException("exponent must be >= 0, got " + e);
        }
        long result = 1 % q;
        long base = a;
        while (e > 0) {
            if ((e & 1) != 0) {
                result = mul(result, base);
            }
            base = mul(base, base);
            e >>>= 1;
        }
        return result;
    }

    /** a^-1 mod q for a prime q; throws when a = 0. */
    public long inverse(long a) {
        if (a == 0) {
            throw new ArithmeticException("0 has no inverse modulo " + q);
        }
        return pow(a, q - 2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Modulus other && other.q == q;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(q);
    }

    @Override
    public String toString() {
        return "Modulus(" + q + ")";
    }
}
