package org.wisekit.fhe.ring;

import java.util.Arrays;

/**
 * A polynomial of Z_Q[X]/Phi_m(X) in double-CRT form: one row per RNS prime (the first CRT), each row the
 * evaluations at the primitive m-th roots of unity modulo that prime (the second CRT). Addition and
 * multiplication are entry-wise; an automorphism X -&gt; X^k is an index permutation.
 *
 * <p>This is a <b>mutable buffer</b>: the in-place methods change it, and {@link #row} hands out the live
 * array. It is not thread-safe; immutable types above it (ciphertexts, keys) copy before they mutate. Rows are
 * kept in ascending prime-index order, and operands of element-wise methods must live on the same primes
 * (a superset for the second factor of {@link #multiplyAdd}).
 */
public final class DoubleCrt {

    private final RnsRing ring;
    private final int[] primes;
    private final long[][] rows;

    private DoubleCrt(RnsRing ring, int[] primes, long[][] rows) {
        this.ring = ring;
        this.primes = primes;
        this.rows = rows;
    }

    /** The zero polynomial on the given ascending prime indices. */
    public static DoubleCrt zero(RnsRing ring, int[] primes) {
        checkPrimes(ring, primes);
        return new DoubleCrt(ring, primes.clone(), new long[primes.length][ring.dimension()]);
    }

    /** Takes ownership of {@code rows} (evaluations, rows[i] modulo prime primes[i], entries in [0, q)). */
    public static DoubleCrt wrap(RnsRing ring, int[] primes, long[][] rows) {
        checkPrimes(ring, primes);
        if (rows.length != primes.length) {
            throw new IllegalArgumentException("rows must number " + primes.length + ", got " + rows.length);
        }
        for (long[] row : rows) {
            if (row.length != ring.dimension()) {
                throw new IllegalArgumentException("rows must have length " + ring.dimension() + ", got " + row.length);
            }
        }
        return new DoubleCrt(ring, primes.clone(), rows);
    }

    /** A polynomial with small signed integer coefficients (|c| &lt; every prime), e.g. a secret or an error. */
    public static DoubleCrt fromSignedCoefficients(RnsRing ring, int[] primes, long[] coefficients) {
        DoubleCrt poly = zero(ring, primes);
        for (int i = 0; i < primes.length; i++) {
            Modulus q = ring.modulus(primes[i]);
            long[] row = poly.rows[i];
            for (int j = 0; j < row.length; j++) {
                row[j] = q.reduce(coefficients[j]);
            }
            ring.transform(primes[i]).forward(row, row);
        }
        return poly;
    }

    /** Residues of the coefficients, one row per prime, from a copy (this polynomial is unchanged). */
    public long[][] toCoefficients() {
        long[][] coefficients = new long[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            coefficients[i] = rows[i].clone();
            ring.transform(primes[i]).inverse(coefficients[i], coefficients[i]);
        }
        return coefficients;
    }

