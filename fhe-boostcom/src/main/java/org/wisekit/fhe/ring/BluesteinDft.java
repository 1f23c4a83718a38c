package org.wisekit.fhe.ring;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The length-m discrete Fourier transform modulo a prime q for odd m, A_k = sum_j a_j omega^(jk) with omega a
 * primitive m-th root of unity, computed with Bluestein's chirp trick on a power-of-two cyclic NTT.
 *
 * <p>With theta = omega^((m+1)/2), so theta^2 = omega and 2jk = j^2 + k^2 - (k-j)^2 (mod m):
 * A_k = theta^(k^2) * sum_j (a_j theta^(j^2)) * theta^(-(k-j)^2), a convolution of the chirped input with the
 * chirp theta^(-i^2), i in (-m, m). Because theta^(i^2) has period m, one cyclic convolution of length
 * N &gt;= 2m - 1 (a power of two) computes it exactly: two NTTs of length N, one pointwise product with the
 * pre-transformed chirp (1/N folded in), and two chirp multiplications of length m. The inverse is the same
 * with theta^-1 and 1/m folded into the output chirp.
 *
 * <p>q must satisfy m | q - 1. When also N | q - 1 (the <em>direct</em> path) the convolution is one cyclic NTT
 * over q itself. Otherwise (the <em>auxiliary</em> path) the convolution of the chirped input and the chirp, both
 * with entries in [0, q), is computed exactly over the integers: its coefficients are below N (q - 1)^2 + 1, so
 * it is done modulo k = 2 or 3 auxiliary primes p_i &gt; 2^60 with N | p_i - 1 whose product exceeds that bound
 * (cyclic NTTs over each p_i, the filter pre-transformed per p_i), and the exact value
 * x = y_1 + p_1 y_2 + p_1 p_2 y_3 (Garner's mixed radix digits y_i in [0, p_i)) is reduced modulo q. This lets q
 * be any prime that is 1 mod m, at k times the NTT work of the direct path.
 *
 * <p>Tables are immutable (the auxiliary primes' NTT tables are shared by every transform of the same N); each
 * thread gets its own scratch buffer, so a transform object may be shared between threads.
 */
public final class BluesteinDft {

    private final Modulus modulus;
    private final int m;
    private final PowerOfTwoNtt ntt;
    private final long omega;
    private final Direction forward;
    private final Direction inverse;
    private final ThreadLocal<long[]> scratch;
    /** Auxiliary path only (null on the direct path): the NTTs over p_1 .. p_k and the Garner constants. */
    private final PowerOfTwoNtt[] auxiliary;
    private final Garner garner;

    /** Auxiliary primes tried, largest first: enough for every q &lt; 2^61 and N &lt;= 2^61 (3 primes > 2^60). */
    private static final int MAX_AUXILIARY_PRIMES = 3;
    /** The largest primes below 2^61 that are 1 mod N, with their cyclic NTTs of length N, per N. */
    private static final ConcurrentHashMap<Integer, PowerOfTwoNtt[]> AUXILIARY_NTTS = new ConcurrentHashMap<>();

    /**
     * One direction's constants: input chirp, transformed filter, output chirp, all with Shoup companions. On
     * the auxiliary path {@code filter} holds the k filters mod p_i one after the other (length k N).
     */
    private record Direction(long[] inChirp, long[] inChirpShoup, long[] filter, long[] filterShoup,
                             long[] outChirp, long[] outChirpShoup) {
    }

    /**
     * Garner's reconstruction for 2 or 3 auxiliary primes: y_2 = (a_2 - a_1) p_1^-1 mod p_2,
     * y_3 = (a_3 - a_1 - p_1 y_2) (p_1 p_2)^-1 mod p_3, then x mod q = y_1 + (p_1 mod q) y_2 + (p_1 p_2 mod q) y_3.
     * Each constant carries its Shoup companion for the modulus it is used with.
     */
    private record Garner(long p1InverseModP2, long p1InverseModP2Shoup,
                          long p1ModP3, long p1ModP3Shoup, long p1p2InverseModP3, long p1p2InverseModP3Shoup,
                          long oneShoupQ, long p1ModQ, long p1ModQShoup, long p1p2ModQ, long p1p2ModQShoup) {
    }

    private BluesteinDft(Modulus modulus, int m, int n, boolean direct) {
        this.modulus = modulus;
        this.m = m;
        if (direct) {
            this.ntt = PowerOfTwoNtt.cyclic(modulus, n);
            this.auxiliary = null;
            this.garner = null;
        } else {
            this.ntt = null;
            this.auxiliary = auxiliaryNtts(n, modulus.value());
            this.garner = garner(modulus, auxiliary);
        }
        this.omega = Primes.rootOfUnity(modulus, m);
        long theta = modulus.pow(omega, (m + 1) / 2);
        long inverseTheta = modulus.inverse(theta);
        long inverseM = modulus.inverse(m % modulus.value());
        this.forward = direction(theta, inverseTheta, 1);
        this.inverse = direction(inverseTheta, theta, inverseM);
        int scratchLength = direct ? n : auxiliary.length * n;
        this.scratch = ThreadLocal.withInitial(() -> new long[scratchLength]);
    }

    /**
     * The transform for odd m &gt;= 3; q must be a prime that is 1 mod m. The direct path is taken when q is also
     * 1 mod the NTT length N = 2^ceil(log2(2m - 1)), the auxiliary-prime path otherwise.
     */
    public static BluesteinDft create(Modulus q, int m) {
        if (m < 3 || m % 2 == 0) {
            throw new IllegalArgumentException("Bluestein length m must be odd and >= 3, got " + m);
        }
        int n = convolutionLength(m);
        if ((q.value() - 1) % m != 0) {
            throw new IllegalArgumentException("q = " + q.value() + " must be 1 mod m = " + m);
        }
        return new BluesteinDft(q, m, n, (q.value() - 1) % n == 0);
    }

    /** Whether this transform convolves over q itself (q = 1 mod N) rather than over auxiliary primes. */
    public boolean isDirect() {
        return auxiliary == null;
    }

    /** The auxiliary primes p_1 .. p_k of the exact convolution (empty on the direct path). */
    public long[] auxiliaryPrimes() {
        if (auxiliary == null) {
            return new long[0];
        }
        return Arrays.stream(auxiliary).mapToLong(t -> t.modulus().value()).toArray();
    }

    /** The first k of the shared auxiliary NTTs for length n whose primes' product exceeds n (q - 1)^2. */
    private static PowerOfTwoNtt[] auxiliaryNtts(int n, long q) {
        PowerOfTwoNtt[] all = AUXILIARY_NTTS.computeIfAbsent(n, length -> {
            List<Long> primes = Primes.descendingCongruentPrimes(61, length, MAX_AUXILIARY_PRIMES, Set.of());
            PowerOfTwoNtt[] ntts = new PowerOfTwoNtt[primes.size()];
            for (int i = 0; i < ntts.length; i++) {
                ntts[i] = PowerOfTwoNtt.cyclic(Modulus.of(primes.get(i)), length);
            }
            return ntts;
        });
        BigInteger bound = BigInteger.valueOf(q - 1).pow(2).multiply(BigInteger.valueOf(n));
        BigInteger product = BigInteger.ONE;
        List<PowerOfTwoNtt> chosen = new ArrayList<>();
        for (PowerOfTwoNtt t : all) {
            chosen.add(t);
            product = product.multiply(BigInteger.valueOf(t.modulus().value()));
            if (chosen.size() >= 2 && product.compareTo(bound) > 0) {
                return chosen.toArray(new PowerOfTwoNtt[0]);
            }
        }
        throw new IllegalStateException("auxiliary primes too small for N = " + n + ", q = " + q);
    }

    private static Garner garner(Modulus q, PowerOfTwoNtt[] auxiliary) {
        Modulus p1 = auxiliary[0].modulus();
        Modulus p2 = auxiliary[1].modulus();
        long p1InverseModP2 = p2.inverse(p2.reduce(p1.value()));
        long p1ModP3 = 0;
        long p1p2InverseModP3 = 0;
        long p1ModP3Shoup = 0;
        long p1p2InverseModP3Shoup = 0;
        if (auxiliary.length == 3) {
            Modulus p3 = auxiliary[2].modulus();
            p1ModP3 = p3.reduce(p1.value());
            p1p2InverseModP3 = p3.inverse(p3.mul(p1ModP3, p3.reduce(p2.value())));
            p1ModP3Shoup = p3.shoup(p1ModP3);
            p1p2InverseModP3Shoup = p3.shoup(p1p2InverseModP3);
        }
        long p1ModQ = q.reduce(p1.value());
        long p1p2ModQ = q.mul(p1ModQ, q.reduce(p2.value()));
        return new Garner(p1InverseModP2, p2.shoup(p1InverseModP2), p1ModP3, p1ModP3Shoup,
                p1p2InverseModP3, p1p2InverseModP3Shoup, q.shoup(1 % q.value()), p1ModQ, q.shoup(p1ModQ),
                p1p2ModQ, q.shoup(p1p2ModQ));
    }

    /** The power-of-two convolution length N = 2^ceil(log2(2m - 1)) used for length m. */
    public static int convolutionLength(int m) {
        return Integer.highestOneBit(2 * m - 2) << 1;
    }

    public int length() {
        return m;
    }

    /** The primitive m-th root omega at which this transform evaluates. */
    public long omega() {
        return omega;
    }

    public Modulus modulus() {
        return modulus;
    }

    /** out[k] = sum_j a[j] omega^(jk) for k &lt; m; a and out have length m and may be the same array. */
    public void forward(long[] a, long[] out) {
        run(a, 0, m, out, 0, m, forward);
    }

    /** out[j] = (1/m) sum_k a[k] omega^(-jk); inverts {@link #forward}. */
    public void inverse(long[] a, long[] out) {
        run(a, 0, m, out, 0, m, inverse);
    }

    /**
     * Forward transform of the vector whose entries inFrom .. inFrom+inCount-1 are in[0 ..] (zero elsewhere),
     * writing A_outFrom .. A_(outFrom+outCount-1) to out[0 ..]; in and out may be the same array.
     */
    void forward(long[] in, int inFrom, int inCount, long[] out, int outFrom, int outCount) {
        run(in, inFrom, inCount, out, outFrom, outCount, forward);
    }

    /** The inverse transform with the same index windows as {@link #forward(long[], int, int, long[], int, int)}. */
    void inverse(long[] in, int inFrom, int inCount, long[] out, int outFrom, int outCount) {
        run(in, inFrom, inCount, out, outFrom, outCount, inverse);
    }

    private void run(long[] in, int inFrom, int inCount, long[] out, int outFrom, int outCount, Direction d) {
        if (auxiliary != null) {
            runAuxiliary(in, inFrom, inCount, out, outFrom, outCount, d);
            return;
        }
        final long q = modulus.value();
        final long[] buffer = scratch.get();
        final int n = buffer.length;
        Arrays.fill(buffer, 0, inFrom, 0);
        for (int j = 0; j < inCount; j++) {
            int index = inFrom + j;
            buffer[index] = modulus.mulShoup(in[j], d.inChirp[index], d.inChirpShoup[index]);
        }
        Arrays.fill(buffer, inFrom + inCount, n, 0);
        ntt.forward(buffer, 0);
        final long[] filter = d.filter;
        final long[] filterShoup = d.filterShoup;
        for (int i = 0; i < n; i++) {
            buffer[i] = Modulus.mulShoupLazy(buffer[i], filter[i], filterShoup[i], q);
        }
        ntt.inverse(buffer, 0, false);
        for (int k = 0; k < outCount; k++) {
            int index = outFrom + k;
            out[k] = modulus.mulShoup(buffer[index], d.outChirp[index], d.outChirpShoup[index]);
        }
    }

    /**
     * The auxiliary path: the chirped input (in [0, q), so below 2 p_i and reduced mod p_i by one subtraction)
     * is convolved modulo each p_i, then Garner's digits give the exact integer convolution modulo q.
     */
    private void runAuxiliary(long[] in, int inFrom, int inCount, long[] out, int outFrom, int outCount,
                              Direction d) {
        final long[] buffer = scratch.get();
        final PowerOfTwoNtt[] ntts = auxiliary;
        final int k = ntts.length;
        final int n = buffer.length / k;
        // Chirp into the first segment, then copy (reduced) to the others.
        Arrays.fill(buffer, 0, inFrom, 0);
        for (int j = 0; j < inCount; j++) {
            int index = inFrom + j;
            buffer[index] = modulus.mulShoup(in[j], d.inChirp[index], d.inChirpShoup[index]);
        }
        Arrays.fill(buffer, inFrom + inCount, n, 0);
        for (int i = k - 1; i >= 0; i--) {
            final long p = ntts[i].modulus().value();
            final int offset = i * n;
            for (int j = inFrom; j < inFrom + inCount; j++) {
                long x = buffer[j];
                buffer[offset + j] = x >= p ? x - p : x;
            }
            if (i > 0) {
                Arrays.fill(buffer, offset, offset + inFrom, 0);
                Arrays.fill(buffer, offset + inFrom + inCount, offset + n, 0);
            }
        }
        final long[] filter = d.filter;
        final long[] filterShoup = d.filterShoup;
        for (int i = 0; i < k; i++) {
            final PowerOfTwoNtt t = ntts[i];
            final long p = t.modulus().value();
            final int offset = i * n;
            t.forward(buffer, offset);
            for (int j = offset; j < offset + n; j++) {
                buffer[j] = Modulus.mulShoupLazy(buffer[j], filter[j], filterShoup[j], p);
            }
            t.inverse(buffer, offset, false);
        }
        final Garner g = garner;
        final long q = modulus.value();
        final long p2 = ntts[1].modulus().value();
        final long p3 = k == 3 ? ntts[2].modulus().value() : 0;
        for (int c = 0; c < outCount; c++) {
            int index = outFrom + c;
            long a1 = buffer[index];
            long a2 = buffer[n + index];
            long a1ModP2 = a1 >= p2 ? a1 - p2 : a1;
            long difference = a2 - a1ModP2;
            if (difference < 0) {
                difference += p2;
            }
            long y2 = Modulus.mulShoupLazy(difference, g.p1InverseModP2, g.p1InverseModP2Shoup, p2);
            if (y2 >= p2) {
                y2 -= p2;
            }
            long r = Modulus.mulShoupLazy(a1, 1, g.oneShoupQ, q);
            r = r >= q ? r - q : r;
            long term = Modulus.mulShoupLazy(y2, g.p1ModQ, g.p1ModQShoup, q);
            r += term >= q ? term - q : term;
            r = r >= q ? r - q : r;
            if (k == 3) {
                long a3 = buffer[2 * n + index];
                long a1ModP3 = a1 >= p3 ? a1 - p3 : a1;
                long t3 = a3 - a1ModP3;
                if (t3 < 0) {
                    t3 += p3;
                }
                long s = Modulus.mulShoupLazy(y2, g.p1ModP3, g.p1ModP3Shoup, p3);
                s = s >= p3 ? s - p3 : s;
                t3 -= s;
                if (t3 < 0) {
                    t3 += p3;
                }
                long y3 = Modulus.mulShoupLazy(t3, g.p1p2InverseModP3, g.p1p2InverseModP3Shoup, p3);
                if (y3 >= p3) {
                    y3 -= p3;
                }
                term = Modulus.mulShoupLazy(y3, g.p1p2ModQ, g.p1p2ModQShoup, q);
                r += term >= q ? term - q : term;
                r = r >= q ? r - q : r;
            }
            out[c] = modulus.mulShoup(r, d.outChirp[index], d.outChirpShoup[index]);
        }
    }

    /** Constants for a transform by theta^(2jk): input chirp theta^(j^2), filter theta^(-i^2), output scale. */
    private Direction direction(long theta, long inverseTheta, long outputScale) {
        int n = convolutionLength(m);
        long[] chirp = new long[m];
        long[] outChirp = new long[m];
        long[] chirpFilter = new long[n];
        for (int j = 0; j < m; j++) {
            int square = (int) ((long) j * j % m);
            chirp[j] = modulus.pow(theta, square);
            outChirp[j] = modulus.mul(chirp[j], outputScale);
            long negative = modulus.pow(inverseTheta, square);
            chirpFilter[j] = negative;
            if (j > 0) {
                chirpFilter[n - j] = negative;
            }
        }
        long[] filter;
        long[] filterShoup;
        if (auxiliary == null) {
            filter = chirpFilter;
            ntt.forward(filter);
            long inverseN = modulus.inverse(n % modulus.value());
            for (int i = 0; i < n; i++) {
                filter[i] = modulus.mul(filter[i], inverseN);
            }
            filterShoup = PowerOfTwoNtt.shoupAll(modulus, filter);
        } else {
            // The filter's entries as integers in [0, q), transformed modulo each p_i with 1/N mod p_i folded in.
            filter = new long[auxiliary.length * n];
            filterShoup = new long[filter.length];
            for (int t = 0; t < auxiliary.length; t++) {
                Modulus p = auxiliary[t].modulus();
                long[] part = new long[n];
                for (int i = 0; i < n; i++) {
                    part[i] = p.reduce(chirpFilter[i]);
                }
                auxiliary[t].forward(part);
                long inverseN = p.inverse(n % p.value());
                for (int i = 0; i < n; i++) {
                    long value = p.mul(part[i], inverseN);
                    filter[t * n + i] = value;
                    filterShoup[t * n + i] = p.shoup(value);
                }
            }
        }
        return new Direction(chirp, PowerOfTwoNtt.shoupAll(modulus, chirp), filter, filterShoup,
                outChirp, PowerOfTwoNtt.shoupAll(modulus, outChirp));
    }
}
