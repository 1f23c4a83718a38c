package org.wisekit.dfmsd.dl4j;

/**
 * Settings of the DFMSD dual feature-masking loss (Zhang et al., arXiv 2407.13147) as built by
 * {@link DistillationLosses#dfmsd}.
 *
 * <p><b>Every DFMSD-specific choice here is reconstructed.</b> The paper body and code are not available; the
 * loss is assembled from the code of its roots (FGD, MGD) and the abstracts of AMD, DMKD and DFMSD (see the
 * module's paper note, section 2.3). Each reconstructed component is a switch so that its effect can be
 * measured:
 * <ul>
 *   <li>{@code align} [reconstructed: "semantic alignment at each FPN layer"]: standardise the aligned student
 *   and the teacher per (n, c) over (i, j) before matching ({@code (x - mean) / sqrt(var + 1e-6)}, population
 *   variance); off: raw features. The 1x1 {@code f_align} convolution is used whenever the channel counts
 *   differ, whatever the switch.</li>
 *   <li>{@code enhancement} [reconstructed: "object-aware masking regions adaptively strengthened"]: the
 *   teacher's spatial attention is multiplied by {@code 1 + gamma_k E} inside the boxes before the top-k
 *   selection, {@code gamma_k = gammaMax * k / K} at stage {@code k} of {@code K} ({@link #gamma}).</li>
 *   <li>{@code rhoSpatial}, {@code rhoChannel} [reconstructed, AMD-style]: the masks hide the
 *   {@code ceil(rho * H * W)} positions of highest (enhanced) teacher spatial attention and the
 *   {@code ceil(rho * C)} channels of highest teacher channel attention; {@code sampledMask} instead samples
 *   positions with probability {@code min(1, rho * A / mean A)}.</li>
 *   <li>{@code eca}, {@code ecaKernel} [reconstructed: AMD's "channel-adaptive module"]: an ECA gate
 *   {@code x * sigmoid(conv1d_k(GAP(x)))} across channels (no bias, zero padding {@code (k-1)/2}) after each
 *   generator.</li>
 *   <li>{@code learnableSigma} [reconstructed: DMKD's "self-adjustable weights"]: {@code L_sp / (2 sigma_sp^2) +
 *   L_ch / (2 sigma_ch^2) + log sigma_sp + log sigma_ch} with learnable {@code log sigma} (start 0); off: the
 *   fixed weights {@code (L_sp + L_ch) / 2} without log terms.</li>
 *   <li>{@code alpha}: the weight of the dual loss. With standardised features each branch's loss starts near
 *   {@code C * H * W} per image, so the note suggests {@code alpha} of the order of {@code 1 / (C H W)}, set so
 *   that the distillation loss is about the detection loss at step 0.</li>
 * </ul>
 * The masks themselves are computed outside the graph ({@code org.wisekit.dfmsd.mask}) from the teacher's
 * features, with FGD's attention at temperature {@link #ATTENTION_TEMPERATURE}, and fed as placeholders.
 *
 * @param rhoSpatial     spatial masked ratio, in (0, 1) exclusive (default 0.5)
 * @param rhoChannel     channel masked ratio, in (0, 1) exclusive (default 0.5)
 * @param gammaMax       enhancement strength at the last stage, non-negative (default 1)
 * @param ecaKernel      ECA kernel size, odd and positive (default 3)
 * @param align          semantic alignment (standardisation) switch (default on)
 * @param enhancement    in-box masking enhancement switch (default on)
 * @param learnableSigma learnable log-sigma weighting switch (default on)
 * @param eca            ECA gate switch (default on)
 * @param sampledMask    sampled instead of top-k spatial mask (default off)
 * @param alpha          weight of the dual loss, non-negative and finite
 */
