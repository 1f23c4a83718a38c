package org.wisekit.fhe.bgv;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.wisekit.fhe.ring.BluesteinDft;
import org.wisekit.fhe.ring.Cyclotomic;
import org.wisekit.fhe.ring.Primes;
import org.wisekit.fhe.ring.RnsRing;
import org.wisekit.fhe.slots.SlotAlgebra;

/**
 * A validated BGV parameter set: the ring Z[X]/Phi_m(X), the plaintext modulus p, the RNS primes
 * q_0 .. q_L of the ciphertext modulus chain and the special primes P for key switching, the key-switching
 * digit groups, and the security estimate.
 *
 * <p><b>Primes.</b> Every prime is 1 modulo M = m N for prime m (N the Bluestein NTT length, so the prime holds
 * the m-th and N-th roots of unity) or M = m for a power of two m (the negacyclic NTT of length m/2 needs a
 * primitive m-th root). With the literal's {@link ParametersLiteral#smallPrimes() smallPrimes} option
 * (off by default; {@link ParameterGenerator.Builder#smallPrimes}) M = m for prime m too: primes that are not 1 mod N
 * then take {@link BluesteinDft}'s auxiliary-prime path, which makes 30-33-bit chain primes available at large m.
 * Even then a size takes a prime that is 1 mod m N when one of that size is unused (the direct transform, about
 * two thirds of the auxiliary path's work), so q_0 and the special primes, and the rare small ones, stay direct. Nothing ties the primes to p: modulus switching multiplies the message by q^-1 mod p,
 * and every ciphertext tracks that as its {@linkplain Ciphertext#scalarFactor() scalar factor} (HElib's
 * intFactor); the division by P in key switching leaves the message unchanged whatever P is modulo p, because
 * the key carries the factor P explicitly. For each requested bit size the largest unused such prime below
 * 2^bits (and different from p) is taken, so the same literal always yields the same primes.
 *
 * <p><b>Key-switching digits.</b> The ciphertext primes are split into {@code keySwitchDigits} consecutive
 * groups balanced by bit size (the split minimises the largest log2(|D_j| Q_(D_j)), which sets the key-switching
 * noise). P may be smaller than a digit: the key-switching noise grows with Q_(D_j) / P, and the only
 * requirement is that the noise a key switch adds at the top level (the noise model's estimate, which charges
 * each digit (|D_j| Q_(D_j) / P)^2) stays below the noise of a product of two fresh ciphertexts; then a
 * relinearization costs at most about one bit on the product it follows, and the modulus switch after it
 * removes it. Automorphisms of low-noise ciphertexts pay about log2(|D_j| Q_(D_j) / P) bits more than with a P
 * above every digit (measured at B2 with four digits of ~128 bits over P = 110 bits: a shift after a product
 * and modulus switch costs 33 bits of budget).
 * Otherwise the constructor throws an {@link IllegalArgumentException} with both noise figures.
 *
 * <p><b>Security.</b> {@link #security()} gives two estimates (the HE standard's table, interpolated, and
 * HElib's formula; see {@link SecurityEstimate}). {@link #create(ParametersLiteral)} accepts only sets that both
 * put at 128 bits or more, {@link #create(ParametersLiteral, int)} takes another target of at least 80 bits, and
 * {@link #createInsecure} is the explicitly named way to build the smaller research and test tiers. Security and
 * the key-switching noise are checked from the primes alone, before any transform table is built, so a refusal
 * is cheap; {@link ParameterGenerator} chooses sizes that pass both checks.
 *
 * <p><b>Explicit primes.</b> {@link #create(ParametersLiteral, List, int)} and
 * {@link #createInsecure(ParametersLiteral, List)} take the primes instead of searching for them (what
 * {@link BgvCodec#readParameters} does), checking each one.
 *
 * <p>Immutable and thread-safe; the slot structure and per-level constants are built on first use.
 */
public final class BgvParameters {

    /** Standard deviation of the discrete Gaussian errors (the HE standard's 3.2). */
    public static final double ERROR_STD_DEV = 3.2;

    private static final int MAX_PLAINTEXT_MODULUS = 1 << 20;

    private final ParametersLiteral literal;
    private final Cyclotomic cyclotomic;
    private final RnsRing ring;
    private final int maxLevel;
    private final int[][] digitGroups;
    private final List<Long> primes;
    private final double[] log2Primes;
    private final SecurityEstimate security;
    private final long fingerprint;
    private final ConcurrentHashMap<Integer, LevelConstants> levelConstants = new ConcurrentHashMap<>();
    private volatile SlotAlgebra slots;

