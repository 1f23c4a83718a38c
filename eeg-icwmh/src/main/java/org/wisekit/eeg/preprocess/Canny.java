package org.wisekit.eeg.preprocess;

/**
 * Canny's edge detector (Canny 1986) as OpenCV's {@code cv::Canny} computes it (aperture 3), for 8-bit-range
 * images:
 * <ol>
 *   <li>Sobel 3x3 gradients {@code gx}, {@code gy} with a replicated border (OpenCV's Canny uses BORDER_REPLICATE);</li>
 *   <li>magnitude {@code sqrt(gx^2 + gy^2)} ({@link Norm#L2}, the default here; OpenCV's default is L1) or
 *       {@code |gx| + |gy|} ({@link Norm#L1}); under L2 the squared magnitude is compared with the squared
 *       thresholds, as OpenCV does (exact for integer images);</li>
 *   <li>non-maximum suppression in four directions: horizontal if {@code |gy| < tan(22.5) |gx|}, vertical if
 *       {@code |gy| > tan(67.5) |gx|}, otherwise the diagonal along the gradient's sign. A pixel survives if its
 *       magnitude is {@code >} the neighbour before it and {@code >=} the one after it (horizontal/vertical; both
 *       {@code >} on diagonals), OpenCV's tie rule, so a two-pixel plateau gives one edge pixel; neighbours outside
 *       the image count as 0;</li>
 *   <li>double threshold: survivors with magnitude {@code > low} are candidates, those {@code > high} strong;</li>
 *   <li>hysteresis: the edges are the candidates 8-connected (through candidates) to a strong pixel.</li>
 * </ol>
 * Thresholds are on the magnitude scale of an image in [0, 255] (a unit step has L2 magnitude 4 x its height).
 * Output is a {0, 1} map. Stateless; thread-safe.
 */
public final class Canny {

    /** The gradient magnitude. */
    public enum Norm {
        /** {@code sqrt(gx^2 + gy^2)}. */
        L2,
        /** {@code |gx| + |gy|} (OpenCV's default). */
        L1
    }

    private Canny() {
    }

    /**
     * Detects edges with the L2 magnitude.
     *
     * @param image {@code [rows][cols]}, rectangular, finite (8-bit range)
     * @param low   the low threshold, finite, {@code >= 0}
     * @param high  the high threshold, finite, {@code >= low}
     * @return the {0, 1} edge map, same shape
     * @throws IllegalArgumentException on a bad image or thresholds
     */
    public static byte[][] detect(float[][] image, double low, double high) {
        return detect(image, low, high, Norm.L2);
    }

    /**
     * Detects edges.
     *
     * @param image {@code [rows][cols]}, rectangular, finite (8-bit range)
     * @param low   the low threshold, finite, {@code >= 0}
     * @param high  the high threshold, finite, {@code >= low}
     * @param norm  the gradient magnitude
     * @return the {0, 1} edge map, same shape
     * @throws IllegalArgumentException on a bad image, thresholds or a null norm
     */
    public static byte[][] detect(float[][] image, double low, double high, Norm norm) {
        checkThresholds(low, high);
        Kernels.checkNonNull(norm, "norm");
        Kernels.checkImage(image, "image");
        int h = image.length;
        int w = image[0].length;
        int n = h * w;
        byte[] out = new byte[n];
        detect(Kernels.flatten(image), h, w, low, high, norm == Norm.L2, new Workspace(n), out);
        return Kernels.unflatten(out, h, w);
    }

    static void checkThresholds(double low, double high) {
        if (!(low >= 0.0) || !Double.isFinite(low)) {
            throw new IllegalArgumentException("low must be finite and >= 0, got " + low);
        }
        if (!Double.isFinite(high)) {
            throw new IllegalArgumentException("high must be finite, got " + high);
        }
        if (low > high) {
            throw new IllegalArgumentException("low must be <= high, got low " + low + ", high " + high);
        }
    }

