package org.wisekit.fhe.bgv;

/**
 * A ciphertext's noise would exceed (evaluation, by the noise model) or has exceeded (decryption, measured
 * with the key) what its modulus can hold: the circuit is too deep for the parameters. Thrown instead of
 * returning a value that would decrypt wrongly.
 */
public final class NoiseBudgetExhaustedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final double budgetBits;

    public NoiseBudgetExhaustedException(String message, double budgetBits) {
        super(message);
        this.budgetBits = budgetBits;
    }

    /** The estimated or measured budget that triggered the exception, in bits. */
    public double budgetBits() {
        return budgetBits;
    }
}
