package org.wisekit.fhe.bgv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.wisekit.fhe.ring.Cyclotomic;
import org.wisekit.fhe.ring.Primes;

/**
 * Chooses BGV parameters for a circuit and a security target, in the spirit of OpenFHE's parameter generation:
 * given p, the ring (m, or a minimum slot count or word capacity to search m by), the multiplicative depth in
 * levels or the bits of Q the circuit needs, the number of key-switching digits and a security target, it picks
 * the first prime's size, the chain primes' sizes and the special modulus P, and refuses a target it cannot meet
 * with the numbers (the log2 QP needed against the log2 QP allowed). Everything is decided from prime values and
 * bit sizes: no transform table is built until {@link Result#build()}.
 *
 * <p><b>Algorithm</b> (for one m; the search tries prime m in ascending order, see {@link Builder#generate()}):
 * <ol>
 *   <li><em>Congruence.</em> Every prime must be 1 modulo M = m N (N the Bluestein length, 2^ceil(log2(2m-1)))
 *       for prime m, or M = m for a power of two; so only about 2^(b-1) / M / ln(2^b) * M / phi(M) primes of b
 *       bits exist (at m = 17293: 14 of 38 bits, 13 of 39, 46 of 40). {@link Result#supply()} lists how many
 *       exist at each size used. With {@link Builder#smallPrimes} M = m for prime m as well (primes not 1 mod N
 *       use {@link org.wisekit.fhe.ring.BluesteinDft}'s auxiliary-prime path): hundreds of primes of 30-33 bits
 *       at m = 17293; {@link Builder#minChainPrimeBits} then may be set that low.</li>
 *   <li><em>q_0</em> has {@link Builder#firstPrimeBits} bits (default 60: it holds the noise of the last
 *       operations at level 0, where nothing can be switched away).</li>
 *   <li><em>Chain.</em> One prime per level (this module switches modulus after every product), of the smallest
 *       sizes &gt;= {@link Builder#minChainPrimeBits} (default 38 bits) that still have unused primes: all the
 *       primes of the smallest size first, then the next size, so the chain is as short in bits as the
 *       congruence allows. With a depth L that is L primes; with a number of bits B, primes are added until
 *       log2 Q &gt;= B, so Q may exceed B by up to one chain prime (about 38 bits; a smaller q_0 lands
 *       closer).</li>
 *   <li><em>Digits.</em> The chain is split into the requested number of digits (default 4, at most L + 1)
 *       balanced by bit size, as {@link BgvParameters} does.</li>
 *   <li><em>P.</em> The smallest special modulus that {@link BgvParameters}' key-switching noise check accepts
 *       for those digits: a first estimate from the noise of a trial P (the key-switching noise falls by 2 bits
 *       of variance per bit of P), then one bit at a time until the check passes; P is split into
 *       ceil(bits / 60) primes of near-equal size.</li>
 *   <li><em>Security.</em> log2 QP against both estimates of {@link SecurityEstimate}; the target is met when
 *       both reach it. Otherwise: {@link IllegalArgumentException} naming the log2 QP needed and allowed.</li>
 * </ol>
 *
 * <p>The depth is the caller's: this class does not model a circuit's noise. It guarantees the congruence,
 * the key-switching noise bound and the security target; whether a circuit of that depth decrypts depends on
 * the per-level noise, which the evaluator checks (it throws rather than return a wrong result). Stateless.
 */
public final class ParameterGenerator {

    /** Key-switching digits unless told otherwise. */
    public static final int DEFAULT_DIGITS = 4;
    public static final int DEFAULT_FIRST_PRIME_BITS = 60;
    public static final int DEFAULT_MIN_CHAIN_PRIME_BITS = 38;
    public static final int DEFAULT_SECURITY_BITS = 128;
    /** The largest special prime: a bit under the 61-bit limit of {@link org.wisekit.fhe.ring.Modulus}. */
    static final int MAX_SPECIAL_PRIME_BITS = 60;
    /** Sizes with more candidates than this are counted only as far as needed. */
    private static final long FULL_COUNT_CANDIDATES = 1L << 16;

