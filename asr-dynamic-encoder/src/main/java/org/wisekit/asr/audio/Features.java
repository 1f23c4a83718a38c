package org.wisekit.asr.audio;

import java.util.Arrays;
import org.wisekit.datasets.audio.LogMel;
import org.wisekit.datasets.audio.Resampler;

/**
 * Acoustic features of one utterance, row-major {@code [frames][bins]}: log-mel frames of 8 kHz audio
 * ({@link LogMel}: 25 ms Hann windows every 10 ms, 40 mel bins), each bin normalised over the utterance to mean 0
 * and population standard deviation 1 (the standard deviation floored at {@value #STD_FLOOR}, so a constant bin
 * becomes 0). {@link #stack(Features, int)} concatenates consecutive frames, the encoder's 4x time reduction.
 *
 * <p>Records compare arrays by reference; the array is shared, not copied.
 *
 * @param frames number of frames, at least 1
 * @param bins   values per frame, at least 1
 * @param values {@code frames * bins} values, row-major
 */
public record Features(int frames, int bins, float[] values) {

    /** The sample rate the features are defined at. */
    public static final int SAMPLE_RATE = 8000;
    /** Mel bins per frame. */
    public static final int BINS = LogMel.BINS;
    /** Smallest standard deviation a bin is divided by. */
    public static final double STD_FLOOR = 1e-5;

    private static final LogMel LOG_MEL = new LogMel(SAMPLE_RATE);

    /** Validates the shape. */
    public Features {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        if (values == null || values.length != (long) frames * bins) {
            throw new IllegalArgumentException("values must hold frames * bins = " + (long) frames * bins
                    + " floats, got " + (values == null ? null : values.length));
        }
    }

    /**
     * Normalised log-mel features of 8 kHz audio.
     *
     * @param samples 8 kHz mono samples, at least one 25 ms window (200 samples)
     * @return {@code [1 + (samples.length - 200) / 80][40]}
     */
    public static Features compute(float[] samples) {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        float[] mel = LOG_MEL.compute(samples);
        int frames = mel.length / BINS;
        normalise(mel, frames, BINS);
        return new Features(frames, BINS, mel);
    }

    /**
     * Normalised log-mel features of audio at any rate: resampled to {@value #SAMPLE_RATE} Hz first
     * ({@link Resampler}) when the rate differs.
     *
     * @param samples    mono samples, at least 25 ms after resampling
     * @param sampleRate their rate in Hz, positive
     * @return as {@link #compute(float[])}
     */
    public static Features compute(float[] samples, int sampleRate) {
        return compute(sampleRate == SAMPLE_RATE ? samples : Resampler.resample(samples, sampleRate, SAMPLE_RATE));
    }

    /** Frames {@link #compute(float[])} gives for {@code samples} samples at 8 kHz (0 below one window). */
    public static int frames(int samples) {
        return LOG_MEL.frames(samples);
    }

    /**
     * Frame stacking: row {@code r} of the result is frames {@code factor r .. factor r + factor - 1} concatenated,
     * the tail zero-padded to a whole number of groups.
     *
     * @param features the frames to stack
     * @param factor   frames per group, at least 1
     * @return {@code [ceil(frames / factor)][factor * bins]}
     */
    public static Features stack(Features features, int factor) {
        if (features == null) {
            throw new IllegalArgumentException("features must not be null");
        }
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be >= 1, got " + factor);
        }
        int rows = (features.frames + factor - 1) / factor;
        long size = (long) rows * factor * features.bins;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("factor " + factor + " makes rows of more than 2^31 values");
        }
        // Row-major [frames][bins] read as [rows][factor * bins] is the stacking; only the zero tail is added.
        return new Features(rows, factor * features.bins, Arrays.copyOf(features.values, (int) size));
    }

    /** In place: each bin minus its mean over the frames, divided by its floored population standard deviation. */
    private static void normalise(float[] x, int frames, int bins) {
        double[] mean = new double[bins];
        double[] scale = new double[bins];
        for (int t = 0; t < frames; t++) {
            for (int b = 0; b < bins; b++) {
                mean[b] += x[t * bins + b];
            }
        }
        for (int b = 0; b < bins; b++) {
            mean[b] /= frames;
        }
        for (int t = 0; t < frames; t++) {
            for (int b = 0; b < bins; b++) {
                double d = x[t * bins + b] - mean[b];
                scale[b] += d * d;
            }
        }
        for (int b = 0; b < bins; b++) {
            scale[b] = 1 / Math.max(Math.sqrt(scale[b] / frames), STD_FLOOR);
        }
        for (int t = 0; t < frames; t++) {
            for (int b = 0; b < bins; b++) {
                x[t * bins + b] = (float) ((x[t * bins + b] - mean[b]) * scale[b]);
            }
        }
    }
}
