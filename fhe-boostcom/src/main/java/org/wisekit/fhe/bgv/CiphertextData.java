package org.wisekit.fhe.bgv;

import org.wisekit.fhe.ring.DoubleCrt;

/**
 * The mutable state behind {@link Ciphertext} and {@link MutableCiphertext}: parts c_0 .. c_(size-1) in
 * double-CRT form on primes q_0 .. q_level, decrypting as c_0 + c_1 s (+ c_2 s^2) = f m + p e, the scalar
 * factor f in [1, p) (HElib's intFactor: 1 when fresh, times q^-1 mod p for every prime a modulus switch
 * divides by, the product of the operands' factors after a product), and the noise model's estimate: log2 of
 * the variance of that sum's coefficients, split into independent components with their lineages and degrees
 * ({@link NoiseModel.Estimate}).
 */
final class CiphertextData {

    final BgvParameters parameters;
    final long keyId;
    final int level;
    final DoubleCrt[] parts;
    final long factor;
    /** The estimate's total, {@code estimate.log2Variance()} (kept as a field for the codec). */
    double log2Variance;
    NoiseModel.Estimate estimate;

    /** With noise of a new lineage (fresh encryption, or read back from bytes). */
    CiphertextData(BgvParameters parameters, long keyId, int level, DoubleCrt[] parts, long factor,
                   double log2Variance) {
        this(parameters, keyId, level, parts, factor, NoiseModel.Estimate.fresh(log2Variance));
    }

    CiphertextData(BgvParameters parameters, long keyId, int level, DoubleCrt[] parts, long factor,
                   NoiseModel.Estimate noise) {
        if (factor < 1 || factor >= parameters.plaintextModulus()) {
            throw new IllegalArgumentException("scalar factor must be in [1, " + (parameters.plaintextModulus() - 1)
                    + "], got " + factor);
        }
        this.parameters = parameters;
        this.keyId = keyId;
        this.level = level;
        this.parts = parts;
        this.factor = factor;
        setNoise(noise);
    }

    NoiseModel.Estimate noise() {
        return estimate;
    }

    void setNoise(NoiseModel.Estimate noise) {
        this.estimate = noise;
        this.log2Variance = noise.log2Variance();
    }

    CiphertextData copy() {
        DoubleCrt[] copies = new DoubleCrt[parts.length];
        for (int i = 0; i < parts.length; i++) {
            copies[i] = parts[i].copy();
        }
        return new CiphertextData(parameters, keyId, level, copies, factor, noise());
    }

    /** The same parts (not copied), level and key with another factor and noise estimate. */
    CiphertextData with(long newFactor, NoiseModel.Estimate newNoise) {
        return new CiphertextData(parameters, keyId, level, parts, newFactor, newNoise);
    }

    int size() {
        return parts.length;
    }

    /** The noise model's budget: log2(Q_level / 2) minus log2 of the noise bound. */
    double estimatedBudget() {
        return parameters.log2Modulus(level) - 1 - NoiseModel.log2Bound(log2Variance);
    }
}