    private ParameterGenerator() {
    }

    /** A request for plaintext modulus p; set the ring, the depth or modulus bits, then {@link Builder#generate()}. */
    public static Builder forPlaintextModulus(long p) {
        return new Builder(p);
    }

    /** How many primes of one size are 1 mod M ({@code exact} false: at least {@code count}, counting stopped). */
    public record PrimeSupply(int bits, int count, boolean exact) {
        @Override
        public String toString() {
            return (exact ? "" : ">= ") + count + " of " + bits + " bits";
        }
    }

    /**
     * The chosen parameters.
     *
     * @param literal    the sizes (q_0, the chain, P) and digits
     * @param primes     the primes they give, as {@link BgvParameters} would generate them
     * @param targetBits the security target both estimates meet
     * @param log2Q      log2 of the ciphertext modulus q_0 ... q_L
     * @param log2P      log2 of the special modulus
     * @param security   both estimates at log2 QP
     * @param congruence M: every prime is 1 mod M
     * @param supply     the primes of each chain size that exist
     * @param slotDegree d = ord_p(m) for prime m (0 for a power of two)
     */
    public record Result(ParametersLiteral literal, List<Long> primes, int targetBits, double log2Q, double log2P,
                         SecurityEstimate security, long congruence, List<PrimeSupply> supply, int slotDegree) {

        public Result {
            primes = List.copyOf(primes);
            supply = List.copyOf(supply);
            long expected = BgvParameters.primeCongruence(Cyclotomic.of(literal.m()), literal.smallPrimes());
            if (congruence != expected) {
                throw new IllegalArgumentException("congruence " + congruence + " does not match the literal's (m = "
                        + literal.m() + ", smallPrimes = " + literal.smallPrimes() + ": " + expected + ")");
            }
        }

        /** Whether the primes need only be 1 mod m: the literal's {@link ParametersLiteral#smallPrimes()}. */
        public boolean smallPrimes() {
            return literal.smallPrimes();
        }

        public double log2QP() {
            return log2Q + log2P;
        }

        /** The chain depth L: the number of primes after q_0. */
        public int depth() {
            return literal.logQ().size() - 1;
        }

        /** Builds the parameters (transform tables included), checked against the target again. */
        public BgvParameters build() {
            return BgvParameters.create(this);
        }

        /** One paragraph: ring, sizes, moduli and both estimates. */
        public String describe() {
            int m = literal.m();
            int phi = Integer.bitCount(m) == 1 ? m / 2 : m - 1;
            return String.format(Locale.ROOT, "m = %d, p = %d, phi = %d%s, L = %d, q_0 %d bits, chain %s, P %s "
                            + "(%d digits); log2 Q = %.1f, log2 P = %.1f, log2 QP = %.1f; primes = 1 mod %d (%s%s); "
                            + "security (target %d): HE standard %.1f bits (%s), HElib formula %.1f bits",
                    m, literal.plaintextModulus(), phi, slotDegree > 0 ? ", d = " + slotDegree + ", slots = "
                            + phi / slotDegree : "", depth(), literal.logQ().get(0),
                    runs(literal.logQ().subList(1, literal.logQ().size())), runs(literal.logP()),
                    literal.keySwitchDigits(), log2Q, log2P, log2QP(), congruence, literal.smallPrimes() ? "small primes, "
                            : "", supply, targetBits,
                    security.heStandardBits(), security.heStandardBasis(), security.helibBits());
        }

        private static String runs(List<Integer> sizes) {
            if (sizes.isEmpty()) {
                return "none";
            }
            StringBuilder text = new StringBuilder();
            int start = 0;
            for (int i = 1; i <= sizes.size(); i++) {
                if (i == sizes.size() || !sizes.get(i).equals(sizes.get(start))) {
                    text.append(text.length() > 0 ? " + " : "").append(i - start).append(" x ").append(sizes.get(start));
                    start = i;
                }
            }
            return text.toString();
        }
    }

