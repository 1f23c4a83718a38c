package org.wisekit.ubp.internal;

import java.util.SplittableRandom;

/** Seeded standard normal floats (Box-Muller), for random weights and inputs. */
public final class Gaussian {

    private Gaussian() {
    }

    /** {@code n} N(0, 1) values from {@code seed}. */
    public static float[] values(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double u = 1 - rng.nextDouble();
            double v = rng.nextDouble();
            out[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
        }
        return out;
    }
}