    /**
     * Validates {@code literal}, takes {@code explicitPrimes} (checked) or generates the primes, checks security
     * against {@code minimumSecurityBits} (0: no check) and the key-switching noise, all from bit sizes and prime
     * values, and only then builds the transform tables (unless {@code planOnly}: then {@link #ring} stays null
     * and the object never leaves {@link #plan}).
     */
    private BgvParameters(ParametersLiteral literal, List<Long> explicitPrimes, double minimumSecurityBits,
                          boolean planOnly) {
        this.literal = literal;
        this.cyclotomic = Cyclotomic.of(literal.m());
        long p = literal.plaintextModulus();
        if (p < 2 || p >= MAX_PLAINTEXT_MODULUS || !Primes.isPrime(p) || p == literal.m()
                || (cyclotomic.isPowerOfTwo() && p == 2)) {
            throw new IllegalArgumentException("plaintextModulus must be a prime below 2^20, not m and odd for "
                    + "a power-of-two m, got " + p);
        }
        long congruence = primeCongruence(cyclotomic, literal.smallPrimes());
        this.primes = explicitPrimes == null ? generatePrimes(literal, congruence)
                : checkPrimes(literal, congruence, explicitPrimes);
        this.maxLevel = literal.logQ().size() - 1;
        this.log2Primes = primes.stream().mapToDouble(q -> Math.log(q) / Math.log(2)).toArray();
        this.digitGroups = digitGroups(Arrays.copyOf(log2Primes, maxLevel + 1), literal.keySwitchDigits());
        double log2P = log2SpecialModulus();
        this.security = SecurityEstimate.of(literal.m(), cyclotomic.phi(), log2Modulus(maxLevel) + log2P);
        if (minimumSecurityBits > 0) {
            checkSecurity(minimumSecurityBits);
        }
        if (!planOnly) {
            KeySwitchNoise noise = keySwitchNoise();
            if (!noise.fits()) {
                throw new IllegalArgumentException(noise.explanation());
            }
        }
        this.fingerprint = fingerprint(literal, primes);
        this.ring = planOnly ? null : RnsRing.create(cyclotomic, primes);
    }

    /**
     * The parameters for {@code literal}; throws, before building any transform table, unless both security
     * estimates ({@link SecurityEstimate#meets}) give at least 128 bits.
     */
    public static BgvParameters create(ParametersLiteral literal) {
        return new BgvParameters(literal, null, 128, false);
    }

    /**
     * The parameters for {@code literal} if both security estimates give at least {@code minimumSecurityBits}
     * (80 to 256; below 128 bits the HE standard's figure is a labelled extrapolation); throws before building
     * any transform table otherwise.
     */
    public static BgvParameters create(ParametersLiteral literal, int minimumSecurityBits) {
        return new BgvParameters(literal, null, checkMinimum(minimumSecurityBits), false);
    }

    /**
     * The parameters over explicit primes (q_0 .. q_L, then the special primes), as a reader of serialized
     * parameters needs them: each must be prime, 1 modulo the congruence, of exactly the bit size the literal
     * gives for it, different from p and from the others. Security as {@link #create(ParametersLiteral, int)}.
     */
    public static BgvParameters create(ParametersLiteral literal, List<Long> primes, int minimumSecurityBits) {
        return new BgvParameters(literal, List.copyOf(primes), checkMinimum(minimumSecurityBits), false);
    }

    /** The parameters a {@link ParameterGenerator} chose, checked against the security target it was given. */
    public static BgvParameters create(ParameterGenerator.Result generated) {
        return new BgvParameters(generated.literal(), generated.primes(), generated.targetBits(), false);
    }

    /**
     * Whether primes need only be 1 mod m for prime m: the literal's {@link ParametersLiteral#smallPrimes()} (see
     * the class comment).
     */
    public boolean smallPrimes() {
        return literal.smallPrimes();
    }

    /**
     * The parameters for {@code literal} whatever their security, for tests, benchmarks and research tiers that
     * are below the standard. {@link #security()} says how far below.
     */
    public static BgvParameters createInsecure(ParametersLiteral literal) {
        return new BgvParameters(literal, null, 0, false);
    }

