package org.wisekit.eeg.preprocess;

/**
 * Package-private kernels and checks shared by the preprocessing classes: input validation, flat/2-D conversions,
 * border index tables, the separable convolution, resizing, the channel normalisation value and the 8-bit encoding.
 *
 * <p>Images are row-major flat {@code float[]} of {@code h * w} values here; the public classes convert from and to
 * {@code float[][]}. Kernels trust their input (the public classes validate) and write into caller-supplied
 * arrays; they allocate only small per-call tables, never inside their loops.
 */
final class Kernels {

    /** tan(22.5 degrees): below it the gradient is horizontal. */
    static final double TAN_22_5 = 0.41421356237309504880;
    /** tan(67.5 degrees): above it the gradient is vertical. */
    static final double TAN_67_5 = 2.41421356237309504880;

    private Kernels() {
    }

    // ---------------------------------------------------------------- validation

    /** Checks a trial: non-null, at least one channel, rectangular, at least one sample, every value finite. */
    static void checkTrial(double[][] trial, String name) {
        if (trial == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (trial.length == 0) {
            throw new IllegalArgumentException(name + " must have at least one channel, got 0");
        }
        int samples = -1;
        for (int c = 0; c < trial.length; c++) {
            double[] row = trial[c];
            if (row == null) {
                throw new IllegalArgumentException(name + "[" + c + "] must not be null");
            }
            if (row.length == 0) {
                throw new IllegalArgumentException(name + "[" + c + "] is empty (0 samples)");
            }
            if (samples >= 0 && row.length != samples) {
                throw new IllegalArgumentException(name + " is not rectangular: channel 0 has " + samples
                        + " samples, channel " + c + " has " + row.length);
            }
            samples = row.length;
            for (int t = 0; t < row.length; t++) {
                if (!Double.isFinite(row[t])) {
                    throw new IllegalArgumentException(name + "[" + c + "][" + t + "] is not finite: " + row[t]);
                }
            }
        }
    }

    /** Checks one channel: non-null, at least one sample, every value finite. */
    static void checkSamples(double[] x, String name) {
        if (x == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(name + " is empty (0 samples)");
        }
        for (int t = 0; t < x.length; t++) {
            if (!Double.isFinite(x[t])) {
                throw new IllegalArgumentException(name + "[" + t + "] is not finite: " + x[t]);
            }
        }
    }

    /** Checks a set of trials: non-empty, each a valid trial, all with the same channel count. */
    static void checkTrials(double[][][] trials, String name) {
        if (trials == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (trials.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one trial, got 0");
        }
        for (int n = 0; n < trials.length; n++) {
            checkTrial(trials[n], name + "[" + n + "]");
            if (trials[n].length != trials[0].length) {
                throw new IllegalArgumentException(name + "[" + n + "] has " + trials[n].length
                        + " channels, " + name + "[0] has " + trials[0].length);
            }
        }
    }

    /** Checks an image: non-null, non-empty, rectangular, every value finite. */
    static void checkImage(float[][] image, String name) {
        if (image == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (image.length == 0) {
            throw new IllegalArgumentException(name + " must have at least one row, got 0");
        }
        int width = -1;
        for (int y = 0; y < image.length; y++) {
            float[] row = image[y];
            if (row == null) {
                throw new IllegalArgumentException(name + "[" + y + "] must not be null");
            }
            if (row.length == 0) {
                throw new IllegalArgumentException(name + "[" + y + "] is empty (0 columns)");
            }
            if (width >= 0 && row.length != width) {
                throw new IllegalArgumentException(name + " is not rectangular: row 0 has " + width
                        + " columns, row " + y + " has " + row.length);
            }
            width = row.length;
            for (int x = 0; x < row.length; x++) {
                if (!Float.isFinite(row[x])) {
                    throw new IllegalArgumentException(name + "[" + y + "][" + x + "] is not finite: " + row[x]);
                }
            }
        }
    }

    /** Checks an edge map: the given shape, values 0 or 1. */
    static void checkEdges(byte[][] edges, int height, int width, String name) {
        if (edges == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (edges.length != height) {
            throw new IllegalArgumentException(name + " has " + edges.length + " rows, the image has " + height);
        }
        for (int y = 0; y < height; y++) {
            if (edges[y] == null || edges[y].length != width) {
                throw new IllegalArgumentException(name + "[" + y + "] has "
                        + (edges[y] == null ? "no" : String.valueOf(edges[y].length))
                        + " columns, the image has " + width);
            }
            for (int x = 0; x < width; x++) {
                if (edges[y][x] != 0 && edges[y][x] != 1) {
                    throw new IllegalArgumentException(name + "[" + y + "][" + x + "] must be 0 or 1, got "
                            + edges[y][x]);
                }
            }
        }
    }

    static void checkPositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    static void checkFinite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
    }

    static void checkNonNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    // ---------------------------------------------------------------- flat <-> 2-D

    static float[] flatten(float[][] image) {
        int h = image.length;
        int w = image[0].length;
        float[] flat = new float[h * w];
        for (int y = 0; y < h; y++) {
            System.arraycopy(image[y], 0, flat, y * w, w);
        }
        return flat;
    }

    static float[][] unflatten(float[] flat, int h, int w) {
        float[][] image = new float[h][w];
        for (int y = 0; y < h; y++) {
            System.arraycopy(flat, y * w, image[y], 0, w);
        }
        return image;
    }

    static byte[][] unflatten(byte[] flat, int h, int w) {
        byte[][] image = new byte[h][w];
        for (int y = 0; y < h; y++) {
            System.arraycopy(flat, y * w, image[y], 0, w);
        }
        return image;
    }

    // ---------------------------------------------------------------- borders

    /** OpenCV's BORDER_REFLECT_101 ({@code gfedcb|abcdefgh|gfedcba}), repeated for offsets beyond one period. */
    static int reflect101(int p, int n) {
        if (n == 1) {
            return 0;
        }
        while (p < 0 || p >= n) {
            p = p < 0 ? -p : 2 * (n - 1) - p;
        }
        return p;
    }

    /** OpenCV's BORDER_REPLICATE ({@code aaaaaa|abcdefgh|hhhhhhh}). */
    static int replicate(int p, int n) {
        return p < 0 ? 0 : (p >= n ? n - 1 : p);
    }

    /** Index table {@code t[i] = border(i - radius)} for {@code i in [0, n + 2 radius)}. */
    static int[] borderTable(int n, int radius, boolean reflect101) {
        int[] table = new int[n + 2 * radius];
        for (int i = 0; i < table.length; i++) {
            table[i] = reflect101 ? reflect101(i - radius, n) : replicate(i - radius, n);
        }
        return table;
    }

    // ---------------------------------------------------------------- separable convolution

    /**
     * Separable correlation with the same odd 1-D kernel along rows and columns (symmetric kernels: a
     * convolution), accumulated in double; {@code dst} may be {@code src}. {@code tmp} holds {@code h * w}
     * values, {@code acc} {@code w} values.
     */
    static void separable(float[] src, int h, int w, double[] kernel, boolean reflect101,
                          double[] tmp, double[] acc, float[] dst) {
        int k = kernel.length;
        int r = k / 2;
        int[] cx = borderTable(w, r, reflect101);
        int[] cy = borderTable(h, r, reflect101);
        int leftEnd = Math.min(r, w);
        int rightStart = Math.max(r, w - r);
        for (int y = 0; y < h; y++) {
            int base = y * w;
            for (int x = 0; x < leftEnd; x++) {
                tmp[base + x] = borderTap(src, base, cx, x, kernel);
            }
            for (int x = r; x < w - r; x++) {
                int o = base + x - r;
                double s = 0.0;
                for (int j = 0; j < k; j++) {
                    s += kernel[j] * src[o + j];
                }
                tmp[base + x] = s;
            }
            for (int x = rightStart; x < w; x++) {
                tmp[base + x] = borderTap(src, base, cx, x, kernel);
            }
        }
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(acc, 0, w, 0.0);
            for (int j = 0; j < k; j++) {
                double kj = kernel[j];
                int row = cy[y + j] * w;
                for (int x = 0; x < w; x++) {
                    acc[x] += kj * tmp[row + x];
                }
            }
            int base = y * w;
            for (int x = 0; x < w; x++) {
                dst[base + x] = (float) acc[x];
            }
        }
    }

    private static double borderTap(float[] src, int base, int[] cx, int x, double[] kernel) {
        double s = 0.0;
        for (int j = 0; j < kernel.length; j++) {
            s += kernel[j] * src[base + cx[x + j]];
        }
        return s;
    }

    // ---------------------------------------------------------------- resize

    /** Keys' cubic convolution weight at distance {@code d} with parameter {@code a}. */
    static double cubicWeight(double d, double a) {
        double x = Math.abs(d);
        if (x <= 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0;
        }
        if (x < 2.0) {
            return ((a * x - 5.0 * a) * x + 8.0 * a) * x - 4.0 * a;
        }
        return 0.0;
    }

    /** Number of taps per output sample for an interpolation. */
    static int taps(Interpolation interpolation) {
        switch (interpolation) {
            case NEAREST:
                return 1;
            case BILINEAR:
                return 2;
            default:
                return 4;
        }
    }

    /**
     * Fills the tap indices and weights that map {@code dstN} output samples onto {@code srcN} input samples.
     * NEAREST: OpenCV's INTER_NEAREST, {@code s = floor(d srcN / dstN)} (exact integer arithmetic). BILINEAR and
     * BICUBIC: half-pixel centres, {@code f = (d + 0.5) srcN / dstN - 0.5}, {@code s = floor(f)}, {@code t = f - s},
     * source indices clamped to the edge (OpenCV's BORDER_REPLICATE in resize).
     */
    static void tapTable(int dstN, int srcN, Interpolation interpolation, double a, int[] index, double[] weight) {
        int n = taps(interpolation);
        double scale = (double) srcN / dstN;
        for (int d = 0; d < dstN; d++) {
            int o = d * n;
            if (interpolation == Interpolation.NEAREST) {
                index[o] = (int) Math.min((long) d * srcN / dstN, srcN - 1);
                weight[o] = 1.0;
                continue;
            }
            double f = (d + 0.5) * scale - 0.5;
            double s = Math.floor(f);
            double t = f - s;
            int si = (int) s;
            if (interpolation == Interpolation.BILINEAR) {
                index[o] = replicate(si, srcN);
                index[o + 1] = replicate(si + 1, srcN);
                weight[o] = 1.0 - t;
                weight[o + 1] = t;
            } else {
                for (int j = 0; j < 4; j++) {
                    index[o + j] = replicate(si - 1 + j, srcN);
                }
                weight[o] = cubicWeight(1.0 + t, a);
                weight[o + 1] = cubicWeight(t, a);
                weight[o + 2] = cubicWeight(1.0 - t, a);
                weight[o + 3] = 1.0 - weight[o] - weight[o + 1] - weight[o + 2];
            }
        }
    }

    /**
     * Resizes {@code src} ({@code sh x sw}) into {@code dst} ({@code dh x dw}), separably (rows, then columns),
     * accumulating in double; BICUBIC output is clamped to [0, 255] (OpenCV saturates 8-bit images).
     * {@code tmp} holds {@code sh * dw} values.
     */
    static void resize(float[] src, int sh, int sw, float[] dst, int dh, int dw,
                       Interpolation interpolation, double cubicA, double[] tmp) {
        int n = taps(interpolation);
        int[] ix = new int[dw * n];
        double[] wx = new double[dw * n];
        int[] iy = new int[dh * n];
        double[] wy = new double[dh * n];
        tapTable(dw, sw, interpolation, cubicA, ix, wx);
        tapTable(dh, sh, interpolation, cubicA, iy, wy);
        if (interpolation == Interpolation.NEAREST) {
            for (int y = 0; y < dh; y++) {
                int srow = iy[y] * sw;
                int drow = y * dw;
                for (int x = 0; x < dw; x++) {
                    dst[drow + x] = src[srow + ix[x]];
                }
            }
            return;
        }
        for (int y = 0; y < sh; y++) {
            int srow = y * sw;
            int trow = y * dw;
            for (int x = 0; x < dw; x++) {
                int o = x * n;
                double s = 0.0;
                for (int j = 0; j < n; j++) {
                    s += wx[o + j] * src[srow + ix[o + j]];
                }
                tmp[trow + x] = s;
            }
        }
        boolean clamp = interpolation == Interpolation.BICUBIC;
        for (int y = 0; y < dh; y++) {
            int o = y * n;
            int drow = y * dw;
            for (int x = 0; x < dw; x++) {
                double s = 0.0;
                for (int j = 0; j < n; j++) {
                    s += wy[o + j] * tmp[iy[o + j] * dw + x];
                }
                if (clamp) {
                    s = s < 0.0 ? 0.0 : (s > 255.0 ? 255.0 : s);
                }
                dst[drow + x] = (float) s;
            }
        }
    }

    /** Rounds half to even (like OpenCV's cvRound) and clamps to [0, 255], in place. */
    static void quantize(float[] image, int n) {
        for (int i = 0; i < n; i++) {
            double v = Math.rint(image[i]);
            image[i] = (float) (v < 0.0 ? 0.0 : (v > 255.0 ? 255.0 : v));
        }
    }

    // ---------------------------------------------------------------- channel normalisation and encoding

    /**
     * The normalised sample {@code (x - offset) / divisor}, or 0 for a flat channel ({@code divisor == 0}). Every
     * class computes normalised values through this one expression, so that the fused pipeline and the separate
     * steps agree bit for bit.
     */
    static double normalise(double x, double offset, double divisor) {
        return divisor == 0.0 ? 0.0 : (x - offset) / divisor;
    }

    /**
     * The factor {@code 255 / (max - min)} of the 8-bit encoding, or 0 when {@code max == min} (every level 0).
     */
    static double levelFactor(double min, double max) {
        return max > min ? 255.0 / (max - min) : 0.0;
    }

    /**
     * The 8-bit level {@code rint((v - min) * factor)} (half to even) clamped to [0, 255], with
     * {@code factor = levelFactor(min, max)}: {@code round(255 (v - min) / (max - min))} up to one rounding of the
     * factor.
     */
    static float level(double v, double min, double factor) {
        double l = Math.rint((v - min) * factor);
        return (float) (l < 0.0 ? 0.0 : (l > 255.0 ? 255.0 : l));
    }

    // ---------------------------------------------------------------- selection

    /**
     * The {@code k}-th smallest of the first {@code n} values of {@code a} (0-based), by quickselect with a
     * median-of-three pivot; reorders {@code a} so that {@code a[k]} holds it, everything before is {@code <=} and
     * everything after (up to {@code n}) is {@code >=}. No NaN allowed.
     */
    static double select(double[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < a[lo]) {
                swap(a, lo, mid);
            }
            if (a[hi] < a[lo]) {
                swap(a, lo, hi);
            }
            if (a[hi] < a[mid]) {
                swap(a, mid, hi);
            }
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /**
     * The {@code q}-quantile of the first {@code n} values of {@code a} with linear interpolation between the order
     * statistics at rank {@code q (n - 1)} (numpy's default); reorders {@code a}.
     */
    static double quantile(double[] a, int n, double q) {
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        double frac = pos - lo;
        double v = select(a, n, lo);
        if (lo + 1 >= n || frac == 0.0) {
            return v;
        }
        double next = a[lo + 1];
        for (int i = lo + 2; i < n; i++) {
            next = Math.min(next, a[i]);
        }
        return v + frac * (next - v);
    }
}