    /** Per-call buffers of {@code n = h * w} values. */
    static final class Workspace {
        final float[] gx;
        final float[] gy;
        final float[] mag;
        final byte[] map;
        final int[] stack;

        Workspace(int n) {
            gx = new float[n];
            gy = new float[n];
            mag = new float[n];
            map = new byte[n];
            stack = new int[n];
        }
    }

    /** Kernel: {@code out[i] = 1} on edges, 0 elsewhere. */
    static void detect(float[] img, int h, int w, double low, double high, boolean l2, Workspace ws, byte[] out) {
        float[] gx = ws.gx;
        float[] gy = ws.gy;
        float[] mag = ws.mag;
        byte[] map = ws.map;
        int[] stack = ws.stack;
        for (int y = 0; y < h; y++) {
            int rm = (y > 0 ? y - 1 : 0) * w;
            int r = y * w;
            int rp = (y < h - 1 ? y + 1 : h - 1) * w;
            for (int x = 0; x < w; x++) {
                int xm = x > 0 ? x - 1 : 0;
                int xp = x < w - 1 ? x + 1 : w - 1;
                float dx = (img[rm + xp] - img[rm + xm]) + 2.0f * (img[r + xp] - img[r + xm])
                        + (img[rp + xp] - img[rp + xm]);
                float dy = (img[rp + xm] - img[rm + xm]) + 2.0f * (img[rp + x] - img[rm + x])
                        + (img[rp + xp] - img[rm + xp]);
                gx[r + x] = dx;
                gy[r + x] = dy;
                mag[r + x] = l2 ? (float) ((double) dx * dx + (double) dy * dy) : Math.abs(dx) + Math.abs(dy);
            }
        }
        // L2 compares squared magnitudes (as OpenCV does): exact in float for 8-bit integer images, no sqrt
        double lo = l2 ? low * low : low;
        double hi = l2 ? high * high : high;
        int top = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float m = mag[i];
                map[i] = 0;
                if (!(m > lo)) {
                    continue;
                }
                float ax = Math.abs(gx[i]);
                float ay = Math.abs(gy[i]);
                boolean keep; // m is the squared magnitude under L2: the same order as the magnitude
                if (ay < ax * Kernels.TAN_22_5) {
                    keep = m > at(mag, h, w, y, x - 1) && m >= at(mag, h, w, y, x + 1);
                } else if (ay > ax * Kernels.TAN_67_5) {
                    keep = m > at(mag, h, w, y - 1, x) && m >= at(mag, h, w, y + 1, x);
                } else {
                    int s = (gx[i] < 0) != (gy[i] < 0) ? -1 : 1;
                    keep = m > at(mag, h, w, y - 1, x - s) && m > at(mag, h, w, y + 1, x + s);
                }
                if (keep) {
                    if (m > hi) {
                        map[i] = 2;
                        stack[top++] = i;
                    } else {
                        map[i] = 1;
                    }
                }
            }
        }
        while (top > 0) {
            int i = stack[--top];
            int y = i / w;
            int x = i - y * w;
            int y0 = y > 0 ? y - 1 : 0;
            int y1 = y < h - 1 ? y + 1 : h - 1;
            int x0 = x > 0 ? x - 1 : 0;
            int x1 = x < w - 1 ? x + 1 : w - 1;
            for (int yy = y0; yy <= y1; yy++) {
                for (int xx = x0; xx <= x1; xx++) {
                    int j = yy * w + xx;
                    if (map[j] == 1) {
                        map[j] = 2;
                        stack[top++] = j;
                    }
                }
            }
        }
        for (int i = 0; i < h * w; i++) {
            out[i] = map[i] == 2 ? (byte) 1 : (byte) 0;
        }
    }

    private static float at(float[] mag, int h, int w, int y, int x) {
        return y < 0 || y >= h || x < 0 || x >= w ? 0.0f : mag[y * w + x];
    }
}
