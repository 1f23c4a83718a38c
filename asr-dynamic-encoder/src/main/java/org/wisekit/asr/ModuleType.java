package org.wisekit.asr;

/**
 * The four prunable modules of a Conformer block, in the order of the note and the official configuration
 * ({@code [FF/2, Conv, MHSA, FF/2]}), with their residual scales: {@code x <- x + scale * gate * module(x)}.
 */
public enum ModuleType {
    /** First half-step feed-forward module (LayerNorm, linear, SiLU, linear), residual scale 0.5. */
    FEED_FORWARD_1("ff1", 0.5),
    /** Convolution module (LayerNorm, pointwise GLU, depthwise convolution over time, LayerNorm, SiLU, pointwise). */
    CONVOLUTION("conv", 1.0),
    /** Multi-head self-attention module (LayerNorm, attention over the unpadded frames, output projection). */
    SELF_ATTENTION("mhsa", 1.0),
    /** Second half-step feed-forward module, residual scale 0.5. */
    FEED_FORWARD_2("ff2", 0.5);

    private final String shortName;
    private final double scale;

    ModuleType(String shortName, double scale) {
        this.shortName = shortName;
        this.scale = scale;
    }

    /** A short name: ff1, conv, mhsa or ff2. */
    public String shortName() {
        return shortName;
    }

    /** The residual scale. */
    public double scale() {
        return scale;
    }

    /** The type of module {@code index} of an encoder (four per block, in declaration order). */
    public static ModuleType of(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("module index must be >= 0, got " + index);
        }
        return values()[index % 4];
    }
}
