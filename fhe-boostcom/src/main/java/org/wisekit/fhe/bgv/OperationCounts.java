package org.wisekit.fhe.bgv;

/**
 * A snapshot of {@link OperationCounters}.
 *
 * @param additions                additions and subtractions of ciphertexts or plaintexts
 * @param plaintextMultiplications ciphertext x plaintext products (masks and constants included)
 * @param multiplications          ciphertext x ciphertext products (tensor step)
 * @param relinearizations         relinearizations (each one key switch)
 * @param keySwitches              hybrid key switches (relinearizations and automorphisms)
 * @param automorphisms            automorphisms X -&gt; X^k (each one key switch)
 * @param modulusSwitches          primes dropped
 * @param transforms               length-m transforms of one prime row, either direction
 */
public record OperationCounts(long additions, long plaintextMultiplications, long multiplications,
                              long relinearizations, long keySwitches, long automorphisms, long modulusSwitches,
                              long transforms) {

    public OperationCounts {
        if (additions < 0 || plaintextMultiplications < 0 || multiplications < 0 || relinearizations < 0
                || keySwitches < 0 || automorphisms < 0 || modulusSwitches < 0 || transforms < 0) {
            throw new IllegalArgumentException("counts must be >= 0, got " + additions + ", " + plaintextMultiplications
                    + ", " + multiplications + ", " + relinearizations + ", " + keySwitches + ", " + automorphisms
                    + ", " + modulusSwitches + ", " + transforms);
        }
    }

    /** The counts between an earlier snapshot and this one. */
    public OperationCounts minus(OperationCounts earlier) {
        return new OperationCounts(additions - earlier.additions,
                plaintextMultiplications - earlier.plaintextMultiplications, multiplications - earlier.multiplications,
                relinearizations - earlier.relinearizations, keySwitches - earlier.keySwitches,
                automorphisms - earlier.automorphisms, modulusSwitches - earlier.modulusSwitches,
                transforms - earlier.transforms);
    }
}
