package org.wisekit.fhe.bgv;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.wisekit.fhe.ring.DoubleCrt;

/**
 * A plaintext polynomial of Z_p[X]/Phi_m(X): phi(m) coefficients in [0, p). Its double-CRT form at a level
 * (centred coefficients, so that products add as little noise as possible) is computed on first use and
 * cached, which makes masks and constants cheap to reuse. Immutable and thread-safe.
 */
public final class Plaintext {

    private final BgvParameters parameters;
    private final long[] coefficients;
    private final double meanSquare;
    private final ConcurrentHashMap<Long, DoubleCrt> evaluations = new ConcurrentHashMap<>();

    private Plaintext(BgvParameters parameters, long[] coefficients) {
        this.parameters = parameters;
        this.coefficients = coefficients;
        double sum = 0;
        for (long c : coefficients) {
            double centred = centred(c);
            sum += centred * centred;
        }
        this.meanSquare = sum / coefficients.length;
    }

    /** The plaintext with these coefficients (reduced modulo p); there must be phi(m) of them. */
    public static Plaintext of(BgvParameters parameters, long[] coefficients) {
        if (coefficients.length != parameters.ringDimension()) {
            throw new IllegalArgumentException("plaintext must have phi(m) = " + parameters.ringDimension()
                    + " coefficients, got " + coefficients.length);
        }
        long p = parameters.plaintextModulus();
        long[] reduced = new long[coefficients.length];
        for (int i = 0; i < reduced.length; i++) {
            reduced[i] = Math.floorMod(coefficients[i], p);
        }
        return new Plaintext(parameters, reduced);
    }

    /** The constant polynomial c. */
    public static Plaintext constant(BgvParameters parameters, long c) {
        long[] coefficients = new long[parameters.ringDimension()];
        coefficients[0] = c;
        return of(parameters, coefficients);
    }

    public BgvParameters parameters() {
        return parameters;
    }

    /** The coefficients in [0, p), a copy. */
    public long[] coefficients() {
        return coefficients.clone();
    }

    /** The mean of the squared centred coefficients: the plaintext's contribution to product noise. */
    double meanSquare() {
        return meanSquare;
    }

    /**
     * The centred coefficients in double-CRT form on primes q_0 .. q_level, cached; callers must not modify it.
     * {@code counters} records the transforms when the form is computed.
     */
    DoubleCrt evaluationAt(int level, OperationCounters counters) {
        return evaluationAt(level, 1, counters);
    }

    /**
     * The same for the plaintext times the scalar {@code factor} (mod p, coefficients centred again), what an
     * addition to a ciphertext with that scalar factor needs; cached per (level, factor).
     */
    DoubleCrt evaluationAt(int level, long factor, OperationCounters counters) {
        long p = parameters.plaintextModulus();
        long f = Math.floorMod(factor, p);
        return evaluations.computeIfAbsent(((long) level << 32) | f, key -> {
            long[] centred = new long[coefficients.length];
            for (int i = 0; i < centred.length; i++) {
                centred[i] = centred(coefficients[i] * f % p);
            }
            counters.addTransforms(level + 1);
            return DoubleCrt.fromSignedCoefficients(parameters.ring(), parameters.primesAt(level), centred);
        });
    }

    private long centred(long c) {
        long p = parameters.plaintextModulus();
        return c > p / 2 ? c - p : c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Plaintext other && other.parameters.equals(parameters)
                && Arrays.equals(other.coefficients, coefficients);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        return "Plaintext(m = " + parameters.m() + ", p = " + parameters.plaintextModulus() + ", coefficients "
                + Arrays.toString(Arrays.copyOf(coefficients, Math.min(6, coefficients.length)))
                + (coefficients.length > 6 ? "...)" : ")");
    }
}
