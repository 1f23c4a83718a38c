package org.wisekit.fhe.bgv;

import java.util.List;
import java.util.stream.Stream;

/**
 * The unchecked description of a BGV parameter set (lattigo's ParametersLiteral): the cyclotomic index m, the
 * plaintext modulus p, the bit sizes of the ciphertext primes q_0 .. q_L (q_0 first; level l uses q_0 .. q_l)
 * and of the special primes P used by key switching, and the number of key-switching digits (HElib's c).
 * The compact constructor checks only shape; {@link BgvParameters} checks that the set is realisable and
 * generates the primes.
 *
 * @param m                the cyclotomic index: an odd prime (slots) or a power of two
 * @param plaintextModulus the prime p
 * @param logQ             bit sizes of q_0 .. q_L, each in [2, 61]
 * @param logP             bit sizes of the special primes, each in [2, 61]
 * @param keySwitchDigits  how many groups the ciphertext primes are split into for hybrid key switching
 * @param smallPrimes      whether every prime need only be 1 mod m (not m N) for prime m, so that the largest
 *                         primes 1 mod m of each size are taken (see {@link BgvParameters}); no effect for a
 *                         power-of-two m, whose primes are 1 mod m anyway
 */
public record ParametersLiteral(int m, long plaintextModulus, List<Integer> logQ, List<Integer> logP,
                                int keySwitchDigits, boolean smallPrimes) {

    /** A literal without the {@code smallPrimes} option (primes 1 mod m N for prime m). */
    public ParametersLiteral(int m, long plaintextModulus, List<Integer> logQ, List<Integer> logP,
                             int keySwitchDigits) {
        this(m, plaintextModulus, logQ, logP, keySwitchDigits, false);
    }

    public ParametersLiteral {
        logQ = List.copyOf(logQ);
        logP = List.copyOf(logP);
        if (logQ.isEmpty() || logP.isEmpty()) {
            throw new IllegalArgumentException("logQ and logP must be non-empty, got logQ = " + logQ + ", logP = " + logP);
        }
        for (int bits : concat(logQ, logP)) {
            if (bits < 2 || bits > 61) {
                throw new IllegalArgumentException("prime bit sizes must be in [2, 61], got " + bits);
            }
        }
        if (keySwitchDigits < 1 || keySwitchDigits > logQ.size()) {
            throw new IllegalArgumentException("keySwitchDigits must be in [1, " + logQ.size() + "], got "
                    + keySwitchDigits);
        }
    }

    /** This literal with the {@code smallPrimes} option set to {@code smallPrimes}. */
    public ParametersLiteral withSmallPrimes(boolean smallPrimes) {
        return new ParametersLiteral(m, plaintextModulus, logQ, logP, keySwitchDigits, smallPrimes);
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
