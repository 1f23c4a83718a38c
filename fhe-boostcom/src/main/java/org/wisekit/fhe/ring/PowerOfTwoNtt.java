package org.wisekit.fhe.ring;

/**
 * Number-theoretic transform of length n = 2^k modulo one prime q, cyclic (evaluation at the n-th roots of
 * unity, for convolutions mod X^n - 1) or negacyclic (at the odd powers of a 2n-th root, mod X^n + 1).
 *
 * <p>{@link #forward} is Cooley-Tukey with natural-order input and bit-reversed output:
 * a[k] = A(w^e(k)) with e(k) = bitrev(k) (cyclic, w = omega) or 2 bitrev(k) + 1 (negacyclic, w = psi).
 * {@link #inverse} undoes it step by step (Gentleman-Sande) and scales by 1/n. Both use Harvey's lazy
 * butterflies: values live in [0, 4q) (forward) or [0, 2q) (inverse) between stages and are fully reduced
 * only at the end; twiddles carry Shoup companions. Tables are immutable; the transforms work in place on
 * the caller's array and are thread-safe.
 */
public final class PowerOfTwoNtt {

    private final Modulus modulus;
    private final int n;
    private final boolean negacyclic;
    private final long root;
    /** Twiddle of butterfly group i at stage size m, at index m + i (bit-reversed tree order). */
    private final long[] twiddle;
    private final long[] twiddleShoup;
    private final long[] inverseTwiddle;
    private final long[] inverseTwiddleShoup;
    private final long inverseN;
    private final long inverseNShoup;

    private PowerOfTwoNtt(Modulus modulus, int n, boolean negacyclic, long root) {
        this.modulus = modulus;
        this.n = n;
        this.negacyclic = negacyclic;
        this.root = root;
        int logN = Integer.numberOfTrailingZeros(n);
        twiddle = new long[n];
        inverseTwiddle = new long[n];
        long inverseRoot = modulus.inverse(root);
        for (int m = 1; m < n; m <<= 1) {
            int logM = Integer.numberOfTrailingZeros(m);
            for (int i = 0; i < m; i++) {
                // negacyclic: psi^bitrev_logN(m + i); cyclic: omega^((n / 2m) * bitrev_logM(i))
                long e = negacyclic ? bitReverse(m + i, logN) : (long) (n / (2 * m)) * bitReverse(i, logM);
                twiddle[m + i] = modulus.pow(root, e);
                inverseTwiddle[m + i] = modulus.pow(inverseRoot, e);
            }
        }
        twiddleShoup = shoupAll(modulus, twiddle);
        inverseTwiddleShoup = shoupAll(modulus, inverseTwiddle);
        inverseN = modulus.inverse(n % modulus.value());
        inverseNShoup = modulus.shoup(inverseN);
    }

    /** Cyclic transform of length n; q must be a prime with n | q - 1. */
    public static PowerOfTwoNtt cyclic(Modulus q, int n) {
        checkLength(q, n, n);
        return new PowerOfTwoNtt(q, n, false, Primes.rootOfUnity(q, n));
    }

    /** Negacyclic transform of length n; q must be a prime with 2n | q - 1. */
    public static PowerOfTwoNtt negacyclic(Modulus q, int n) {
        checkLength(q, n, 2L * n);
        return new PowerOfTwoNtt(q, n, true, Primes.rootOfUnity(q, 2L * n));
    }

    private static void checkLength(Modulus q, int n, long rootOrder) {
        if (n < 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("NTT length must be a power of two, got " + n);
        }
        if ((q.value() - 1) % rootOrder != 0) {
            throw new IllegalArgumentException("q - 1 = " + (q.value() - 1) + " is not divisible by " + rootOrder);
        }
    }

    public int length() {
        return n;
    }

    public Modulus modulus() {
        return modulus;
    }

    public boolean isNegacyclic() {
        return negacyclic;
    }

    /** omega (cyclic) or psi (negacyclic). */
    public long root() {
        return root;
    }

    /** The exponent e with a[k] = A(root^e) after {@link #forward}. */
    public long evaluationExponent(int k) {
        long br = bitReverse(k, Integer.numberOfTrailingZeros(n));
        return negacyclic ? 2 * br + 1 : br;
    }

    /** In place: natural-order coefficients in [0, q) to bit-reversed evaluations in [0, q). */
    public void forward(long[] a) {
        forward(a, 0);
    }

    /** {@link #forward(long[])} on a[offset .. offset + n). */
    public void forward(long[] a, int offset) {
        final long q = modulus.value();
        final long twoQ = 2 * q;
        int t = n;
        for (int m = 1; m < n; m <<= 1) {
            t >>= 1;
            for (int i = 0; i < m; i++) {
                final long w = twiddle[m + i];
                final long wShoup = twiddleShoup[m + i];
                final int start = offset + 2 * i * t;
                final int end = start + t;
                for (int j = start; j < end; j++) {
                    long x = a[j];
                    if (x >= twoQ) {
                        x -= twoQ;
                    }
                    long y = a[j + t];
                    long product = y * w - (Math.multiplyHigh(y, wShoup) + ((wShoup >> 63) & y)) * q;
                    a[j] = x + product;
                    a[j + t] = x - product + twoQ;
                }
            }
        }
        for (int j = offset; j < offset + n; j++) {
            long x = a[j];
            if (x >= twoQ) {
                x -= twoQ;
            }
            a[j] = x >= q ? x - q : x;
        }
    }

    /** In place: bit-reversed evaluations to natural-order coefficients, scaled by 1/n. */
    public void inverse(long[] a) {
        inverse(a, 0, true);
    }

    /**
     * {@link #inverse(long[])} on a[offset .. offset + n); without {@code scale} the result is n times the
     * coefficients (callers fold 1/n into a constant they multiply by anyway).
     */
    public void inverse(long[] a, int offset, boolean scale) {
        final long q = modulus.value();
        final long twoQ = 2 * q;
        int t = 1;
        for (int m = n >> 1; m >= 1; m >>= 1) {
            for (int i = 0; i < m; i++) {
                final long w = inverseTwiddle[m + i];
                final long wShoup = inverseTwiddleShoup[m + i];
                final int start = offset + 2 * i * t;
                final int end = start + t;
                for (int j = start; j < end; j++) {
                    long x = a[j];
                    long y = a[j + t];
                    long sum = x + y;
                    a[j] = sum >= twoQ ? sum - twoQ : sum;
                    long diff = x - y + twoQ;
                    a[j + t] = diff * w - (Math.multiplyHigh(diff, wShoup) + ((wShoup >> 63) & diff)) * q;
                }
            }
            t <<= 1;
        }
        for (int j = offset; j < offset + n; j++) {
            long x = scale ? Modulus.mulShoupLazy(a[j], inverseN, inverseNShoup, q) : a[j];
            a[j] = x >= q ? x - q : x;
        }
    }

    static long[] shoupAll(Modulus modulus, long[] values) {
        long[] companions = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            companions[i] = modulus.shoup(values[i]);
        }
        return companions;
    }

    static int bitReverse(int x, int bits) {
        return bits == 0 ? 0 : Integer.reverse(x) >>> (32 - bits);
    }
}
