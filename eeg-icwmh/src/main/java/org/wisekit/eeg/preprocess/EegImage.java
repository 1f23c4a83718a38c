package org.wisekit.eeg.preprocess;

/**
 * The EEG-encoded image (Ngo et al., arXiv 2407.20247, section "EEG-encoded image"; formulas reconstructed): a trial
 * {@code X} ({@code C x T}) becomes an 8-bit grayscale image {@code I = rint(255 (X - min) / (max - min))} with
 * {@code C} rows and {@code T} columns (computed as {@code rint((X - min) * f)} with {@code f = 255 / (max - min)}
 * rounded once), then is resized to {@code H x W} with an {@link Interpolation}.
 *
 * <p><b>Range.</b> {@code min} and {@code max} are those of the trial (per-trial, the default) or a fixed
 * {@link Range} fitted on a training set (values outside it saturate at 0 or 255). Rounding is half to even (like
 * OpenCV's {@code cvRound}). A constant input ({@code max == min}) gives the all-zero image, as OpenCV's
 * {@code cv::normalize(..., NORM_MINMAX)} does.
 *
 * <p>Images are {@code float[rows][cols]} holding values in [0, 255] ({@link #toInt} gives {@code int} arrays).
 * Stateless; thread-safe.
 */
public final class EegImage {

    /** OpenCV's bicubic parameter {@code a} (INTER_CUBIC): -0.75, the default here. */
    public static final double OPENCV_CUBIC_A = -0.75;
    /** Keys' (1981) bicubic parameter {@code a} = -0.5 (PIL, Matlab). */
    public static final double KEYS_CUBIC_A = -0.5;

    /**
     * A fixed encoding range.
     *
     * @param min the value that maps to 0
     * @param max the value that maps to 255, {@code >= min}
     */
    public record Range(double min, double max) {
        /** Checks that both ends are finite and {@code min <= max}. */
        public Range {
            Kernels.checkFinite(min, "min");
            Kernels.checkFinite(max, "max");
            if (min > max) {
                throw new IllegalArgumentException("min must be <= max, got min " + min + ", max " + max);
            }
        }
    }

    private EegImage() {
    }

    /**
     * The range of one trial.
     *
     * @param trial {@code [C][T]}, rectangular, finite, at least one sample
     * @return its minimum and maximum
     * @throws IllegalArgumentException on an empty, ragged or non-finite trial
     */
    public static Range range(double[][] trial) {
        Kernels.checkTrial(trial, "trial");
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : trial) {
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return new Range(min, max);
    }

    /**
     * The range over a set of trials (for a fixed, training-set range).
     *
     * @param trials {@code [n][C][T]}, at least one trial
     * @return the minimum and maximum over all samples
     * @throws IllegalArgumentException on an empty set or a bad trial
     */
    public static Range range(double[][][] trials) {
        Kernels.checkTrials(trials, "trials");
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[][] trial : trials) {
            Range r = range(trial);
            min = Math.min(min, r.min());
            max = Math.max(max, r.max());
        }
        return new Range(min, max);
    }

    /**
     * Encodes a trial with its own range.
     *
     * @param trial {@code [C][T]}, rectangular, finite, at least one sample
     * @return the {@code C x T} image, integer values in [0, 255]
     * @throws IllegalArgumentException on an empty, ragged or non-finite trial
     */
    public static float[][] encode(double[][] trial) {
        return encode(trial, range(trial));
    }

    /**
     * Encodes a trial with a fixed range; values outside it saturate at 0 or 255; {@code min == max} gives zeros.
     *
     * @param trial {@code [C][T]}, rectangular, finite, at least one sample
     * @param range the range
     * @return the {@code C x T} image, integer values in [0, 255]
     * @throws IllegalArgumentException on a bad trial or a null range
     */
    public static float[][] encode(double[][] trial, Range range) {
        Kernels.checkTrial(trial, "trial");
        Kernels.checkNonNull(range, "range");
        float[][] image = new float[trial.length][trial[0].length];
        double factor = Kernels.levelFactor(range.min(), range.max());
        for (int c = 0; c < trial.length; c++) {
            for (int t = 0; t < trial[c].length; t++) {
                image[c][t] = Kernels.level(trial[c][t], range.min(), factor);
            }
        }
        return image;
    }

    /**
     * Resizes an image with OpenCV's bicubic parameter where it applies ({@link #OPENCV_CUBIC_A}).
     *
     * @param image         {@code [rows][cols]}, rectangular, finite
     * @param height        output rows, {@code >= 1}
     * @param width         output columns, {@code >= 1}
     * @param interpolation the interpolation
     * @return the {@code height x width} image (not rounded; BICUBIC clamped to [0, 255])
     * @throws IllegalArgumentException on a bad image, size or a null interpolation
     */
    public static float[][] resize(float[][] image, int height, int width, Interpolation interpolation) {
        return resize(image, height, width, interpolation, OPENCV_CUBIC_A);
    }

    /**
     * Resizes an image (conventions in {@link Interpolation}); output is not rounded, BICUBIC output is clamped to
     * [0, 255]. A constant image stays constant under all three interpolations.
     *
     * @param image         {@code [rows][cols]}, rectangular, finite
     * @param height        output rows, {@code >= 1}
     * @param width         output columns, {@code >= 1}
     * @param interpolation the interpolation
     * @param cubicA        Keys' parameter {@code a} for BICUBIC, finite, in [-3, 0] (ignored otherwise)
     * @return the {@code height x width} image
     * @throws IllegalArgumentException on a bad image, size, parameter or a null interpolation
     */
    public static float[][] resize(float[][] image, int height, int width, Interpolation interpolation,
                                   double cubicA) {
        Kernels.checkImage(image, "image");
        Kernels.checkPositive(height, "height");
        Kernels.checkPositive(width, "width");
        Kernels.checkNonNull(interpolation, "interpolation");
        checkCubicA(cubicA);
        int sh = image.length;
        int sw = image[0].length;
        float[] dst = new float[height * width];
        Kernels.resize(Kernels.flatten(image), sh, sw, dst, height, width, interpolation, cubicA,
                new double[sh * width]);
        return Kernels.unflatten(dst, height, width);
    }

    /**
     * Rounds an image to 8-bit integers (half to even, clamped to [0, 255]).
     *
     * @param image {@code [rows][cols]}, rectangular, finite
     * @return the integer image
     * @throws IllegalArgumentException on a bad image
     */
    public static int[][] toInt(float[][] image) {
        Kernels.checkImage(image, "image");
        int[][] out = new int[image.length][image[0].length];
        for (int y = 0; y < image.length; y++) {
            for (int x = 0; x < image[y].length; x++) {
                double v = Math.rint(image[y][x]);
                out[y][x] = (int) (v < 0.0 ? 0.0 : (v > 255.0 ? 255.0 : v));
            }
        }
        return out;
    }

    static void checkCubicA(double cubicA) {
        if (!(cubicA >= -3.0 && cubicA <= 0.0)) {
            throw new IllegalArgumentException("cubicA must be in [-3, 0], got " + cubicA);
        }
    }
}
