package org.wisekit.eeg.preprocess;

import java.util.Arrays;
import java.util.Optional;

/**
 * The whole preprocessing of Ngo et al. (arXiv 2407.20247) for one trial, every ambiguous choice a {@link Settings}
 * switch (reconstructed from the paper's description; each class states its conventions):
 * <ol>
 *   <li>channel normalisation: {@link ChannelNorm#ICWMH} ({@link Icwmh}), {@link ChannelNorm#ZSCORE}
 *       ({@link ChannelZScore}) or {@link ChannelNorm#NONE};</li>
 *   <li>8-bit encoding of the {@code C x T} trial ({@link EegImage#encode}), per-trial or training-set range;</li>
 *   <li>resize to {@code H x W} ({@link EegImage#resize}); with {@code quantize} the result is rounded to 8-bit
 *       integers as OpenCV does for 8-bit images;</li>
 *   <li>edge branch (unless the fusion is IMAGE_ONLY): {@link GaussianBlur} (rounded when quantising), then
 *       {@link Canny} or {@link AdaptiveThreshold}, giving {@code E} in {0, 1};</li>
 *   <li>{@link Fusion} of the (unblurred) image and {@code E}, divided by {@link Fusion#fullScale} so that every
 *       output value lies in [0, 1].</li>
 * </ol>
 * {@link #apply(double[][])} returns {@code [channels][H][W]}, {@code channels = settings.fusion().channels()}.
 * The fused steps compute exactly what the separate public classes compute (bit for bit).
 *
 * <p>Immutable and thread-safe: every call allocates its own per-trial buffers (never inside the loops).
 */
public final class Preprocessor {

    /** The channel normalisation before encoding. */
    public enum ChannelNorm {
        /** No normalisation: the raw-image baseline. */
        NONE,
        /** ICWMH, {@code x / (m_c + eps)}. */
        ICWMH,
        /** Per-trial, per-channel z-score. */
        ZSCORE
    }

    /** Where statistics come from. */
    public enum Scope {
        /** From the trial itself (no train/test leakage; the default). */
        PER_TRIAL,
        /** Fitted once on a training set by {@link Preprocessor#fit}. */
        TRAINING_SET
    }

    /** The edge detector of the edge branch. */
    public enum EdgeDetector {
        /** {@link Canny}. */
        CANNY,
        /** {@link AdaptiveThreshold}. */
        ADAPTIVE
    }