    /** The request. Every setter validates its argument; {@link #generate()} checks the combination. */
    public static final class Builder {

        private final long p;
        private int m;
        private int minimumSlots;
        private int wordBits;
        private int minimumWords;
        private int maxSlotDegree;
        private int depth = -1;
        private int modulusBits = -1;
        private int digits = DEFAULT_DIGITS;
        private int securityBits = DEFAULT_SECURITY_BITS;
        private int firstPrimeBits = DEFAULT_FIRST_PRIME_BITS;
        private int minChainPrimeBits = DEFAULT_MIN_CHAIN_PRIME_BITS;
        private boolean smallPrimes;

        private Builder(long p) {
            if (p < 2 || p >= (1 << 20) || !Primes.isPrime(p)) {
                throw new IllegalArgumentException("plaintextModulus must be a prime below 2^20, got " + p);
            }
            this.p = p;
        }

        /** The cyclotomic index (an odd prime or a power of two); without it, {@link #generate()} searches m. */
        public Builder m(int m) {
            if (m < 3) {
                throw new IllegalArgumentException("m must be an odd prime or a power of two >= 4, got " + m);
            }
            this.m = m;
            return this;
        }

        /** For the search: at least this many slots, phi(m) / ord_p(m). */
        public Builder minimumSlots(int slots) {
            if (slots < 1) {
                throw new IllegalArgumentException("minimumSlots must be >= 1, got " + slots);
            }
            this.minimumSlots = slots;
            return this;
        }

        /**
         * For the search: room for at least {@code words} words of {@code wordBits} bits per ciphertext in the
         * Iliashenko-Zucca layout ({@code WordFormat.of}: base b = (p+1)/2, D = ceil(wordBits / log2 b) digits,
         * l = ceil(D / d) slots per word, capacity floor(slots / l)); limits ord_p(m) to D unless
         * {@link #maxSlotDegree} says otherwise.
         */
        public Builder minimumWords(int wordBits, int words) {
            if (wordBits < 1 || wordBits > 64 || words < 1) {
                throw new IllegalArgumentException("wordBits must be in [1, 64] and words >= 1, got " + wordBits
                        + " and " + words);
            }
            this.wordBits = wordBits;
            this.minimumWords = words;
            return this;
        }

        /** For the search: the largest slot degree d = ord_p(m) to accept (each extra degree costs a Frobenius). */
        public Builder maxSlotDegree(int degree) {
            if (degree < 1) {
                throw new IllegalArgumentException("maxSlotDegree must be >= 1, got " + degree);
            }
            this.maxSlotDegree = degree;
            return this;
        }

        /** The multiplicative depth: L chain primes after q_0, one per level. */
        public Builder depth(int levels) {
            if (levels < 0 || levels > 200) {
                throw new IllegalArgumentException("depth must be in [0, 200], got " + levels);
            }
            this.depth = levels;
            return this;
        }

        /** Instead of a depth: add chain primes until log2 Q reaches this many bits. */
        public Builder modulusBits(int bits) {
            if (bits < 2 || bits > 12000) {
                throw new IllegalArgumentException("modulusBits must be in [2, 12000], got " + bits);
            }
            this.modulusBits = bits;
            return this;
        }

        /** Key-switching digits (HElib's c); default 4, at most L + 1. */
        public Builder keySwitchDigits(int digits) {
            if (digits < 1) {
                throw new IllegalArgumentException("keySwitchDigits must be >= 1, got " + digits);
            }
            this.digits = digits;
            return this;
        }

