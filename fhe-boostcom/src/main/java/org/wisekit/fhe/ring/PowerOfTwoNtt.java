package org.wisekit.fhe.ring;

import java.util.Arrays;

/**
 * Number-theoretic transform of length n = 2^k modulo one prime q, cyclic (evaluation at the n-th roots of
 * unity, for convolutions mod X^n - 1) or negacyclic (at the odd powers of a 2n-th root, mod X^n + 1).
 *
 * <p>{@link #forward} is Cooley-Tukey with natural-order input and bit-reversed output:
 * a[k] = A(w^e(k)) with e(k) = bitrev(k) (cyclic, w = omega) or 2 bitrev(k) + 1 (negacyclic, w = psi).
 * {@link #inverse} undoes it step by step (Gentleman-Sande) and scales by 1/n. Both use Harvey's lazy
 * butterflies: values live in [0, 4q) (forward) or [0, 2q) (inverse) between stages and are fully reduced
 * only at the end. Twiddles are stored centred in (-q/2, q/2) with signed Shoup companions
 * floor(w 2^64 / q), so a product needs no unsigned correction of {@code Math.multiplyHigh} (see
 * {@link #centreWithSignedShoup}). Stages are done two at a time (radix-4 passes over groups of four, one
 * radix-2 stage where log2 n is odd), and once the sub-transforms fit a cache block of 4096 entries each block
 * goes through all its remaining stages before the next (forward; the inverse does the block-local stages
 * first), so only the first (last) few passes stream the whole array.
 *
 * <p>For zero-padded convolutions (Bluestein) there are pruned, lazy, package-private variants: a forward
 * transform whose input is zero from index c on ({@link #forwardLazy}) and an inverse of which only the first c
 * outputs are wanted ({@link #inverseLazy}). For c &lt;= 3n/4 the first (forward) or last (inverse) two stages
 * are one pruned pass. Forward: for c &lt;= n/2 stage 1 only copies and stage 2 multiplies only where
 * j + n/4 &lt; c; for n/2 &lt; c &lt;= 3n/4 stage 1 multiplies only where j + n/2 &lt; c. Inverse: for
 * c &lt;= n/2 the last stage's upper half is never formed and the second-last stage multiplies only where
 * j + n/4 &lt; c; for n/2 &lt; c &lt;= 3n/4 the last stage's products are formed only where j + n/2 &lt; c.
 *
 * <p>Tables are immutable; the transforms work in place on the caller's array and are thread-safe.
 */
public final class PowerOfTwoNtt {

    private final Modulus modulus;
    private final int n;
    private final boolean negacyclic;
    private final long root;
    /**
     * Twiddle of butterfly group i at stage size m, at index m + i (bit-reversed tree order), centred in
     * (-q/2, q/2), with signed Shoup companions (see {@link #centreWithSignedShoup}).
     */
    private final long[] twiddle;
    private final long[] twiddleShoup;
    private final long[] inverseTwiddle;
    private final long[] inverseTwiddleShoup;
    private final long inverseN;
    private final long inverseNShoup;

