package org.wisekit.calib.shift;

import java.util.SplittableRandom;

/**
 * Ten image corruptions at severities 1 to 5, for 28 x 28 grey images in [0, 1]: a Java
 * "Fashion-MNIST-C" after Hendrycks &amp; Dietterich's CIFAR-10-C (ICLR 2019), whose 32 x 32 parameter
 * tables are kept, with pixel distances scaled by 28/32. Each corruption is deliberately simple; the
 * results are clipped to [0, 1].
 *
 * <table>
 *   <caption>Parameters by severity 1..5</caption>
 *   <tr><th>corruption</th><th>operation</th><th>parameter</th></tr>
 *   <tr><td>gaussian-noise</td><td>x + N(0, s^2)</td><td>s = .04 .06 .08 .09 .10</td></tr>
 *   <tr><td>shot-noise</td><td>Poisson(x c) / c</td><td>c = 500 250 100 75 50</td></tr>
 *   <tr><td>impulse-noise</td><td>a fraction a of pixels set to 0 or 1 (half each)</td><td>a = .01 .02 .03 .05 .07</td></tr>
 *   <tr><td>speckle-noise</td><td>x + x N(0, s^2)</td><td>s = .06 .10 .12 .16 .20</td></tr>
 *   <tr><td>defocus-blur</td><td>disk kernel of radius r, smoothed by a 3x3 Gaussian of sd a</td>
 *       <td>(r, a) = (.3,.4) (.4,.5) (.5,.6) (1,.2) (1.5,.1), r scaled</td></tr>
 *   <tr><td>motion-blur</td><td>one-sided line kernel, weights exp(-i^2 / 2s^2), random angle in +-45 deg</td>
 *       <td>s = 1 1.5 2 2.5 3, scaled</td></tr>
 *   <tr><td>contrast</td><td>(x - mean) c + mean</td><td>c = .75 .5 .4 .3 .15</td></tr>
 *   <tr><td>brightness</td><td>x + c (the V channel of HSV is the grey value)</td><td>c = .05 .1 .15 .2 .3</td></tr>
 *   <tr><td>pixelate</td><td>area-average down to round(28 c) pixels, nearest-neighbour back up</td><td>c = .95 .9 .85 .75 .65</td></tr>
 *   <tr><td>rotate</td><td>bilinear rotation about the centre, random sign, zero fill (MNIST-C style)</td>
 *       <td>8 16 24 32 40 degrees</td></tr>
 * </table>
 *
 * <p>Randomness comes only from the generator passed in, so a corrupted set is a function of its seed.
 */
public enum Corruption {
    GAUSSIAN_NOISE("gaussian-noise"),
    SHOT_NOISE("shot-noise"),
    IMPULSE_NOISE("impulse-noise"),
    SPECKLE_NOISE("speckle-noise"),
    DEFOCUS_BLUR("defocus-blur"),
    MOTION_BLUR("motion-blur"),
    CONTRAST("contrast"),
    BRIGHTNESS("brightness"),
    PIXELATE("pixelate"),
    ROTATE("rotate");

    /** Severities run from 1 to this. */
    public static final int MAX_SEVERITY = 5;
    /** Pixel distances of the 32 x 32 CIFAR tables are scaled by this for 28 x 28 images. */
    static final double SPATIAL_SCALE = 28.0 / 32.0;

    private static final double[] GAUSSIAN_SD = {0.04, 0.06, 0.08, 0.09, 0.10};
    private static final double[] SHOT_COUNTS = {500, 250, 100, 75, 50};
    private static final double[] IMPULSE_FRACTION = {0.01, 0.02, 0.03, 0.05, 0.07};
    private static final double[] SPECKLE_SD = {0.06, 0.10, 0.12, 0.16, 0.20};
    private static final double[] DEFOCUS_RADIUS = {0.3, 0.4, 0.5, 1.0, 1.5};
    private static final double[] DEFOCUS_ALIAS_SD = {0.4, 0.5, 0.6, 0.2, 0.1};
    private static final double[] MOTION_SD = {1.0, 1.5, 2.0, 2.5, 3.0};
    private static final double[] CONTRAST_FACTOR = {0.75, 0.5, 0.4, 0.3, 0.15};
    private static final double[] BRIGHTNESS_SHIFT = {0.05, 0.1, 0.15, 0.2, 0.3};
    private static final double[] PIXELATE_FACTOR = {0.95, 0.9, 0.85, 0.75, 0.65};
    private static final double[] ROTATE_DEGREES = {8, 16, 24, 32, 40};
    /** Above this mean, Poisson draws use the normal approximation (exact Knuth sampling below). */
    private static final double POISSON_NORMAL_FROM = 30;

    private final String id;

    Corruption(String id) {
        this.id = id;
    }

    /** Lower-case id, e.g. {@code motion-blur}. */
    public String id() {
        return id;
    }

