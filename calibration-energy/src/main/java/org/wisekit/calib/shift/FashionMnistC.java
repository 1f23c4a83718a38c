package org.wisekit.calib.shift;

import java.util.SplittableRandom;

/**
 * Builds corrupted copies of a set of 28 x 28 grey images ("Fashion-MNIST-C"): image i of a set corrupted
 * with (corruption, severity) under a seed is a fixed function of (seed, corruption, severity, i), so
 * any subset can be rebuilt alone and the order of work does not matter.
 */
public final class FashionMnistC {

    /** Image side. */
    public static final int SIDE = 28;

    private FashionMnistC() {
    }

    /**
     * Corrupts images {@code 0 .. count-1} of {@code images} (row-major, {@code SIDE * SIDE} floats each).
     *
     * @return a new array of {@code count * SIDE * SIDE} floats
     */
    public static float[] corrupt(float[] images, int count, Corruption corruption, int severity, long seed) {
        int pixels = SIDE * SIDE;
        if (count < 0 || (long) count * pixels > images.length) {
            throw new IllegalArgumentException("need " + count + " images of " + pixels + " pixels, have "
                    + images.length / pixels);
        }
        float[] out = new float[count * pixels];
        float[] image = new float[pixels];
        for (int i = 0; i < count; i++) {
            System.arraycopy(images, i * pixels, image, 0, pixels);
            SplittableRandom random = new SplittableRandom(imageSeed(seed, corruption, severity, i));
            System.arraycopy(corruption.apply(image, SIDE, severity, random), 0, out, i * pixels, pixels);
        }
        return out;
    }

    /** A well-mixed seed for one image (SplitMix64 finaliser over the four coordinates). */
    static long imageSeed(long seed, Corruption corruption, int severity, int index) {
        long h = seed;
        h = mix(h + 0x9E3779B97F4A7C15L * (corruption.ordinal() + 1));
        h = mix(h + 0x9E3779B97F4A7C15L * severity);
        return mix(h + 0x9E3779B97F4A7C15L * (index + 1L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