        /** The security target in bits, 80 to 256 (e.g. 80, 96, 128); default 128. */
        public Builder securityBits(int bits) {
            if (bits < SecurityEstimate.INSECURE_BELOW_BITS || bits > 256) {
                throw new IllegalArgumentException("securityBits must be in [" + SecurityEstimate.INSECURE_BELOW_BITS
                        + ", 256], got " + bits);
            }
            this.securityBits = bits;
            return this;
        }

        /** Bits of q_0 (default 60). */
        public Builder firstPrimeBits(int bits) {
            if (bits < 2 || bits > 61) {
                throw new IllegalArgumentException("firstPrimeBits must be in [2, 61], got " + bits);
            }
            this.firstPrimeBits = bits;
            return this;
        }

        /** The smallest chain prime size to use (default 38). */
        public Builder minChainPrimeBits(int bits) {
            if (bits < 2 || bits > 61) {
                throw new IllegalArgumentException("minChainPrimeBits must be in [2, 61], got " + bits);
            }
            this.minChainPrimeBits = bits;
            return this;
        }

        /**
         * Whether primes need only be 1 mod m for prime m instead of 1 mod m N (default false); see
         * {@link BgvParameters}. The result's literal then carries the option ({@link Result#smallPrimes()}), its
         * {@link Result#congruence()} is m and {@link Result#build()} builds with it.
         */
        public Builder smallPrimes(boolean smallPrimes) {
            this.smallPrimes = smallPrimes;
            return this;
        }

        /**
         * Chooses the parameters. With {@link #m} set, for that ring, or throws naming what fails (the security
         * numbers, too few primes, a slot requirement). Without it, tries every prime m with phi(m) in the HE
         * standard's table (1024 .. 32768), ascending, that meets the slot and word requirements, and returns the
         * first that meets everything (the smallest ring); throws when none does.
         */
        public Result generate() {
            if ((depth < 0) == (modulusBits < 0)) {
                throw new IllegalArgumentException("set exactly one of depth and modulusBits, got depth = "
                        + (depth < 0 ? "unset" : depth) + ", modulusBits = " + (modulusBits < 0 ? "unset" : modulusBits));
            }
            if (m > 0) {
                String problem = ringProblem(m);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
                return chooseFor(m);
            }
            if (minimumSlots == 0 && minimumWords == 0) {
                throw new IllegalArgumentException("set m, or minimumSlots or minimumWords to search m by");
            }
            List<String> rings = new ArrayList<>();
            String last = null;
            for (int candidate = HeStandard.MIN_DIMENSION + 1; candidate <= HeStandard.MAX_DIMENSION + 1; candidate++) {
                if (candidate == p || !Primes.isPrime(candidate) || ringProblem(candidate) != null) {
                    continue;
                }
                rings.add(String.valueOf(candidate));
                double floor = modulusBits > 0 ? modulusBits : firstPrimeBits - 1 + depth * (minChainPrimeBits - 1.0);
                double allowed = SecurityEstimate.allowedLog2Modulus(candidate, candidate - 1, securityBits);
                if (allowed < floor) {
                    last = String.format(Locale.ROOT, "m = %d allows log2 QP <= %.1f at %d bits, below the %.0f bits "
                            + "of Q alone", candidate, allowed, securityBits, floor);
                    continue;
                }
                try {
                    return chooseFor(candidate);
                } catch (IllegalArgumentException e) {
                    last = e.getMessage();
                }
            }
            throw new IllegalArgumentException(String.format(Locale.ROOT, "no prime m with phi(m) in [%d, %d] meets "
                    + "the request (p = %d%s%s, %s, %d digits, %d-bit security): %s", HeStandard.MIN_DIMENSION,
                    HeStandard.MAX_DIMENSION, p, minimumSlots > 0 ? ", >= " + minimumSlots + " slots" : "",
                    minimumWords > 0 ? ", >= " + minimumWords + " words of " + wordBits + " bits" : "",
                    depth >= 0 ? "depth " + depth : modulusBits + " bits of Q", digits, securityBits,
                    rings.isEmpty() ? "no ring has the slots (relax maxSlotDegree or the slot requirement)"
                            : "the rings with the slots are m = " + String.join(", ", rings.subList(0,
                            Math.min(12, rings.size()))) + (rings.size() > 12 ? ", ..." : "")
                            + " and none meets the security; the largest: " + last));
        }