    public DoubleCrt copy() {
        long[][] copy = new long[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return new DoubleCrt(ring, primes, copy);
    }

    /** A copy restricted to a subset of this polynomial's primes. */
    public DoubleCrt restrictTo(int[] subset) {
        checkPrimes(ring, subset);
        long[][] copy = new long[subset.length][];
        for (int i = 0; i < subset.length; i++) {
            copy[i] = rows[rowOf(subset[i])].clone();
        }
        return new DoubleCrt(ring, subset.clone(), copy);
    }

    public RnsRing ring() {
        return ring;
    }

    /** A copy of the ascending prime indices. */
    public int[] primes() {
        return primes.clone();
    }

    public int primeCount() {
        return primes.length;
    }

    /** The live evaluation row i (modulo {@code ring().modulus(prime(i))}). */
    public long[] row(int i) {
        return rows[i];
    }

    /** The row index holding prime index {@code prime}; throws if this polynomial does not live on it. */
    public int rowOf(int prime) {
        int r = Arrays.binarySearch(primes, prime);
        if (r < 0) {
            throw new IllegalArgumentException("polynomial has no row for prime index " + prime
                    + "; it lives on " + Arrays.toString(primes));
        }
        return r;
    }

    /** this += other. */
    public void add(DoubleCrt other) {
        checkSamePrimes(other);
        for (int i = 0; i < rows.length; i++) {
            long q = ring.modulus(primes[i]).value();
            long[] a = rows[i];
            long[] b = other.rows[i];
            for (int j = 0; j < a.length; j++) {
                long s = a[j] + b[j];
                a[j] = s >= q ? s - q : s;
            }
        }
    }

    /** this -= other. */
    public void subtract(DoubleCrt other) {
        checkSamePrimes(other);
        for (int i = 0; i < rows.length; i++) {
            long q = ring.modulus(primes[i]).value();
            long[] a = rows[i];
            long[] b = other.rows[i];
            for (int j = 0; j < a.length; j++) {
                long d = a[j] - b[j];
                a[j] = d < 0 ? d + q : d;
            }
        }
    }

    /** this = -this. */
    public void negate() {
        for (int i = 0; i < rows.length; i++) {
            long q = ring.modulus(primes[i]).value();
            long[] a = rows[i];
            for (int j = 0; j < a.length; j++) {
                a[j] = a[j] == 0 ? 0 : q - a[j];
            }
        }
    }

    /** this *= other, entry-wise. */
    public void multiply(DoubleCrt other) {
        checkSamePrimes(other);
        for (int i = 0; i < rows.length; i++) {
            Modulus mod = ring.modulus(primes[i]);
            long q = mod.value();
            int bits = mod.bits();
            long ratio = mod.barrettRatio();
            long[] a = rows[i];
            long[] b = other.rows[i];
            for (int j = 0; j < a.length; j++) {
                a[j] = Modulus.mulBarrett(a[j], b[j], q, bits, ratio);
            }
        }
    }

    /** this += a * b entry-wise; a lives on this polynomial's primes, b on a superset of them. */
    public void multiplyAdd(DoubleCrt a, DoubleCrt b) {
        checkSamePrimes(a);
        for (int i = 0; i < rows.length; i++) {
            Modulus mod = ring.modulus(primes[i]);
            long q = mod.value();
            int bits = mod.bits();
            long ratio = mod.barrettRatio();
            long[] acc = rows[i];
            long[] x = a.rows[i];
            long[] y = b.rows[b.rowOf(primes[i])];
            for (int j = 0; j < acc.length; j++) {
                long s = acc[j] + Modulus.mulBarrett(x[j], y[j], q, bits, ratio);
                acc[j] = s >= q ? s - q : s;
            }
        }
    }

    /** this *= c for an integer c (reduced modulo each prime). */
    public void multiplyScalar(long c) {
        for (int i = 0; i < rows.length; i++) {
            Modulus mod = ring.modulus(primes[i]);
            multiplyRow(i, mod.reduce(c));
        }
    }

    /** Row i *= c, with c in [0, q_i). */
    private void multiplyRow(int i, long c) {
        Modulus mod = ring.modulus(primes[i]);
        long q = mod.value();
        long cShoup = mod.shoup(c);
        long[] a = rows[i];
        for (int j = 0; j < a.length; j++) {
            long r = Modulus.mulShoupLazy(a[j], c, cShoup, q);
            a[j] = r >= q ? r - q : r;
        }
    }

    /** sigma_k applied through {@link Cyclotomic#automorphismSources}: a new polynomial on the same primes. */
    public DoubleCrt automorphism(int[] sources) {
        long[][] permuted = new long[rows.length][ring.dimension()];
        for (int i = 0; i < rows.length; i++) {
            long[] from = rows[i];
            long[] to = permuted[i];
            for (int j = 0; j < to.length; j++) {
                to[j] = from[sources[j]];
            }
        }
        return new DoubleCrt(ring, primes, permuted);
    }

    private void checkSamePrimes(DoubleCrt other) {
        if (other.ring != ring || !Arrays.equals(primes, other.primes)) {
            throw new IllegalArgumentException("operands live on different primes: " + Arrays.toString(primes)
                    + " and " + Arrays.toString(other.primes));
        }
    }

    private static void checkPrimes(RnsRing ring, int[] primes) {
        for (int i = 0; i < primes.length; i++) {
            if (primes[i] < 0 || primes[i] >= ring.primeCount() || (i > 0 && primes[i] <= primes[i - 1])) {
                throw new IllegalArgumentException("prime indices must ascend within [0, " + ring.primeCount()
                        + "), got " + Arrays.toString(primes));
            }
        }
    }
}
