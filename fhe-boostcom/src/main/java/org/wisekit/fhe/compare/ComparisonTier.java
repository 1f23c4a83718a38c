package org.wisekit.fhe.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.ParameterTier;
import org.wisekit.fhe.bgv.ParametersLiteral;

/**
 * Parameter sets for the comparison circuits. Secure presets ({@link #minimumSecurityBits()} &gt; 0, built with
 * that check by both estimates of {@link org.wisekit.fhe.bgv.SecurityEstimate}):
 * <ul>
 *   <li>{@link #B2_96}: Iliashenko-Zucca's B2 ring and word size (p = 131, m = 17293, 64-bit words) at 96 bits or
 *       more; deep enough for the comparison (less-than and equality bits) of 64-bit words and for min/max of
 *       32-bit words, not for min/max of 64-bit words (one level more would need log2 QP &gt; 575, below 96 bits
 *       by HElib's formula at this ring).</li>
 *   <li>{@link #B3_128}: the ring of Iliashenko-Zucca's Table 3 second row (p = 167, m = 28057, 64-bit words), 128
 *       bits or more; deep enough for the comparison and min/max of 64-bit words.</li>
 * </ul>
 * Both use {@link ParametersLiteral#smallPrimes() small primes} (31-bit chain primes that are 1 mod m only) so that
 * each modulus switch drops about as many bits as a product adds, and several key-switching digits so that the
 * special modulus P stays small.
 *
 * <p>The research tiers T0, T1, B1 and B2 (part 1's rings and plaintext moduli with one chain prime per
 * multiplicative level) are INSECURE (below 80 bits, most far below: {@link BgvParameters#security()} states each
 * estimate) and are kept for unit tests, the smoke profile and comparison with older results. Depth needed
 * (measured with the stage log, see the README): the compare circuit ceil(log2(p-1)) + (d'-1) + ceil(log2 l) + 1
 * levels, the array circuits ceil(log2(N-1)) + 1 more. There is no secure B1: at m = 8581 (phi = 8580) 96 bits
 * allow log2 QP of about 290, far below the 450-500 bits of Q a 64-bit comparison needs ({@link
 * org.wisekit.fhe.bgv.ParameterGenerator} refuses it; HElib's own B1 is at 32 bits).
 */
public enum ComparisonTier {

    T0(ParameterTier.T0, 20, 40, new int[] {50, 50, 50, 50, 50}, 5),
    T1(ParameterTier.T1, 21, 42, new int[] {60, 60, 60, 60}, 5),
    B1(ParameterTier.B1, 22, 47, new int[] {60, 60, 60, 60, 60, 60, 60, 60, 60, 60}, 2),
    B2(ParameterTier.B2, 17, 49, new int[] {60, 60, 60, 60, 60, 60, 60, 60}, 2),
    /**
     * Iliashenko-Zucca's B2 ring and word size (m = 17293, p = 131, 64-bit words, (d', l) = (3, 4)) at 96-bit
     * security or more by both estimates: log2 Q = 60 + 14 x 31 = 494 bits, P = 38 + 38 bits, 6 key-switching
     * digits, log2 QP = 570 (HE standard 100.4 bits, HElib formula 97.1 bits). Compares 64-bit words (less-than and
     * equality); min/max of 64-bit words needs one more level than it has (the evaluator refuses it), min/max of
     * 32-bit words fits.
     */
    B2_96(17293, 131, 60, 14, 31, new int[] {38, 38}, 6, true, 96),
    /**
     * Iliashenko-Zucca's Table 3 second row (p = 167, m = 28057: phi = 28056, 9352 slots of degree 3), 64-bit words, (d', l) = (3, 4), 2338 words per
     * ciphertext, at 128-bit security or more by both estimates: log2 Q = 60 + 18 x 31 = 618 bits, P = 51 + 50 bits,
     * 5 key-switching digits, log2 QP = 719 (HE standard 135.0 bits, HElib formula 130.2 bits). Deep enough for the
     * comparison and min/max of 64-bit words and for the minimum and argmin of
     * N = 4 arrays of 16-bit words (sorting needs more levels).
     */
    B3_128(28057, 167, 60, 18, 31, new int[] {51, 50}, 5, true, 128);

    private final ParametersLiteral literal;
    private final int minimumSecurityBits;

    ComparisonTier(ParameterTier base, int chainPrimes, int chainPrimeBits, int[] logP, int digits) {
        this(base.literal().m(), base.literal().plaintextModulus(), base.literal().logQ().get(0), chainPrimes,
                chainPrimeBits, logP, digits, false, 0);
    }

    ComparisonTier(int m, long p, int firstPrimeBits, int chainPrimes, int chainPrimeBits, int[] logP, int digits,
                   boolean smallPrimes, int minimumSecurityBits) {
        this.minimumSecurityBits = minimumSecurityBits;
        List<Integer> logQ = new ArrayList<>();
        logQ.add(firstPrimeBits);
        logQ.addAll(Collections.nCopies(chainPrimes, chainPrimeBits));
        this.literal = new ParametersLiteral(m, p, logQ, Arrays.stream(logP).boxed().toList(), digits, smallPrimes);
    }

    public ParametersLiteral literal() {
        return literal;
    }

    /**
     * The security target {@link #parameters()} checks: 96 bits for {@link #B2_96}, 128 for {@link #B3_128}; 0 (no
     * check: research sizes below 80 bits) for the others.
     */
    public int minimumSecurityBits() {
        return minimumSecurityBits;
    }

    /** Whether this is a secure preset (a security target checked when it is built). */
    public boolean isSecure() {
        return minimumSecurityBits > 0;
    }

    /** The word width the tier was sized for: 16 bits at T0, 32 at T1, 64 at the others. */
    public int defaultWordBits() {
        return switch (this) {
            case T0 -> 16;
            case T1 -> 32;
            default -> 64;
        };
    }

    /**
     * The widest words whose min/max this tier's chain holds: 32 bits at {@link #B2_96} (64-bit min/max needs one
     * level more than it has), 64 at the others. The comparison itself fits at every width the tier's slots hold.
     */
    public int minMaxWordBits() {
        return this == B2_96 ? 32 : 64;
    }

    /**
     * The tier's parameters, built once and shared: checked against {@link #minimumSecurityBits()} (both
     * estimates) where the tier has a target, else built insecurely as {@link #insecureParameters()}.
     */
    public BgvParameters parameters() {
        return minimumSecurityBits > 0 ? BgvParameters.shared(literal, minimumSecurityBits)
                : BgvParameters.sharedInsecure(literal);
    }

    /**
     * Built once and shared whatever the security (see {@link BgvParameters#security()}); the same instance as
     * {@link #parameters()} (for a secure preset, whichever was called first builds it).
     */
    public BgvParameters insecureParameters() {
        return BgvParameters.sharedInsecure(literal);
    }

    /** The tier named {@code name} (case-insensitive); throws naming the valid tiers otherwise. */
    public static ComparisonTier parse(String name) {
        return BgvParameters.parseTier(ComparisonTier.class, name);
    }
}