        /** Why ring m cannot serve the request's slot and word requirements, or null. */
        private String ringProblem(int ring) {
            Cyclotomic cyclotomic;
            try {
                cyclotomic = Cyclotomic.of(ring);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
            if (ring == p) {
                return "m must differ from p, got m = p = " + p;
            }
            if (minimumSlots == 0 && minimumWords == 0) {
                return null;
            }
            if (cyclotomic.isPowerOfTwo()) {
                return "slot and word requirements need a prime m, got m = " + ring;
            }
            int d = (int) Primes.multiplicativeOrder(p, ring);
            int slots = cyclotomic.phi() / d;
            int digitsPerWord = minimumWords > 0
                    ? (int) Math.ceil(wordBits / (Math.log((p + 1) / 2) / Math.log(2)) - 1e-9) : 0;
            int maxDegree = maxSlotDegree > 0 ? maxSlotDegree : minimumWords > 0 ? digitsPerWord : Integer.MAX_VALUE;
            if (d > maxDegree) {
                return "m = " + ring + " has slot degree d = ord_p(m) = " + d + " > " + maxDegree;
            }
            if (slots < minimumSlots) {
                return "m = " + ring + " has " + slots + " slots < " + minimumSlots;
            }
            if (minimumWords > 0) {
                int slotsPerWord = (digitsPerWord + d - 1) / d;
                int capacity = slots / slotsPerWord;
                if (capacity < minimumWords) {
                    return "m = " + ring + " holds " + capacity + " words of " + wordBits + " bits < " + minimumWords;
                }
            }
            return null;
        }

        private Result chooseFor(int ring) {
            Cyclotomic cyclotomic = Cyclotomic.of(ring);
            int n = cyclotomic.phi();
            long congruence = BgvParameters.primeCongruence(cyclotomic, smallPrimes);
            int log2M = 64 - Long.numberOfLeadingZeros(congruence);
            if (firstPrimeBits <= log2M) {
                throw new IllegalArgumentException("firstPrimeBits must exceed log2 M = " + log2M + " (primes are 1 mod M = "
                        + congruence + "), got " + firstPrimeBits);
            }
            // q_0, then the chain from the smallest sizes that have primes left.
            Set<Long> used = new HashSet<>();
            used.add(p);
            long q0 = Primes.descendingCongruentPrimes(firstPrimeBits, congruence, 1, used).get(0);
            used.add(q0);
            double log2Q = log2(q0);
            List<Integer> logQ = new ArrayList<>();
            logQ.add(firstPrimeBits);
            List<PrimeSupply> supply = new ArrayList<>();
            int size = Math.max(minChainPrimeBits, log2M + 1);
            int wanted = depth >= 0 ? depth : Integer.MAX_VALUE;
            while (logQ.size() - 1 < wanted && (modulusBits < 0 || log2Q < modulusBits)) {
                if (size > 61) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "not enough primes = 1 mod M = %d "
                            + "(m = %d) of %d to 61 bits for the chain: found %d (%s)", congruence, ring,
                            Math.max(minChainPrimeBits, log2M + 1), logQ.size() - 1, supply));
                }
                int need = depth >= 0 ? wanted - (logQ.size() - 1) : Integer.MAX_VALUE;
                if (modulusBits >= 0) {
                    need = (int) Math.min(Integer.MAX_VALUE, Math.ceil((modulusBits - log2Q) / (size - 1.0)) + 1);
                }
                List<Long> available = congruentPrimes(size, congruence, used, need);
                supply.add(supplyOf(size, congruence, used, available));
                for (long q : available) {
                    if (logQ.size() - 1 >= wanted || (modulusBits >= 0 && log2Q >= modulusBits)) {
                        break;
                    }
                    used.add(q);
                    logQ.add(size);
                    log2Q += log2(q);
                }
                size++;
            }
            // A quick refusal before searching P: Q alone already above what the target allows.
            double allowed = allowed(ring, n);
            if (log2Q > allowed) {
                throw refusal(ring, n, log2Q, Double.NaN, allowed, 0);
            }
            int levels = logQ.size();
            int digitCount = Math.min(digits, levels);
            // P: estimate from a trial special prime, then one bit at a time.
            int trialBits = Math.min(MAX_SPECIAL_PRIME_BITS, Math.max(log2M + 2, 40));
            BgvParameters.Plan trial = BgvParameters.plan(new ParametersLiteral(ring, p, logQ, List.of(trialBits),
                    digitCount, smallPrimes), null);
            double excess = (trial.noise().keySwitch() - trial.noise().product()) / 2;
            int bitsOfP = Math.max(log2M + 1, (int) Math.floor(trial.log2P() + excess) - 2);
            while (bitsOfP > log2M + 1 && fits(ring, logQ, bitsOfP - 1, log2M, digitCount) != null) {
                bitsOfP--; // the estimate was high: step down to the smallest P that passes
            }
            for (int attempt = 0; attempt < 400; attempt++, bitsOfP++) {
                BgvParameters.Plan plan = fits(ring, logQ, bitsOfP, log2M, digitCount);
                if (plan == null) {
                    continue;
                }
                ParametersLiteral literal = plan.literal();
                if (plan.log2Q() + plan.log2P() > allowed || !plan.security().meets(securityBits)) {
                    throw refusal(ring, n, plan.log2Q(), plan.log2P(), allowed, digitCount);
                }
                int degree = cyclotomic.isPowerOfTwo() ? 0 : (int) Primes.multiplicativeOrder(p, ring);
                return new Result(literal, plan.primes(), securityBits, plan.log2Q(), plan.log2P(), plan.security(),
                        congruence, supply, degree);
            }
            throw new IllegalArgumentException("no special modulus up to " + bitsOfP + " bits passes the key-switching "
                    + "noise check at m = " + ring + " with " + digitCount + " digits");
        }

        /** The plan with a special modulus of {@code bitsOfP} bits if it passes the key-switching check, else null. */
        private BgvParameters.Plan fits(int ring, List<Integer> logQ, int bitsOfP, int log2M, int digitCount) {
            ParametersLiteral literal = new ParametersLiteral(ring, p, logQ, specialSizes(bitsOfP, log2M + 1),
                    digitCount, smallPrimes);
            try {
                BgvParameters.Plan plan = BgvParameters.plan(literal, null);
                return plan.noise().fits() ? plan : null;
            } catch (IllegalArgumentException tooFewPrimes) {
                return null;
            }
        }

        /** The largest log2 QP both estimates allow at the target (the HE standard's table must cover phi). */
        private double allowed(int ring, int n) {
            if (n < HeStandard.MIN_DIMENSION || n > HeStandard.MAX_DIMENSION) {
                throw new IllegalArgumentException("cannot certify " + securityBits + "-bit security at m = " + ring
                        + ": phi(m) = " + n + " is outside the HE standard table (n = " + HeStandard.MIN_DIMENSION
                        + " .. " + HeStandard.MAX_DIMENSION + "; no extrapolation)");
            }
            return SecurityEstimate.allowedLog2Modulus(ring, n, securityBits);
        }

        private IllegalArgumentException refusal(int ring, int n, double log2Q, double log2P, double allowed,
                                                 int digitCount) {
            String needed = Double.isNaN(log2P)
                    ? String.format(Locale.ROOT, "log2 Q = %.1f alone (before any special modulus)", log2Q)
                    : String.format(Locale.ROOT, "log2 QP = %.1f (log2 Q = %.1f + log2 P = %.1f for %d digits)",
                    log2Q + log2P, log2Q, log2P, digitCount);
            return new IllegalArgumentException(String.format(Locale.ROOT, "cannot meet %d-bit security at m = %d "
                            + "(phi(m) = %d): the chain needs %s, but %d bits allow at most log2 QP = %.1f (HE standard: "
                            + "%.1f, HElib formula: %.1f)", securityBits, ring, n, needed, securityBits, allowed,
                    HeStandard.allowedLog2Modulus(n, securityBits),
                    SecurityEstimate.helibAllowedLog2Modulus(ring, n, securityBits)));
        }
    }

    /** ceil(bits / 60) special prime sizes of near-equal size summing to {@code bits}, each at least {@code min}. */
    static List<Integer> specialSizes(int bits, int min) {
        int count = Math.max(1, (bits + MAX_SPECIAL_PRIME_BITS - 1) / MAX_SPECIAL_PRIME_BITS);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sizes.add(Math.max(min, bits / count + (i < bits % count ? 1 : 0)));
        }
        Collections.sort(sizes, Collections.reverseOrder());
        return sizes;
    }

    /**
     * Up to {@code limit} primes of exactly {@code bits} bits, 1 mod {@code congruence}, not in {@code exclude},
     * largest first (the order in which {@link BgvParameters} takes them).
     */
    static List<Long> congruentPrimes(int bits, long congruence, Set<Long> exclude, int limit) {
        List<Long> primes = new ArrayList<>();
        long lower = 1L << (bits - 1);
        if (congruence >= lower) {
            return primes;
        }
        for (long q = ((1L << bits) - 2) / congruence * congruence + 1; q > lower && primes.size() < limit;
             q -= congruence) {
            if (!exclude.contains(q) && Primes.isPrime(q)) {
                primes.add(q);
            }
        }
        return primes;
    }

    /** How many primes of {@code bits} bits are 1 mod M: all of them when there are few candidates. */
    private static PrimeSupply supplyOf(int bits, long congruence, Set<Long> used, List<Long> taken) {
        long candidates = congruence >= (1L << (bits - 1)) ? 0 : (1L << (bits - 1)) / congruence;
        if (candidates <= FULL_COUNT_CANDIDATES) {
            int count = congruentPrimes(bits, congruence, Set.of(), Integer.MAX_VALUE).size();
            return new PrimeSupply(bits, count, true);
        }
        return new PrimeSupply(bits, taken.size(), false);
    }

    /** How many primes of each size from {@code fromBits} to {@code toBits} are 1 mod M for ring m (counted fully). */
    public static List<PrimeSupply> primeSupply(int m, int fromBits, int toBits) {
        Cyclotomic cyclotomic = Cyclotomic.of(m);
        long congruence = BgvParameters.primeCongruence(cyclotomic);
        if (fromBits < 2 || toBits > 61 || fromBits > toBits) {
            throw new IllegalArgumentException("need 2 <= fromBits <= toBits <= 61, got " + fromBits + ", " + toBits);
        }
        List<PrimeSupply> supply = new ArrayList<>();
        for (int bits = fromBits; bits <= toBits; bits++) {
            long candidates = congruence >= (1L << (bits - 1)) ? 0 : (1L << (bits - 1)) / congruence;
            if (candidates > FULL_COUNT_CANDIDATES) {
                throw new IllegalArgumentException(bits + "-bit primes = 1 mod " + congruence + " have " + candidates
                        + " candidates, more than this method counts (" + FULL_COUNT_CANDIDATES + ")");
            }
            supply.add(new PrimeSupply(bits, congruentPrimes(bits, congruence, Set.of(), Integer.MAX_VALUE).size(), true));
        }
        return supply;
    }

    private static double log2(long q) {
        return Math.log(q) / Math.log(2);
    }
}
