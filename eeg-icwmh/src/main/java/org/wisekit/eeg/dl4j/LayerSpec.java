package org.wisekit.eeg.dl4j;

import org.nd4j.linalg.activations.Activation;

/**
 * One layer of a network plan. {@link Plans} turns a list of them into a DL4J configuration and, from the same
 * list, into {@link ModelStats}, so that the two cannot disagree. Convolution-like layers have stride 1; pools have
 * stride equal to their kernel and truncate (DL4J's {@code ConvolutionMode.Truncate}).
 */
sealed interface LayerSpec {

    /** The layer's name in the DL4J configuration and in {@link ModelStats}. */
    String name();

    /** A dense 2-D convolution to {@code out} maps; {@code same}: zero padding that keeps the size, else none. */
    record Conv(String name, int out, int kh, int kw, boolean same, boolean bias) implements LayerSpec {
    }

    /** A depthwise convolution, {@code multiplier} maps per input map; {@code maxNorm} 0 means no constraint. */
    record Depthwise(String name, int multiplier, int kh, int kw, boolean same, boolean bias, double maxNorm)
            implements LayerSpec {
    }

    /** A depthwise ({@code multiplier} maps per input) then pointwise (1 x 1, to {@code out} maps) convolution. */
    record Separable(String name, int out, int multiplier, int kh, int kw, boolean same, boolean bias)
            implements LayerSpec {
    }

    /** Batch normalisation per map; running statistics {@code r = decay r + (1 - decay) batch}. */
    record BatchNorm(String name, double decay, double eps) implements LayerSpec {
    }

    /** An element-wise activation. */
    record Act(String name, Activation activation) implements LayerSpec {
    }

    /** Max ({@code max}) or average pooling, kernel {@code kh x kw}, stride equal to the kernel. */
    record Pool(String name, boolean max, int kh, int kw) implements LayerSpec {
    }

    /** Global average pooling over height and width. */
    record GlobalAvgPool(String name) implements LayerSpec {
    }

    /** Dropout that zeroes each input with probability {@code rate} while training. */
    record Dropout(String name, double rate) implements LayerSpec {
    }

    /** The dense softmax classifier with cross-entropy loss; {@code maxNorm} 0 means no constraint. */
    record Output(String name, int classes, double maxNorm) implements LayerSpec {
    }
}
