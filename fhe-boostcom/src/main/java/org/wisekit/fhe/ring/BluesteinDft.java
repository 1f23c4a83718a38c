package org.wisekit.fhe.ring;

import java.util.Arrays;

/**
 * The length-m discrete Fourier transform modulo a prime q for odd m, A_k = sum_j a_j omega^(jk) with omega a
 * primitive m-th root of unity, computed with Bluestein's chirp trick on a power-of-two cyclic NTT.
 *
 * <p>With theta = omega^((m+1)/2), so theta^2 = omega and 2jk = j^2 + k^2 - (k-j)^2 (mod m):
 * A_k = theta^(k^2) * sum_j (a_j theta^(j^2)) * theta^(-(k-j)^2), a convolution of the chirped input with the
 * chirp theta^(-i^2), i in (-m, m). Because theta^(i^2) has period m, one cyclic convolution of length
 * N &gt;= 2m - 1 (a power of two) computes it exactly: two NTTs of length N, one pointwise product with the
 * pre-transformed chirp (1/N folded in), and two chirp multiplications of length m. The inverse is the same
 * with theta^-1 and 1/m folded into the output chirp.
 *
 * <p>q must satisfy m | q - 1 and N | q - 1. Tables are immutable; each thread gets its own scratch buffer, so
 * a transform object may be shared between threads.
 */
public final class BluesteinDft {

    private final Modulus modulus;
    private final int m;
    private final PowerOfTwoNtt ntt;
    private final long omega;
    private final Direction forward;
    private final Direction inverse;
    private final ThreadLocal<long[]> scratch;

    /** One direction's constants: input chirp, transformed filter, output chirp, all with Shoup companions. */
    private record Direction(long[] inChirp, long[] inChirpShoup, long[] filter, long[] filterShoup,
                             long[] outChirp, long[] outChirpShoup) {
    }

    private BluesteinDft(Modulus modulus, int m, int n) {
        this.modulus = modulus;
        this.m = m;
        this.ntt = PowerOfTwoNtt.cyclic(modulus, n);
        this.omega = Primes.rootOfUnity(modulus, m);
        long theta = modulus.pow(omega, (m + 1) / 2);
        long inverseTheta = modulus.inverse(theta);
        long inverseM = modulus.inverse(m % modulus.value());
        this.forward = direction(theta, inverseTheta, 1);
        this.inverse = direction(inverseTheta, theta, inverseM);
        this.scratch = ThreadLocal.withInitial(() -> new long[n]);
    }

    /** The transform for odd m &gt;= 3; q must be 1 mod m and 1 mod the NTT length 2^ceil(log2(2m - 1)). */
    public static BluesteinDft create(Modulus q, int m) {
        if (m < 3 || m % 2 == 0) {
            throw new IllegalArgumentException("Bluestein length m must be odd and >= 3, got " + m);
        }
        int n = convolutionLength(m);
        if ((q.value() - 1) % m != 0 || (q.value() - 1) % n != 0) {
            throw new IllegalArgumentException("q = " + q.value() + " must be 1 mod m = " + m + " and 1 mod N = " + n);
        }
        return new BluesteinDft(q, m, n);
    }

    /** The power-of-two convolution length N = 2^ceil(log2(2m - 1)) used for length m. */
    public static int convolutionLength(int m) {
        return Integer.highestOneBit(2 * m - 2) << 1;
    }

    public int length() {
        return m;
    }

    /** The primitive m-th root omega at which this transform evaluates. */
    public long omega() {
        return omega;
    }

    public Modulus modulus() {
        return modulus;
    }

    /** out[k] = sum_j a[j] omega^(jk) for k &lt; m; a and out have length m and may be the same array. */
    public void forward(long[] a, long[] out) {
        run(a, 0, m, out, 0, m, forward);
    }

    /** out[j] = (1/m) sum_k a[k] omega^(-jk); inverts {@link #forward}. */
    public void inverse(long[] a, long[] out) {
        run(a, 0, m, out, 0, m, inverse);
    }

    /**
     * Forward transform of the vector whose entries inFrom .. inFrom+inCount-1 are in[0 ..] (zero elsewhere),
     * writing A_outFrom .. A_(outFrom+outCount-1) to out[0 ..]; in and out may be the same array.
     */
    void forward(long[] in, int inFrom, int inCount, long[] out, int outFrom, int outCount) {
        run(in, inFrom, inCount, out, outFrom, outCount, forward);
    }

    /** The inverse transform with the same index windows as {@link #forward(long[], int, int, long[], int, int)}. */
    void inverse(long[] in, int inFrom, int inCount, long[] out, int outFrom, int outCount) {
        run(in, inFrom, inCount, out, outFrom, outCount, inverse);
    }

    private void run(long[] in, int inFrom, int inCount, long[] out, int outFrom, int outCount, Direction d) {
        final long q = modulus.value();
        final long[] buffer = scratch.get();
        final int n = buffer.length;
        Arrays.fill(buffer, 0, inFrom, 0);
        for (int j = 0; j < inCount; j++) {
            int index = inFrom + j;
            buffer[index] = modulus.mulShoup(in[j], d.inChirp[index], d.inChirpShoup[index]);
        }
        Arrays.fill(buffer, inFrom + inCount, n, 0);
        ntt.forward(buffer, 0);
        final long[] filter = d.filter;
        final long[] filterShoup = d.filterShoup;
        for (int i = 0; i < n; i++) {
            buffer[i] = Modulus.mulShoupLazy(buffer[i], filter[i], filterShoup[i], q);
        }
        ntt.inverse(buffer, 0, false);
        for (int k = 0; k < outCount; k++) {
            int index = outFrom + k;
            out[k] = modulus.mulShoup(buffer[index], d.outChirp[index], d.outChirpShoup[index]);
        }
    }

    /** Constants for a transform by theta^(2jk): input chirp theta^(j^2), filter theta^(-i^2), output scale. */
    private Direction direction(long theta, long inverseTheta, long outputScale) {
        int n = ntt.length();
        long[] chirp = new long[m];
        long[] outChirp = new long[m];
        long[] filter = new long[n];
        for (int j = 0; j < m; j++) {
            int square = (int) ((long) j * j % m);
            chirp[j] = modulus.pow(theta, square);
            outChirp[j] = modulus.mul(chirp[j], outputScale);
            long negative = modulus.pow(inverseTheta, square);
            filter[j] = negative;
            if (j > 0) {
                filter[n - j] = negative;
            }
        }
        ntt.forward(filter);
        long inverseN = modulus.inverse(n % modulus.value());
        for (int i = 0; i < n; i++) {
            filter[i] = modulus.mul(filter[i], inverseN);
        }
        return new Direction(chirp, PowerOfTwoNtt.shoupAll(modulus, chirp), filter,
                PowerOfTwoNtt.shoupAll(modulus, filter), outChirp, PowerOfTwoNtt.shoupAll(modulus, outChirp));
    }
}