    /**
     * The corrupted copy of a {@code side x side} image.
     *
     * @param severity 1..{@value #MAX_SEVERITY}
     * @param random   the only source of randomness
     */
    public float[] apply(float[] image, int side, int severity, SplittableRandom random) {
        if (severity < 1 || severity > MAX_SEVERITY) {
            throw new IllegalArgumentException("severity must be in 1.." + MAX_SEVERITY + ", got " + severity);
        }
        if (image.length != side * side) {
            throw new IllegalArgumentException("image has " + image.length + " pixels, expected " + side + " x " + side);
        }
        int s = severity - 1;
        float[] out = switch (this) {
            case GAUSSIAN_NOISE -> map(image, x -> x + GAUSSIAN_SD[s] * random.nextGaussian());
            case SHOT_NOISE -> map(image, x -> poisson(x * SHOT_COUNTS[s], random) / SHOT_COUNTS[s]);
            case IMPULSE_NOISE -> map(image, x -> random.nextDouble() < IMPULSE_FRACTION[s]
                    ? (random.nextBoolean() ? 1.0 : 0.0) : x);
            case SPECKLE_NOISE -> map(image, x -> x + x * SPECKLE_SD[s] * random.nextGaussian());
            case DEFOCUS_BLUR -> defocus(image, side, DEFOCUS_RADIUS[s] * SPATIAL_SCALE, DEFOCUS_ALIAS_SD[s]);
            case MOTION_BLUR -> motion(image, side, MOTION_SD[s] * SPATIAL_SCALE,
                    Math.toRadians(-45 + 90 * random.nextDouble()));
            case CONTRAST -> contrast(image, CONTRAST_FACTOR[s]);
            case BRIGHTNESS -> map(image, x -> x + BRIGHTNESS_SHIFT[s]);
            case PIXELATE -> pixelate(image, side, Math.max(1, (int) Math.round(side * PIXELATE_FACTOR[s])));
            case ROTATE -> rotate(image, side, Math.toRadians(ROTATE_DEGREES[s] * (random.nextBoolean() ? 1 : -1)));
        };
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0f, Math.min(1f, out[i]));
        }
        return out;
    }

    private static float[] map(float[] image, java.util.function.DoubleUnaryOperator f) {
        float[] out = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            out[i] = (float) f.applyAsDouble(image[i]);
        }
        return out;
    }

    private static double poisson(double mean, SplittableRandom random) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > POISSON_NORMAL_FROM) {
            return Math.max(0, Math.rint(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    private static float[] defocus(float[] image, int side, double radius, double aliasSd) {
        int half = (int) Math.ceil(radius) + 1;
        int size = 2 * half + 1;
        double[] disk = new double[size * size];
        for (int y = -half; y <= half; y++) {
            for (int x = -half; x <= half; x++) {
                disk[(y + half) * size + x + half] = x * x + y * y <= radius * radius ? 1 : 0;
            }
        }
        double[] gauss = new double[9];
        for (int y = -1; y <= 1; y++) {
            for (int x = -1; x <= 1; x++) {
                gauss[(y + 1) * 3 + x + 1] = Math.exp(-(x * x + y * y) / (2 * aliasSd * aliasSd));
            }
        }
        double[] kernel = new double[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double sum = 0;
                for (int gy = -1; gy <= 1; gy++) {
                    for (int gx = -1; gx <= 1; gx++) {
                        int yy = y + gy;
                        int xx = x + gx;
                        if (yy >= 0 && yy < size && xx >= 0 && xx < size) {
                            sum += gauss[(gy + 1) * 3 + gx + 1] * disk[yy * size + xx];
                        }
                    }
                }
                kernel[y * size + x] = sum;
            }
        }
        normalise(kernel);
        return ImageOps.filter(image, side, kernel, size);
    }

    private static float[] motion(float[] image, int side, double sd, double angle) {
        int length = (int) Math.ceil(3 * sd);
        double[] weight = new double[length + 1];
        for (int i = 0; i <= length; i++) {
            weight[i] = Math.exp(-(double) i * i / (2 * sd * sd));
        }
        normalise(weight);
        double dy = Math.sin(angle);
        double dx = Math.cos(angle);
        float[] out = new float[image.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double sum = 0;
                for (int i = 0; i <= length; i++) {
                    sum += weight[i] * ImageOps.sampleClamped(image, side, side, y - i * dy, x - i * dx);
                }
                out[y * side + x] = (float) sum;
            }
        }
        return out;
    }

    private static float[] contrast(float[] image, double factor) {
        double mean = 0;
        for (float v : image) {
            mean += v;
        }
        double m = mean / image.length;
        return map(image, x -> (x - m) * factor + m);
    }

    private static float[] pixelate(float[] image, int side, int small) {
        // area average: small cell j covers [j side / small, (j + 1) side / small) of the input
        double[][] weights = new double[small][side];
        double cell = (double) side / small;
        for (int j = 0; j < small; j++) {
            double from = j * cell;
            double to = from + cell;
            for (int i = 0; i < side; i++) {
                weights[j][i] = Math.max(0, Math.min(to, i + 1) - Math.max(from, i)) / cell;
            }
        }
        // separable: average along x into rows[y][sx], then along y
        double[] rows = new double[side * small];
        for (int y = 0; y < side; y++) {
            for (int sx = 0; sx < small; sx++) {
                double sum = 0;
                for (int x = 0; x < side; x++) {
                    sum += weights[sx][x] * image[y * side + x];
                }
                rows[y * small + sx] = sum;
            }
        }
        double[] down = new double[small * small];
        for (int sy = 0; sy < small; sy++) {
            for (int sx = 0; sx < small; sx++) {
                double sum = 0;
                for (int y = 0; y < side; y++) {
                    sum += weights[sy][y] * rows[y * small + sx];
                }
                down[sy * small + sx] = sum;
            }
        }
        float[] out = new float[image.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                out[y * side + x] = (float) down[(y * small / side) * small + x * small / side];
            }
        }
        return out;
    }

    private static float[] rotate(float[] image, int side, double angle) {
        double centre = (side - 1) / 2.0;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        float[] out = new float[image.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                // inverse map: where in the source does output pixel (y, x) come from
                double u = x - centre;
                double v = y - centre;
                double sx = cos * u + sin * v + centre;
                double sy = -sin * u + cos * v + centre;
                out[y * side + x] = (float) ImageOps.sampleZero(image, side, side, sy, sx);
            }
        }
        return out;
    }

    private static void normalise(double[] kernel) {
        double sum = 0;
        for (double v : kernel) {
            sum += v;
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
    }
}
