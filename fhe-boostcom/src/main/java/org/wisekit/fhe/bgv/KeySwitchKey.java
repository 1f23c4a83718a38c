package org.wisekit.fhe.bgv;

import org.wisekit.fhe.ring.DoubleCrt;

/**
 * A hybrid (GHS) key-switching key from a source key s' to the secret s, one pair per digit j over all primes
 * (Q_L and P): b_j = -a_j s + p e_j + P Qt_j s', where Qt_j is 1 modulo the primes of digit j and 0 modulo
 * the other ciphertext primes. The source is s^2 for relinearization and sigma_k(s) for the automorphism
 * X -&gt; X^k. Immutable and thread-safe.
 */
public final class KeySwitchKey {

    /** What the key switches from. */
    public enum Kind {
        /** from s^2: turns the third part of a product back into a two-part ciphertext */
        RELINEARIZATION,
        /** from sigma_k(s): finishes the automorphism X -&gt; X^k */
        AUTOMORPHISM
    }

    private final BgvParameters parameters;
    private final long keyId;
    private final Kind kind;
    private final long galoisElement;
    private final DoubleCrt[] b;
    private final DoubleCrt[] a;

    KeySwitchKey(BgvParameters parameters, long keyId, Kind kind, long galoisElement, DoubleCrt[] b, DoubleCrt[] a) {
        this.parameters = parameters;
        this.keyId = keyId;
        this.kind = kind;
        this.galoisElement = galoisElement;
        this.b = b;
        this.a = a;
    }

    public BgvParameters parameters() {
        return parameters;
    }

    public long keyId() {
        return keyId;
    }

    public Kind kind() {
        return kind;
    }

    /** k for an automorphism key, 1 for a relinearization key. */
    public long galoisElement() {
        return galoisElement;
    }

    public int digitCount() {
        return b.length;
    }

    DoubleCrt b(int digit) {
        return b[digit];
    }

    DoubleCrt a(int digit) {
        return a[digit];
    }

    @Override
    public String toString() {
        return "KeySwitchKey(" + kind + (kind == Kind.AUTOMORPHISM ? " k = " + galoisElement : "") + ", keyId = "
                + Long.toHexString(keyId) + ")";
    }
}
