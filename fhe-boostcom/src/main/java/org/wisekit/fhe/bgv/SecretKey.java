package org.wisekit.fhe.bgv;

import java.util.stream.IntStream;
import org.wisekit.fhe.ring.DoubleCrt;

/**
 * A BGV secret key: a uniform ternary polynomial s (coefficients in {-1, 0, 1}), kept in double-CRT form over
 * every prime (ciphertext and special), and a random 64-bit key id that every ciphertext and key derived from
 * it carries, so that mismatches fail loudly. Immutable and thread-safe; {@link #toString} never shows s.
 */
public final class SecretKey {

    private final BgvParameters parameters;
    private final long keyId;
    private final byte[] coefficients;
    private final DoubleCrt evaluation;

    SecretKey(BgvParameters parameters, long keyId, long[] ternary) {
        this.parameters = parameters;
        this.keyId = keyId;
        this.coefficients = new byte[ternary.length];
        for (int i = 0; i < ternary.length; i++) {
            if (ternary[i] < -1 || ternary[i] > 1) {
                throw new IllegalArgumentException("secret coefficient " + i + " must be in {-1, 0, 1}, got " + ternary[i]);
            }
            coefficients[i] = (byte) ternary[i];
        }
        this.evaluation = DoubleCrt.fromSignedCoefficients(parameters.ring(),
                IntStream.range(0, parameters.ring().primeCount()).toArray(), ternary);
    }

    public BgvParameters parameters() {
        return parameters;
    }

    public long keyId() {
        return keyId;
    }

    /** s over every prime; callers must not modify it. */
    DoubleCrt evaluation() {
        return evaluation;
    }

    /** The ternary coefficients, a copy. */
    long[] coefficients() {
        long[] s = new long[coefficients.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = coefficients[i];
        }
        return s;
    }

    @Override
    public String toString() {
        return "SecretKey(keyId = " + Long.toHexString(keyId) + ", m = " + parameters.m() + ")";
    }
}
