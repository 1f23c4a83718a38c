package org.wisekit.dfmsd.mask;

/**
 * DFMSD's semantic alignment step [reconstructed, after PKD]: each channel of one feature map standardised over
 * its positions, {@code (x - mean) / sqrt(var + eps)} with the population variance (divisor {@code H*W}) and
 * {@code eps} added to the variance inside the square root (the note uses {@code eps = 1e-6}).
 *
 * <p>This is the per-(n, c) normalisation of the DFMSD note, the same arithmetic as the in-graph one of
 * {@code DistillationLosses.dfmsd}. PKD's own code ({@code pkd_loss.py} in mmdet and mmrazor) normalises
 * differently: per channel over (N, H, W) together, {@code (x - mean) / (std + 1e-6)} with the unbiased
 * standard deviation; {@code DistillationLosses.pkd} follows PKD.
 */
public final class FeatureNorm {

    private FeatureNorm() {
    }

    /**
     * Standardises each channel of {@code feat} over its {@code h*w} positions. Sums are taken in {@code double};
     * no allocation.
     *
     * @param feat the feature map, {@code c*h*w} values (index {@code ch*h*w + i*w + j})
     * @param c    channels
     * @param h    rows
     * @param w    columns
     * @param eps  added to the variance, non-negative (a constant channel maps to 0; with {@code eps = 0} it would
     *             divide by 0)
     * @param out  receives the result, {@code c*h*w} values (may be {@code feat})
     * @throws IllegalArgumentException on a bad size or {@code eps}, or arrays of the wrong length
     */
    public static void standardize(float[] feat, int c, int h, int w, double eps, float[] out) {
        Checks.positive("c", c);
        Checks.positive("h", h);
        Checks.positive("w", w);
        Checks.nonNegativeFinite("eps", eps);
        int hw = Checks.size("h*w", h, w);
        Checks.length("feat", feat, (long) c * hw);
        Checks.length("out", out, (long) c * hw);
        for (int ch = 0; ch < c; ch++) {
            int base = ch * hw;
            double sum = 0;
            for (int p = 0; p < hw; p++) {
                sum += feat[base + p];
            }
            double mean = sum / hw;
            double sq = 0;
            for (int p = 0; p < hw; p++) {
                double d = feat[base + p] - mean;
                sq += d * d;
            }
            double inv = 1.0 / Math.sqrt(sq / hw + eps);
            for (int p = 0; p < hw; p++) {
                out[base + p] = (float) ((feat[base + p] - mean) * inv);
            }
        }
    }
}
