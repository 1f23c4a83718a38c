package org.wisekit.datasets.audio;

import java.util.Arrays;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Log-mel spectrogram of mono audio: symmetric Hann windows of 25 ms ({@code round(0.025 sr)} samples,
 * {@code w[i] = 0.5 - 0.5 cos(2 pi i / (W - 1))}) every 10 ms ({@code round(0.010 sr)} samples), a power spectrum
 * from an FFT of the next power of two at or above the window (Commons Math, zero-padded), 40 triangular filters
 * equally spaced on the HTK mel scale ({@code 2595 log10(1 + f / 700)}) over 0 to {@code sr / 2}, then
 * {@code ln(energy + 1e-6)}. At 8 kHz: 200-sample windows, 80-sample hop, 256-point FFT.
 *
 * <p>Output is row-major {@code [frames][bins]}. {@link #compute(float[])} takes every whole window of a signal;
 * {@link #computeFixed(float[], int)} centre-crops or zero-pads the signal to a fixed number of windows.
 * Instances are immutable and safe to share between threads.
 */
public final class LogMel {

    /** Number of mel filters. */
    public static final int BINS = 40;

    private static final int MIN_RATE = 100;
    private static final int MAX_RATE = 384_000;
    private static final double LOG_FLOOR = 1e-6;

    private final int sampleRate;
    private final int window;
    private final int hop;
    private final int fftSize;
    private final double[] hann;
    /** Filter b's weights for FFT bins {@code first[b] .. first[b] + weights[b].length - 1}; zero elsewhere. */
    private final double[][] weights;
    private final int[] first;

    /**
     * A front-end for audio sampled at {@code sampleRate} Hz.
     *
     * @param sampleRate samples per second, 100 to 384,000
     */
    public LogMel(int sampleRate) {
        if (sampleRate < MIN_RATE || sampleRate > MAX_RATE) {
            throw new IllegalArgumentException("sampleRate must be in [" + MIN_RATE + ", " + MAX_RATE + "] Hz, got "
                    + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.window = (int) Math.round(0.025 * sampleRate);
        this.hop = (int) Math.round(0.010 * sampleRate);
        this.fftSize = Integer.highestOneBit(window) == window ? window : Integer.highestOneBit(window) << 1;
        this.hann = new double[window];
        for (int i = 0; i < window; i++) {
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (window - 1));
        }
        double[][] dense = melFilters(sampleRate, fftSize);
        this.weights = new double[BINS][];
        this.first = new int[BINS];
        for (int b = 0; b < BINS; b++) {
            int lo = 0;
            while (lo < dense[b].length && dense[b][lo] == 0) {
                lo++;
            }
            int hi = dense[b].length;
            while (hi > lo && dense[b][hi - 1] == 0) {
                hi--;
            }
            first[b] = lo;
            weights[b] = Arrays.copyOfRange(dense[b], lo, hi);
        }
    }

    /** Samples per second. */
    public int sampleRate() {
        return sampleRate;
    }

    /** Window length in samples, {@code round(0.025 sampleRate)}. */
    public int window() {
        return window;
    }

    /** Hop between window starts in samples, {@code round(0.010 sampleRate)}. */
    public int hop() {
        return hop;
    }

    /** FFT length, the smallest power of two at or above {@link #window()}. */
    public int fftSize() {
        return fftSize;
    }

    /** Mel bins per frame, {@value #BINS}. */
    public int bins() {
        return BINS;
    }

    /**
     * Frames {@link #compute(float[])} gives for {@code samples} samples: {@code 1 + (samples - window) / hop}
     * (whole windows only), 0 when shorter than one window.
     *
     * @param samples signal length, at least 0
     * @return the frame count
     */
    public int frames(int samples) {
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be >= 0, got " + samples);
        }
        return samples < window ? 0 : 1 + (samples - window) / hop;
    }

    /**
     * Log-mel features of every whole window of {@code signal}.
     *
     * @param signal mono samples, at least one window long
     * @return {@code [frames(signal.length)][BINS]}, row-major
     */
    public float[] compute(float[] signal) {
        if (signal == null) {
            throw new IllegalArgumentException("signal must not be null");
        }
        if (signal.length < window) {
            throw new IllegalArgumentException("signal of " + signal.length + " samples is shorter than one window of "
                    + window + " samples (" + sampleRate + " Hz)");
        }
        int frames = frames(signal.length);
        float[] out = new float[frames * BINS];
        transform(signal, 0, frames, out);
        return out;
    }

    /**
     * Log-mel features of exactly {@code frames} windows: a longer signal is centre-cropped to the
     * {@code window + (frames - 1) hop} samples they cover (dropping {@code excess / 2} samples at the start), a
     * shorter one is zero-padded at the end.
     *
     * @param signal mono samples, any length
     * @param frames frames wanted, at least 1
     * @return {@code [frames][BINS]}, row-major
     */
    public float[] computeFixed(float[] signal, int frames) {
        if (signal == null) {
            throw new IllegalArgumentException("signal must not be null");
        }
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        long needed = window + (long) (frames - 1) * hop;
        if (needed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("frames " + frames + " need more than 2^31 samples");
        }
        int need = (int) needed;
        float[] out = new float[frames * BINS];
        if (signal.length >= need) {
            transform(signal, (signal.length - need) / 2, frames, out);
        } else {
            transform(Arrays.copyOf(signal, need), 0, frames, out);
        }
        return out;
    }

    /** Fills {@code out} with {@code frames} frames of {@code x} starting at sample {@code offset}. */
    private void transform(float[] x, int offset, int frames, float[] out) {
        double[][] reIm = new double[2][fftSize];
        double[] re = reIm[0];
        double[] im = reIm[1];
        double[] power = new double[fftSize / 2 + 1];
        for (int f = 0; f < frames; f++) {
            int start = offset + f * hop;
            for (int i = 0; i < window; i++) {
                re[i] = x[start + i] * hann[i];
            }
            Arrays.fill(re, window, fftSize, 0);
            Arrays.fill(im, 0);
            FastFourierTransformer.transformInPlace(reIm, DftNormalization.STANDARD, TransformType.FORWARD);
            for (int k = 0; k < power.length; k++) {
                power[k] = re[k] * re[k] + im[k] * im[k];
            }
            for (int b = 0; b < BINS; b++) {
                double[] w = weights[b];
                int k0 = first[b];
                double e = 0;
                for (int k = 0; k < w.length; k++) {
                    e += w[k] * power[k0 + k];
                }
                out[f * BINS + b] = (float) Math.log(e + LOG_FLOOR);
            }
        }
    }

    /** Triangular filters {@code [BINS][fft / 2 + 1]} with edges equally spaced in mel from 0 to {@code sr / 2}. */
    private static double[][] melFilters(int sampleRate, int fft) {
        double maxMel = mel(sampleRate / 2.0);
        double[] edges = new double[BINS + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = hz(maxMel * i / (BINS + 1)) * fft / sampleRate;   // in FFT-bin units
        }
        double[][] w = new double[BINS][fft / 2 + 1];
        for (int b = 0; b < BINS; b++) {
            for (int k = 0; k <= fft / 2; k++) {
                double up = (k - edges[b]) / (edges[b + 1] - edges[b]);
                double down = (edges[b + 2] - k) / (edges[b + 2] - edges[b + 1]);
                w[b][k] = Math.max(0, Math.min(up, down));
            }
        }
        return w;
    }

    /** HTK mel of a frequency in Hz. */
    static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    /** Frequency in Hz of an HTK mel value. */
    static double hz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }
}