    /** {@link #createInsecure(ParametersLiteral)} over explicit primes (checked as by {@link #create(ParametersLiteral, List, int)}). */
    public static BgvParameters createInsecure(ParametersLiteral literal, List<Long> primes) {
        return new BgvParameters(literal, List.copyOf(primes), 0, false);
    }

    private static final ConcurrentHashMap<ParametersLiteral, BgvParameters> SHARED = new ConcurrentHashMap<>();

    /**
     * {@link #createInsecure} built once per literal and shared (parameters are immutable and costly to build):
     * what the named tiers hand out.
     */
    public static BgvParameters sharedInsecure(ParametersLiteral literal) {
        return SHARED.computeIfAbsent(literal, BgvParameters::createInsecure);
    }

    /**
     * {@link #create(ParametersLiteral, int)} built once per literal and shared with {@link #sharedInsecure}:
     * throws, naming both estimates, unless they give at least {@code minimumSecurityBits} (80 to 256).
     */
    public static BgvParameters shared(ParametersLiteral literal, int minimumSecurityBits) {
        int target = checkMinimum(minimumSecurityBits);
        BgvParameters shared = SHARED.computeIfAbsent(literal, l -> new BgvParameters(l, null, target, false));
        shared.checkSecurity(target); // an instance shared insecurely first is checked here
        return shared;
    }

    /** The shared instance for {@code literal} if one was built and has this fingerprint (same primes), else null. */
    static BgvParameters sharedIfBuilt(ParametersLiteral literal, long fingerprint) {
        BgvParameters shared = SHARED.get(literal);
        return shared != null && shared.fingerprint == fingerprint ? shared : null;
    }

    private static int checkMinimum(int minimumSecurityBits) {
        if (minimumSecurityBits < SecurityEstimate.INSECURE_BELOW_BITS || minimumSecurityBits > 256) {
            throw new IllegalArgumentException("minimumSecurityBits must be in [" + SecurityEstimate.INSECURE_BELOW_BITS
                    + ", 256] (use createInsecure for research and test sets), got " + minimumSecurityBits);
        }
        return minimumSecurityBits;
    }

