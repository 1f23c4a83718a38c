package org.wisekit.fhe.bgv;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
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
 * <p><b>Primes.</b> Every prime is 1 modulo M = lcm(m N, p) for prime m (N the Bluestein NTT length, so the
 * prime holds the m-th and N-th roots of unity) or lcm(m, p) for a power of two m. q = 1 mod p makes
 * modulus switching and the division by P plaintext-neutral: both multiply the message by an inverse of a
 * prime, which is 1 modulo p. For each requested bit size the largest unused such prime below 2^bits is
 * taken, so the same literal always yields the same primes.
 *
 * <p><b>Security.</b> {@link #create} accepts only sets that the HE standard's table certifies at 128 bits or
 * more; {@link #createInsecure} is the explicitly named way to build the smaller research and test tiers.
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
    private final double[] log2Primes;
    private final SecurityEstimate security;
    private final long fingerprint;
    private final ConcurrentHashMap<Integer, LevelConstants> levelConstants = new ConcurrentHashMap<>();
    private volatile SlotAlgebra slots;

    private BgvParameters(ParametersLiteral literal) {
        this.literal = literal;
        this.cyclotomic = Cyclotomic.of(literal.m());
        long p = literal.plaintextModulus();
        if (p < 2 || p >= MAX_PLAINTEXT_MODULUS || !Primes.isPrime(p) || p == literal.m()
                || (cyclotomic.isPowerOfTwo() && p == 2)) {
            throw new IllegalArgumentException("plaintextModulus must be a prime below 2^20, not m and odd for "
                    + "a power-of-two m, got " + p);
        }
        long congruence = primeCongruence(cyclotomic, p);
        List<Long> primes = new ArrayList<>();
        Set<Long> used = new HashSet<>();
        for (int bits : concat(literal.logQ(), literal.logP())) {
            if (bits < 64 - Long.numberOfLeadingZeros(congruence) + 1) {
                throw new IllegalArgumentException("every prime must be 1 mod M = " + congruence + " (log2 M = "
                        + String.format("%.1f", Math.log(congruence) / Math.log(2)) + "), so needs more than "
                        + (64 - Long.numberOfLeadingZeros(congruence)) + " bits, got " + bits);
            }
            long q = Primes.descendingCongruentPrimes(bits, congruence, 1, used).get(0);
            used.add(q);
            primes.add(q);
        }
        this.ring = RnsRing.create(cyclotomic, primes);
        this.maxLevel = literal.logQ().size() - 1;
        this.log2Primes = primes.stream().mapToDouble(q -> Math.log(q) / Math.log(2)).toArray();
        this.digitGroups = digitGroups(maxLevel + 1, literal.keySwitchDigits());
        double log2P = IntStream.range(maxLevel + 1, primes.size()).mapToDouble(i -> log2Primes[i]).sum();
        for (int[] group : digitGroups) {
            double log2Digit = IntStream.of(group).mapToDouble(i -> log2Primes[i]).sum();
            if (log2P < log2Digit) {
                throw new IllegalArgumentException(String.format("the special modulus must exceed every digit "
                        + "modulus: log2 P = %.1f < %.1f (digit of primes %s); add special primes or digits",
                        log2P, log2Digit, Arrays.toString(group)));
            }
        }
        this.security = HeStandard.estimate(cyclotomic.phi(), log2Modulus(maxLevel) + log2P);
        this.fingerprint = fingerprint(literal, primes);
    }

    /** The parameters for {@code literal}; throws unless the HE standard certifies at least 128-bit security. */
    public static BgvParameters create(ParametersLiteral literal) {
        BgvParameters parameters = new BgvParameters(literal);
        if (!parameters.security.meetsStandard()) {
            throw new IllegalArgumentException(String.format("parameters are below 128-bit security: log2 QP = %.1f "
                    + "exceeds the HE standard's bound %s for phi(m) = %d (%s); use createInsecure for test and "
                    + "research tiers", parameters.security.log2Modulus(),
                    parameters.security.tableDimension() == 0 ? "(no table row below n = 1024)"
                            : HeStandard.maxLog2Modulus(parameters.security.tableDimension(), 128) + " at n = "
                            + parameters.security.tableDimension(),
                    parameters.ringDimension(), parameters.security.label()));
        }
        return parameters;
    }

    /**
     * The parameters for {@code literal} whatever their security, for tests, benchmarks and research tiers that
     * are below the standard. {@link #security()} says how far below.
     */
    public static BgvParameters createInsecure(ParametersLiteral literal) {
        return new BgvParameters(literal);
    }

    private static final ConcurrentHashMap<ParametersLiteral, BgvParameters> SHARED = new ConcurrentHashMap<>();

    /**
     * {@link #createInsecure} built once per literal and shared (parameters are immutable and costly to build):
     * what the named tiers hand out.
     */
    public static BgvParameters sharedInsecure(ParametersLiteral literal) {
        return SHARED.computeIfAbsent(literal, BgvParameters::createInsecure);
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

    /** The modulus every prime must be 1 modulo: lcm(m N, p) for prime m, lcm(m, p) for a power of two. */
    static long primeCongruence(Cyclotomic cyclotomic, long p) {
        int m = cyclotomic.m();
        long transform = cyclotomic.isPowerOfTwo() ? m : (long) m * BluesteinDft.convolutionLength(m);
        return transform / Primes.gcd(transform, p) * p;
    }

    /** Splits prime indices 0 .. count-1 into {@code digits} consecutive groups, the first ones one larger. */
    private static int[][] digitGroups(int count, int digits) {
        int[][] groups = new int[digits][];
        int start = 0;
        for (int j = 0; j < digits; j++) {
            int size = count / digits + (j < count % digits ? 1 : 0);
            groups[j] = IntStream.range(start, start + size).toArray();
            start += size;
        }
        return groups;
    }

    private static long fingerprint(ParametersLiteral literal, List<Long> primes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String canonical = literal.m() + "|" + literal.plaintextModulus() + "|" + primes + "|"
                    + literal.logQ().size() + "|" + literal.keySwitchDigits();
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
        return ring.modulus(index).value();
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

    /** 64 bits of SHA-256 over m, p, the primes and the digit split: serialized data carries it. */
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
