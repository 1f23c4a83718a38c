package org.wisekit.dfmsd.mask;

import java.util.SplittableRandom;

/**
 * Binary feature masks (1 keeps a value, 0 hides it) of MGD and DFMSD, and DFMSD's masking enhancement.
 *
 * <ul>
 *   <li>{@link #topSpatial} / {@link #topChannel}: DFMSD's attention-guided masks [reconstructed, AMD-style: the
 *   positions or channels that matter most to the teacher are hidden, so the student must reconstruct them];</li>
 *   <li>{@link #sampledSpatial}: the sampled option of the same mask [reconstructed];</li>
 *   <li>{@link #random}: MGD's random spatial mask ({@code yzd-v/MGD}, {@code mgd.py});</li>
 *   <li>{@link #enhance}: DFMSD's in-box boost of the teacher's spatial attention [reconstructed].</li>
 * </ul>
 * Ratios must lie in (0, 1) exclusive. Spatial arrays are row-major {@code h*w} (index {@code i*w + j}).
 * The top-k masks select in expected O(n) (three-way quickselect), not by sorting; each call allocates one
 * scratch array of {@code n} floats.
 */
public final class Masks {

    private Masks() {
    }

    /**
     * How many of {@code n} values a ratio {@code rho} hides: {@code ceil(rho * n)}, computed with a 1e-9
     * tolerance so that a product that is an integer up to rounding is not rounded up (0.14 * 100 gives 14,
     * not 15); at least 1 and at most {@code n}.
     *
     * @param rho the ratio, in (0, 1) exclusive
     * @param n   the number of values, positive
     * @return the count
     * @throws IllegalArgumentException when {@code rho} is outside (0, 1) or {@code n} is not positive
     */
    public static int maskedCount(double rho, int n) {
        Checks.openUnit("rho", rho);
        Checks.positive("n", n);
        long k = (long) Math.ceil(rho * n - 1e-9);
        return (int) Math.max(1, Math.min(n, k));
    }

    /**
     * The top spatial mask: 0 at the {@code ceil(rho*h*w)} highest scores (equal scores: lower index first),
     * 1 elsewhere.
     *
     * @param score the scores (DFMSD: the enhanced teacher attention), {@code h*w} values, none NaN
     * @param h     rows
     * @param w     columns
     * @param rho   the masked ratio, in (0, 1) exclusive
     * @param out   receives the mask, {@code h*w} values
     * @throws IllegalArgumentException on a bad size or ratio, a NaN score, or arrays of the wrong length
     */
    public static void topSpatial(float[] score, int h, int w, double rho, float[] out) {
        Checks.openUnit("rho", rho);
        Checks.positive("h", h);
        Checks.positive("w", w);
        int n = Checks.size("h*w", h, w);
        Checks.length("score", score, n);
        Checks.length("out", out, n);
        TopK.mask(score, n, maskedCount(rho, n), new float[n], out);
    }

    /**
     * The top channel mask: 0 at the {@code ceil(rho*c)} highest scores (equal scores: lower index first), 1
     * elsewhere.
     *
     * @param score the scores (DFMSD: the teacher's channel attention), {@code c} values, none NaN
     * @param c     channels
     * @param rho   the masked ratio, in (0, 1) exclusive
     * @param out   receives the mask, {@code c} values
     * @throws IllegalArgumentException on a bad size or ratio, a NaN score, or arrays of the wrong length
     */
    public static void topChannel(float[] score, int c, double rho, float[] out) {
        Checks.openUnit("rho", rho);
        Checks.positive("c", c);
        Checks.length("score", score, c);
        Checks.length("out", out, c);
        TopK.mask(score, c, maskedCount(rho, c), new float[c], out);
    }

    /**
     * A sampled spatial mask: position {@code p} is hidden (0) with probability
     * {@code min(1, rho * score[p] / mean(score))}, independently, drawing one {@code nextDouble()} per position
     * in index order; so about {@code rho*h*w} positions are hidden, the high scores more often. When the mean
     * score is not positive every position is hidden with probability {@code rho}.
     *
     * @param score  non-negative scores, {@code h*w} values
     * @param h      rows
     * @param w      columns
     * @param rho    the expected masked ratio, in (0, 1) exclusive
     * @param random the seeded source
     * @param out    receives the mask, {@code h*w} values
     * @throws IllegalArgumentException on a bad size or ratio, a missing source, a NaN score, or arrays of the
     *                                  wrong length
     */
    public static void sampledSpatial(float[] score, int h, int w, double rho, SplittableRandom random, float[] out) {
        Checks.openUnit("rho", rho);
        Checks.positive("h", h);
        Checks.positive("w", w);
        int n = Checks.size("h*w", h, w);
        Checks.length("score", score, n);
        Checks.length("out", out, n);
        if (random == null) {
            throw new IllegalArgumentException("random must not be null");
        }
        double sum = 0;
        for (int p = 0; p < n; p++) {
            float s = score[p];
            if (s != s) {
                throw new IllegalArgumentException("score[" + p + "] is NaN");
            }
            sum += s;
        }
        double mean = sum / n;
        double scale = mean > 0 ? rho / mean : 0;
        for (int p = 0; p < n; p++) {
            double prob = mean > 0 ? Math.min(1.0, scale * score[p]) : rho;
            out[p] = random.nextDouble() < prob ? 0f : 1f;
        }
    }

    /**
     * MGD's random mask: {@code u ~ U[0, 1)} per position (one {@code nextDouble()} each, index order), 0 where
     * {@code u > 1 - lambda}, else 1; about {@code lambda*h*w} positions are hidden (MGD: 0.65 for detection).
     *
     * @param h      rows
     * @param w      columns
     * @param lambda the masked ratio, in (0, 1) exclusive
     * @param random the seeded source
     * @param out    receives the mask, {@code h*w} values
     * @throws IllegalArgumentException on a bad size or ratio, a missing source, or an array of the wrong length
     */
    public static void random(int h, int w, double lambda, SplittableRandom random, float[] out) {
        Checks.openUnit("lambda", lambda);
        Checks.positive("h", h);
        Checks.positive("w", w);
        int n = Checks.size("h*w", h, w);
        Checks.length("out", out, n);
        if (random == null) {
            throw new IllegalArgumentException("random must not be null");
        }
        double threshold = 1 - lambda;
        for (int p = 0; p < n; p++) {
            out[p] = random.nextDouble() > threshold ? 0f : 1f;
        }
    }

    /**
     * DFMSD's masking enhancement: {@code out = A * (1 + gamma * E)}, the teacher's spatial attention raised
     * inside the boxes ({@code E = 1}) and unchanged outside; the stage-wise strength is
     * {@code gamma_k = gamma_max * k / K} [reconstructed].
     *
     * @param spatialAtt the spatial attention {@code A}, any length
     * @param inside     the box map {@code E} ({@link BoxMaps#inside}), same length
     * @param gamma      the strength, non-negative
     * @param out        receives the enhanced attention, same length (may be {@code spatialAtt})
     * @throws IllegalArgumentException on a negative or non-finite {@code gamma} or arrays of different lengths
     */
    public static void enhance(float[] spatialAtt, float[] inside, double gamma, float[] out) {
        Checks.nonNegativeFinite("gamma", gamma);
        if (spatialAtt == null) {
            throw new IllegalArgumentException("spatialAtt must not be null");
        }
        Checks.length("inside", inside, spatialAtt.length);
        Checks.length("out", out, spatialAtt.length);
        float g = (float) gamma;
        for (int p = 0; p < spatialAtt.length; p++) {
            out[p] = spatialAtt[p] * (1f + g * inside[p]);
        }
    }
}
