package org.wisekit.fhe.ring;

import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;

/**
 * The distributions RLWE needs, as signed integer coefficient vectors: uniform ternary secrets, rounded
 * Gaussian errors, and uniform residues. The caller chooses the generator: {@link java.security.SecureRandom}
 * for anything secret, a seeded generator only in tests. Stateless.
 */
public final class Sampler {

    /** Errors beyond this many standard deviations are resampled, which bounds every error coefficient. */
    public static final double GAUSSIAN_TAIL_CUT = 6.0;

    private Sampler() {
    }

    /** n coefficients uniform in {-1, 0, 1}. */
    public static long[] ternary(RandomGenerator random, int n) {
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = random.nextInt(3) - 1;
        }
        return s;
    }

    /** n coefficients round(N(0, sigma^2)), resampled when |x| &gt; {@link #GAUSSIAN_TAIL_CUT} sigma. */
    public static long[] gaussian(RandomGenerator random, int n, double sigma) {
        long[] e = new long[n];
        double bound = GAUSSIAN_TAIL_CUT * sigma;
        for (int i = 0; i < n; i++) {
            double x;
            do {
                x = random.nextGaussian() * sigma;
            } while (Math.abs(x) > bound);
            e[i] = Math.round(x);
        }
        return e;
    }

    /**
     * Fills {@code out} with residues uniform in [0, q): random words cut to q's bit length, rejecting those
     * &gt;= q. The words come in one bulk {@code nextBytes} call per refill, because a SecureRandom pays a
     * lock and a provider call per request.
     */
    public static void uniform(RandomGenerator random, Modulus q, long[] out) {
        long mask = q.bits() == 64 ? -1L : (1L << q.bits()) - 1;
        ByteBuffer words = ByteBuffer.allocate(8 * out.length);
        random.nextBytes(words.array());
        for (int i = 0; i < out.length; ) {
            if (!words.hasRemaining()) {
                words.clear();
                random.nextBytes(words.array());
            }
            long candidate = words.getLong() & mask;
            if (candidate < q.value()) {
                out[i++] = candidate;
            }
        }
    }
}
