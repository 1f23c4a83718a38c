package org.wisekit.fhe.bgv;

import org.wisekit.fhe.ring.DoubleCrt;

/**
 * An immutable BGV ciphertext: two parts (three after a product before relinearization) modulo
 * Q_l = q_0 ... q_l at level l, under the secret key with id {@link #keyId()}. It also carries the noise
 * model's estimate, readable without the secret key as {@link #estimatedNoiseBudget()}; the exact budget
 * needs the key ({@link Decryptor#noiseBudget}). Thread-safe; {@link MutableCiphertext} is the mutable
 * counterpart for in-place evaluation.
 */
public final class Ciphertext {

    private final CiphertextData data;

    /** Takes ownership of {@code data}, which nobody may modify afterwards. */
    Ciphertext(CiphertextData data) {
        this.data = data;
    }

    CiphertextData data() {
        return data;
    }

    DoubleCrt part(int i) {
        return data.parts[i];
    }

    public BgvParameters parameters() {
        return data.parameters;
    }

    public long keyId() {
        return data.keyId;
    }

    /** l: the ciphertext lives modulo q_0 ... q_l. */
    public int level() {
        return data.level;
    }

    /** 2, or 3 for an unrelinearized product. */
    public int size() {
        return data.size();
    }

    /**
     * The scalar factor f in [1, p): the ciphertext decrypts to f times its message modulo p (HElib's intFactor).
     * Fresh ciphertexts have f = 1; a modulus switch dropping q multiplies f by q^-1 mod p, a product multiplies
     * the operands' factors; {@link Decryptor} divides it out. Callers never need it except to inspect it.
     */
    public long scalarFactor() {
        return data.factor;
    }

    /**
     * log2(Q_l / 2) minus log2 of the noise model's high-probability bound on the decryption noise: a
     * conservative estimate of the exact budget, computed without the secret key.
     */
    public double estimatedNoiseBudget() {
        return data.estimatedBudget();
    }

    /** A mutable copy. */
    public MutableCiphertext toMutable() {
        return new MutableCiphertext(data.copy());
    }

    @Override
    public String toString() {
        return String.format("Ciphertext(level %d, size %d, factor %d, estimated budget %.1f bits, keyId %s)", level(),
                size(), scalarFactor(), estimatedNoiseBudget(), Long.toHexString(keyId()));
    }
}
