package org.wisekit.ubp;

import java.util.SplittableRandom;

/** Seeded random matrices for the tests. */
final class Matrices {

    private Matrices() {
    }

    /** Gaussian weights with a few exact zeros. */
    static float[] weights(SplittableRandom rng, int rows, int cols) {
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextInt(20) == 0 ? 0f : (float) gaussian(rng);
        }
        return w;
    }

    /** |N(0,1)| scores. */
    static ScoreMatrix scores(SplittableRandom rng, int rows, int cols) {
        return ScoreMatrix.of(weights(rng, rows, cols), rows, cols, Importance.L1);
    }

    /** Small integer scores, so that many windows tie. */
    static ScoreMatrix tiedScores(SplittableRandom rng, int rows, int cols) {
        float[] s = new float[rows * cols];
        for (int i = 0; i < s.length; i++) {
            s[i] = rng.nextInt(4);
        }
        return new ScoreMatrix(rows, cols, s);
    }

    static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
