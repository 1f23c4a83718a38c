package org.wisekit.dfmsd.mask;

/**
 * FGD's attention maps of one feature map {@code T} (array {@code [C*H*W]}, index {@code c*H*W + i*W + j}), as
 * FGD's {@code get_attention} computes them (yzd-v/FGD, {@code mmdet/distillation/losses/fgd.py}):
 * <ul>
 *   <li>spatial: {@code A_sp(i,j) = H*W * softmax_{ij}(mean_c |T(c,i,j)| / tau)}, so its mean over positions is 1;</li>
 *   <li>channel: {@code A_ch(c) = C * softmax_c(mean_{ij} |T(c,i,j)| / tau)}, so its mean over channels is 1.</li>
 * </ul>
 * The softmax subtracts the maximum before exponentiating; sums are taken in {@code double}. FGD uses
 * {@code tau = 0.5}. Neither method allocates.
 */
public final class Attention {

    private Attention() {
    }

    /**
     * The spatial attention {@code A_sp} of {@code feat}.
     *
     * @param feat        the feature map, {@code c*h*w} values
     * @param c           channels
     * @param h           rows
     * @param w           columns
     * @param temperature the softmax temperature {@code tau}, positive
     * @param out         receives {@code A_sp}, {@code h*w} values (row-major)
     * @throws IllegalArgumentException on a non-positive size or temperature, or arrays of the wrong length
     */
    public static void spatial(float[] feat, int c, int h, int w, double temperature, float[] out) {
        Checks.positive("c", c);
        Checks.positive("h", h);
        Checks.positive("w", w);
        Checks.positiveFinite("temperature", temperature);
        int hw = Checks.size("h*w", h, w);
        Checks.length("feat", feat, (long) c * hw);
        Checks.length("out", out, hw);
        java.util.Arrays.fill(out, 0f);
        for (int ch = 0; ch < c; ch++) {
            int base = ch * hw;
            for (int p = 0; p < hw; p++) {
                out[p] += Math.abs(feat[base + p]);
            }
        }
        softmaxScaled(out, hw, 1.0 / ((double) c * temperature), hw);
    }

    /**
     * The channel attention {@code A_ch} of {@code feat}.
     *
     * @param feat        the feature map, {@code c*h*w} values
     * @param c           channels
     * @param h           rows
     * @param w           columns
     * @param temperature the softmax temperature {@code tau}, positive
     * @param out         receives {@code A_ch}, {@code c} values
     * @throws IllegalArgumentException on a non-positive size or temperature, or arrays of the wrong length
     */
    public static void channel(float[] feat, int c, int h, int w, double temperature, float[] out) {
        Checks.positive("c", c);
        Checks.positive("h", h);
        Checks.positive("w", w);
        Checks.positiveFinite("temperature", temperature);
        int hw = Checks.size("h*w", h, w);
        Checks.length("feat", feat, (long) c * hw);
        Checks.length("out", out, c);
        for (int ch = 0; ch < c; ch++) {
            int base = ch * hw;
            double s = 0;
            for (int p = 0; p < hw; p++) {
                s += Math.abs(feat[base + p]);
            }
            out[ch] = (float) s;
        }
        softmaxScaled(out, c, 1.0 / ((double) hw * temperature), c);
    }

    /** {@code v[k] <- scale_out * softmax(v * scale_in)[k]} over the first {@code n} values. */
    private static void softmaxScaled(float[] v, int n, double scaleIn, double scaleOut) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, v[k] * scaleIn);
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double e = Math.exp(v[k] * scaleIn - max);
            sum += e;
            v[k] = (float) e;
        }
        float factor = (float) (scaleOut / sum);
        for (int k = 0; k < n; k++) {
            v[k] *= factor;
        }
    }
}
