package org.wisekit.fhe.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BluesteinDftTest {

    @Test
    void matchesTheQuadraticDft() {
        SplittableRandom random = new SplittableRandom(6);
        for (int m : new int[] {3, 5, 17, 307}) {
            long congruence = (long) m * BluesteinDft.convolutionLength(m);
            for (int bits : new int[] {40, 61}) {
                long q = Primes.descendingCongruentPrimes(bits, congruence, 1, Set.of()).get(0);
                Modulus mod = Modulus.of(q);
                BluesteinDft dft = BluesteinDft.create(mod, m);
                assertThat(mod.pow(dft.omega(), m)).isEqualTo(1);
                long[] a = random.longs(m, 0, q).toArray();
                long[] out = new long[m];
                dft.forward(a, out);
                assertThat(out).as("m = %d, q = %d", m, q).isEqualTo(quadraticDft(a, dft.omega(), mod));
                dft.inverse(out, out);
                assertThat(out).isEqualTo(a);
            }
        }
    }

    /**
     * The largest prime of {@code bits} bits that is 1 mod m but not 1 mod N/2 (so neither the length-N nor the
     * length-N/2 convolution can run over q: the auxiliary-prime path).
     */
    static long auxiliaryPathPrime(int m, int bits, Set<Long> exclude) {
        int n = BluesteinDft.convolutionLength(m);
        for (int count = 8; ; count *= 2) {
            for (long q : Primes.descendingCongruentPrimes(bits, m, count, exclude)) {
                if ((q - 1) % (n / 2) != 0) {
                    return q;
                }
            }
        }
    }

    /** The largest prime q &lt;= bound with q = 1 mod m and q != 1 mod N/2. */
    private static long auxiliaryPathPrimeAtMost(int m, long bound) {
        int n = BluesteinDft.convolutionLength(m);
        for (long q = (bound - 1) / m * m + 1; q > m; q -= m) {
            if ((q - 1) % (n / 2) != 0 && Primes.isPrime(q)) {
                return q;
            }
        }
        throw new AssertionError("no prime below " + bound);
    }

    @Test
    void auxiliaryPathMatchesTheQuadraticDft() {
        SplittableRandom random = new SplittableRandom(11);
        for (int m : new int[] {3, 5, 17, 307, 1087}) {
            for (int bits : new int[] {30, 40, 50, 60, 61}) {
                long q = auxiliaryPathPrime(m, bits, Set.of());
                Modulus mod = Modulus.of(q);
                BluesteinDft dft = BluesteinDft.create(mod, m);
                assertThat(dft.isDirect()).isFalse();
                int n = BluesteinDft.convolutionLength(m);
                BigInteger product = BigInteger.ONE;
                for (long p : dft.auxiliaryPrimes()) {
                    assertThat((p - 1) % n).isZero();
                    assertThat(p).isLessThan(Modulus.MAX_VALUE).isGreaterThan(1L << 60);
                    product = product.multiply(BigInteger.valueOf(p));
                }
                if (dft.filterParts() > 0) {
                    assertThat(dft.auxiliaryPrimes()).hasSize(1);
                    assertSplitBoundHolds(dft, m, q);
                } else {
                    // the convolution's coefficients are sums of at most m products below q
                    assertThat(product).isGreaterThan(BigInteger.valueOf(q - 1).pow(2).multiply(BigInteger.valueOf(m)));
                }
                assertThat(mod.pow(dft.omega(), m)).isEqualTo(1);
                for (long[] a : new long[][] {random.longs(m, 0, q).toArray(), filled(m, q - 1)}) {
                    long[] out = new long[m];
                    dft.forward(a, out);
                    assertThat(out).as("m = %d, q = %d", m, q).isEqualTo(quadraticDft(a, dft.omega(), mod));
                    long[] back = new long[m];
                    dft.inverse(out, back);
                    assertThat(back).as("round trip m = %d, q = %d", m, q).isEqualTo(a);
                    dft.inverse(out, out);
                    assertThat(out).isEqualTo(a);
                }
            }
        }
    }

    @Test
    void pathIsChosenByWhetherNDividesQMinusOne() {
        int m = 17;
        long direct = Primes.descendingCongruentPrimes(40, (long) m * BluesteinDft.convolutionLength(m), 1, Set.of()).get(0);
        assertThat(BluesteinDft.create(Modulus.of(direct), m).isDirect()).isTrue();
        assertThat(BluesteinDft.create(Modulus.of(direct), m).auxiliaryPrimes()).isEmpty();
        assertThat(BluesteinDft.create(Modulus.of(direct), m).filterParts()).isZero();
        // split filter: one part for small q, two for 31-bit q; Garner: two primes at 40 bits, three at 60
        BluesteinDft tinyQ = BluesteinDft.create(Modulus.of(auxiliaryPathPrime(m, 20, Set.of())), m);
        assertThat(tinyQ.isDirect()).isFalse();
        assertThat(tinyQ.filterParts()).isEqualTo(1);
        assertThat(tinyQ.auxiliaryPrimes()).hasSize(1);
        BluesteinDft split = BluesteinDft.create(Modulus.of(auxiliaryPathPrime(m, 31, Set.of())), m);
        assertThat(split.filterParts()).isEqualTo(2);
        assertThat(split.auxiliaryPrimes()).hasSize(1);
        long auxiliary = auxiliaryPathPrime(m, 40, Set.of());
        assertThat(BluesteinDft.create(Modulus.of(auxiliary), m).isDirect()).isFalse();
        assertThat(BluesteinDft.create(Modulus.of(auxiliary), m).filterParts()).isZero();
        assertThat(BluesteinDft.create(Modulus.of(auxiliary), m).auxiliaryPrimes()).hasSize(2);
        assertThat(BluesteinDft.create(Modulus.of(auxiliaryPathPrime(m, 60, Set.of())), m).auxiliaryPrimes()).hasSize(3);
        assertThat(BluesteinDft.splitFilterParts(Modulus.of(auxiliaryPathPrime(m, 31, Set.of())), m)).isEqualTo(2);
        assertThat(BluesteinDft.splitFilterParts(Modulus.of(auxiliary), m)).isZero();
        assertThat(BluesteinDft.splitFilterParts(Modulus.of(direct), m)).isZero();
        // the smallest case: q = 7 for m = 3 (N = 8)
        BluesteinDft tiny = BluesteinDft.create(Modulus.of(7), 3);
        long[] a = {6, 0, 5};
        long[] out = new long[3];
        tiny.forward(a, out);
        assertThat(out).isEqualTo(quadraticDft(a, tiny.omega(), Modulus.of(7)));
    }

    /**
     * Every plan, at a length that uses the half-length convolution with the overlap correction (m = 307:
     * N = 1024, L = 512, o = 101) and at one that does not (m = 1021: o = 1017 would need a correction as long as
     * N), against the quadratic DFT in both directions and in windows.
     */
    @Test
    void everyPlanMatchesTheQuadraticDftInBothDirectionsAndWindows() {
        SplittableRandom random = new SplittableRandom(21);
        for (int m : new int[] {307, 1021}) {
            int n = BluesteinDft.convolutionLength(m);
            boolean overlapped = m == 307;
            long[] primes = {
                auxiliaryPathPrime(m, 18, Set.of()), // split filter, one part
                auxiliaryPathPrime(m, 31, Set.of()), // split filter, two parts
                auxiliaryPathPrime(m, 45, Set.of()), // Garner, two primes
                auxiliaryPathPrime(m, 61, Set.of()), // Garner, three primes
                Primes.descendingCongruentPrimes(45, (long) m * n, 1, Set.of()).get(0), // direct
                halfDirectPrime(m, 31), // direct at N/2 only
            };
            // the half-direct prime runs direct at N/2 where the overlap is taken, else split at N
            int[] expectedParts = {1, 2, 0, 0, 0, overlapped ? 0 : 2};
            int[] expectedPrimes = {1, 1, 2, 3, 0, overlapped ? 0 : 1};
            for (int c = 0; c < primes.length; c++) {
                long q = primes[c];
                Modulus mod = Modulus.of(q);
                BluesteinDft dft = BluesteinDft.create(mod, m);
                assertThat(dft.mainConvolutionLength()).isEqualTo(overlapped ? n / 2 : n);
                assertThat(dft.overlap()).isEqualTo(overlapped ? 2 * m - 1 - n / 2 : 0);
                assertThat(dft.filterParts()).as("m = %d, q = %d", m, q).isEqualTo(expectedParts[c]);
                assertThat(dft.auxiliaryPrimes()).hasSize(expectedPrimes[c]);
                assertThat(dft.isDirect()).isEqualTo(expectedPrimes[c] == 0);
                assertThat(BluesteinDft.splitFilterParts(mod, m)).isEqualTo(expectedParts[c]);
                assertQuadraticInBothDirections(dft, random);
                assertWindowsMatch(dft, random);
            }
        }
    }

    /** A prime of at most {@code bits} bits that is 1 mod m and mod N/2 but not mod N. */
    private static long halfDirectPrime(int m, int bits) {
        int n = BluesteinDft.convolutionLength(m);
        for (long q : Primes.descendingCongruentPrimes(bits, (long) m * (n / 2), 64, Set.of())) {
            if ((q - 1) % n != 0) {
                return q;
            }
        }
        throw new AssertionError("no prime found");
    }

    private static void assertQuadraticInBothDirections(BluesteinDft dft, SplittableRandom random) {
        int m = dft.length();
        Modulus mod = dft.modulus();
        long q = mod.value();
        long[] a = random.longs(m, 0, q).toArray();
        long[] forward = quadraticDft(a, dft.omega(), mod);
        long[] inverse = quadraticDft(a, mod.inverse(dft.omega()), mod);
        long inverseM = mod.inverse(m);
        for (int k = 0; k < m; k++) {
            inverse[k] = mod.mul(inverse[k], inverseM);
        }
        long[] out = new long[m];
        dft.forward(a, out);
        assertThat(out).as("forward m = %d, q = %d", m, q).isEqualTo(forward);
        dft.inverse(a, out);
        assertThat(out).as("inverse m = %d, q = %d", m, q).isEqualTo(inverse);
    }

    /** The windowed transforms against the full transform of the zero-padded input, in place and not. */
    private static void assertWindowsMatch(BluesteinDft dft, SplittableRandom random) {
        int m = dft.length();
        long q = dft.modulus().value();
        // the overlap correction's inputs start at c = L - m + 1, its outputs end at o
        int c = dft.mainConvolutionLength() - m + 1;
        int o = Math.max(1, dft.overlap());
        int[][] windows = {{0, m, 0, m}, {0, m - 1, 1, m - 1}, {1, m - 1, 0, m - 1}, {0, 0, 0, m}, {0, 1, 0, 1},
            {m - 1, 1, m - 1, 1}, {5, 17, 100, 50}, {0, m, 0, 0}, {m / 2, m - m / 2, 0, m / 3},
            {0, Math.min(c, m), 0, o}, {Math.min(c, m - 1), m - Math.min(c, m - 1), o - 1, m - o + 1},
            {Math.min(c + 3, m - 1), 1, 0, o}, {0, m, o, m - o}, {0, m, o - 1, 1}};
        for (int r = 0; r < 6; r++) {
            int inFrom = random.nextInt(m);
            int outFrom = random.nextInt(m);
            windows = Arrays.copyOf(windows, windows.length + 1);
            windows[windows.length - 1] = new int[] {inFrom, random.nextInt(m - inFrom + 1), outFrom,
                random.nextInt(m - outFrom + 1)};
        }
        for (int[] w : windows) {
            long[] in = random.longs(w[1], 0, q).toArray();
            long[] padded = new long[m];
            System.arraycopy(in, 0, padded, w[0], w[1]);
            for (boolean forward : new boolean[] {true, false}) {
                long[] full = new long[m];
                if (forward) {
                    dft.forward(padded, full);
                } else {
                    dft.inverse(padded, full);
                }
                long[] expected = Arrays.copyOfRange(full, w[2], w[2] + w[3]);
                long[] out = new long[w[3]];
                long[] inPlace = Arrays.copyOf(in, Math.max(w[1], w[3]));
                if (forward) {
                    dft.forward(in, w[0], w[1], out, w[2], w[3]);
                    dft.forward(inPlace, w[0], w[1], inPlace, w[2], w[3]);
                } else {
                    dft.inverse(in, w[0], w[1], out, w[2], w[3]);
                    dft.inverse(inPlace, w[0], w[1], inPlace, w[2], w[3]);
                }
                assertThat(out).as("window %s forward %s", Arrays.toString(w), forward).isEqualTo(expected);
                assertThat(Arrays.copyOf(inPlace, w[3])).isEqualTo(expected);
            }
        }
    }

    @Test
    void rejectsWindowsOutsideTheLength() {
        BluesteinDft dft = BluesteinDft.create(Modulus.of(auxiliaryPathPrime(17, 31, Set.of())), 17);
        long[] a = new long[20];
        assertThatThrownBy(() -> dft.forward(a, 1, 17, a, 0, 17)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dft.inverse(a, 0, 17, a, 5, 13)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dft.forward(a, -1, 3, a, 0, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void splitFilterPlanAtTheB2Length() {
        int m = 17293;
        long q = auxiliaryPathPrime(m, 31, Set.of());
        BluesteinDft dft = BluesteinDft.create(Modulus.of(q), m);
        assertThat(dft.filterParts()).isEqualTo(2);
        assertThat(dft.auxiliaryPrimes()).hasSize(1);
        // half length L = 2^15 with the overlap correction: o = 2m - 1 - L = 1817, by a split plan of length 4096
        assertThat(dft.mainConvolutionLength()).isEqualTo(1 << 15);
        assertThat(dft.overlap()).isEqualTo(1817);
        assertThat(dft.correctionPlan()).containsExactly(2, 1);
        assertSplitBoundHolds(dft, m, q);
        assertSpotChecksAndRoundTrip(dft, new SplittableRandom(31));
        assertAdversarialInputs(dft, new SplittableRandom(32));
        // the ring transform's windows (coefficients 0 .. m-2 to evaluations 1 .. m-1) against the full transform
        SplittableRandom random = new SplittableRandom(33);
        long[] coefficients = random.longs(m - 1, 0, q).toArray();
        long[] padded = Arrays.copyOf(coefficients, m);
        long[] full = new long[m];
        dft.forward(padded, full);
        long[] evaluations = new long[m - 1];
        dft.forward(coefficients, 0, m - 1, evaluations, 1, m - 1);
        assertThat(evaluations).isEqualTo(Arrays.copyOfRange(full, 1, m));
        long[] back = new long[m - 1];
        long[] evaluationsPadded = new long[m];
        System.arraycopy(evaluations, 0, evaluationsPadded, 1, m - 1);
        dft.inverse(evaluationsPadded, full);
        dft.inverse(evaluations, 1, m - 1, back, 0, m - 1);
        assertThat(back).isEqualTo(Arrays.copyOf(full, m - 1));
    }

    @Test
    void directPathAtTheB2Length() {
        int m = 17293;
        long q = Primes.descendingCongruentPrimes(38, (long) m * BluesteinDft.convolutionLength(m), 1, Set.of()).get(0);
        BluesteinDft dft = BluesteinDft.create(Modulus.of(q), m);
        assertThat(dft.isDirect()).isTrue();
        assertThat(dft.mainConvolutionLength()).isEqualTo(1 << 15);
        assertThat(dft.correctionPlan()).containsExactly(0, 0);
        assertSpotChecksAndRoundTrip(dft, new SplittableRandom(35));
    }

    @Test
    void splitFilterPlanAtM28057() {
        int m = 28057;
        assertThat(BluesteinDft.convolutionLength(m)).isEqualTo(1 << 16);
        long q = auxiliaryPathPrime(m, 31, Set.of());
        BluesteinDft dft = BluesteinDft.create(Modulus.of(q), m);
        assertThat(dft.filterParts()).isEqualTo(2);
        // o = 23345 would need a correction of length 2^16: the full length is cheaper
        assertThat(dft.mainConvolutionLength()).isEqualTo(1 << 16);
        assertThat(dft.overlap()).isZero();
        assertThat(dft.correctionPlan()).isNull();
        assertSplitBoundHolds(dft, m, q);
        assertSpotChecksAndRoundTrip(dft, new SplittableRandom(41));
        assertAdversarialInputs(dft, new SplittableRandom(42));
    }

    /**
     * Around the split-filter plan's limit: the largest q it accepts (by the exact bound, found by scanning
     * down from just above the worst-case bound's limit) is exact even for inputs that drive a part's partial
     * convolution towards the bound; the next prime above falls back to Garner with two primes.
     */
    @Test
    void splitFilterPlanAtItsLimitAndTheFallbackAboveIt() {
        for (int m : new int[] {1087, 17293}) {
            int n = BluesteinDft.convolutionLength(m);
            long p = Primes.descendingCongruentPrimes(61, n, 1, Set.of()).get(0);
            long worstCaseLimit = worstCaseTwoPartLimit(m, p);
            long above = auxiliaryPathPrimeAtMost(m, worstCaseLimit + worstCaseLimit / 500);
            assertThat(BluesteinDft.splitFilterParts(Modulus.of(above), m)).as("start above the limit, m = %d", m)
                    .isZero();
            long largest = above;
            long rejected = above;
            while (BluesteinDft.splitFilterParts(Modulus.of(largest), m) != 2) {
                rejected = largest;
                largest = auxiliaryPathPrimeAtMost(m, largest - 1);
            }
            assertThat(largest).isGreaterThanOrEqualTo(auxiliaryPathPrimeAtMost(m, worstCaseLimit));
            BluesteinDft atLimit = BluesteinDft.create(Modulus.of(largest), m);
            assertThat(atLimit.filterParts()).isEqualTo(2);
            assertSplitBoundHolds(atLimit, m, largest);
            BluesteinDft fallback = BluesteinDft.create(Modulus.of(rejected), m);
            assertThat(fallback.filterParts()).isZero();
            assertThat(fallback.auxiliaryPrimes()).hasSize(2);
            for (BluesteinDft dft : new BluesteinDft[] {atLimit, fallback}) {
                if (m <= 2000) {
                    SplittableRandom random = new SplittableRandom(m);
                    long[] a = random.longs(m, 0, dft.modulus().value()).toArray();
                    long[] out = new long[m];
                    dft.forward(a, out);
                    assertThat(out).isEqualTo(quadraticDft(a, dft.omega(), dft.modulus()));
                    dft.inverse(out, out);
                    assertThat(out).isEqualTo(a);
                } else {
                    assertSpotChecksAndRoundTrip(dft, new SplittableRandom(m));
                }
                assertAdversarialInputs(dft, new SplittableRandom(m + 1));
            }
        }
    }

    /** The largest q with m ((q-1)/2) max(2^(s-1), ((q-1)/2 + 2^(s-1)) / 2^s) &lt;= (p-1)/2 for some s. */
    private static long worstCaseTwoPartLimit(int m, long p) {
        long best = 0;
        BigInteger limit = BigInteger.valueOf((p - 1) / 2);
        for (int s = 1; s < 40; s++) {
            long lo = 3;
            long hi = 1L << 50;
            while (lo < hi) {
                long mid = lo + (hi - lo + 1) / 2;
                BigInteger half = BigInteger.valueOf((mid - 1) / 2);
                BigInteger top = half.add(BigInteger.ONE.shiftLeft(s - 1)).shiftRight(s);
                BigInteger part = top.max(BigInteger.ONE.shiftLeft(s - 1));
                if (BigInteger.valueOf(m).multiply(half).multiply(part).compareTo(limit) <= 0) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            best = Math.max(best, lo);
        }
        return best;
    }

    /** The split plan's bound recomputed from the filter: m ((q-1)/2) max|f_i| &lt;= (p-1)/2 for both directions. */
    private static void assertSplitBoundHolds(BluesteinDft dft, int m, long q) {
        if (dft.filterParts() == 0) {
            return;
        }
        long p = dft.auxiliaryPrimes()[0];
        Modulus mod = dft.modulus();
        long theta = mod.pow(dft.omega(), (m + 1) / 2);
        for (boolean forward : new boolean[] {true, false}) {
            long root = forward ? mod.inverse(theta) : theta;
            int s = dft.filterShift(forward);
            long[] maxima = new long[dft.filterParts()];
            for (int j = 0; j < m; j++) {
                long[] digits = digits(mod.centered(mod.pow(root, (long) j * j % m)), dft.filterParts(), s);
                for (int i = 0; i < digits.length; i++) {
                    maxima[i] = Math.max(maxima[i], Math.abs(digits[i]));
                }
            }
            for (long max : maxima) {
                assertThat(BigInteger.valueOf(m).multiply(BigInteger.valueOf((q - 1) / 2)).multiply(BigInteger.valueOf(max)))
                        .isLessThanOrEqualTo(BigInteger.valueOf((p - 1) / 2));
            }
        }
    }

    /** The balanced base-2^s digits of v, the top one taking the rest. */
    private static long[] digits(long v, int k, int s) {
        long[] digits = new long[k];
        BigInteger rest = BigInteger.valueOf(v);
        for (int i = 0; i < k - 1; i++) {
            BigInteger base = BigInteger.ONE.shiftLeft(s);
            BigInteger d = rest.mod(base);
            if (d.compareTo(BigInteger.ONE.shiftLeft(s - 1)) >= 0) {
                d = d.subtract(base);
            }
            digits[i] = d.longValueExact();
            rest = rest.subtract(d).shiftRight(s);
        }
        digits[k - 1] = rest.longValueExact();
        return digits;
    }

    /** Random input: 24 outputs of each direction against their O(m) definitions, and the round trip. */
    private static void assertSpotChecksAndRoundTrip(BluesteinDft dft, SplittableRandom random) {
        int m = dft.length();
        Modulus mod = dft.modulus();
        long[] a = random.longs(m, 0, mod.value()).toArray();
        long[] out = new long[m];
        dft.forward(a, out);
        long[] back = new long[m];
        dft.inverse(out, back);
        assertThat(back).isEqualTo(a);
        long[] inverse = new long[m];
        dft.inverse(a, inverse);
        long inverseOmega = mod.inverse(dft.omega());
        long inverseM = mod.inverse(m % mod.value());
        for (int r = 0; r < 24; r++) {
            int k = r < 2 ? r * (m - 1) : random.nextInt(m);
            assertThat(out[k]).as("A_%d", k).isEqualTo(dftAt(a, k, dft.omega(), mod));
            assertThat(inverse[k]).isEqualTo(mod.mul(dftAt(a, k, inverseOmega, mod), inverseM));
        }
    }

    /**
     * Inputs whose chirped entries are (q-1)/2 with the sign of a filter part's digit at k0 - j, so that part's
     * partial convolution at output k0 is as large as that part allows; output k0 against its definition.
     */
    private static void assertAdversarialInputs(BluesteinDft dft, SplittableRandom random) {
        int m = dft.length();
        Modulus mod = dft.modulus();
        long q = mod.value();
        int parts = Math.max(1, dft.filterParts());
        int s = dft.filterShift(true);
        long theta = mod.pow(dft.omega(), (m + 1) / 2);
        long inverseTheta = mod.inverse(theta);
        for (int part = 0; part < parts; part++) {
            int k0 = random.nextInt(m);
            long[] a = new long[m];
            for (int j = 0; j < m; j++) {
                int d = k0 - j;
                long filter = mod.centered(mod.pow(inverseTheta, (long) d * d % m));
                long digit = dft.filterParts() == 0 ? filter : digits(filter, parts, s)[part];
                long chirped = digit < 0 ? q - (q - 1) / 2 : (q - 1) / 2;
                // a_j = chirped_j theta^(-j^2)
                a[j] = mod.mul(chirped, mod.pow(inverseTheta, (long) j * j % m));
            }
            long[] out = new long[m];
            dft.forward(a, out);
            assertThat(out[k0]).as("adversarial part %d at k0 = %d, q = %d", part, k0, q)
                    .isEqualTo(dftAt(a, k0, dft.omega(), mod));
            long[] back = new long[m];
            dft.inverse(out, back);
            assertThat(back).isEqualTo(a);
        }
    }

    /** sum_j a_j root^(jk) mod q. */
    private static long dftAt(long[] a, int k, long root, Modulus mod) {
        long x = mod.pow(root, k);
        long sum = 0;
        for (int j = a.length - 1; j >= 0; j--) {
            sum = mod.add(mod.mul(sum, x), a[j]);
        }
        return sum;
    }

    @Test
    void auxiliaryPathIsThreadSafe() throws Exception {
        int m = 307;
        long q = auxiliaryPathPrime(m, 31, Set.of());
        Modulus mod = Modulus.of(q);
        BluesteinDft dft = BluesteinDft.create(mod, m);
        java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int t = 0; t < 8; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    for (int r = 0; r < 20; r++) {
                        long[] a = random.longs(m, 0, q).toArray();
                        long[] out = new long[m];
                        dft.forward(a, out);
                        dft.inverse(out, out);
                        if (!java.util.Arrays.equals(out, a)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (var f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static long[] filled(int length, long value) {
        long[] a = new long[length];
        java.util.Arrays.fill(a, value);
        return a;
    }

    @Test
    void convolutionLengthIsThePowerOfTwoCoveringTwoMMinusOne() {
        assertThat(BluesteinDft.convolutionLength(3)).isEqualTo(8);
        assertThat(BluesteinDft.convolutionLength(512)).isEqualTo(1024);
        assertThat(BluesteinDft.convolutionLength(307)).isEqualTo(1024);
        assertThat(BluesteinDft.convolutionLength(17293)).isEqualTo(65536);
        assertThat(BluesteinDft.convolutionLength(512 + 1)).isEqualTo(2048);
    }

    @Test
    void rejectsEvenLengthsAndPrimesWithoutTheRoots() {
        assertThatThrownBy(() -> BluesteinDft.create(Modulus.of(17), 4))
                .hasMessage("Bluestein length m must be odd and >= 3, got 4");
        assertThatThrownBy(() -> BluesteinDft.create(Modulus.of(11), 3))
                .hasMessage("q = 11 must be 1 mod m = 3");
    }

    static long[] quadraticDft(long[] a, long omega, Modulus mod) {
        int m = a.length;
        long[] out = new long[m];
        for (int k = 0; k < m; k++) {
            long root = mod.pow(omega, k);
            long sum = 0;
            long power = 1;
            for (long x : a) {
                sum = mod.add(sum, mod.mul(x, power));
                power = mod.mul(power, root);
            }
            out[k] = sum;
        }
        return out;
    }
}
