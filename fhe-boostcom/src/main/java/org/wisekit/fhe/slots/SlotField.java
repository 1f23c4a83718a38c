package org.wisekit.fhe.slots;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The finite field F_(p^d) = F_p[Y]/R(Y) for a monic irreducible R of degree d; an element is its d
 * coefficients in [0, p), constant term first. Frobenius x -&gt; x^p is F_p-linear, so it is applied as a
 * precomputed d x d matrix. Immutable and thread-safe; elements passed in are not modified.
 */
public final class SlotField {

    private final long p;
    private final int d;
    private final long[] modulus;
    /** frobeniusMatrix[t] = (Y^t)^p mod R. */
    private final long[][] frobeniusMatrix;

    SlotField(long p, long[] monicIrreducible) {
        this.p = p;
        this.modulus = monicIrreducible.clone();
        this.d = monicIrreducible.length - 1;
        this.frobeniusMatrix = new long[d][];
        for (int t = 0; t < d; t++) {
            frobeniusMatrix[t] = pow(basis(t), p);
        }
    }

    /** The characteristic p. */
    public long characteristic() {
        return p;
    }

    /** The extension degree d. */
    public int degree() {
        return d;
    }

    /** R(Y), monic, d + 1 coefficients. */
    public long[] modulus() {
        return modulus.clone();
    }

    public long[] zero() {
        return new long[d];
    }

    /** The constant c mod p as a field element. */
    public long[] constant(long c) {
        long[] x = new long[d];
        x[0] = Math.floorMod(c, p);
        return x;
    }

    /** Y^t for t &lt; d. */
    public long[] basis(int t) {
        long[] x = new long[d];
        x[t] = 1;
        return x;
    }

    public long[] add(long[] a, long[] b) {
        long[] sum = new long[d];
        for (int i = 0; i < d; i++) {
            sum[i] = (a[i] + b[i]) % p;
        }
        return sum;
    }

    public long[] subtract(long[] a, long[] b) {
        long[] difference = new long[d];
        for (int i = 0; i < d; i++) {
            difference[i] = Math.floorMod(a[i] - b[i], p);
        }
        return difference;
    }

    public long[] multiply(long[] a, long[] b) {
        long[] product = PolyModP.multiply(PolyModP.trim(a.clone()), PolyModP.trim(b.clone()), p);
        return fromPolynomial(PolyModP.mod(product, modulus, p));
    }

    /** x^e for e &gt;= 0. */
    public long[] pow(long[] x, long e) {
        return pow(x, BigInteger.valueOf(e));
    }

    public long[] pow(long[] x, BigInteger e) {
        return fromPolynomial(PolyModP.powMod(PolyModP.trim(x.clone()), e, modulus, p));
    }

    /** x^(p^j), the j-th power of Frobenius (any j, taken modulo d). */
    public long[] frobenius(long[] x, int j) {
        long[] y = x.clone();
        for (int step = 0; step < Math.floorMod(j, d); step++) {
            long[] next = new long[d];
            for (int t = 0; t < d; t++) {
                if (y[t] != 0) {
                    for (int i = 0; i < d; i++) {
                        next[i] = (next[i] + y[t] * frobeniusMatrix[t][i]) % p;
                    }
                }
            }
            y = next;
        }
        return y;
    }

    /** True when x lies in the prime field F_p (all coefficients but the constant are zero). */
    public boolean isInPrimeField(long[] x) {
        for (int i = 1; i < d; i++) {
            if (x[i] != 0) {
                return false;
            }
        }
        return true;
    }

    long[] fromPolynomial(long[] polynomial) {
        return Arrays.copyOf(polynomial, d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlotField other && other.p == p && Arrays.equals(other.modulus, modulus);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(p) * 31 + Arrays.hashCode(modulus);
    }

    @Override
    public String toString() {
        return "F_" + p + "^" + d + " = F_" + p + "[Y]/" + Arrays.toString(modulus);
    }
}
