package org.wisekit.fhe.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.ParameterTier;
import org.wisekit.fhe.bgv.ParametersLiteral;

/**
 * Part 1's tiers (same ring, same p) with a modulus chain deep enough for the comparison circuits: one chain
 * prime per multiplicative level (a few bits larger than part 1's: sized when the congruence q = 1 mod
 * lcm(m N, p) left too few primes of the old size; primes now need only be 1 mod m N) (this module switches
 * modulus after every product), plus enough special primes that every key-switching digit stays below P (more
 * than the parameters require now: P may be smaller than a digit while the key-switching noise stays below a
 * fresh product's, see {@link BgvParameters}). Depth needed (measured with the stage
 * log, see the README): the compare circuit ceil(log2(p-1)) + (d'-1) + ceil(log2 l) + 1 levels, the array
 * circuits ceil(log2(N-1)) + 1 more. B1 and B2 use two key-switching digits and a special modulus P larger than
 * each digit (fewer transforms per key switch than five digits, at the price of a larger QP). These four are
 * below 128-bit security, most far below: the extra levels
 * cost modulus that the ring dimension does not pay for. {@link BgvParameters#security()} states each estimate.
 * {@link #B2_96} is B2's ring and word size with a chain of small primes (1 mod m only) that keeps it at 96 bits
 * or more by both estimates; {@link #parameters()} builds every tier with its security check.
 */
public enum ComparisonTier {

    T0(ParameterTier.T0, 20, 40, new int[] {50, 50, 50, 50, 50}, 5),
    T1(ParameterTier.T1, 21, 42, new int[] {60, 60, 60, 60}, 5),
    B1(ParameterTier.B1, 22, 47, new int[] {60, 60, 60, 60, 60, 60, 60, 60, 60, 60}, 2),
    B2(ParameterTier.B2, 17, 49, new int[] {60, 60, 60, 60, 60, 60, 60, 60}, 2),
    /**
     * Iliashenko-Zucca's B2 ring and word size (m = 17293, p = 131, 64-bit words, (d', l) = (3, 4)) at 96-bit
     * security or more by both estimates: {@link ParametersLiteral#smallPrimes() small primes} (1 mod m only, so
     * 31-bit chain primes exist), log2 Q = 60 + 14 x 31 = 494 bits, P = 38 + 38 bits, 6 key-switching digits.
     * Built with a 96-bit security check ({@link #parameters()}), not insecurely. Measured (probe, one thread):
     * HE standard 100.4 bits, HElib formula 97.1 bits; compares 64-bit words correctly on all 1441 words of a
     * ciphertext with 23.2 bits of exact noise budget left, about 90 s per comparison.
     */
    B2_96(ParameterTier.B2, 14, 31, new int[] {38, 38}, 6, true, 96);

    private final ParameterTier base;
    private final ParametersLiteral literal;
    private final int minimumSecurityBits;

    ComparisonTier(ParameterTier base, int chainPrimes, int chainPrimeBits, int[] logP, int digits) {
        this(base, chainPrimes, chainPrimeBits, logP, digits, false, 0);
    }

    ComparisonTier(ParameterTier base, int chainPrimes, int chainPrimeBits, int[] logP, int digits,
                   boolean smallPrimes, int minimumSecurityBits) {
        this.base = base;
        this.minimumSecurityBits = minimumSecurityBits;
        ParametersLiteral shallow = base.literal();
        List<Integer> logQ = new ArrayList<>();
        logQ.add(shallow.logQ().get(0));
        logQ.addAll(Collections.nCopies(chainPrimes, chainPrimeBits));
        this.literal = new ParametersLiteral(shallow.m(), shallow.plaintextModulus(), logQ, Arrays.stream(logP).boxed().toList(),
                digits, smallPrimes);
    }

    /** The part-1 tier with the same ring and plaintext modulus. */
    public ParameterTier base() {
        return base;
    }

    public ParametersLiteral literal() {
        return literal;
    }

    /**
     * The security target {@link #parameters()} checks: 96 bits for {@link #B2_96}; 0 (no check: research sizes
     * below 80 bits) for the others.
     */
    public int minimumSecurityBits() {
        return minimumSecurityBits;
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
     * {@link #parameters()} (for {@link #B2_96}, whichever was called first builds it).
     */
    public BgvParameters insecureParameters() {
        return BgvParameters.sharedInsecure(literal);
    }

    /** The tier named {@code name} (case-insensitive); throws naming the valid tiers otherwise. */
    public static ComparisonTier parse(String name) {
        return BgvParameters.parseTier(ComparisonTier.class, name);
    }
}
