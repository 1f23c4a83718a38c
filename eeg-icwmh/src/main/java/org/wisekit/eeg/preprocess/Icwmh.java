package org.wisekit.eeg.preprocess;

/**
 * Inverted Channel-wise Magnitude Homogenisation (ICWMH; Ngo et al., arXiv 2407.20247), reconstructed: every channel
 * of a trial {@code X} ({@code C x T}) is divided by its magnitude,
 * {@code x~_c(t) = x_c(t) / (m_c + eps)}, so that the per-channel gain is the inverted magnitude
 * {@code 1 / (m_c + eps)} and no "dominant lead" dominates the encoded image. The paper does not state the formula;
 * the magnitude statistic ({@link Magnitude}), {@code eps} and where the statistics come from are switches.
 *
 * <p><b>Statistics.</b> {@link #perTrial(Magnitude)} computes {@code m_c} from the trial being transformed (the
 * default: no train/test leakage). {@link #fit(double[][][], Magnitude)} computes {@code m_c} once from a training
 * set ({@link Pooling}) and applies those fixed gains to every later trial (the note's "training-set statistics"
 * variant).
 *
 * <p><b>eps.</b> Default {@link #DEFAULT_EPS} = 0: the division is then exactly scale-free (a channel scaled by a
 * power of two gives bit-identical output, and {@code max |x~_c| = 1} exactly under {@link Magnitude#MAX}). A
 * channel whose divisor {@code m_c + eps} is 0 (a flat channel: all zeros, or constant under {@link Magnitude#STD})
 * gives zeros, never NaN. A positive {@code eps} reproduces the literal {@code x / (m + eps)} form.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Icwmh {

    /** The default {@code eps}: 0, with flat channels mapped to zeros (see the class comment). */
    public static final double DEFAULT_EPS = 0.0;

    /** The percentile {@link Magnitude#P99} takes, in [0, 1]. */
    static final double P99 = 0.99;

    /** The per-channel magnitude statistic {@code m_c} (reconstructed; the paper does not state it). */
    public enum Magnitude {
        /** {@code max_t |x_c(t)|} (the note's default); after ICWMH {@code max |x~_c| = 1} exactly. */
        MAX,
        /**
         * Population standard deviation {@code sqrt(mean_t (x_c(t) - mean)^2)}; after ICWMH {@code std(x~_c) = 1}.
         * An exactly constant channel has magnitude 0 (and gives zeros).
         */
        STD,
        /** Root mean square {@code sqrt(mean_t x_c(t)^2)}; after ICWMH {@code rms(x~_c) = 1}. */
        RMS,
        /** Mean absolute value {@code mean_t |x_c(t)|}; after ICWMH {@code mean |x~_c| = 1}. */
        MEAN_ABS,
        /**
         * The 99th percentile of {@code |x_c(t)|} (linear interpolation between order statistics at rank
         * {@code 0.99 (T - 1)}, numpy's default), robust to single spikes and blinks; after ICWMH the 99th
         * percentile of {@code |x~_c|} is 1.
         */
        P99
    }

    /** How {@link #fit(double[][][], Magnitude, double, Pooling)} turns a training set into one magnitude per channel. */
    public enum Pooling {
        /** The statistic over all training samples of the channel, as if the trials were concatenated. */
        POOLED,
        /** The mean over training trials of the per-trial statistic. */
        MEAN_OF_TRIALS
    }

    private final Magnitude magnitude;
    private final double eps;
    private final double[] magnitudes; // null: per-trial statistics

    private Icwmh(Magnitude magnitude, double eps, double[] magnitudes) {
        this.magnitude = magnitude;
        this.eps = eps;
        this.magnitudes = magnitudes;
    }

    /**
     * ICWMH with per-trial statistics and {@link #DEFAULT_EPS}.
     *
     * @param magnitude the statistic
     * @return the transform
     * @throws IllegalArgumentException if {@code magnitude} is null
     */
    public static Icwmh perTrial(Magnitude magnitude) {
        return perTrial(magnitude, DEFAULT_EPS);
    }

    /**
     * ICWMH with per-trial statistics.
     *
     * @param magnitude the statistic
     * @param eps       added to every magnitude, finite and {@code >= 0}
     * @return the transform
     * @throws IllegalArgumentException if {@code magnitude} is null or {@code eps} is negative or not finite
     */
    public static Icwmh perTrial(Magnitude magnitude, double eps) {
        Kernels.checkNonNull(magnitude, "magnitude");
        checkEps(eps);
        return new Icwmh(magnitude, eps, null);
    }

    /**
     * Fits per-channel magnitudes on a training set ({@link Pooling#POOLED}, {@link #DEFAULT_EPS}).
     *
     * @param trainTrials training trials {@code [n][C][T_n]}, the same channel count each (lengths may differ)
     * @param magnitude   the statistic
     * @return the fitted transform
     * @throws IllegalArgumentException on an empty set, a ragged or non-finite trial, or a null magnitude
     */
    public static Icwmh fit(double[][][] trainTrials, Magnitude magnitude) {
        return fit(trainTrials, magnitude, DEFAULT_EPS, Pooling.POOLED);
    }

    /**
     * Fits per-channel magnitudes on a training set.
     *
     * @param trainTrials training trials {@code [n][C][T_n]}, the same channel count each (lengths may differ)
     * @param magnitude   the statistic
     * @param eps         added to every magnitude, finite and {@code >= 0}
     * @param pooling     how trials are combined
     * @return the fitted transform
     * @throws IllegalArgumentException on an empty set, a ragged or non-finite trial, a null argument or a bad eps
     */
    public static Icwmh fit(double[][][] trainTrials, Magnitude magnitude, double eps, Pooling pooling) {
        Kernels.checkNonNull(magnitude, "magnitude");
        Kernels.checkNonNull(pooling, "pooling");
        checkEps(eps);
        Kernels.checkTrials(trainTrials, "trainTrials");
        int channels = trainTrials[0].length;
        double[] m = new double[channels];
        if (pooling == Pooling.MEAN_OF_TRIALS) {
            int longest = 0;
            for (double[][] trial : trainTrials) {
                longest = Math.max(longest, trial[0].length);
            }
            double[] scratch = new double[longest];
            for (int c = 0; c < channels; c++) {
                double sum = 0.0;
                for (double[][] trial : trainTrials) {
                    sum += magnitude(trial[c], magnitude, scratch);
                }
                m[c] = sum / trainTrials.length;
            }
        } else {
            int total = 0;
            for (double[][] trial : trainTrials) {
                total += trial[0].length;
            }
            double[] pooled = new double[total];
            double[] scratch = new double[total];
            for (int c = 0; c < channels; c++) {
                int o = 0;
                for (double[][] trial : trainTrials) {
                    System.arraycopy(trial[c], 0, pooled, o, trial[c].length);
                    o += trial[c].length;
                }
                m[c] = magnitude(pooled, magnitude, scratch);
            }
        }
        return new Icwmh(magnitude, eps, m);
    }

    /**
     * ICWMH with given per-channel magnitudes (for example ones saved from {@link #magnitudes()}).
     *
     * @param magnitudes {@code m_c} per channel, finite and {@code >= 0}
     * @param magnitude  the statistic they were computed with (recorded only)
     * @param eps        added to every magnitude, finite and {@code >= 0}
     * @return the fitted transform
     * @throws IllegalArgumentException on an empty, negative or non-finite magnitude, or a bad eps
     */
    public static Icwmh ofMagnitudes(double[] magnitudes, Magnitude magnitude, double eps) {
        Kernels.checkNonNull(magnitude, "magnitude");
        checkEps(eps);
        if (magnitudes == null || magnitudes.length == 0) {
            throw new IllegalArgumentException("magnitudes must hold at least one channel");
        }
        for (int c = 0; c < magnitudes.length; c++) {
            if (!(magnitudes[c] >= 0.0) || !Double.isFinite(magnitudes[c])) {
                throw new IllegalArgumentException("magnitudes[" + c + "] must be finite and >= 0, got "
                        + magnitudes[c]);
            }
        }
        return new Icwmh(magnitude, eps, magnitudes.clone());
    }

    /**
     * The magnitude statistic of one channel.
     *
     * @param x         the samples (at least one, finite)
     * @param magnitude the statistic
     * @return {@code m >= 0}
     * @throws IllegalArgumentException if {@code x} is empty or holds a non-finite value, or magnitude is null
     */
    public static double magnitude(double[] x, Magnitude magnitude) {
        Kernels.checkNonNull(magnitude, "magnitude");
        Kernels.checkSamples(x, "x");
        return magnitude(x, magnitude, magnitude == Magnitude.P99 ? new double[x.length] : null);
    }

    /** Kernel: the statistic of {@code x}; {@code scratch} holds {@code x.length} values for P99. */
    static double magnitude(double[] x, Magnitude magnitude, double[] scratch) {
        int n = x.length;
        switch (magnitude) {
            case MAX: {
                double m = 0.0;
                for (int t = 0; t < n; t++) {
                    m = Math.max(m, Math.abs(x[t]));
                }
                return m;
            }
            case STD: {
                double min = x[0];
                double max = x[0];
                double sum = 0.0;
                for (int t = 0; t < n; t++) {
                    min = Math.min(min, x[t]);
                    max = Math.max(max, x[t]);
                    sum += x[t];
                }
                if (min == max) {
                    return 0.0;
                }
                double mean = sum / n;
                double ss = 0.0;
                for (int t = 0; t < n; t++) {
                    double d = x[t] - mean;
                    ss += d * d;
                }
                return Math.sqrt(ss / n);
            }
            case RMS: {
                double ss = 0.0;
                for (int t = 0; t < n; t++) {
                    ss += x[t] * x[t];
                }
                return Math.sqrt(ss / n);
            }
            case MEAN_ABS: {
                double s = 0.0;
                for (int t = 0; t < n; t++) {
                    s += Math.abs(x[t]);
                }
                return s / n;
            }
            case P99: {
                for (int t = 0; t < n; t++) {
                    scratch[t] = Math.abs(x[t]);
                }
                return Kernels.quantile(scratch, n, P99);
            }
            default:
                throw new IllegalStateException("unknown magnitude " + magnitude);
        }
    }

    /**
     * Homogenises one trial into a new array.
     *
     * @param trial {@code [C][T]}, rectangular, finite, at least one sample; C must match a fitted transform
     * @return {@code x~} of the same shape
     * @throws IllegalArgumentException on an empty, ragged or non-finite trial or a channel-count mismatch
     */
    public double[][] apply(double[][] trial) {
        checkTrialFor(trial);
        double[][] out = new double[trial.length][trial[0].length];
        applyChecked(trial, out);
        return out;
    }

    /**
     * Homogenises one trial into {@code out} ({@code out} may be {@code trial}: in place).
     *
     * @param trial {@code [C][T]}, rectangular, finite, at least one sample; C must match a fitted transform
     * @param out   {@code [C][T]}
     * @throws IllegalArgumentException on a bad trial or an {@code out} of another shape
     */
    public void apply(double[][] trial, double[][] out) {
        checkTrialFor(trial);
        if (out == null || out.length != trial.length) {
            throw new IllegalArgumentException("out must have " + trial.length + " channels");
        }
        for (int c = 0; c < out.length; c++) {
            if (out[c] == null || out[c].length != trial[c].length) {
                throw new IllegalArgumentException("out[" + c + "] must have " + trial[c].length + " samples");
            }
        }
        applyChecked(trial, out);
    }

    private void applyChecked(double[][] trial, double[][] out) {
        double[] divisors = new double[trial.length];
        divisors(trial, divisors, magnitude == Magnitude.P99 ? new double[trial[0].length] : null);
        for (int c = 0; c < trial.length; c++) {
            double d = divisors[c];
            double[] x = trial[c];
            double[] y = out[c];
            for (int t = 0; t < x.length; t++) {
                y[t] = Kernels.normalise(x[t], 0.0, d);
            }
        }
    }

    /**
     * Kernel: the divisors {@code m_c + eps} for a (validated) trial: fitted ones, or the trial's own.
     * {@code scratch} holds {@code T} values for P99 per-trial statistics.
     */
    void divisors(double[][] trial, double[] out, double[] scratch) {
        for (int c = 0; c < trial.length; c++) {
            double m = magnitudes != null ? magnitudes[c] : magnitude(trial[c], magnitude, scratch);
            out[c] = m + eps;
        }
    }

    void checkTrialFor(double[][] trial) {
        Kernels.checkTrial(trial, "trial");
        if (magnitudes != null && trial.length != magnitudes.length) {
            throw new IllegalArgumentException("trial has " + trial.length + " channels, the fitted ICWMH has "
                    + magnitudes.length);
        }
    }

    /** @return the magnitude statistic */
    public Magnitude magnitudeStatistic() {
        return magnitude;
    }

    /** @return the {@code eps} added to every magnitude */
    public double eps() {
        return eps;
    }

    /** @return whether the magnitudes were fitted on a training set (false: per-trial statistics) */
    public boolean isFitted() {
        return magnitudes != null;
    }

    /**
     * The fitted magnitudes {@code m_c}.
     *
     * @return a copy, one per channel
     * @throws IllegalStateException for per-trial statistics
     */
    public double[] magnitudes() {
        if (magnitudes == null) {
            throw new IllegalStateException("per-trial ICWMH has no fitted magnitudes");
        }
        return magnitudes.clone();
    }

    /**
     * The fitted per-channel gains {@code 1 / (m_c + eps)}, 0 for a flat channel.
     *
     * @return a copy, one per channel
     * @throws IllegalStateException for per-trial statistics
     */
    public double[] gains() {
        double[] g = magnitudes();
        for (int c = 0; c < g.length; c++) {
            double d = g[c] + eps;
            g[c] = d == 0.0 ? 0.0 : 1.0 / d;
        }
        return g;
    }

    /** @return the number of channels of a fitted transform, or -1 for per-trial statistics */
    public int channels() {
        return magnitudes == null ? -1 : magnitudes.length;
    }

    private static void checkEps(double eps) {
        if (!(eps >= 0.0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps must be finite and >= 0, got " + eps);
        }
    }

    @Override
    public String toString() {
        return "Icwmh[" + magnitude + ", eps=" + eps + (magnitudes == null ? ", per trial]"
                : ", fitted on " + magnitudes.length + " channels]");
    }
}
