package org.wisekit.fhe.bgv;

/**
 * A ciphertext buffer that the in-place methods of {@link Evaluator} overwrite, e.g. an accumulator:
 * {@code evaluator.add(sum, term)}. Not thread-safe; {@link #snapshot()} gives the immutable
 * {@link Ciphertext} to share or decrypt.
 */
public final class MutableCiphertext {

    private CiphertextData data;

    MutableCiphertext(CiphertextData data) {
        this.data = data;
    }

    CiphertextData data() {
        return data;
    }

    void set(CiphertextData result) {
        data = result;
    }

    public BgvParameters parameters() {
        return data.parameters;
    }

    public int level() {
        return data.level;
    }

    public int size() {
        return data.size();
    }

    /** The scalar factor f: the value decrypts to f times its message modulo p (see {@link Ciphertext#scalarFactor()}). */
    public long scalarFactor() {
        return data.factor;
    }

    public double estimatedNoiseBudget() {
        return data.estimatedBudget();
    }

    /** An immutable copy of the current value. */
    public Ciphertext snapshot() {
        return new Ciphertext(data.copy());
    }

    @Override
    public String toString() {
        return String.format("MutableCiphertext(level %d, size %d, estimated budget %.1f bits)", level(), size(),
                estimatedNoiseBudget());
    }
}