public record DfmsdSettings(double rhoSpatial, double rhoChannel, double gammaMax, int ecaKernel, boolean align,
                            boolean enhancement, boolean learnableSigma, boolean eca, boolean sampledMask,
                            double alpha) {

    /** FGD's attention temperature, used for the teacher attention that drives DFMSD's masks. */
    public static final double ATTENTION_TEMPERATURE = 0.5;

    /** The variance epsilon of the per-(n, c) standardisation (the note's {@code eps = 1e-6}). */
    public static final double NORM_EPS = 1e-6;

    /**
     * Validates the values.
     *
     * @throws IllegalArgumentException on a ratio outside (0, 1), a negative {@code gammaMax} or {@code alpha},
     *                                  or an even or non-positive {@code ecaKernel}
     */
    public DfmsdSettings {
        if (!(rhoSpatial > 0 && rhoSpatial < 1)) {
            throw new IllegalArgumentException("rhoSpatial must be in (0, 1) exclusive, got " + rhoSpatial);
        }
        if (!(rhoChannel > 0 && rhoChannel < 1)) {
            throw new IllegalArgumentException("rhoChannel must be in (0, 1) exclusive, got " + rhoChannel);
        }
        FgdSettings.nonNegative("gammaMax", gammaMax);
        FgdSettings.nonNegative("alpha", alpha);
        if (ecaKernel <= 0 || ecaKernel % 2 == 0) {
            throw new IllegalArgumentException("ecaKernel must be odd and positive, got " + ecaKernel);
        }
    }

    /**
     * The note's defaults with every component on: rho 0.5 / 0.5, gammaMax 1, ECA k = 3, sampled mask off.
     *
     * @param alpha the weight of the dual loss (see the class comment)
     * @return the settings
     */
    public static DfmsdSettings defaults(double alpha) {
        return new DfmsdSettings(0.5, 0.5, 1.0, 3, true, true, true, true, false, alpha);
    }

    /**
     * The enhancement strength at stage {@code stage} of {@code stages}: {@code gammaMax * stage / stages}, or 0
     * when {@code enhancement} is off.
     *
     * @param stage  the stage, 1-based
     * @param stages the number of stages {@code K}, positive
     * @return {@code gamma_k}
     * @throws IllegalArgumentException when {@code stage} is outside {@code 1..stages}
     */
    public double gamma(int stage, int stages) {
        if (stages <= 0) {
            throw new IllegalArgumentException("stages must be positive, got " + stages);
        }
        if (stage < 1 || stage > stages) {
            throw new IllegalArgumentException("stage must be in 1.." + stages + ", got " + stage);
        }
        return enhancement ? gammaMax * stage / stages : 0.0;
    }

    /**
     * A copy with {@code align} set.
     *
     * @param on the switch
     * @return the settings
     */
    public DfmsdSettings withAlign(boolean on) {
        return new DfmsdSettings(rhoSpatial, rhoChannel, gammaMax, ecaKernel, on, enhancement, learnableSigma, eca,
                sampledMask, alpha);
    }

    /**
     * A copy with {@code enhancement} set.
     *
     * @param on the switch
     * @return the settings
     */
    public DfmsdSettings withEnhancement(boolean on) {
        return new DfmsdSettings(rhoSpatial, rhoChannel, gammaMax, ecaKernel, align, on, learnableSigma, eca,
                sampledMask, alpha);
    }

    /**
     * A copy with {@code learnableSigma} set.
     *
     * @param on the switch
     * @return the settings
     */
    public DfmsdSettings withLearnableSigma(boolean on) {
        return new DfmsdSettings(rhoSpatial, rhoChannel, gammaMax, ecaKernel, align, enhancement, on, eca,
                sampledMask, alpha);
    }

    /**
     * A copy with {@code eca} set.
     *
     * @param on the switch
     * @return the settings
     */
    public DfmsdSettings withEca(boolean on) {
        return new DfmsdSettings(rhoSpatial, rhoChannel, gammaMax, ecaKernel, align, enhancement, learnableSigma, on,
                sampledMask, alpha);
    }

    /**
     * A copy with {@code sampledMask} set.
     *
     * @param on the switch
     * @return the settings
     */
    public DfmsdSettings withSampledMask(boolean on) {
        return new DfmsdSettings(rhoSpatial, rhoChannel, gammaMax, ecaKernel, align, enhancement, learnableSigma, eca,
                on, alpha);
    }

    /**
     * A copy with {@code alpha} set.
     *
     * @param value the weight
     * @return the settings
     */
    public DfmsdSettings withAlpha(double value) {
        return new DfmsdSettings(rhoSpatial, rhoChannel, gammaMax, ecaKernel, align, enhancement, learnableSigma, eca,
                sampledMask, value);
    }
}
