package org.wisekit.fhe.bgv;

import org.wisekit.fhe.ring.DoubleCrt;

/**
 * The mutable state behind {@link Ciphertext} and {@link MutableCiphertext}: parts c_0 .. c_(size-1) in
 * double-CRT form on primes q_0 .. q_level, decrypting as c_0 + c_1 s (+ c_2 s^2) = f m + p e, the scalar
 * factor f in [1, p) (HElib's intFactor: 1 when fresh, times q^-1 mod p for every prime a modulus switch
 * divides by, the product of the operands' factors after a product), and the noise model's log2 of the
 * variance of that sum's coefficients.
 */
final class CiphertextData {

    final BgvParameters parameters;
    final long keyId;
    final int level;
    final DoubleCrt[] parts;
    final long factor;
    double log2Variance;

    CiphertextData(BgvParameters parameters, long keyId, int level, DoubleCrt[] parts, long factor,
                   double log2Variance) {
        if (factor < 1 || factor >= parameters.plaintextModulus()) {
            throw new IllegalArgumentException("scalar factor must be in [1, " + (parameters.plaintextModulus() - 1)
                    + "], got " + factor);
        }
        this.parameters = parameters;
        this.keyId = keyId;
        this.level = level;
        this.parts = parts;
        this.factor = factor;
        this.log2Variance = log2Variance;
    }

    CiphertextData copy() {
        DoubleCrt[] copies = new DoubleCrt[parts.length];
        for (int i = 0; i < parts.length; i++) {
            copies[i] = parts[i].copy();
        }
        return new CiphertextData(parameters, keyId, level, copies, factor, log2Variance);
    }

    /** The same parts (not copied), level and key with another factor and noise estimate. */
    CiphertextData with(long newFactor, double newLog2Variance) {
        return new CiphertextData(parameters, keyId, level, parts, newFactor, newLog2Variance);
    }

    int size() {
        return parts.length;
    }

    /** The noise model's budget: log2(Q_level / 2) minus log2 of the noise bound. */
    double estimatedBudget() {
        return parameters.log2Modulus(level) - 1 - NoiseModel.log2Bound(log2Variance);
    }
}
