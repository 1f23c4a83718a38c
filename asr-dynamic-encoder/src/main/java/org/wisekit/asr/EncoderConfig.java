package org.wisekit.asr;

/**
 * Shape of the Conformer-CTC encoder: frame stacking in front, then {@code blocks} Conformer blocks of four prunable
 * modules each ({@link ModuleType}: half-step feed-forward, convolution, self-attention, half-step feed-forward),
 * a LayerNorm after every block, and one CTC output layer per deployable size. The note's CPU-scale model is
 * {@link #lite()}: 4 blocks (16 modules), width 48, 4 heads, kernel 15.
 *
 * @param melBins    log-mel bins per input frame
 * @param stack      input frames concatenated into one encoder frame (the 4x subsampling)
 * @param dim        model width d
 * @param ffDim      hidden width of the feed-forward modules
 * @param heads      attention heads (must divide {@code dim})
 * @param convKernel depthwise convolution kernel over time (odd)
 * @param blocks     Conformer blocks; the encoder has {@code 4 * blocks} prunable modules
 * @param vocab      output labels including the CTC blank 0 (11 for digits)
 */
public record EncoderConfig(int melBins, int stack, int dim, int ffDim, int heads, int convKernel, int blocks,
                            int vocab) {

    public EncoderConfig {
        positive("melBins", melBins);
        positive("stack", stack);
        positive("dim", dim);
        positive("ffDim", ffDim);
        positive("heads", heads);
        positive("blocks", blocks);
        if (dim % heads != 0) {
            throw new IllegalArgumentException("heads must divide dim, got heads=" + heads + ", dim=" + dim);
        }
        if (convKernel < 1 || convKernel % 2 == 0) {
            throw new IllegalArgumentException("convKernel must be odd and >= 1, got " + convKernel);
        }
        if (vocab < 2) {
            throw new IllegalArgumentException("vocab must be >= 2 (blank and one label), got " + vocab);
        }
    }

    /** The note's Conformer-lite for digits: 40 mel bins x 4, d = 48, FF 192, 4 heads, kernel 15, 4 blocks, 11 labels. */
    public static EncoderConfig lite() {
        return new EncoderConfig(40, 4, 48, 192, 4, 15, 4, 11);
    }

    /** Prunable modules: four per block. */
    public int modules() {
        return 4 * blocks;
    }

    /** Width of one encoder input frame: {@code melBins * stack}. */
    public int inputDim() {
        return melBins * stack;
    }

    /** Width of one attention head. */
    public int headDim() {
        return dim / heads;
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }
}