    /** Entries per cache block: the stages within such blocks are done block by block (32 KiB of longs). */
    private static final int BLOCK = 4096;

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
        twiddleShoup = centreWithSignedShoup(modulus, twiddle);
        inverseTwiddleShoup = centreWithSignedShoup(modulus, inverseTwiddle);
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
        forwardLazy(a, offset, n);
        final long q = modulus.value();
        final long twoQ = 2 * q;
        for (int j = offset; j < offset + n; j++) {
            long x = a[j];
            x = x >= twoQ ? x - twoQ : x;
            a[j] = x >= q ? x - q : x;
        }
    }

    /**
     * The forward transform of a[offset .. offset + n) with entries from index {@code count} on taken as zero
     * (they are not read, and overwritten): inputs in [0, 4q), outputs (bit-reversed, as {@link #forward}) in
     * [0, 4q). With {@code count <= 3n/4} (and n &gt;= 4) the first two stages are one pruned pass.
     */
    void forwardLazy(long[] a, int offset, int count) {
        if (count < 0 || count > n) {
            throw new IllegalArgumentException("input count " + count + " outside [0, " + n + "]");
        }
        int m = 1;
        if (n >= 4 && count <= 3 * (n / 4)) {
            if (count <= n / 2) {
                prunedFirstPass(a, offset, count);
            } else {
                halfPrunedFirstPass(a, offset, count);
            }
            m = 4;
        } else if (count < n) {
            Arrays.fill(a, offset + count, offset + n, 0);
        }
        // breadth-first radix-4 passes (stages m and 2m) while the sub-transforms are larger than a block
        for (; 2 * m < n && n / m > BLOCK; m <<= 2) {
            forwardPass4(a, offset, m, 0, m);
        }
        // then each block of n/m entries through all remaining stages while it is in cache
        final int blocks = m;
        for (int b = 0; b < blocks; b++) {
            int mm = m;
            int groups = 1;
            for (; 2 * mm < n; mm <<= 2, groups <<= 2) {
                forwardPass4(a, offset, mm, b * groups, (b + 1) * groups);
            }
            if (mm < n) {
                forwardStage2(a, offset, mm, b * groups, (b + 1) * groups);
            }
        }
    }

    /**
     * Stages 1 and 2 (distances n/2 and n/4) for an input that is zero from index count &lt;= n/2 on: with
     * a2 = a3 = 0 stage 1 copies, and stage 2's product vanishes where a1 = a[j + n/4] is zero.
     */
    private void prunedFirstPass(long[] a, int offset, int count) {
        final long q = modulus.value();
        final long twoQ = 2 * q;
        final int quarter = n >> 2;
        final long w2 = twiddle[2];
        final long w2s = twiddleShoup[2];
        final long w3 = twiddle[3];
        final long w3s = twiddleShoup[3];
        final int full = Math.max(0, Math.min(count - quarter, quarter));
        final int nonzero = Math.min(count, quarter);
        final int b1 = offset + quarter;
        final int b2 = offset + 2 * quarter;
        final int b3 = offset + 3 * quarter;
        for (int j = 0; j < full; j++) {
            long x = a[offset + j];
            x = x >= twoQ ? x - twoQ : x;
            long y = a[b1 + j];
            long p2 = y * w2 - Math.multiplyHigh(y, w2s) * q;
            long p3 = y * w3 - Math.multiplyHigh(y, w3s) * q;
            a[offset + j] = x + p2;
            a[b1 + j] = x - p2 + twoQ;
            a[b2 + j] = x + p3;
            a[b3 + j] = x - p3 + twoQ;
        }
        for (int j = full; j < nonzero; j++) {
            long x = a[offset + j];
            a[b1 + j] = x;
            a[b2 + j] = x;
            a[b3 + j] = x;
        }
        for (int j = nonzero; j < quarter; j++) {
            a[offset + j] = 0;
            a[b1 + j] = 0;
            a[b2 + j] = 0;
            a[b3 + j] = 0;
        }
    }

    /**
     * Stages 1 and 2 for an input that is zero from index count in (n/2, 3n/4] on: a3 = a[j + 3n/4] is zero, so
     * stage 1 multiplies only where a2 = a[j + n/2] is nonzero (j &lt; count - n/2) and passes a1 on unchanged.
     */
    private void halfPrunedFirstPass(long[] a, int offset, int count) {
        final long q = modulus.value();
        final long twoQ = 2 * q;
        final int quarter = n >> 2;
        final long w1 = twiddle[1];
        final long w1s = twiddleShoup[1];
        final long w2 = twiddle[2];
        final long w2s = twiddleShoup[2];
        final long w3 = twiddle[3];
        final long w3s = twiddleShoup[3];
        final int full = count - 2 * quarter;
        final int b1 = offset + quarter;
        final int b2 = offset + 2 * quarter;
        final int b3 = offset + 3 * quarter;
        for (int j = 0; j < full; j++) {
            long x = a[offset + j];
            x = x >= twoQ ? x - twoQ : x;
            long y = a[b1 + j];
            long z = a[b2 + j];
            long p = z * w1 - Math.multiplyHigh(z, w1s) * q;
            long c0 = x + p;
            c0 = c0 >= twoQ ? c0 - twoQ : c0;
            long c2 = x - p + twoQ;
            c2 = c2 >= twoQ ? c2 - twoQ : c2;
            long p2 = y * w2 - Math.multiplyHigh(y, w2s) * q;
            long p3 = y * w3 - Math.multiplyHigh(y, w3s) * q;
            a[offset + j] = c0 + p2;
            a[b1 + j] = c0 - p2 + twoQ;
            a[b2 + j] = c2 + p3;
            a[b3 + j] = c2 - p3 + twoQ;
        }
        for (int j = full; j < quarter; j++) {
            long x = a[offset + j];
            x = x >= twoQ ? x - twoQ : x;
            long y = a[b1 + j];
            long p2 = y * w2 - Math.multiplyHigh(y, w2s) * q;
            long p3 = y * w3 - Math.multiplyHigh(y, w3s) * q;
            a[offset + j] = x + p2;
            a[b1 + j] = x - p2 + twoQ;
            a[b2 + j] = x + p3;
            a[b3 + j] = x - p3 + twoQ;
        }
    }

    /**
     * Forward stages m (distance h = n/2m) and 2m (distance h/2) in one pass over groups of four, for the
     * stage-m groups [from, to); 2m &lt; n.
     */
    private void forwardPass4(long[] a, int offset, int m, int from, int to) {
        final int h = n / (2 * m);
        if (h == 2) {
            forwardLastPass4(a, offset, m, from, to);
            return;
        }
        final long q = modulus.value();
        final long twoQ = 2 * q;
        final long[] tw = twiddle;
        final long[] tws = twiddleShoup;
        final int half = h >> 1;
        for (int i = from; i < to; i++) {
            final long w1 = tw[m + i];
            final long w1s = tws[m + i];
            final long w2 = tw[2 * m + 2 * i];
            final long w2s = tws[2 * m + 2 * i];
            final long w3 = tw[2 * m + 2 * i + 1];
            final long w3s = tws[2 * m + 2 * i + 1];
            final int start = offset + 2 * i * h;
            final int end = start + half;
            for (int j = start; j < end; j++) {
                long a0 = a[j];
                long a1 = a[j + half];
                long a2 = a[j + h];
                long a3 = a[j + h + half];
                // stage m: (a0, a2) and (a1, a3) with w1
                a0 = a0 >= twoQ ? a0 - twoQ : a0;
                a1 = a1 >= twoQ ? a1 - twoQ : a1;
                long p = a2 * w1 - Math.multiplyHigh(a2, w1s) * q;
                long r = a3 * w1 - Math.multiplyHigh(a3, w1s) * q;
                long b0 = a0 + p;
                long b2 = a0 - p + twoQ;
                long b1 = a1 + r;
                long b3 = a1 - r + twoQ;
                // stage 2m: (b0, b1) with w2, (b2, b3) with w3
                b0 = b0 >= twoQ ? b0 - twoQ : b0;
                b2 = b2 >= twoQ ? b2 - twoQ : b2;
                p = b1 * w2 - Math.multiplyHigh(b1, w2s) * q;
                r = b3 * w3 - Math.multiplyHigh(b3, w3s) * q;
                a[j] = b0 + p;
                a[j + half] = b0 - p + twoQ;
                a[j + h] = b2 + r;
                a[j + h + half] = b2 - r + twoQ;
            }
        }
    }

    /** {@link #forwardPass4} for the last two stages (h = 2): one group of four consecutive entries per i. */
    private void forwardLastPass4(long[] a, int offset, int m, int from, int to) {
        final long q = modulus.value();
        final long twoQ = 2 * q;
        final long[] tw = twiddle;
        final long[] tws = twiddleShoup;
        for (int i = from; i < to; i++) {
            final long w1 = tw[m + i];
            final long w1s = tws[m + i];
            final long w2 = tw[2 * m + 2 * i];
            final long w2s = tws[2 * m + 2 * i];
            final long w3 = tw[2 * m + 2 * i + 1];
            final long w3s = tws[2 * m + 2 * i + 1];
            final int j = offset + 4 * i;
            long a0 = a[j];
            long a1 = a[j + 1];
            long a2 = a[j + 2];
            long a3 = a[j + 3];
            a0 = a0 >= twoQ ? a0 - twoQ : a0;
            a1 = a1 >= twoQ ? a1 - twoQ : a1;
            long p = a2 * w1 - Math.multiplyHigh(a2, w1s) * q;
            long r = a3 * w1 - Math.multiplyHigh(a3, w1s) * q;
            long b0 = a0 + p;
            long b2 = a0 - p + twoQ;
            long b1 = a1 + r;
            long b3 = a1 - r + twoQ;
            b0 = b0 >= twoQ ? b0 - twoQ : b0;
            b2 = b2 >= twoQ ? b2 - twoQ : b2;
            p = b1 * w2 - Math.multiplyHigh(b1, w2s) * q;
            r = b3 * w3 - Math.multiplyHigh(b3, w3s) * q;
            a[j] = b0 + p;
            a[j + 1] = b0 - p + twoQ;
            a[j + 2] = b2 + r;
            a[j + 3] = b2 - r + twoQ;
        }
    }

    /** One forward radix-2 stage with m groups, groups [from, to) (the last stage when log2 n is odd). */
    private void forwardStage2(long[] a, int offset, int m, int from, int to) {
        final long q = modulus.value();
        final long twoQ = 2 * q;
        final int t = n / (2 * m);
        for (int i = from; i < to; i++) {
            final long w = twiddle[m + i];
            final long wShoup = twiddleShoup[m + i];
            final int start = offset + 2 * i * t;
            final int end = start + t;
            for (int j = start; j < end; j++) {
                long x = a[j];
                x = x >= twoQ ? x - twoQ : x;
                long y = a[j + t];
                long product = y * w - Math.multiplyHigh(y, wShoup) * q;
                a[j] = x + product;
                a[j + t] = x - product + twoQ;
            }
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
        inverseLazy(a, offset, n);
        final long q = modulus.value();
        for (int j = offset; j < offset + n; j++) {
            long x = scale ? Modulus.mulShoupLazy(a[j], inverseN, inverseNShoup, q) : a[j];
            a[j] = x >= q ? x - q : x;
        }
    }

    /**
     * The inverse transform of a[offset .. offset + n) without the 1/n scaling, of which only the first
     * {@code count} outputs are wanted: inputs in [0, 2q), outputs a[offset .. offset + count) in [0, 2q) (n
     * times the coefficients); the rest of the segment is left undefined. With {@code count <= 3n/4} (and
     * n &gt;= 4) the last two stages are one pruned pass.
     */
    void inverseLazy(long[] a, int offset, int count) {
        if (count < 0 || count > n) {
            throw new IllegalArgumentException("output count " + count + " outside [0, " + n + "]");
        }
        final boolean pruned = n >= 4 && count <= 3 * (n / 4);
        final boolean odd = (Integer.numberOfTrailingZeros(n) & 1) == 1;
        // each block of BLOCK entries (or all n) through the stages whose groups lie within it
        final int block = Math.min(n, BLOCK);
        final int blocks = n / block;
        int m = n >> 1;
        for (int b = 0; b < blocks; b++) {
            int mm = n >> 1;
            int groups = block >> 1;
            if (odd) {
                inverseStage2(a, offset, mm, b * groups, (b + 1) * groups);
                mm >>= 1;
                groups >>= 1;
            }
            // radix-4 passes over stages mm and mm/2 while their groups of 4t = 2n/mm fit the block
            for (; mm >= 2 && 2 * (n / mm) <= block && !(pruned && mm == 2); mm >>= 2, groups >>= 2) {
                inversePass4(a, offset, mm, b * (groups >> 1), (b + 1) * (groups >> 1));
            }
            m = mm;
        }
        // then breadth-first down to stages 2 and 1
        for (; m > 2 || (m == 2 && !pruned); m >>= 2) {
            inversePass4(a, offset, m, 0, m >> 1);
        }
        if (m == 2) {
            if (count <= n / 2) {
                prunedLastPass(a, offset, count);
            } else {
                halfPrunedLastPass(a, offset, count);
            }
        }
    }

    /**
     * Inverse stages m (distance t = n/2m) and m/2 (distance 2t) in one pass over groups of four, for the
     * stage-m/2 groups [from, to); m &gt;= 2.
     */
    private void inversePass4(long[] a, int offset, int m, int from, int to) {
        final int t = n / (2 * m);
        if (t == 1) {
            inverseFirstPass4(a, offset, m, from, to);
            return;
        }
        final long q = modulus.value();
        final long twoQ = 2 * q;
        final long[] tw = inverseTwiddle;
        final long[] tws = inverseTwiddleShoup;
        for (int i = from; i < to; i++) {
            final long wa = tw[m + 2 * i];
            final long was = tws[m + 2 * i];
            final long wb = tw[m + 2 * i + 1];
            final long wbs = tws[m + 2 * i + 1];
            final long wc = tw[m / 2 + i];
            final long wcs = tws[m / 2 + i];
            final int start = offset + 4 * i * t;
            final int end = start + t;
            for (int j = start; j < end; j++) {
                long a0 = a[j];
                long a1 = a[j + t];
                long a2 = a[j + 2 * t];
                long a3 = a[j + 3 * t];
                // stage m: (a0, a1) with wa, (a2, a3) with wb
                long b0 = a0 + a1;
                b0 = b0 >= twoQ ? b0 - twoQ : b0;
                long d = a0 - a1 + twoQ;
                long b1 = d * wa - Math.multiplyHigh(d, was) * q;
                long b2 = a2 + a3;
                b2 = b2 >= twoQ ? b2 - twoQ : b2;
                d = a2 - a3 + twoQ;
                long b3 = d * wb - Math.multiplyHigh(d, wbs) * q;
                // stage m/2: (b0, b2) and (b1, b3) with wc
                long s = b0 + b2;
                a[j] = s >= twoQ ? s - twoQ : s;
                d = b0 - b2 + twoQ;
                a[j + 2 * t] = d * wc - Math.multiplyHigh(d, wcs) * q;
                s = b1 + b3;
                a[j + t] = s >= twoQ ? s - twoQ : s;
                d = b1 - b3 + twoQ;
                a[j + 3 * t] = d * wc - Math.multiplyHigh(d, wcs) * q;
            }
        }
    }

    /** {@link #inversePass4} for the first two stages (t = 1): one group of four consecutive entries per i. */
    private void inverseFirstPass4(long[] a, int offset, int m, int from, int to) {
        final long q = modulus.value();
        final long twoQ = 2 * q;
        final long[] tw = inverseTwiddle;
        final long[] tws = inverseTwiddleShoup;
        for (int i = from; i < to; i++) {
            final long wa = tw[m + 2 * i];
            final long was = tws[m + 2 * i];
            final long wb = tw[m + 2 * i + 1];
            final long wbs = tws[m + 2 * i + 1];
            final long wc = tw[m / 2 + i];
            final long wcs = tws[m / 2 + i];
            final int j = offset + 4 * i;
            long a0 = a[j];
            long a1 = a[j + 1];
            long a2 = a[j + 2];
            long a3 = a[j + 3];
            long b0 = a0 + a1;
            b0 = b0 >= twoQ ? b0 - twoQ : b0;
            long d = a0 - a1 + twoQ;
            long b1 = d * wa - Math.multiplyHigh(d, was) * q;
            long b2 = a2 + a3;
            b2 = b2 >= twoQ ? b2 - twoQ : b2;
            d = a2 - a3 + twoQ;
            long b3 = d * wb - Math.multiplyHigh(d, wbs) * q;
            long s = b0 + b2;
            a[j] = s >= twoQ ? s - twoQ : s;
            d = b0 - b2 + twoQ;
            a[j + 2] = d * wc - Math.multiplyHigh(d, wcs) * q;
            s = b1 + b3;
            a[j + 1] = s >= twoQ ? s - twoQ : s;
            d = b1 - b3 + twoQ;
            a[j + 3] = d * wc - Math.multiplyHigh(d, wcs) * q;
        }
    }

    /**
     * Stages 2 and 1 (distances n/4 and n/2) when only outputs below count &lt;= n/2 are wanted: the upper
     * half of the last stage is never formed, and a[j + n/4] (two products) only where j + n/4 &lt; count.
     */
    private void prunedLastPass(long[] a, int offset, int count) {
        final long q = modulus.value();
        final long twoQ = 2 * q;
        final int quarter = n >> 2;
        final long wa = inverseTwiddle[2];
        final long was = inverseTwiddleShoup[2];
        final long wb = inverseTwiddle[3];
        final long wbs = inverseTwiddleShoup[3];
        final int full = Math.max(0, Math.min(count - quarter, quarter));
        final int wanted = Math.min(count, quarter);
        final int b1 = offset + quarter;
        final int b2 = offset + 2 * quarter;
        final int b3 = offset + 3 * quarter;
        for (int j = 0; j < full; j++) {
            long a0 = a[offset + j];
            long a1 = a[b1 + j];
            long a2 = a[b2 + j];
            long a3 = a[b3 + j];
            long s0 = a0 + a1;
            s0 = s0 >= twoQ ? s0 - twoQ : s0;
            long s2 = a2 + a3;
            s2 = s2 >= twoQ ? s2 - twoQ : s2;
            long s = s0 + s2;
            a[offset + j] = s >= twoQ ? s - twoQ : s;
            long d = a0 - a1 + twoQ;
            long c1 = d * wa - Math.multiplyHigh(d, was) * q;
            d = a2 - a3 + twoQ;
            long c3 = d * wb - Math.multiplyHigh(d, wbs) * q;
            s = c1 + c3;
            a[b1 + j] = s >= twoQ ? s - twoQ : s;
        }
        for (int j = full; j < wanted; j++) {
            long s0 = a[offset + j] + a[b1 + j];
            s0 = s0 >= twoQ ? s0 - twoQ : s0;
            long s2 = a[b2 + j] + a[b3 + j];
            s2 = s2 >= twoQ ? s2 - twoQ : s2;
            long s = s0 + s2;
            a[offset + j] = s >= twoQ ? s - twoQ : s;
        }
    }

    /**
     * Stages 2 and 1 when outputs below count in (n/2, 3n/4] are wanted: a[j + 3n/4] is never formed and
     * a[j + n/2] (one product) only where j + n/2 &lt; count.
     */
    private void halfPrunedLastPass(long[] a, int offset, int count) {
        final long q = modulus.value();
        final long twoQ = 2 * q;
        final int quarter = n >> 2;
        final long wa = inverseTwiddle[2];
        final long was = inverseTwiddleShoup[2];
        final long wb = inverseTwiddle[3];
        final long wbs = inverseTwiddleShoup[3];
        final long wc = inverseTwiddle[1];
        final long wcs = inverseTwiddleShoup[1];
        final int full = count - 2 * quarter;
        final int b1 = offset + quarter;
        final int b2 = offset + 2 * quarter;
        final int b3 = offset + 3 * quarter;
        for (int j = 0; j < quarter; j++) {
            long a0 = a[offset + j];
            long a1 = a[b1 + j];
            long a2 = a[b2 + j];
            long a3 = a[b3 + j];
            long c0 = a0 + a1;
            c0 = c0 >= twoQ ? c0 - twoQ : c0;
            long d = a0 - a1 + twoQ;
            long c1 = d * wa - Math.multiplyHigh(d, was) * q;
            long c2 = a2 + a3;
            c2 = c2 >= twoQ ? c2 - twoQ : c2;
            d = a2 - a3 + twoQ;
            long c3 = d * wb - Math.multiplyHigh(d, wbs) * q;
            long s = c0 + c2;
            a[offset + j] = s >= twoQ ? s - twoQ : s;
            s = c1 + c3;
            a[b1 + j] = s >= twoQ ? s - twoQ : s;
            if (j < full) {
                d = c0 - c2 + twoQ;
                a[b2 + j] = d * wc - Math.multiplyHigh(d, wcs) * q;
            }
        }
    }

    /** One inverse radix-2 stage with m groups (distance n / 2m), groups [from, to). */
    private void inverseStage2(long[] a, int offset, int m, int from, int to) {
        final long q = modulus.value();
        final long twoQ = 2 * q;
        final int t = n / (2 * m);
        for (int i = from; i < to; i++) {
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
                a[j + t] = diff * w - Math.multiplyHigh(diff, wShoup) * q;
            }
        }
    }

    /**
     * Replaces each w in [0, q) by its centred representative w' in (-q/2, q/2) and returns the signed Shoup
     * companions floor(w' 2^64 / q), which fit a signed long. For 0 &lt;= y &lt; 2^63,
     * y w' - multiplyHigh(y, companion) q is then y w mod q up to one extra q, in [0, 3q/2): the companion is
     * below w' 2^64 / q by less than 1, so the signed high product is below y w' / q by less than 3/2. This saves
     * the unsigned correction of the plain Shoup product in the butterflies.
     */
    static long[] centreWithSignedShoup(Modulus modulus, long[] values) {
        final long q = modulus.value();
        long[] companions = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            long w = values[i];
            if (w > q / 2) {
                // floor(-(q - w) 2^64 / q) = -(floor((q - w) 2^64 / q) + 1), as q (an odd prime) divides no (q - w) 2^64
                values[i] = w - q;
                companions[i] = -(modulus.shoup(q - w) + 1);
            } else {
                companions[i] = modulus.shoup(w);
            }
        }
        return companions;
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
