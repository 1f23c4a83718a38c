package org.wisekit.tensor;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Seeded standard normal values by the Box-Muller transform, one value per two uniform draws:
 * {@code sqrt(-2 ln(1 - u1)) cos(2 pi u2)}. Every seeded initialisation and every random test matrix in
 * wisekit draws its normals here, so one seed gives the same values in every module and on every JVM
 * (unlike {@link java.util.Random#nextGaussian()}, whose algorithm differs between generators).
 */
public final class Normals {

    private Normals() {
    }

    /** One N(0, 1) value: two draws of {@code rng.nextDouble()}, the first in the logarithm. */
    public static double next(RandomGenerator rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** {@code n} N(0, 1) floats from a {@link SplittableRandom} seeded with {@code seed}. */
    public static float[] floats(long seed, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) next(rng);
        }
        return out;
    }
}
