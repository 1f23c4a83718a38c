package org.wisekit.eeg.preprocess;

/**
 * Adaptive (local) thresholding, the paper's alternative edge detector, as OpenCV's {@code cv::adaptiveThreshold}
 * with THRESH_BINARY: {@code E(y, x) = 1 if I(y, x) > T(y, x) - C else 0}, where {@code T} is the local mean over a
 * {@code blockSize x blockSize} window ({@link Method#MEAN}) or the local Gaussian-weighted mean with OpenCV's
 * sigma for that size ({@link Method#GAUSSIAN}, {@link GaussianBlur#kernel(int, double)} with sigma 0), with a
 * replicated border (OpenCV's choice here). Unlike OpenCV on 8-bit images, {@code T} is not rounded before the
 * comparison. Stateless; thread-safe.
 */
public final class AdaptiveThreshold {

    /** The local threshold. */
    public enum Method {
        /** The mean of the window (OpenCV's ADAPTIVE_THRESH_MEAN_C). */
        MEAN,
        /** The Gaussian-weighted mean of the window (OpenCV's ADAPTIVE_THRESH_GAUSSIAN_C). */
        GAUSSIAN
    }

    private AdaptiveThreshold() {
    }

    /**
     * Thresholds an image against its local mean.
     *
     * @param image     {@code [rows][cols]}, rectangular, finite
     * @param method    the local threshold
     * @param blockSize the window side, odd, {@code >= 3}
     * @param c         the constant subtracted from the local mean, finite
     * @return the {0, 1} map, same shape
     * @throws IllegalArgumentException on a bad image, a null method, an even or small block size, or a
     *                                  non-finite {@code c}
     */
    public static byte[][] apply(float[][] image, Method method, int blockSize, double c) {
        Kernels.checkNonNull(method, "method");
        checkBlockSize(blockSize);
        Kernels.checkFinite(c, "c");
        Kernels.checkImage(image, "image");
        int h = image.length;
        int w = image[0].length;
        byte[] out = new byte[h * w];
        apply(Kernels.flatten(image), h, w, kernel(method, blockSize), c, new float[h * w], new double[h * w],
                new double[w], out);
        return Kernels.unflatten(out, h, w);
    }

    static void checkBlockSize(int blockSize) {
        if (blockSize < 3 || blockSize % 2 == 0) {
            throw new IllegalArgumentException("blockSize must be odd and >= 3, got " + blockSize);
        }
    }

    /** The 1-D window weights of a method. */
    static double[] kernel(Method method, int blockSize) {
        if (method == Method.GAUSSIAN) {
            return GaussianBlur.kernel(blockSize, 0.0);
        }
        double[] k = new double[blockSize];
        java.util.Arrays.fill(k, 1.0 / blockSize);
        return k;
    }

    /** Kernel: {@code local}, {@code tmp}, {@code acc} are workspaces of {@code h*w}, {@code h*w}, {@code w} values. */
    static void apply(float[] img, int h, int w, double[] kernel, double c, float[] local, double[] tmp,
                      double[] acc, byte[] out) {
        Kernels.separable(img, h, w, kernel, false, tmp, acc, local);
        for (int i = 0; i < h * w; i++) {
            out[i] = img[i] > local[i] - c ? (byte) 1 : (byte) 0;
        }
    }
}