    /** Throws, naming the modulus needed and the modulus allowed, unless both estimates reach {@code target}. */
    private void checkSecurity(double target) {
        if (security.meets(target)) {
            return;
        }
        int n = cyclotomic.phi();
        String sizes = String.format(Locale.ROOT, "log2 QP = %.1f (log2 Q = %.1f + log2 P = %.1f)",
                security.log2Modulus(), log2Modulus(maxLevel), log2SpecialModulus());
        String hint = "; use createInsecure for test and research tiers";
        if (n < HeStandard.MIN_DIMENSION || n > HeStandard.MAX_DIMENSION) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "parameters %s %.0f-bit security: phi(m) = "
                    + "%d is outside the HE standard table (n = %d .. %d; no extrapolation), %s, %s%s",
                    n < HeStandard.MIN_DIMENSION ? "are below" : "cannot be certified at", target, n,
                    HeStandard.MIN_DIMENSION, HeStandard.MAX_DIMENSION, sizes, security.label(), hint));
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "parameters are below %.0f-bit security: %s "
                + "exceeds the %.1f that %.0f bits allow at m = %d, phi(m) = %d (HE standard: %.1f, HElib formula: "
                + "%.1f); estimates: HE standard %.1f bits, HElib formula %.1f bits%s", target, sizes,
                SecurityEstimate.allowedLog2Modulus(literal.m(), n, target), target, literal.m(), n,
                HeStandard.allowedLog2Modulus(n, target), SecurityEstimate.helibAllowedLog2Modulus(literal.m(), n, target),
                security.heStandardBits(), security.helibBits(), hint));
    }

    /**
     * The primes a literal gives: for each requested size in order (logQ, then logP), the largest prime below
     * 2^bits that is 1 modulo the congruence, different from p and from the primes taken before.
     */
    static List<Long> generatePrimes(ParametersLiteral literal, long congruence) {
        List<Long> primes = new ArrayList<>();
        Set<Long> used = new HashSet<>();
        used.add(literal.plaintextModulus());
        Cyclotomic cyclotomic = Cyclotomic.of(literal.m());
        long direct = primeCongruence(cyclotomic, false);
        for (int bits : concat(literal.logQ(), literal.logP())) {
            checkCongruenceFits(bits, congruence);
            long q = direct != congruence ? largestCongruentPrime(bits, direct, used) : 0;
            if (q == 0) {
                q = Primes.descendingCongruentPrimes(bits, congruence, 1, used).get(0);
            }
            used.add(q);
            primes.add(q);
        }
        return List.copyOf(primes);
    }

    /** The largest unused prime of exactly {@code bits} bits that is 1 mod {@code congruence}, or 0 if none. */
    private static long largestCongruentPrime(int bits, long congruence, Set<Long> used) {
        if (congruence >= (1L << (bits - 1))) {
            return 0;
        }
        long lower = 1L << (bits - 1);
        for (long candidate = ((1L << bits) - 2) / congruence * congruence + 1; candidate > lower;
             candidate -= congruence) {
            if (!used.contains(candidate) && Primes.isPrime(candidate)) {
                return candidate;
            }
        }
        return 0;
    }

    private static void checkCongruenceFits(int bits, long congruence) {
        if (bits < 64 - Long.numberOfLeadingZeros(congruence) + 1) {
            throw new IllegalArgumentException("every prime must be 1 mod M = " + congruence + " (log2 M = "
                    + String.format(Locale.ROOT, "%.1f", Math.log(congruence) / Math.log(2)) + "), so needs more than "
                    + (64 - Long.numberOfLeadingZeros(congruence)) + " bits, got " + bits);
        }
    }

    /** Checks explicit primes against the literal: count, primality, congruence, exact bit sizes, distinctness. */
    private static List<Long> checkPrimes(ParametersLiteral literal, long congruence, List<Long> primes) {
        List<Integer> sizes = concat(literal.logQ(), literal.logP());
        if (primes.size() != sizes.size()) {
            throw new IllegalArgumentException("primes must list " + sizes.size() + " primes (" + literal.logQ().size()
                    + " of logQ, then " + literal.logP().size() + " of logP), got " + primes.size());
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < primes.size(); i++) {
            long q = primes.get(i);
            int bits = sizes.get(i);
            String which = "prime " + i + " (" + (i < literal.logQ().size() ? "q_" + i : "special prime "
                    + (i - literal.logQ().size())) + ")";
            if (q < 2 || q >= (1L << 61) || !Primes.isPrime(q)) {
                throw new IllegalArgumentException(which + " must be a prime below 2^61, got " + q);
            }
            if (q % congruence != 1) {
                throw new IllegalArgumentException(which + " must be 1 mod M = " + congruence + ", got " + q
                        + " = " + (q % congruence) + " mod M");
            }
            if (64 - Long.numberOfLeadingZeros(q) != bits) {
                throw new IllegalArgumentException(which + " must have " + bits + " bits as the literal says, got " + q
                        + " with " + (64 - Long.numberOfLeadingZeros(q)) + " bits");
            }
            if (q == literal.plaintextModulus() || !seen.add(q)) {
                throw new IllegalArgumentException(which + " must differ from p and from every other prime, got " + q
                        + " twice");
            }
        }
        return List.copyOf(primes);
    }

    /** The constant of tier enum {@code type} named {@code name} (case-insensitive); throws naming the valid ones. */
    public static <E extends Enum<E>> E parseTier(Class<E> type, String name) {
        for (E tier : type.getEnumConstants()) {
            if (tier.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return tier;
            }
        }
        throw new IllegalArgumentException("tier must be one of " + Arrays.stream(type.getEnumConstants())
                .map(Enum::name).collect(Collectors.joining(", ")) + ", got '" + name + "'");
    }

    /**
     * The modulus every prime must be 1 modulo: m N for prime m (the length-m DFT by Bluestein's convolution of
     * length N), m for a power of two (the negacyclic NTT of length m/2). p plays no part.
     */
    static long primeCongruence(Cyclotomic cyclotomic) {
        return primeCongruence(cyclotomic, false);
    }

    /** {@link #primeCongruence(Cyclotomic)}, or m for every m with {@code smallPrimes}. */
    static long primeCongruence(Cyclotomic cyclotomic, boolean smallPrimes) {
        int m = cyclotomic.m();
        return cyclotomic.isPowerOfTwo() || smallPrimes ? m : (long) m * BluesteinDft.convolutionLength(m);
    }

    /**
     * log2(|D| Q_D) of a group of primes: the bound on the lifted digit that the key-switching noise scales with.
     */
    private static double digitSize(double[] log2Primes, int from, int to) {
        double sum = Math.log(to - from) / Math.log(2);
        for (int i = from; i < to; i++) {
            sum += log2Primes[i];
        }
        return sum;
    }

    /**
     * Splits prime indices 0 .. count-1 (count = log2Primes.length) into {@code digits} non-empty consecutive
     * groups balanced by bit size: the split that minimises the largest log2(|D_j| Q_(D_j)) (dynamic
     * programming over the split points; ties, within 1e-9 bits, go to the earlier boundary, so equal-sized
     * primes give the later digits the extra primes).
     */
    static int[][] digitGroups(double[] log2Primes, int digits) {
        int count = log2Primes.length;
        // best[j][i]: the smallest possible largest digit size when primes 0 .. i-1 form j digits.
        double[][] best = new double[digits + 1][count + 1];
        int[][] split = new int[digits + 1][count + 1];
        for (double[] row : best) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        best[0][0] = Double.NEGATIVE_INFINITY;
        for (int j = 1; j <= digits; j++) {
            for (int i = j; i <= count - (digits - j); i++) {
                for (int k = j - 1; k < i; k++) {
                    double candidate = Math.max(best[j - 1][k], digitSize(log2Primes, k, i));
                    if (candidate < best[j][i] - 1e-9) {
                        best[j][i] = candidate;
                        split[j][i] = k;
                    }
                }
            }
        }
        int[][] groups = new int[digits][];
        int end = count;
        for (int j = digits; j >= 1; j--) {
            int start = split[j][end];
            groups[j - 1] = IntStream.range(start, end).toArray();
            end = start;
        }
        return groups;
    }

    /** The key-switching noise check's figures: log2 variances of a top-level key switch and of a fresh product. */
    record KeySwitchNoise(double keySwitch, double product, String explanation) {
        boolean fits() {
            return keySwitch <= product;
        }
    }

    /**
     * The noise a key switch adds at the top level against that of a product of two fresh ciphertexts; the
     * parameters are refused when the first is larger (the special modulus is too small for the digits).
     */
    KeySwitchNoise keySwitchNoise() {
        double log2P = log2SpecialModulus();
        double[] log2Digits = new double[digitGroups.length];
        int largest = 0;
        for (int j = 0; j < digitGroups.length; j++) {
            int[] group = digitGroups[j];
            log2Digits[j] = digitSize(log2Primes, group[0], group[group.length - 1] + 1);
            if (log2Digits[j] > log2Digits[largest]) {
                largest = j;
            }
        }
        double fresh = NoiseModel.fresh(this);
        double product = NoiseModel.multiply(this, fresh, fresh);
        double keySwitch = NoiseModel.keySwitch(this, log2P, log2Digits);
        String explanation = String.format(Locale.ROOT, "the special modulus is too small for the "
                + "key-switching digits: with log2 P = %.1f and the largest digit log2(|D| Q_D) = %.1f (digit %d "
                + "of %d: primes %s), a key switch adds noise of standard deviation 2^%.1f, above the 2^%.1f of "
                + "a product of two fresh ciphertexts (m = %d, p = %d); add special primes or digits",
                log2P, log2Digits[largest], largest + 1, digitGroups.length, Arrays.toString(digitGroups[largest]),
                keySwitch / 2, product / 2, cyclotomic.m(), literal.plaintextModulus());
        return new KeySwitchNoise(keySwitch, product, explanation);
    }

    /**
     * What a literal (and optionally explicit primes) gives, computed from prime values alone, without building
     * a transform table and without refusing anything: the generator's probe.
     */
    record Plan(ParametersLiteral literal, List<Long> primes, double log2Q, double log2P, int[][] digitGroups,
                KeySwitchNoise noise, SecurityEstimate security, long fingerprint) {
    }

    static Plan plan(ParametersLiteral literal, List<Long> primes) {
        BgvParameters probe = new BgvParameters(literal, primes, 0, true);
        return new Plan(literal, probe.primes, probe.log2Modulus(probe.maxLevel), probe.log2SpecialModulus(),
                probe.digitGroups(), probe.keySwitchNoise(), probe.security, probe.fingerprint);
    }

    private static long fingerprint(ParametersLiteral literal, List<Long> primes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String canonical = literal.m() + "|" + literal.plaintextModulus() + "|" + primes + "|"
                    + literal.logQ().size() + "|" + literal.keySwitchDigits()
                    // only when set, so that every set without the option keeps its fingerprint (and old blobs read)
                    + (literal.smallPrimes() ? "|smallPrimes" : "");
            byte[] digest = sha.digest(canonical.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    public ParametersLiteral literal() {
        return literal;
    }

    public int m() {
        return cyclotomic.m();
    }

    /** phi(m), the number of coefficients of every polynomial. */
    public int ringDimension() {
        return cyclotomic.phi();
    }

    public long plaintextModulus() {
        return literal.plaintextModulus();
    }

    /** L: fresh ciphertexts live at level L (primes q_0 .. q_L); level 0 has only q_0. */
    public int maxLevel() {
        return maxLevel;
    }

    /** The ring over all primes: indices 0 .. L are q_0 .. q_L, then the special primes. */
    public RnsRing ring() {
        return ring;
    }

    public Cyclotomic cyclotomic() {
        return cyclotomic;
    }

    /** The value of prime index i (ciphertext primes first, then special primes). */
    public long prime(int index) {
        return primes.get(index);
    }

    /** log2(q_0 ... q_level). */
    public double log2Modulus(int level) {
        double sum = 0;
        for (int i = 0; i <= level; i++) {
            sum += log2Primes[i];
        }
        return sum;
    }

    /** log2 P, the special modulus. */
    public double log2SpecialModulus() {
        double sum = 0;
        for (int i = maxLevel + 1; i < log2Primes.length; i++) {
            sum += log2Primes[i];
        }
        return sum;
    }

    /** Prime indices 0 .. level. */
    public int[] primesAt(int level) {
        checkLevel(level);
        return IntStream.rangeClosed(0, level).toArray();
    }

    /** Prime indices 0 .. level followed by the special primes. */
    public int[] extendedPrimesAt(int level) {
        checkLevel(level);
        return IntStream.concat(IntStream.rangeClosed(0, level), IntStream.range(maxLevel + 1, ring.primeCount()))
                .toArray();
    }

    /** Prime indices of the special primes. */
    public int[] specialPrimes() {
        return IntStream.range(maxLevel + 1, ring.primeCount()).toArray();
    }

    /** The key-switching digit groups of ciphertext prime indices. */
    public int[][] digitGroups() {
        int[][] copy = new int[digitGroups.length][];
        for (int j = 0; j < copy.length; j++) {
            copy[j] = digitGroups[j].clone();
        }
        return copy;
    }

    public SecurityEstimate security() {
        return security;
    }

    /** The primes q_0 .. q_L, then the special primes (what {@link BgvCodec} stores with the literal). */
    public List<Long> primes() {
        return primes;
    }

    /**
     * 64 bits of SHA-256 over m, p, the primes, the digit split and (only when set, so that other sets keep the
     * fingerprints they always had) the {@code smallPrimes} option: serialized data carries it.
     */
    public long fingerprint() {
        return fingerprint;
    }

    /** True for prime m, where plaintexts have a slot structure. */
    public boolean hasSlots() {
        return !cyclotomic.isPowerOfTwo();
    }

    /** The slot algebra (prime m only), built on first use. */
    public SlotAlgebra slots() {
        if (!hasSlots()) {
            throw new UnsupportedOperationException("slots need a prime m; m = " + m() + " is a power of two "
                    + "(use coefficient plaintexts)");
        }
        SlotAlgebra algebra = slots;
        if (algebra == null) {
            synchronized (this) {
                algebra = slots;
                if (algebra == null) {
                    algebra = SlotAlgebra.create(m(), plaintextModulus());
                    slots = algebra;
                }
            }
        }
        return algebra;
    }

    /** The precomputed constants of one level. */
    LevelConstants constants(int level) {
        checkLevel(level);
        return levelConstants.computeIfAbsent(level, l -> new LevelConstants(this, l));
    }

    void checkLevel(int level) {
        if (level < 0 || level > maxLevel) {
            throw new IllegalArgumentException("level must be in [0, " + maxLevel + "], got " + level);
        }
    }

    /** A short description: m, p, phi, slots, modulus sizes and security. */
    public String describe() {
        String slotText = hasSlots() ? ", d = " + slots().degree() + ", slots = " + slots().slotCount() : "";
        return String.format("m = %d, p = %d, phi = %d%s, L = %d, log2 Q = %.1f, log2 P = %.1f, digits = %d, security: %s",
                m(), plaintextModulus(), ringDimension(), slotText, maxLevel, log2Modulus(maxLevel),
                log2SpecialModulus(), digitGroups.length, security.label());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BgvParameters other && other.fingerprint == fingerprint && other.literal.equals(literal);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fingerprint);
    }

    @Override
    public String toString() {
        return "BgvParameters(" + describe() + ")";
    }
}
