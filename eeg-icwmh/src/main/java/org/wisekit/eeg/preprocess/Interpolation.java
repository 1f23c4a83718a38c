package org.wisekit.eeg.preprocess;

/**
 * How {@link EegImage#resize} maps a {@code C x T} image onto {@code H x W} (ablated in the paper; the paper's
 * library is not stated, so the conventions below follow OpenCV's {@code cv::resize}, labelled reconstructed).
 */
public enum Interpolation {
    /**
     * OpenCV's INTER_NEAREST: output column {@code d} takes source column {@code floor(d * srcW / dstW)} (computed
     * exactly in integers), likewise for rows. Output values are source values.
     */
    NEAREST,
    /**
     * OpenCV's INTER_LINEAR: half-pixel centres, source coordinate {@code f = (d + 0.5) srcW / dstW - 0.5}, weights
     * {@code 1 - t} and {@code t} on {@code floor(f)} and {@code floor(f) + 1}, indices clamped to the edge. Two taps
     * also when shrinking (no area averaging, like OpenCV).
     */
    BILINEAR,
    /**
     * OpenCV's INTER_CUBIC: half-pixel centres as BILINEAR, four taps {@code floor(f) - 1 .. floor(f) + 2} with Keys'
     * cubic convolution weights (parameter {@code a}, OpenCV's -0.75 by default; -0.5 is Keys' original choice),
     * indices clamped to the edge, output clamped to [0, 255].
     */
    BICUBIC
}
