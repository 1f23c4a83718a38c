package org.wisekit.datasets;

/**
 * Mono audio: a sample rate and the samples as floats in [-1, 1) (16-bit PCM divided by 32768).
 * The array is shared, not copied.
 *
 * @param sampleRate samples per second, > 0
 * @param samples    the signal
 */
public record WavAudio(int sampleRate, float[] samples) {

    public WavAudio {
        if (sampleRate <= 0 || samples == null) {
            throw new IllegalArgumentException("need a positive sample rate and samples, got sampleRate=" + sampleRate);
        }
    }

    /** Length in seconds. */
    public double seconds() {
        return samples.length / (double) sampleRate;
    }
}
