package org.wisekit.fhe.bgv;

import org.wisekit.fhe.ring.DoubleCrt;

/**
 * A BGV public key (b, a) = (-a s + p e, a) modulo Q_L, for encryption. Immutable and thread-safe.
 */
public final class PublicKey {

    private final BgvParameters parameters;
    private final long keyId;
    private final DoubleCrt b;
    private final DoubleCrt a;

    PublicKey(BgvParameters parameters, long keyId, DoubleCrt b, DoubleCrt a) {
        this.parameters = parameters;
        this.keyId = keyId;
        this.b = b;
        this.a = a;
    }

    public BgvParameters parameters() {
        return parameters;
    }

    public long keyId() {
        return keyId;
    }

    DoubleCrt b() {
        return b;
    }

    DoubleCrt a() {
        return a;
    }

    @Override
    public String toString() {
        return "PublicKey(keyId = " + Long.toHexString(keyId) + ", m = " + parameters.m() + ")";
    }
}