    /**
     * Every switch of the pipeline; validated on construction. Start from {@link #defaults()} and change fields
     * with the {@code with...} methods.
     *
     * @param channelNorm       channel normalisation (default ICWMH)
     * @param magnitude         ICWMH magnitude statistic (default MAX)
     * @param eps               ICWMH eps, finite, {@code >= 0} (default 0)
     * @param normScope         ICWMH statistics: per trial (default) or training set (needs channelNorm ICWMH)
     * @param rangeScope        encoding range: per trial (default) or training set
     * @param height            image rows H, {@code >= 1} (default 64, the note's size)
     * @param width             image columns W, {@code >= 1} (default 128)
     * @param interpolation     resize interpolation (default BILINEAR, OpenCV's default)
     * @param cubicA            Keys' parameter for BICUBIC, in [-3, 0] (default -0.75, OpenCV's)
     * @param quantize          round the resized and the blurred image to 8-bit integers (default true, as OpenCV on
     *                          8-bit images)
     * @param blurSize          Gaussian kernel size, odd, {@code >= 1}; 1 = no blur (default 5)
     * @param blurSigma         Gaussian sigma, finite; {@code <= 0}: from the size as OpenCV (default 0)
     * @param edgeDetector      CANNY (default) or ADAPTIVE
     * @param cannyLow          Canny low threshold, finite, {@code >= 0} (default 100)
     * @param cannyHigh         Canny high threshold, finite, {@code >= cannyLow} (default 200)
     * @param cannyNorm         Canny gradient magnitude (default L2)
     * @param adaptiveMethod    adaptive threshold window (default GAUSSIAN)
     * @param adaptiveBlockSize adaptive threshold window side, odd, {@code >= 3} (default 11)
     * @param adaptiveC         adaptive threshold constant, finite (default 2)
     * @param fusion            fusion of image and edges (default HADAMARD)
     * @param lambda            edge weight, finite, {@code >= 0} (default 1)
     */
    public record Settings(ChannelNorm channelNorm, Icwmh.Magnitude magnitude, double eps, Scope normScope,
                           Scope rangeScope, int height, int width, Interpolation interpolation, double cubicA,
                           boolean quantize, int blurSize, double blurSigma, EdgeDetector edgeDetector,
                           double cannyLow, double cannyHigh, Canny.Norm cannyNorm,
                           AdaptiveThreshold.Method adaptiveMethod, int adaptiveBlockSize, double adaptiveC,
                           Fusion.Mode fusion, double lambda) {

        /** Validates every field; the message names the field and the value. */
        public Settings {
            Kernels.checkNonNull(channelNorm, "channelNorm");
            Kernels.checkNonNull(magnitude, "magnitude");
            if (!(eps >= 0.0) || !Double.isFinite(eps)) {
                throw new IllegalArgumentException("eps must be finite and >= 0, got " + eps);
            }
            Kernels.checkNonNull(normScope, "normScope");
            Kernels.checkNonNull(rangeScope, "rangeScope");
            if (normScope == Scope.TRAINING_SET && channelNorm != ChannelNorm.ICWMH) {
                throw new IllegalArgumentException("normScope TRAINING_SET needs channelNorm ICWMH, got "
                        + channelNorm);
            }
            Kernels.checkPositive(height, "height");
            Kernels.checkPositive(width, "width");
            Kernels.checkNonNull(interpolation, "interpolation");
            EegImage.checkCubicA(cubicA);
            GaussianBlur.checkSize(blurSize, "blurSize");
            Kernels.checkFinite(blurSigma, "blurSigma");
            Kernels.checkNonNull(edgeDetector, "edgeDetector");
            if (!(cannyLow >= 0.0) || !Double.isFinite(cannyLow)) {
                throw new IllegalArgumentException("cannyLow must be finite and >= 0, got " + cannyLow);
            }
            Kernels.checkFinite(cannyHigh, "cannyHigh");
            if (cannyLow > cannyHigh) {
                throw new IllegalArgumentException("cannyLow must be <= cannyHigh, got cannyLow " + cannyLow
                        + ", cannyHigh " + cannyHigh);
            }
            Kernels.checkNonNull(cannyNorm, "cannyNorm");
            Kernels.checkNonNull(adaptiveMethod, "adaptiveMethod");
            if (adaptiveBlockSize < 3 || adaptiveBlockSize % 2 == 0) {
                throw new IllegalArgumentException("adaptiveBlockSize must be odd and >= 3, got "
                        + adaptiveBlockSize);
            }
            Kernels.checkFinite(adaptiveC, "adaptiveC");
            Kernels.checkNonNull(fusion, "fusion");
            if (!(lambda >= 0.0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
            }
        }

        /** @return the defaults listed on each field (the full method: ICWMH MAX, 64 x 128, Canny, Hadamard) */
        public static Settings defaults() {
            return new Settings(ChannelNorm.ICWMH, Icwmh.Magnitude.MAX, Icwmh.DEFAULT_EPS, Scope.PER_TRIAL,
                    Scope.PER_TRIAL, 64, 128, Interpolation.BILINEAR, EegImage.OPENCV_CUBIC_A, true, 5, 0.0,
                    EdgeDetector.CANNY, 100.0, 200.0, Canny.Norm.L2, AdaptiveThreshold.Method.GAUSSIAN, 11, 2.0,
                    Fusion.Mode.HADAMARD, 1.0);
        }

        /**
         * @param value the channel normalisation
         * @return a copy with it
         */
        public Settings withChannelNorm(ChannelNorm value) {
            return new Settings(value, magnitude, eps, normScope, rangeScope, height, width, interpolation,
                    cubicA, quantize, blurSize, blurSigma, edgeDetector, cannyLow, cannyHigh, cannyNorm,
                    adaptiveMethod, adaptiveBlockSize, adaptiveC, fusion, lambda);
        }

        /**
         * @param value the ICWMH magnitude statistic
         * @return a copy with it
         */
        public Settings withMagnitude(Icwmh.Magnitude value) {
            return new Settings(channelNorm, value, eps, normScope, rangeScope, height, width, interpolation,
                    cubicA, quantize, blurSize, blurSigma, edgeDetector, cannyLow, cannyHigh, cannyNorm,
                    adaptiveMethod, adaptiveBlockSize, adaptiveC, fusion, lambda);
        }

        /**
         * @param value the ICWMH eps
         * @return a copy with it
         */
        public Settings withEps(double value) {
            return new Settings(channelNorm, magnitude, value, normScope, rangeScope, height, width, interpolation,
                    cubicA, quantize, blurSize, blurSigma, edgeDetector, cannyLow, cannyHigh, cannyNorm,
                    adaptiveMethod, adaptiveBlockSize, adaptiveC, fusion, lambda);
        }

        /**
         * @param value where ICWMH statistics come from
         * @return a copy with it
         */
        public Settings withNormScope(Scope value) {
            return new Settings(channelNorm, magnitude, eps, value, rangeScope, height, width, interpolation,
                    cubicA, quantize, blurSize, blurSigma, edgeDetector, cannyLow, cannyHigh, cannyNorm,
                    adaptiveMethod, adaptiveBlockSize, adaptiveC, fusion, lambda);
        }

        /**
         * @param value where the encoding range comes from
         * @return a copy with it
         */
        public Settings withRangeScope(Scope value) {
            return new Settings(channelNorm, magnitude, eps, normScope, value, height, width, interpolation,
                    cubicA, quantize, blurSize, blurSigma, edgeDetector, cannyLow, cannyHigh, cannyNorm,
                    adaptiveMethod, adaptiveBlockSize, adaptiveC, fusion, lambda);
        }

        /**
         * @param h image rows
         * @param w image columns
         * @return a copy with them
         */
        public Settings withImageSize(int h, int w) {
            return new Settings(channelNorm, magnitude, eps, normScope, rangeScope, h, w, interpolation,
                    cubicA, quantize, blurSize, blurSigma, edgeDetector, cannyLow, cannyHigh, cannyNorm,
                    adaptiveMethod, adaptiveBlockSize, adaptiveC, fusion, lambda);
        }

        /**
         * @param value the resize interpolation
         * @return a copy with it
         */
        public Settings withInterpolation(Interpolation value) {
            return new Settings(channelNorm, magnitude, eps, normScope, rangeScope, height, width, value,
                    cubicA, quantize, blurSize, blurSigma, edgeDetector, cannyLow, cannyHigh, cannyNorm,
                    adaptiveMethod, adaptiveBlockSize, adaptiveC, fusion, lambda);
        }

        /**
         * @param value Keys' bicubic parameter
         * @return a copy with it
         */
        public Settings withCubicA(double value) {
            return new Settings(channelNorm, magnitude, eps, normScope, rangeScope, height, width, interpolation,
                    value, quantize, blurSize, blurSigma, edgeDetector, cannyLow, cannyHigh, cannyNorm,
                    adaptiveMethod, adaptiveBlockSize, adaptiveC, fusion, lambda);
        }

        /**
         * @param value whether to round the resized and blurred images to 8-bit integers
         * @return a copy with it
         */
        public Settings withQuantize(boolean value) {
            return new Settings(channelNorm, magnitude, eps, normScope, rangeScope, height, width, interpolation,
                    cubicA, value, blurSize, blurSigma, edgeDetector, cannyLow, cannyHigh, cannyNorm,
                    adaptiveMethod, adaptiveBlockSize, adaptiveC, fusion, lambda);
        }

        /**
         * @param size  Gaussian kernel size (odd; 1 = no blur)
         * @param sigma Gaussian sigma ({@code <= 0}: from the size)
         * @return a copy with them
         */
        public Settings withBlur(int size, double sigma) {
            return new Settings(channelNorm, magnitude, eps, normScope, rangeScope, height, width, interpolation,
                    cubicA, quantize, size, sigma, edgeDetector, cannyLow, cannyHigh, cannyNorm,
                    adaptiveMethod, adaptiveBlockSize, adaptiveC, fusion, lambda);
        }

        /**
         * @param value the edge detector
         * @return a copy with it
         */
        public Settings withEdgeDetector(EdgeDetector value) {
            return new Settings(channelNorm, magnitude, eps, normScope, rangeScope, height, width, interpolation,
                    cubicA, quantize, blurSize, blurSigma, value, cannyLow, cannyHigh, cannyNorm,
                    adaptiveMethod, adaptiveBlockSize, adaptiveC, fusion, lambda);
        }

        /**
         * @param low  Canny low threshold
         * @param high Canny high threshold
         * @return a copy with them
         */
        public Settings withCanny(double low, double high) {
            return new Settings(channelNorm, magnitude, eps, normScope, rangeScope, height, width, interpolation,
                    cubicA, quantize, blurSize, blurSigma, edgeDetector, low, high, cannyNorm,
                    adaptiveMethod, adaptiveBlockSize, adaptiveC, fusion, lambda);
        }

        /**
         * @param value Canny gradient magnitude
         * @return a copy with it
         */
        public Settings withCannyNorm(Canny.Norm value) {
            return new Settings(channelNorm, magnitude, eps, normScope, rangeScope, height, width, interpolation,
                    cubicA, quantize, blurSize, blurSigma, edgeDetector, cannyLow, cannyHigh, value,
                    adaptiveMethod, adaptiveBlockSize, adaptiveC, fusion, lambda);
        }

        /**
         * @param method    adaptive threshold window
         * @param blockSize adaptive threshold window side
         * @param c         adaptive threshold constant
         * @return a copy with them
         */
        public Settings withAdaptive(AdaptiveThreshold.Method method, int blockSize, double c) {
            return new Settings(channelNorm, magnitude, eps, normScope, rangeScope, height, width, interpolation,
                    cubicA, quantize, blurSize, blurSigma, edgeDetector, cannyLow, cannyHigh, cannyNorm,
                    method, blockSize, c, fusion, lambda);
        }

        /**
         * @param value the fusion
         * @return a copy with it
         */
        public Settings withFusion(Fusion.Mode value) {
            return new Settings(channelNorm, magnitude, eps, normScope, rangeScope, height, width, interpolation,
                    cubicA, quantize, blurSize, blurSigma, edgeDetector, cannyLow, cannyHigh, cannyNorm,
                    adaptiveMethod, adaptiveBlockSize, adaptiveC, value, lambda);
        }

        /**
         * @param value the edge weight
         * @return a copy with it
         */
        public Settings withLambda(double value) {
            return new Settings(channelNorm, magnitude, eps, normScope, rangeScope, height, width, interpolation,
                    cubicA, quantize, blurSize, blurSigma, edgeDetector, cannyLow, cannyHigh, cannyNorm,
                    adaptiveMethod, adaptiveBlockSize, adaptiveC, fusion, value);
        }
    }

    private final Settings settings;
    private final Icwmh icwmh;          // ICWMH: per-trial or fitted; otherwise null
    private final EegImage.Range range; // TRAINING_SET range; otherwise null
    private final double[] blurKernel;
    private final double[] adaptiveKernel;

    /**
     * A preprocessor with per-trial statistics only.
     *
     * @param settings the settings; both scopes must be PER_TRIAL
     * @throws IllegalArgumentException if settings is null or asks for training-set statistics (use {@link #fit})
     */
    public Preprocessor(Settings settings) {
        this(checkPerTrial(settings), null, null);
    }

    private Preprocessor(Settings settings, Icwmh fitted, EegImage.Range range) {
        this.settings = settings;
        this.icwmh = settings.channelNorm() != ChannelNorm.ICWMH ? null
                : (fitted != null ? fitted : Icwmh.perTrial(settings.magnitude(), settings.eps()));
        this.range = range;
        this.blurKernel = GaussianBlur.kernel(settings.blurSize(), settings.blurSigma());
        this.adaptiveKernel = AdaptiveThreshold.kernel(settings.adaptiveMethod(), settings.adaptiveBlockSize());
    }

    private static Settings checkPerTrial(Settings settings) {
        Kernels.checkNonNull(settings, "settings");
        if (settings.normScope() != Scope.PER_TRIAL || settings.rangeScope() != Scope.PER_TRIAL) {
            throw new IllegalArgumentException("settings ask for TRAINING_SET statistics (normScope "
                    + settings.normScope() + ", rangeScope " + settings.rangeScope()
                    + "): use Preprocessor.fit(settings, trainTrials)");
        }
        return settings;
    }

    /**
     * Fits what the settings take from a training set (ICWMH magnitudes if {@code normScope} is TRAINING_SET, with
     * {@link Icwmh.Pooling#POOLED}; then the encoding range of the normalised training trials if
     * {@code rangeScope} is TRAINING_SET). With per-trial scopes the data is only validated.
     *
     * @param settings    the settings
     * @param trainTrials training trials {@code [n][C][T]}
     * @return the fitted preprocessor
     * @throws IllegalArgumentException on null settings, an empty set or a bad trial
     */
    public static Preprocessor fit(Settings settings, double[][][] trainTrials) {
        Kernels.checkNonNull(settings, "settings");
        Kernels.checkTrials(trainTrials, "trainTrials");
        Icwmh fitted = settings.normScope() == Scope.TRAINING_SET
                ? Icwmh.fit(trainTrials, settings.magnitude(), settings.eps(), Icwmh.Pooling.POOLED) : null;
        Preprocessor p = new Preprocessor(settings, fitted, null);
        if (settings.rangeScope() != Scope.TRAINING_SET) {
            return p;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[][] trial : trainTrials) {
            double[][] x = p.normalise(trial);
            for (double[] row : x) {
                for (double v : row) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return new Preprocessor(settings, fitted, new EegImage.Range(min, max));
    }

    /**
     * A preprocessor from saved fitted parts.
     *
     * @param settings the settings
     * @param fitted   the fitted ICWMH (non-null exactly when normScope is TRAINING_SET; its magnitude statistic
     *                 and eps must match the settings)
     * @param range    the encoding range of normalised trials (non-null exactly when rangeScope is TRAINING_SET)
     * @return the preprocessor
     * @throws IllegalArgumentException if a part is missing, superfluous or does not match the settings
     */
    public static Preprocessor of(Settings settings, Icwmh fitted, EegImage.Range range) {
        Kernels.checkNonNull(settings, "settings");
        boolean needIcwmh = settings.normScope() == Scope.TRAINING_SET;
        if (needIcwmh != (fitted != null && fitted.isFitted())) {
            throw new IllegalArgumentException("fitted must be a fitted ICWMH exactly when normScope is "
                    + "TRAINING_SET (normScope " + settings.normScope() + ", fitted " + fitted + ")");
        }
        if (fitted != null && (fitted.magnitudeStatistic() != settings.magnitude()
                || Double.compare(fitted.eps(), settings.eps()) != 0)) {
            throw new IllegalArgumentException("fitted " + fitted + " does not match settings magnitude "
                    + settings.magnitude() + ", eps " + settings.eps());
        }
        if ((settings.rangeScope() == Scope.TRAINING_SET) != (range != null)) {
            throw new IllegalArgumentException("range must be given exactly when rangeScope is TRAINING_SET"
                    + " (rangeScope " + settings.rangeScope() + ", range " + range + ")");
        }
        return new Preprocessor(settings, fitted, range);
    }

    /** @return the settings */
    public Settings settings() {
        return settings;
    }

    /** @return the ICWMH fitted on a training set, if any */
    public Optional<Icwmh> fittedIcwmh() {
        return icwmh != null && icwmh.isFitted() ? Optional.of(icwmh) : Optional.empty();
    }

    /** @return the encoding range fitted on a training set, if any */
    public Optional<EegImage.Range> fittedRange() {
        return Optional.ofNullable(range);
    }

    /** @return the number of output channels, {@code settings().fusion().channels()} */
    public int outputChannels() {
        return settings.fusion().channels();
    }

    /**
     * Step 1 alone: the channel-normalised trial.
     *
     * @param trial {@code [C][T]}, rectangular, finite, at least one sample (C as fitted)
     * @return the normalised trial
     * @throws IllegalArgumentException on a bad trial
     */
    public double[][] normalise(double[][] trial) {
        check(trial);
        int c = trial.length;
        double[] offset = new double[c];
        double[] divisor = new double[c];
        stats(trial, offset, divisor, new double[trial[0].length]);
        double[][] out = new double[c][trial[0].length];
        for (int ch = 0; ch < c; ch++) {
            for (int t = 0; t < trial[ch].length; t++) {
                out[ch][t] = Kernels.normalise(trial[ch][t], offset[ch], divisor[ch]);
            }
        }
        return out;
    }

    /**
     * Steps 1 to 3: the resized image {@code I}, values in [0, 255] (integers when quantising).
     *
     * @param trial {@code [C][T]}, rectangular, finite, at least one sample (C as fitted)
     * @return {@code [H][W]}
     * @throws IllegalArgumentException on a bad trial
     */
    public float[][] image(double[][] trial) {
        check(trial);
        Work w = new Work(trial.length, trial[0].length);
        encodeAndResize(trial, w);
        return Kernels.unflatten(w.img, settings.height(), settings.width());
    }

    /**
     * Steps 1 to 4: the edge map {@code E} (computed whatever the fusion).
     *
     * @param trial {@code [C][T]}, rectangular, finite, at least one sample (C as fitted)
     * @return {@code [H][W]} of 0 and 1
     * @throws IllegalArgumentException on a bad trial
     */
    public byte[][] edges(double[][] trial) {
        check(trial);
        Work w = new Work(trial.length, trial[0].length);
        encodeAndResize(trial, w);
        edges(w);
        return Kernels.unflatten(w.edges, settings.height(), settings.width());
    }

    /**
     * The whole pipeline for one trial.
     *
     * @param trial {@code [C][T]}, rectangular, finite, at least one sample (C as fitted)
     * @return {@code [outputChannels()][H][W]}, values in [0, 1]
     * @throws IllegalArgumentException on a bad trial
     */
    public float[][][] apply(double[][] trial) {
        check(trial);
        Work w = new Work(trial.length, trial[0].length);
        float[][][] out = new float[outputChannels()][settings.height()][settings.width()];
        run(trial, w, out);
        return out;
    }

    /**
     * The whole pipeline for several trials.
     *
     * @param trials {@code [n][C][T]} (C as fitted)
     * @return {@code [n][outputChannels()][H][W]}, values in [0, 1]
     * @throws IllegalArgumentException on a null array or a bad trial
     */
    public float[][][][] apply(double[][][] trials) {
        Kernels.checkNonNull(trials, "trials");
        float[][][][] out = new float[trials.length][][][];
        for (int n = 0; n < trials.length; n++) {
            try {
                out[n] = apply(trials[n]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("trials[" + n + "]: " + e.getMessage(), e);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- internals

    /** Per-call buffers. */
    private final class Work {
        final double[] offset;
        final double[] divisor;
        final double[] scratch;
        final float[] enc;
        final float[] img;
        final float[] blurred;
        final double[] tmp;
        final double[] acc;
        final byte[] edges;
        final int samples;

        Work(int channels, int samples) {
            int h = settings.height();
            int w = settings.width();
            this.samples = samples;
            offset = new double[channels];
            divisor = new double[channels];
            scratch = settings.magnitude() == Icwmh.Magnitude.P99 ? new double[samples] : null;
            enc = new float[channels * samples];
            img = new float[h * w];
            boolean needEdges = settings.fusion().needsEdges();
            blurred = needEdges ? new float[h * w] : null;
            tmp = new double[Math.max(channels, h) * w];
            acc = new double[w];
            edges = new byte[h * w];
        }
    }

    private void check(double[][] trial) {
        if (icwmh != null) {
            icwmh.checkTrialFor(trial);
        } else {
            Kernels.checkTrial(trial, "trial");
        }
    }

    private void stats(double[][] trial, double[] offset, double[] divisor, double[] scratch) {
        switch (settings.channelNorm()) {
            case NONE:
                Arrays.fill(offset, 0.0);
                Arrays.fill(divisor, 1.0);
                break;
            case ZSCORE:
                ChannelZScore.stats(trial, offset, divisor);
                break;
            default:
                Arrays.fill(offset, 0.0);
                icwmh.divisors(trial, divisor, scratch);
                break;
        }
    }

    private void encodeAndResize(double[][] trial, Work w) {
        int c = trial.length;
        int t = w.samples;
        stats(trial, w.offset, w.divisor, w.scratch);
        double min;
        double max;
        if (range != null) {
            min = range.min();
            max = range.max();
        } else {
            // (x - o) / d with d >= 0 is monotone non-decreasing in x under IEEE rounding, so the extremes of the
            // normalised trial are the normalised extremes of each channel: no division in this pass.
            min = Double.POSITIVE_INFINITY;
            max = Double.NEGATIVE_INFINITY;
            for (int ch = 0; ch < c; ch++) {
                double[] x = trial[ch];
                double lo = x[0];
                double hi = x[0];
                for (int s = 1; s < t; s++) {
                    double v = x[s];
                    lo = v < lo ? v : lo;
                    hi = v > hi ? v : hi;
                }
                min = Math.min(min, Kernels.normalise(lo, w.offset[ch], w.divisor[ch]));
                max = Math.max(max, Kernels.normalise(hi, w.offset[ch], w.divisor[ch]));
            }
        }
        double factor = Kernels.levelFactor(min, max);
        for (int ch = 0; ch < c; ch++) {
            double[] x = trial[ch];
            double o = w.offset[ch];
            double d = w.divisor[ch];
            int base = ch * t;
            for (int s = 0; s < t; s++) {
                w.enc[base + s] = Kernels.level(Kernels.normalise(x[s], o, d), min, factor);
            }
        }
        int h = settings.height();
        int wd = settings.width();
        Kernels.resize(w.enc, c, t, w.img, h, wd, settings.interpolation(), settings.cubicA(), w.tmp);
        if (settings.quantize()) {
            Kernels.quantize(w.img, h * wd);
        }
    }

    private void edges(Work w) {
        int h = settings.height();
        int wd = settings.width();
        int n = h * wd;
        float[] blurred = w.blurred != null ? w.blurred : new float[n];
        Kernels.separable(w.img, h, wd, blurKernel, true, w.tmp, w.acc, blurred);
        if (settings.quantize()) {
            Kernels.quantize(blurred, n);
        }
        if (settings.edgeDetector() == EdgeDetector.CANNY) {
            Canny.detect(blurred, h, wd, settings.cannyLow(), settings.cannyHigh(),
                    settings.cannyNorm() == Canny.Norm.L2, new Canny.Workspace(n), w.edges);
        } else {
            AdaptiveThreshold.apply(blurred, h, wd, adaptiveKernel, settings.adaptiveC(), new float[n], w.tmp,
                    w.acc, w.edges);
        }
    }

    private void run(double[][] trial, Work w, float[][][] out) {
        encodeAndResize(trial, w);
        Fusion.Mode mode = settings.fusion();
        if (mode.needsEdges()) {
            edges(w);
        }
        double scale = 1.0 / Fusion.fullScale(mode, settings.lambda());
        Fusion.fuse(mode, w.img, w.edges, settings.height(), settings.width(), settings.lambda(), scale, out);
    }
}
