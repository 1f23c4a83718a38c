package org.wisekit.dfmsd.dl4j;

/**
 * Settings of MGD's feature loss (Yang et al., ECCV 2022; {@code yzd-v/MGD}, {@code det/mmdet/distillation/
 * losses/mgd.py}): {@code L = alpha * sum((G(f_align(S) * M) - T)^2) / N} with the random spatial mask
 * {@code M} hiding a fraction {@code lambda} of the positions (drawn outside the graph by
 * {@code org.wisekit.dfmsd.mask.Masks.random}).
 *
 * @param alpha  loss weight, non-negative (MGD: 2e-5, tuned for 256 channels with the sum reduction)
 * @param lambda masked ratio, in (0, 1) exclusive (MGD: 0.65 for detection)
 */
public record MgdSettings(double alpha, double lambda) {

    /**
     * Validates the values.
     *
     * @throws IllegalArgumentException on a negative or non-finite {@code alpha} or {@code lambda} outside (0, 1)
     */
    public MgdSettings {
        FgdSettings.nonNegative("alpha", alpha);
        if (!(lambda > 0 && lambda < 1)) {
            throw new IllegalArgumentException("lambda must be in (0, 1) exclusive, got " + lambda);
        }
    }

    /**
     * MGD's detection defaults: alpha 2e-5, lambda 0.65.
     *
     * @return the settings
     */
    public static MgdSettings defaults() {
        return new MgdSettings(2e-5, 0.65);
    }
}
