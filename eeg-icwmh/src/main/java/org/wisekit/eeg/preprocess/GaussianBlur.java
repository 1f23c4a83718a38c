package org.wisekit.eeg.preprocess;

/**
 * Separable Gaussian blur, the smoothing before the edge detector (kernel size and sigma are ablated in the paper).
 * Follows OpenCV's {@code cv::GaussianBlur} with the same size and sigma on both axes:
 * <ul>
 *   <li>kernel {@code g_i = exp(-(i - (k-1)/2)^2 / (2 sigma^2))}, {@code i = 0..k-1}, normalised to sum 1 (in
 *       double); {@code k} odd and {@code >= 1} ({@code k = 1}: no blur);</li>
 *   <li>{@code sigma <= 0} means "from k" as in OpenCV: for {@code k <= 7} OpenCV's fixed small kernels
 *       ({@code [1]}, {@code [1 2 1]/4}, {@code [1 4 6 4 1]/16}, {@code [2 7 14 18 14 7 2]/64}), otherwise the
 *       formula with {@code sigma = 0.3 ((k - 1) 0.5 - 1) + 0.8};</li>
 *   <li>border: reflect-101 ({@code gfedcb|abcdefgh|gfedcba}, OpenCV's default), repeated for kernels wider than
 *       the image;</li>
 *   <li>output is not rounded (OpenCV rounds 8-bit images; {@link Preprocessor} does when quantising).</li>
 * </ul>
 * Stateless; thread-safe.
 */
public final class GaussianBlur {

    private static final double[][] SMALL = {
        {1.0},
        {0.25, 0.5, 0.25},
        {0.0625, 0.25, 0.375, 0.25, 0.0625},
        {0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125},
    };

    private GaussianBlur() {
    }

    /**
     * The 1-D kernel.
     *
     * @param size  odd, {@code >= 1}
     * @param sigma the standard deviation in pixels; {@code <= 0}: from the size (see the class comment)
     * @return {@code size} weights summing to 1
     * @throws IllegalArgumentException if {@code size} is even or below 1, or sigma is NaN or infinite
     */
    public static double[] kernel(int size, double sigma) {
        checkSize(size, "size");
        if (Double.isNaN(sigma) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be finite, got " + sigma);
        }
        if (sigma <= 0.0 && size <= 7) {
            return SMALL[size / 2].clone();
        }
        double s = sigma > 0.0 ? sigma : autoSigma(size);
        double[] k = new double[size];
        double c = (size - 1) * 0.5;
        double sum = 0.0;
        for (int i = 0; i < size; i++) {
            double d = i - c;
            k[i] = Math.exp(-d * d / (2.0 * s * s));
            sum += k[i];
        }
        for (int i = 0; i < size; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /**
     * OpenCV's sigma for a kernel size: {@code 0.3 ((size - 1) 0.5 - 1) + 0.8}.
     *
     * @param size odd, {@code >= 1}
     * @return the sigma
     * @throws IllegalArgumentException if {@code size} is even or below 1
     */
    public static double autoSigma(int size) {
        checkSize(size, "size");
        return 0.3 * ((size - 1) * 0.5 - 1.0) + 0.8;
    }

    /**
     * Blurs an image.
     *
     * @param image {@code [rows][cols]}, rectangular, finite
     * @param size  odd kernel size, {@code >= 1}
     * @param sigma standard deviation in pixels; {@code <= 0}: from the size
     * @return the blurred image, same shape
     * @throws IllegalArgumentException on a bad image, an even or non-positive size, or a non-finite sigma
     */
    public static float[][] blur(float[][] image, int size, double sigma) {
        double[] k = kernel(size, sigma);
        Kernels.checkImage(image, "image");
        int h = image.length;
        int w = image[0].length;
        float[] flat = Kernels.flatten(image);
        Kernels.separable(flat, h, w, k, true, new double[h * w], new double[w], flat);
        return Kernels.unflatten(flat, h, w);
    }

    static void checkSize(int size, String name) {
        if (size < 1 || size % 2 == 0) {
            throw new IllegalArgumentException(name + " must be odd and >= 1, got " + size);
        }
    }
}
