package org.wisekit.dfmsd.dl4j;

/**
 * Weights and temperature of FGD's feature loss (Yang et al., CVPR 2022; {@code yzd-v/FGD},
 * {@code mmdet/distillation/losses/fgd.py}): {@code L = alpha*L_fg + beta*L_bg + gamma*L_mask +
 * lambda*L_global}, attention temperature {@code tau}.
 *
 * @param alpha       weight of the foreground feature loss, non-negative
 * @param beta        weight of the background feature loss, non-negative
 * @param gamma       weight of the attention (mask) loss, non-negative
 * @param lambda      weight of the global (GcBlock relation) loss, non-negative
 * @param temperature attention temperature {@code tau}, positive
 */
public record FgdSettings(double alpha, double beta, double gamma, double lambda, double temperature) {

    /**
     * Validates the values.
     *
     * @throws IllegalArgumentException on a negative or non-finite weight or a non-positive temperature
     */
    public FgdSettings {
        nonNegative("alpha", alpha);
        nonNegative("beta", beta);
        nonNegative("gamma", gamma);
        nonNegative("lambda", lambda);
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
    }

    /**
     * The defaults of FGD's {@code FeatureLoss} constructor: alpha 1e-3, beta 5e-4, gamma 1e-3, lambda 5e-6,
     * tau 0.5. (FGD's RetinaNet configs use these except gamma = 5e-4, see {@link #retinaNet()}; its FCOS config
     * is {@link #fcos()}.) All were tuned for 256-channel COCO FPN levels with sum reductions.
     *
     * @return the settings
     */
    public static FgdSettings defaults() {
        return new FgdSettings(1e-3, 5e-4, 1e-3, 5e-6, 0.5);
    }

    /**
     * FGD's RetinaNet configs ({@code fgd_retina_*_distill_retina_*_2x_coco.py}): alpha 1e-3, beta 5e-4,
     * gamma 5e-4, lambda 5e-6, tau 0.5.
     *
     * @return the settings
     */
    public static FgdSettings retinaNet() {
        return new FgdSettings(1e-3, 5e-4, 5e-4, 5e-6, 0.5);
    }

    /**
     * FGD's FCOS config ({@code fgd_fcos_r101_distill_fcos_r50_2x_coco.py}): alpha 1.6e-3, beta 8e-4,
     * gamma 8e-4, lambda 8e-6, tau 0.8.
     *
     * @return the settings
     */
    public static FgdSettings fcos() {
        return new FgdSettings(1.6e-3, 8e-4, 8e-4, 8e-6, 0.8);
    }

    static void nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be non-negative and finite, got " + value);
        }
    }
}
