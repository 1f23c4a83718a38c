package org.wisekit.fhe.bgv;

import org.wisekit.fhe.ring.DoubleCrt;

/**
 * A hybrid (GHS) key-switching key from a source key s' to the secret s, one pair per digit j over all primes
 * (Q_L and P): b_j = -a_j s + p e_j + P Qt_j s', where Qt_j is 1 modulo the primes of digit j and 0 modulo
 * the other ciphertext primes. The source is s^2 for relinearization and sigma_k(s) for the automorphism
 * X -&gt; X^k.
 *
 * <p><b>Seeded keys.</b> The a_j are uniform and public, so the key generator derives them from a 32-byte seed
 * ({@link SeedExpander}: AES-256-CTR and rejection sampling) and the key keeps the seed: {@link BgvCodec} then
 * stores the seed instead of a_j, half the key, and the reader regenerates a_j exactly. Keys read from the
 * older full format have no seed and are written in full. Immutable and thread-safe.
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
    private final byte[] seed;

    /** A key whose a_j were expanded from {@code seed} (null: a_j given in full, no seed). */
    KeySwitchKey(BgvParameters parameters, long keyId, Kind kind, long galoisElement, DoubleCrt[] b, DoubleCrt[] a,
                 byte[] seed) {
        this.parameters = parameters;
        this.keyId = keyId;
        this.kind = kind;
        this.galoisElement = galoisElement;
        this.b = b;
        this.a = a;
        this.seed = seed == null ? null : seed.clone();
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

    /** True when a_j derive from a seed, so that the key serializes at half size. */
    public boolean isSeeded() {
        return seed != null;
    }

    /** The seed of a_j (a copy), or null for a key read from the full format. */
    byte[] seed() {
        return seed == null ? null : seed.clone();
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
