package org.wisekit.fhe.bgv;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The parameter tiers of the BoostCom note, all below the HE standard's 128 bits (each states its estimate):
 *
 * <pre>
 * tier  p    m      phi    d  slots  use                                   log2 Q  log2 P  security [EST]
 * T0    17   307    306    3  102    unit tests (16-bit words, d'=3, l=2)  319.8   150.0   toy
 * T1    257  1087   1086   3  362    integration tests, selftest           402.0   180.0   toy
 * B1    131  8581   8580   4  2145   benchmarks (64-bit, d'=4, l=3)        465.0   112.0   ~39 bits
 * B2    131  17293  17292  3  5764   paper-faithful (IZ Tab. 3, (3,4))     465.0   112.0   ~99 bits
 * </pre>
 *
 * <p>The chain-prime sizes (30, 38, 45, 45 bits behind a larger q_0 that holds the final noise) date from when
 * every prime had to be 1 mod lcm(m N, p), which left enough primes only at about log2(m N p) + 8 bits. Primes
 * now need only be 1 mod m N (the scalar factor tracks q^-1 mod p), so the same sizes give other primes, each
 * closer to 2^bits, and smaller sizes are possible (at B2, 14 primes of 38 bits); re-sizing the tiers is a
 * later step. B1 and B2 are sized to the HElib baseline's ~463 bits. Part 2 re-sizes chains from measured
 * budgets if the comparison circuits need
 * it. {@link #insecureParameters()} is the explicitly named way to build them; {@link BgvParameters#create}
 * refuses them.
 */
public enum ParameterTier {

    T0("unit tests: 16-bit words, (d', l) = (3, 2)", 307, 17, 50, 30, 9, new int[] {50, 50, 50}, 3),
    T1("integration tests and selftest: 32-bit words, (d', l) = (3, 2)", 1087, 257, 60, 38, 9,
            new int[] {60, 60, 60}, 3),
    B1("benchmarks: 64-bit words, (d', l) = (4, 3)", 8581, 131, 60, 45, 9, new int[] {56, 56}, 5),
    B2("paper-faithful (Iliashenko-Zucca Tab. 3, first row): 64-bit words, (d', l) = (3, 4)", 17293, 131, 60, 45, 9,
            new int[] {56, 56}, 5);

    private final String use;
    private final ParametersLiteral literal;

    ParameterTier(String use, int m, long p, int firstPrimeBits, int chainPrimeBits, int chainPrimes, int[] logP,
                  int digits) {
        this.use = use;
        List<Integer> logQ = new java.util.ArrayList<>();
        logQ.add(firstPrimeBits);
        logQ.addAll(Collections.nCopies(chainPrimes, chainPrimeBits));
        this.literal = new ParametersLiteral(m, p, logQ, Arrays.stream(logP).boxed().toList(), digits);
    }

    /** What the tier is for. */
    public String use() {
        return use;
    }

    public ParametersLiteral literal() {
        return literal;
    }

    /** The tier's parameters, built once and shared (they are immutable); below 128-bit security by design. */
    public BgvParameters insecureParameters() {
        return BgvParameters.sharedInsecure(literal);
    }

    /** The tier named {@code name} (case-insensitive); throws naming the valid tiers otherwise. */
    public static ParameterTier parse(String name) {
        return BgvParameters.parseTier(ParameterTier.class, name);
    }
}
