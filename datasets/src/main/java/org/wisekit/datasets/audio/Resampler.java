package org.wisekit.datasets.audio;

/**
 * Sample-rate conversion of mono audio by band-limited (windowed-sinc) interpolation. Output sample {@code j} sits
 * at input time {@code t = j * from / to} and is {@code sum_i x[i] s h(s (t - i))} with {@code s = min(1, to / from)}
 * and {@code h(u) = sinc(u) kaiser(u / ZEROS)} for {@code |u| < ZEROS}: a low-pass at {@code min(from, to) / 2} Hz
 * (the anti-aliasing filter when downsampling, the interpolation filter when upsampling), {@value #ZEROS} zero
 * crossings per side, Kaiser window with beta {@value #BETA}. Samples outside the signal count as zero. The kernel is
 * tabulated at {@value #RESOLUTION} points per zero crossing and interpolated linearly (the output agrees with the
 * exact kernel to {@code 5e-7} on full-scale noise).
 */
public final class Resampler {

    /** Zero crossings of the sinc on each side of the kernel centre. */
    static final int ZEROS = 32;
    /** Kaiser window shape parameter. */
    static final double BETA = 8.6;
    /** Table points per zero crossing. */
    static final int RESOLUTION = 2048;

    /** {@code h(k / RESOLUTION)} for {@code k = 0 .. ZEROS * RESOLUTION}. */
    private static final double[] KERNEL = kernel();

    private Resampler() {
    }

    /**
     * {@code signal} sampled at {@code from} Hz, resampled to {@code to} Hz.
     *
     * @param signal mono samples
     * @param from   the signal's sample rate in Hz, positive
     * @param to     the wanted sample rate in Hz, positive
     * @return {@code round(signal.length * to / from)} samples (a copy when the rates are equal)
     */
    public static float[] resample(float[] signal, int from, int to) {
        if (signal == null) {
            throw new IllegalArgumentException("signal must not be null");
        }
        if (from <= 0) {
            throw new IllegalArgumentException("from must be a positive sample rate, got " + from);
        }
        if (to <= 0) {
            throw new IllegalArgumentException("to must be a positive sample rate, got " + to);
        }
        if (from == to) {
            return signal.clone();
        }
        long length = (2L * signal.length * to + from) / (2L * from);
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampling " + signal.length + " samples from " + from + " to " + to
                    + " Hz gives " + length + " samples, more than an array holds");
        }
        float[] out = new float[(int) length];
        double scale = Math.min(1.0, to / (double) from);
        int half = (int) Math.ceil(ZEROS / scale);
        double limit = ZEROS * (double) RESOLUTION;
        double step = scale * RESOLUTION;
        int n = signal.length;
        for (int j = 0; j < out.length; j++) {
            long position = (long) j * from;
            int centre = (int) (position / to);
            double frac = (position % to) / (double) to;
            int lo = Math.max(0, centre - half + 1);
            int hi = Math.min(n - 1, centre + half);
            double sum = 0;
            for (int i = lo; i <= hi; i++) {
                double x = Math.abs(centre - i + frac) * step;
                if (x < limit) {
                    int k = (int) x;
                    double h = KERNEL[k] + (x - k) * (KERNEL[k + 1] - KERNEL[k]);
                    sum += signal[i] * h;
                }
            }
            out[j] = (float) (scale * sum);
        }
        return out;
    }

    private static double[] kernel() {
        int points = ZEROS * RESOLUTION;
        double[] table = new double[points + 1];
        double norm = besselI0(BETA);
        table[0] = 1;
        for (int k = 1; k <= points; k++) {
            double u = k / (double) RESOLUTION;
            double r = u / ZEROS;
            double window = besselI0(BETA * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
            table[k] = Math.sin(Math.PI * u) / (Math.PI * u) * window;
        }
        return table;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges for all x). */
    private static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        double quarter = x * x / 4;
        for (int k = 1; term > 1e-17 * sum; k++) {
            term *= quarter / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}
