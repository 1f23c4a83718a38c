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
 * each digit (fewer transforms per key switch than five digits, at the price of a larger QP). All four are
 * below 128-bit security, most far below: the extra levels
 * cost modulus that the ring dimension does not pay for. {@link BgvParameters#security()} states each estimate.
 */
public enum ComparisonTier {

    T0(ParameterTier.T0, 20, 40, new int[] {50, 50, 50, 50, 50}, 5),
    T1(ParameterTier.T1, 21, 42, new int[] {60, 60, 60, 60}, 5),
    B1(ParameterTier.B1, 22, 47, new int[] {60, 60, 60, 60, 60, 60, 60, 60, 60, 60}, 2),
    B2(ParameterTier.B2, 17, 49, new int[] {60, 60, 60, 60, 60, 60, 60, 60}, 2);

    private final ParameterTier base;
    private final ParametersLiteral literal;

    ComparisonTier(ParameterTier base, int chainPrimes, int chainPrimeBits, int[] logP, int digits) {
        this.base = base;
        ParametersLiteral shallow = base.literal();
        List<Integer> logQ = new ArrayList<>();
        logQ.add(shallow.logQ().get(0));
        logQ.addAll(Collections.nCopies(chainPrimes, chainPrimeBits));
        this.literal = new ParametersLiteral(shallow.m(), shallow.plaintextModulus(), logQ, Arrays.stream(logP).boxed().toList(),
                digits);
    }

    /** The part-1 tier with the same ring and plaintext modulus. */
    public ParameterTier base() {
        return base;
    }

    public ParametersLiteral literal() {
        return literal;
    }

    /** Built once and shared; below 128-bit security (see {@link BgvParameters#security()}). */
    public BgvParameters insecureParameters() {
        return BgvParameters.sharedInsecure(literal);
    }

    /** The tier named {@code name} (case-insensitive); throws naming the valid tiers otherwise. */
    public static ComparisonTier parse(String name) {
        return BgvParameters.parseTier(ComparisonTier.class, name);
    }
}
