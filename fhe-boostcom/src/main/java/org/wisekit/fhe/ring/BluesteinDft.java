package org.wisekit.fhe.ring;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The length-m discrete Fourier transform modulo a prime q for odd m, A_k = sum_j a_j omega^(jk) with omega a
 * primitive m-th root of unity, computed with Bluestein's chirp trick on power-of-two cyclic NTTs.
 *
 * <p>With theta = omega^((m+1)/2), so theta^2 = omega and 2jk = j^2 + k^2 - (k-j)^2 (mod m):
 * A_k = theta^(k^2) * sum_j (a_j theta^(j^2)) * f(k-j) with the chirp filter f(d) = theta^(-d^2), d in (-m, m):
 * a convolution of the chirped input x_j = a_j theta^(j^2) (j &lt; m) with f, of which outputs k &lt; m are read.
 * The inverse is the same with theta^-1 and 1/m folded into the output chirp.
 *
 * <p><b>Convolution length.</b> One cyclic convolution of length N = 2^ceil(log2(2m - 1)) &gt;= 2m - 1 is exact.
 * When 2m - 1 is just above a power of two the half length L = N/2 (always &gt;= m) is used instead, with a
 * correction: in a cyclic convolution of length L with filter slots g[r] = f(r) (r &lt; m) and f(r - L)
 * (m &lt;= r &lt; L), only the o = 2m - 1 - L offsets d &lt;= -c, c = L - m + 1, wrap onto slots holding f(d + L),
 * which affects outputs k &lt; o through the inputs j = c + u, u &lt; o only. The missing part
 * C_k = sum_(u = k .. o-1) x_(c+u) (f(k - u - c) - f(k - u - c + L)) is a second, small convolution (length
 * 2^ceil(log2(2o - 1)), o inputs). The half length is taken when its estimated cost (multiplications in the
 * NTTs and pointwise products of both convolutions) is below that of length N: for m = 17293 (N = 2^16,
 * o = 1817) that is about 40% less work; for m = 28057 (o = 23345) it is not.
 *
 * <p>Only the input count (at most m) and the wanted outputs (below m) of a convolution matter, and where they
 * are at most 3/4 of its length the NTTs run pruned (see {@link PowerOfTwoNtt}): the forward NTT's first two
 * stages skip the products of the zero padding (at length N: input count m &lt;= N/2, so the first stage only
 * copies) and the inverse NTT's last two stages skip the products of outputs that are not wanted.
 *
 * <p><b>Plans.</b> q must satisfy m | q - 1. Each convolution (length n, at most M nonzero inputs) is computed by
 * one of three plans, fixed at construction:
 * <ul>
 *   <li><em>direct</em> (q = 1 mod n): NTTs over q itself: one forward NTT, a pointwise product with the
 *       pre-transformed filter (1/n folded in), one inverse NTT.</li>
 *   <li><em>split filter</em>: the convolution is computed exactly over the integers modulo one auxiliary prime
 *       p &gt; 2^60 with n | p - 1. The chirped input is taken centred, |x_j| &lt;= (q-1)/2, and the centred filter
 *       is split into k balanced parts f = sum_i 2^(i s) f_i (|f_i| &lt;= 2^(s-1) for i &lt; k - 1, the top part
 *       what is left). Each partial convolution y_i = x * f_i is then bounded by M (q-1)/2 max|f_i|, which the
 *       construction checks (exactly, with the actual maxima of the parts of both directions' filters) to be at
 *       most (p-1)/2, so y_i is the centred lift of its residue mod p, and the convolution is
 *       sum_i 2^(i s) y_i mod q. Work: one forward NTT, k pointwise products with the pre-transformed parts, k
 *       inverse NTTs. For q &lt; 2^31 and m up to about 28000, k = 2 parts with s = 15 or 16 fit (3 NTTs
 *       instead of Garner's 4); for m = 17293 every q up to about 2^31.9 does (the bound uses the actual
 *       maxima, so the exact limit depends slightly on q).</li>
 *   <li><em>Garner</em>: the convolution of the chirped input and the filter, both with entries in [0, q), is
 *       computed exactly over the integers: its coefficients are at most M (q - 1)^2, so it is done modulo
 *       k = 2 or 3 auxiliary primes p_i &gt; 2^60 with n | p_i - 1 whose product exceeds that (a forward and an
 *       inverse NTT over each p_i), and the exact value x = y_1 + p_1 y_2 + p_1 p_2 y_3 (Garner's mixed radix
 *       digits y_i in [0, p_i)) is reduced modulo q.</li>
 * </ul>
 * Where q is not 1 mod n the plan with the fewest NTTs is taken (split filter with k parts: k + 1; Garner with
 * k primes: 2k; Garner on a tie, which measured slightly faster), so any prime q = 1 mod m works.
 *
 * <p>Tables are immutable (the auxiliary primes' NTT tables are shared by every transform of the same length);
 * each thread gets its own scratch buffer, so a transform object may be shared between threads.
 */
public final class BluesteinDft {

    private final Modulus modulus;
    private final int m;
    private final long omega;
    /** The main convolution's length: N, or N/2 with the overlap correction. */
    private final int mainLength;
    /** Overlap plan only (0 otherwise): o = 2m - 1 - L corrected outputs and inputs, from input index c. */
    private final int overlap;
    private final int overlapStart;
    private final Direction forward;
    private final Direction inverse;
    /** Scratch layout: main convolution, then correction convolution, then the o correction values. */
    private final int correctionOffset;
    private final int correctionResultOffset;
    private final ThreadLocal<long[]> scratch;

    /** Auxiliary primes of the Garner plan, largest first: enough for every q &lt; 2^61 and n &lt;= 2^61. */
    private static final int MAX_AUXILIARY_PRIMES = 3;
    /** The most filter parts the split-filter plan may use (k + 1 NTTs, against 4 or 6 for Garner). */
    private static final int MAX_FILTER_PARTS = 4;
    /** Auxiliary primes are 1 mod max(N, 2^20), so all transforms up to N = 2^20 share them. */
    private static final int SHARED_PRIME_ORDER = 1 << 20;
    /** The largest primes below 2^61 that are 1 mod the order, per order. */
    private static final ConcurrentHashMap<Integer, long[]> AUXILIARY_PRIMES = new ConcurrentHashMap<>();
    /** The auxiliary primes' cyclic NTTs, per (order, length). */
    private static final ConcurrentHashMap<Long, PowerOfTwoNtt[]> AUXILIARY_NTTS = new ConcurrentHashMap<>();

    private enum Kind { DIRECT, SPLIT, GARNER }

    private static final Plan DIRECT = new Plan(Kind.DIRECT, 0, 0, 0, 0);

    /**
     * How one convolution is computed: direct, split filter with {@code parts} parts (shift per direction), or
     * Garner with {@code garnerPrimes} primes.
     */
    private record Plan(Kind kind, int parts, int forwardShift, int inverseShift, int garnerPrimes) {
    }

    /**
     * The convolution lengths and plans: the main convolution (length N, or N/2 with the overlap correction of
     * the given length, plan and filters; correctionPlan null without it).
     */
    private record Layout(int mainLength, Plan mainPlan, int correctionLength, Plan correctionPlan,
                          long[] forwardCorrection, long[] inverseCorrection) {
    }

    /** One direction's constants: input and output chirps with Shoup companions, and its convolutions. */
    private record Direction(long[] inChirp, long[] inChirpShoup, long[] outChirp, long[] outChirpShoup,
                             Convolution main, Convolution correction) {
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

    private BluesteinDft(Modulus modulus, int m) {
        this.modulus = modulus;
        this.m = m;
        final int n = convolutionLength(m);
        this.omega = Primes.rootOfUnity(modulus, m);
        long theta = modulus.pow(omega, (m + 1) / 2);
        long inverseTheta = modulus.inverse(theta);
        // forward: input chirp theta^(j^2), filter theta^(-d^2); inverse: the same with theta^-1
        long[] forwardChirp = powersOfSquares(modulus, m, inverseTheta);
        long[] inverseChirp = powersOfSquares(modulus, m, theta);
        Layout layout = layout(modulus, m, forwardChirp, inverseChirp);
        final boolean overlapped = layout.correctionPlan != null;
        this.mainLength = layout.mainLength;
        this.overlap = overlapped ? 2 * m - 1 - mainLength : 0;
        this.overlapStart = overlapped ? mainLength - m + 1 : 0;
        Convolution[] main = Convolution.create(modulus, n, mainLength, layout.mainPlan,
                mainFilter(m, mainLength, forwardChirp), mainFilter(m, mainLength, inverseChirp));
        Convolution[] correction = overlapped
                ? Convolution.create(modulus, n, layout.correctionLength, layout.correctionPlan,
                        layout.forwardCorrection, layout.inverseCorrection)
                : new Convolution[2];
        long inverseM = modulus.inverse(m % modulus.value());
        this.forward = direction(theta, 1, main[0], correction[0]);
        this.inverse = direction(inverseTheta, inverseM, main[1], correction[1]);
        this.correctionOffset = main[0].scratchLength();
        this.correctionResultOffset = correctionOffset + (overlapped ? correction[0].scratchLength() : 0);
        final int scratchLength = correctionResultOffset + overlap;
        this.scratch = ThreadLocal.withInitial(() -> new long[scratchLength]);
    }

    /**
     * The transform for odd m &gt;= 3; q must be a prime that is 1 mod m. The convolutions run over q itself where
     * q is 1 mod their NTT length (always when q = 1 mod N = 2^ceil(log2(2m - 1))), over auxiliary primes (split
     * filter or Garner) otherwise.
     */
    public static BluesteinDft create(Modulus q, int m) {
        checkLength(q, m);
        return new BluesteinDft(q, m);
    }

    private static void checkLength(Modulus q, int m) {
        if (m < 3 || m % 2 == 0) {
            throw new IllegalArgumentException("Bluestein length m must be odd and >= 3, got " + m);
        }
        if ((q.value() - 1) % m != 0) {
            throw new IllegalArgumentException("q = " + q.value() + " must be 1 mod m = " + m);
        }
    }

    /** Whether the main convolution runs over q itself (q = 1 mod its length) rather than over auxiliary primes. */
    public boolean isDirect() {
        return forward.main.kind == Kind.DIRECT;
    }

    /**
     * The auxiliary primes of the main convolution: the one prime p of the split-filter plan, p_1 .. p_k of the
     * Garner plan, none on the direct path.
     */
    public long[] auxiliaryPrimes() {
        return forward.main.auxiliaryPrimes();
    }

    /** The number k of filter parts of the main convolution's split-filter plan; 0 on the other plans. */
    public int filterParts() {
        return forward.main.parts;
    }

    /** The main convolution's length: {@link #convolutionLength}, or half that with the overlap correction. */
    public int mainConvolutionLength() {
        return mainLength;
    }

    /** The number o of outputs the overlap correction adjusts (0 when the main convolution has length N). */
    int overlap() {
        return overlap;
    }

    /** The main convolution's split-filter shift s for the forward or the inverse filter (0 on other plans). */
    int filterShift(boolean forwardDirection) {
        return (forwardDirection ? forward : inverse).main.shift;
    }

    /** The correction convolution's plan as [filter parts, auxiliary primes], or null without the correction. */
    int[] correctionPlan() {
        Convolution c = forward.correction;
        return c == null ? null : new int[] {c.parts, c.auxiliaryPrimes().length};
    }

    /**
     * The number of filter parts the main convolution's split-filter plan would use for (q, m), or 0 where
     * {@link #create} takes the Garner plan or a direct one. Cheaper than {@link #create}: no NTT tables are
     * built.
     */
    static int splitFilterParts(Modulus q, int m) {
        checkLength(q, m);
        long omega = Primes.rootOfUnity(q, m);
        long theta = q.pow(omega, (m + 1) / 2);
        Plan plan = layout(q, m, powersOfSquares(q, m, q.inverse(theta)), powersOfSquares(q, m, theta)).mainPlan;
        return plan.kind == Kind.SPLIT ? plan.parts : 0;
    }

    /**
     * The cheaper of length N and length N/2 with the overlap correction, by estimated multiplications; the
     * chirps are the two directions' filter values f(d) for d in [0, m).
     */
    private static Layout layout(Modulus modulus, int m, long[] forwardChirp, long[] inverseChirp) {
        final int n = convolutionLength(m);
        final int half = n / 2;
        final long q = modulus.value();
        // the main convolution's plans at lengths N and N/2 (the same auxiliary plan: same inputs, same values)
        Plan auxiliaryPlan = (q - 1) % n == 0 ? null : auxiliaryPlan(modulus, n, m, forwardChirp, inverseChirp);
        Plan fullPlan = (q - 1) % n == 0 ? DIRECT : auxiliaryPlan;
        Plan halfPlan = (q - 1) % half == 0 ? DIRECT : auxiliaryPlan;
        long fullCost = cost(fullPlan, n, m, m);
        long halfCost = cost(halfPlan, half, m, m);
        if (halfCost >= fullCost) {
            return new Layout(n, fullPlan, 0, null, null, null);
        }
        final int o = 2 * m - 1 - half;
        final int correctionLength = o >= 2 ? convolutionLength(o) : 2;
        long[] forwardCorrection = correctionFilter(modulus, m, half, correctionLength, forwardChirp);
        long[] inverseCorrection = correctionFilter(modulus, m, half, correctionLength, inverseChirp);
        Plan correctionPlan = (q - 1) % correctionLength == 0 ? DIRECT
                : auxiliaryPlan(modulus, n, o, forwardCorrection, inverseCorrection);
        if (halfCost + cost(correctionPlan, correctionLength, o, o) >= fullCost) {
            return new Layout(n, fullPlan, 0, null, null, null);
        }
        return new Layout(half, halfPlan, correctionLength, correctionPlan, forwardCorrection, inverseCorrection);
    }

    /** root^(d^2 mod m) for d in [0, m): the chirp filter at offsets +-d. */
    private static long[] powersOfSquares(Modulus q, int m, long root) {
        long[] powers = new long[m];
        for (int d = 0; d < m; d++) {
            powers[d] = q.pow(root, (long) d * d % m);
        }
        return powers;
    }

    /** The main convolution's filter of length n &gt;= m: f(r) at r &lt; m, f(r - n) at r &gt;= m where r - n &gt; -m. */
    private static long[] mainFilter(int m, int n, long[] chirp) {
        long[] filter = new long[n];
        for (int r = 0; r < n; r++) {
            if (r < m) {
                filter[r] = chirp[r];
            } else if (n - r < m) {
                filter[r] = chirp[n - r];
            }
        }
        return filter;
    }

    /**
     * The correction convolution's filter for main length half: h(e) = f(e - c) - f(e - c + half) mod q at slot
     * e mod length for e in (-o, 0], c = half - m + 1; f(d) = chirp[|d| mod m].
     */
    private static long[] correctionFilter(Modulus q, int m, int half, int length, long[] chirp) {
        int o = 2 * m - 1 - half;
        int c = half - m + 1;
        long[] filter = new long[length];
        for (int e = -(o - 1); e <= 0; e++) {
            long value = q.sub(chirp[Math.floorMod(e - c, m)], chirp[Math.floorMod(e - c + half, m)]);
            filter[Math.floorMod(e, length)] = value;
        }
        return filter;
    }

    /**
     * The cheapest exact auxiliary plan for a convolution with at most {@code inputs} nonzero inputs whose two
     * filters (forward and inverse) take the values in the given arrays: the fewest filter parts k whose partial
     * convolutions fit (k + 1 NTTs) if that is fewer NTTs than the fewest Garner primes whose product exceeds
     * inputs (q - 1)^2 need (2k), else Garner (on a tie Garner's extra forward NTT, pruned harder, costs less
     * than the split's extra inverse and product).
     */
    private static Plan auxiliaryPlan(Modulus q, int n, int inputs, long[] forwardValues, long[] inverseValues) {
        long[] primes = auxiliaryPrimes(n);
        int garnerPrimes = garnerPrimes(primes, inputs, q.value());
        long p = primes[0];
        for (int k = 1; k <= MAX_FILTER_PARTS && k + 1 < 2 * garnerPrimes; k++) {
            int forwardShift = splitShift(q.value(), inputs, p, k, forwardValues);
            int inverseShift = forwardShift < 0 ? -1 : splitShift(q.value(), inputs, p, k, inverseValues);
            if (inverseShift >= 0) {
                return new Plan(Kind.SPLIT, k, forwardShift, inverseShift, 0);
            }
        }
        return new Plan(Kind.GARNER, 0, 0, 0, garnerPrimes);
    }

    /** Multiplications of a forward (count = inputs) or inverse (count = wanted outputs) NTT of length n. */
    private static long nttCost(int n, int count) {
        int log = Integer.numberOfTrailingZeros(n);
        if (n >= 4 && count <= 3 * (n / 4)) {
            // the pruned first (forward) or last (inverse) two stages, against n for the full ones
            long pruned = count <= n / 2 ? 2L * Math.max(0, count - n / 4) : count;
            return (long) (n / 2) * (log - 2) + pruned;
        }
        return (long) (n / 2) * log;
    }

    /** Estimated multiplications of a convolution of length n by the plan. */
    private static long cost(Plan plan, int n, int inputs, int outputs) {
        long forwardNtt = nttCost(n, inputs);
        long inverseNtt = nttCost(n, outputs);
        return switch (plan.kind) {
            case DIRECT -> forwardNtt + inverseNtt + n;
            case SPLIT -> forwardNtt + plan.parts * (inverseNtt + n);
            case GARNER -> plan.garnerPrimes * (forwardNtt + inverseNtt + n);
        };
    }

    /**
     * The shift s for which the k-part split of the centred filter values gives the smallest largest bound
     * inputs ((q-1)/2) max|f_i| over the parts, or -1 when no s brings every bound to (p-1)/2 or below. The
     * maxima are those of the actual filter values.
     */
    private static int splitShift(long q, int inputs, long p, int k, long[] values) {
        if (q >= (1L << 58)) {
            return -1; // keeps the recombination's k (3q) sum below 2^62; such q never fit anyway
        }
        BigInteger limit = BigInteger.valueOf((p - 1) / 2);
        BigInteger inputBound = BigInteger.valueOf(inputs).multiply(BigInteger.valueOf((q - 1) / 2));
        int qBits = 64 - Long.numberOfLeadingZeros(q);
        int best = -1;
        BigInteger bestBound = null;
        // k = 1 needs no shift; otherwise s in [1, qBits) (a larger s leaves the upper parts zero)
        for (int s = k == 1 ? 0 : 1; s <= (k == 1 ? 0 : qBits - 1); s++) {
            long[] maxima = new long[k];
            long[] digits = new long[k];
            for (long value : values) {
                splitCentred(centred(value, q), k, s, digits);
                for (int i = 0; i < k; i++) {
                    maxima[i] = Math.max(maxima[i], Math.abs(digits[i]));
                }
            }
            BigInteger largest = BigInteger.ZERO;
            for (long max : maxima) {
                largest = largest.max(inputBound.multiply(BigInteger.valueOf(max)));
            }
            if (largest.compareTo(limit) <= 0 && (bestBound == null || largest.compareTo(bestBound) < 0)) {
                best = s;
                bestBound = largest;
            }
        }
        return best;
    }

    /** v = sum_i 2^(i s) digits[i] with digits[0 .. k-2] in [-2^(s-1), 2^(s-1)) and the top digit the rest. */
    private static void splitCentred(long v, int k, int s, long[] digits) {
        for (int i = 0; i < k - 1; i++) {
            long d = v - (((v + (1L << (s - 1))) >> s) << s);
            digits[i] = d;
            v = (v - d) >> s;
        }
        digits[k - 1] = v;
    }

    private static long centred(long x, long q) {
        return x > (q - 1) / 2 ? x - q : x;
    }

    /** The largest primes below 2^61 that are 1 mod max(n, 2^20): they serve every length dividing that. */
    private static long[] auxiliaryPrimes(int n) {
        return AUXILIARY_PRIMES.computeIfAbsent(Math.max(n, SHARED_PRIME_ORDER), order -> Primes
                .descendingCongruentPrimes(61, order, MAX_AUXILIARY_PRIMES, Set.of()).stream()
                .mapToLong(Long::longValue).toArray());
    }

    /** The shared NTTs of the given length over {@link #auxiliaryPrimes}(n), n a multiple of the length. */
    private static PowerOfTwoNtt[] auxiliaryNtts(int n, int length) {
        long[] primes = auxiliaryPrimes(n);
        long key = ((long) Math.max(n, SHARED_PRIME_ORDER) << 32) | length;
        return AUXILIARY_NTTS.computeIfAbsent(key, k -> {
            PowerOfTwoNtt[] ntts = new PowerOfTwoNtt[primes.length];
            for (int i = 0; i < ntts.length; i++) {
                ntts[i] = PowerOfTwoNtt.cyclic(Modulus.of(primes[i]), length);
            }
            return ntts;
        });
    }

    /** The fewest (at least 2) of the auxiliary primes whose product exceeds inputs (q - 1)^2. */
    private static int garnerPrimes(long[] primes, int inputs, long q) {
        BigInteger bound = BigInteger.valueOf(q - 1).pow(2).multiply(BigInteger.valueOf(inputs));
        BigInteger product = BigInteger.ONE;
        for (int k = 1; k <= primes.length; k++) {
            product = product.multiply(BigInteger.valueOf(primes[k - 1]));
            if (k >= 2 && product.compareTo(bound) > 0) {
                return k;
            }
        }
        throw new IllegalStateException("auxiliary primes too small for " + inputs + " inputs, q = " + q);
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

    /** The power-of-two convolution length N = 2^ceil(log2(2m - 1)) for length m (N &gt;= 2m - 1 suffices). */
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
     * writing A_outFrom .. A_(outFrom+outCount-1) to out[0 ..]; in and out may be the same array. Both windows
     * must lie within [0, m).
     */
    void forward(long[] in, int inFrom, int inCount, long[] out, int outFrom, int outCount) {
        run(in, inFrom, inCount, out, outFrom, outCount, forward);
    }

    /** The inverse transform with the same index windows as {@link #forward(long[], int, int, long[], int, int)}. */
    void inverse(long[] in, int inFrom, int inCount, long[] out, int outFrom, int outCount) {
        run(in, inFrom, inCount, out, outFrom, outCount, inverse);
    }

    private void run(long[] in, int inFrom, int inCount, long[] out, int outFrom, int outCount, Direction d) {
        if (inFrom < 0 || inCount < 0 || inFrom + inCount > m || outFrom < 0 || outCount < 0
                || outFrom + outCount > m) {
            throw new IllegalArgumentException("windows [" + inFrom + ", +" + inCount + ") and [" + outFrom
                    + ", +" + outCount + ") must lie within [0, " + m + ")");
        }
        final long[] buffer = scratch.get();
        final int inEnd = inFrom + inCount;
        final int outEnd = outFrom + outCount;
        // the chirped input x_j in [0, q) at buffer[j], zero below inFrom
        Arrays.fill(buffer, 0, inFrom, 0);
        final long[] chirp = d.inChirp;
        final long[] chirpShoup = d.inChirpShoup;
        for (int j = 0; j < inCount; j++) {
            int index = inFrom + j;
            buffer[index] = modulus.mulShoup(in[j], chirp[index], chirpShoup[index]);
        }
        // the overlap correction C_k for k in [outFrom, min(outEnd, o)), from the inputs x_(c+u), u < o
        final int corrected = Math.max(0, Math.min(outEnd, overlap) - outFrom);
        final int correctionInputs = Math.max(0, Math.min(overlap, inEnd - overlapStart));
        final boolean correct = corrected > 0 && correctionInputs > 0;
        if (correct) {
            System.arraycopy(buffer, overlapStart, buffer, correctionOffset, correctionInputs);
            d.correction.convolve(buffer, correctionOffset, correctionInputs, outFrom, outFrom + corrected,
                    buffer, correctionResultOffset);
        }
        // the main convolution y_k (congruent mod q, below 2^62) into out[k - outFrom]: the input is consumed
        d.main.convolve(buffer, 0, inEnd, outFrom, outEnd, out, 0);
        final long[] outChirp = d.outChirp;
        final long[] outChirpShoup = d.outChirpShoup;
        for (int c = 0; c < outCount; c++) {
            int index = outFrom + c;
            long y = out[c];
            if (correct && c < corrected) {
                y += buffer[correctionResultOffset + c];
            }
            out[c] = modulus.mulShoup(y, outChirp[index], outChirpShoup[index]);
        }
    }

    /** Constants for a transform by theta^(2jk): input chirp theta^(j^2), output chirp scaled by outputScale. */
    private Direction direction(long theta, long outputScale, Convolution main, Convolution correction) {
        long[] chirp = powersOfSquares(modulus, m, theta);
        long[] outChirp = new long[m];
        for (int j = 0; j < m; j++) {
            outChirp[j] = modulus.mul(chirp[j], outputScale);
        }
        return new Direction(chirp, PowerOfTwoNtt.shoupAll(modulus, chirp), outChirp,
                PowerOfTwoNtt.shoupAll(modulus, outChirp), main, correction);
    }

    /**
     * One cyclic convolution of length n modulo q with a fixed filter, by a {@link Plan}: the transformed filter
     * (per part or per Garner prime, one after the other, 1/n folded in, centred with signed Shoup companions,
     * see {@link PowerOfTwoNtt#centreWithSignedShoup}), and on the split-filter plan the part weights
     * 2^(i s) mod q and the corrections q - (p 2^(i s) mod q) added for a part whose residue lifts negative.
     * Immutable.
     */
    private static final class Convolution {

        final Modulus modulus;
        final int length;
        final Kind kind;
        final int parts;
        final int shift;
        /** The NTT over q (direct) or p (split filter); the NTTs over p_1 .. p_k (Garner). */
        final PowerOfTwoNtt[] ntts;
        final Garner garner;
        final long[] filter;
        final long[] filterShoup;
        final long[] partWeight;
        final long[] partWeightShoup;
        final long[] partCorrection;

        private Convolution(Modulus modulus, int length, Plan plan, PowerOfTwoNtt[] ntts, Garner garner,
                            long[] chirpFilter, int shift) {
            this.modulus = modulus;
            this.length = length;
            this.kind = plan.kind;
            this.parts = plan.kind == Kind.SPLIT ? plan.parts : 0;
            this.shift = shift;
            this.ntts = ntts;
            this.garner = garner;
            final int n = length;
            final long q = modulus.value();
            switch (kind) {
                case DIRECT -> {
                    filter = chirpFilter.clone();
                    ntts[0].forward(filter);
                    long inverseN = modulus.inverse(n % q);
                    for (int i = 0; i < n; i++) {
                        filter[i] = modulus.mul(filter[i], inverseN);
                    }
                    filterShoup = PowerOfTwoNtt.centreWithSignedShoup(modulus, filter);
                    partWeight = null;
                    partWeightShoup = null;
                    partCorrection = null;
                }
                case SPLIT -> {
                    // the centred filter split into k parts, each as a residue mod p, transformed, 1/n folded in
                    PowerOfTwoNtt ntt = ntts[0];
                    Modulus p = ntt.modulus();
                    filter = new long[parts * n];
                    filterShoup = new long[parts * n];
                    long[][] segments = new long[parts][n];
                    long[] digits = new long[parts];
                    for (int i = 0; i < n; i++) {
                        if (chirpFilter[i] != 0) {
                            splitCentred(centred(chirpFilter[i], q), parts, shift, digits);
                            for (int part = 0; part < parts; part++) {
                                segments[part][i] = p.reduce(digits[part]);
                            }
                        }
                    }
                    for (int part = 0; part < parts; part++) {
                        storeTransformed(ntt, segments[part], filter, filterShoup, part * n);
                    }
                    partWeight = new long[parts];
                    partCorrection = new long[parts];
                    long pModQ = modulus.reduce(p.value());
                    long base = modulus.pow(2, shift);
                    long w = 1 % q;
                    for (int part = 0; part < parts; part++) {
                        partWeight[part] = w;
                        partCorrection[part] = q - modulus.mul(pModQ, w);
                        w = modulus.mul(w, base);
                    }
                    partWeightShoup = PowerOfTwoNtt.shoupAll(modulus, partWeight);
                }
                default -> {
                    // the filter's entries as integers in [0, q), transformed modulo each p_i
                    filter = new long[ntts.length * n];
                    filterShoup = new long[filter.length];
                    for (int t = 0; t < ntts.length; t++) {
                        Modulus p = ntts[t].modulus();
                        long[] segment = new long[n];
                        for (int i = 0; i < n; i++) {
                            segment[i] = p.reduce(chirpFilter[i]);
                        }
                        storeTransformed(ntts[t], segment, filter, filterShoup, t * n);
                    }
                    partWeight = null;
                    partWeightShoup = null;
                    partCorrection = null;
                }
            }
        }

        /** Transforms segment (residues mod p) in place, folds in 1/n and stores it centred at offset. */
        private static void storeTransformed(PowerOfTwoNtt ntt, long[] segment, long[] filter, long[] filterShoup,
                                             int offset) {
            Modulus p = ntt.modulus();
            int n = ntt.length();
            ntt.forward(segment);
            long inverseN = p.inverse(n % p.value());
            for (int i = 0; i < n; i++) {
                segment[i] = p.mul(segment[i], inverseN);
            }
            long[] companions = PowerOfTwoNtt.centreWithSignedShoup(p, segment);
            System.arraycopy(segment, 0, filter, offset, n);
            System.arraycopy(companions, 0, filterShoup, offset, n);
        }

        /** The forward and inverse filters' convolutions by one plan, sharing their NTTs (auxiliary primes for N = n). */
        static Convolution[] create(Modulus q, int n, int length, Plan plan, long[] forwardFilter,
                                    long[] inverseFilter) {
            PowerOfTwoNtt[] ntts;
            Garner garner = null;
            switch (plan.kind) {
                case DIRECT -> ntts = new PowerOfTwoNtt[] {PowerOfTwoNtt.cyclic(q, length)};
                case SPLIT -> ntts = new PowerOfTwoNtt[] {auxiliaryNtts(n, length)[0]};
                default -> {
                    ntts = Arrays.copyOf(auxiliaryNtts(n, length), plan.garnerPrimes);
                    garner = BluesteinDft.garner(q, ntts);
                }
            }
            return new Convolution[] {
                new Convolution(q, length, plan, ntts, garner, forwardFilter, plan.forwardShift),
                new Convolution(q, length, plan, ntts, garner, inverseFilter, plan.inverseShift)};
        }

        int scratchLength() {
            return switch (kind) {
                case DIRECT -> length;
                case SPLIT -> parts * length;
                case GARNER -> ntts.length * length;
            };
        }

        long[] auxiliaryPrimes() {
            if (kind == Kind.DIRECT) {
                return new long[0];
            }
            return Arrays.stream(ntts).mapToLong(t -> t.modulus().value()).toArray();
        }

        /**
         * The cyclic convolution of x = buffer[offset .. offset + count) (entries in [0, q); those from count on
         * are taken as zero, and the buffer's scratchLength() entries from offset are overwritten) with the
         * filter: result[resultOffset + k - from] is congruent to y_k mod q and in [0, 2^62), k in [from, to).
         */
        void convolve(long[] buffer, int offset, int count, int from, int to, long[] result, int resultOffset) {
            switch (kind) {
                case DIRECT -> convolveDirect(buffer, offset, count, from, to, result, resultOffset);
                case SPLIT -> convolveSplit(buffer, offset, count, from, to, result, resultOffset);
                default -> convolveGarner(buffer, offset, count, from, to, result, resultOffset);
            }
        }

        private void convolveDirect(long[] buffer, int offset, int count, int from, int to, long[] result,
                                    int resultOffset) {
            final long q = modulus.value();
            final PowerOfTwoNtt ntt = ntts[0];
            ntt.forwardLazy(buffer, offset, count);
            final long[] f = filter;
            final long[] fs = filterShoup;
            final int n = length;
            for (int i = 0; i < n; i++) {
                long x = buffer[offset + i];
                buffer[offset + i] = x * f[i] - Math.multiplyHigh(x, fs[i]) * q;
            }
            ntt.inverseLazy(buffer, offset, to);
            System.arraycopy(buffer, offset + from, result, resultOffset, to - from);
        }

        /**
         * The split-filter plan: the centred input mod p, one forward NTT, a pointwise product with each
         * transformed filter part (into buffer segment i), an inverse NTT per part, and the recombination
         * sum_i 2^(i s) y_i mod q of the parts' centred lifts.
         */
        private void convolveSplit(long[] buffer, int offset, int count, int from, int to, long[] result,
                                   int resultOffset) {
            final PowerOfTwoNtt ntt = ntts[0];
            final long q = modulus.value();
            final long p = ntt.modulus().value();
            final long halfQ = (q - 1) / 2;
            final long pMinusQ = p - q;
            for (int j = offset; j < offset + count; j++) {
                long x = buffer[j];
                // centred x - q for x > (q-1)/2, as a residue mod p: x + (p - q)
                buffer[j] = x + (((halfQ - x) >> 63) & pMinusQ);
            }
            ntt.forwardLazy(buffer, offset, count);
            final long[] f = filter;
            final long[] fs = filterShoup;
            final int n = length;
            final int k = parts;
            for (int part = k - 1; part >= 0; part--) {
                final int segment = offset + part * n;
                final int table = part * n;
                for (int i = 0; i < n; i++) {
                    long x = buffer[offset + i];
                    buffer[segment + i] = x * f[table + i] - Math.multiplyHigh(x, fs[table + i]) * p;
                }
            }
            for (int part = 0; part < k; part++) {
                ntt.inverseLazy(buffer, offset + part * n, to);
            }
            final long halfP = (p - 1) / 2;
            final long[] weight = partWeight;
            final long[] weightShoup = partWeightShoup;
            final long[] correction = partCorrection;
            for (int index = from; index < to; index++) {
                long sum = 0;
                for (int part = 0; part < k; part++) {
                    long z = buffer[offset + part * n + index];
                    z = z >= p ? z - p : z;
                    // y = z, or z - p when z > (p-1)/2: add 2^(i s) z mod q and, for the latter, -p 2^(i s) mod q
                    sum += Modulus.mulShoupLazy(z, weight[part], weightShoup[part], q)
                            + (((halfP - z) >> 63) & correction[part]);
                }
                result[resultOffset + index - from] = sum;
            }
        }

        /**
         * The Garner plan: the input (in [0, q), so below 4 p_i as the lazy NTT allows) is convolved modulo each
         * p_i, then Garner's digits give the exact integer convolution modulo q.
         */
        private void convolveGarner(long[] buffer, int offset, int count, int from, int to, long[] result,
                                    int resultOffset) {
            final int k = ntts.length;
            final int n = length;
            for (int i = 1; i < k; i++) {
                System.arraycopy(buffer, offset, buffer, offset + i * n, count);
            }
            final long[] f = filter;
            final long[] fs = filterShoup;
            for (int i = 0; i < k; i++) {
                final PowerOfTwoNtt t = ntts[i];
                final long p = t.modulus().value();
                final int segment = offset + i * n;
                t.forwardLazy(buffer, segment, count);
                for (int j = 0; j < n; j++) {
                    long x = buffer[segment + j];
                    buffer[segment + j] = x * f[i * n + j] - Math.multiplyHigh(x, fs[i * n + j]) * p;
                }
                t.inverseLazy(buffer, segment, to);
            }
            final Garner g = garner;
            final long q = modulus.value();
            final long p1 = ntts[0].modulus().value();
            final long p2 = ntts[1].modulus().value();
            final long p3 = k == 3 ? ntts[2].modulus().value() : 0;
            for (int index = from; index < to; index++) {
                long a1 = buffer[offset + index];
                a1 = a1 >= p1 ? a1 - p1 : a1;
                long a2 = buffer[offset + n + index];
                a2 = a2 >= p2 ? a2 - p2 : a2;
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
                    long a3 = buffer[offset + 2 * n + index];
                    a3 = a3 >= p3 ? a3 - p3 : a3;
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
                result[resultOffset + index - from] = r;
            }
        }
    }
}
