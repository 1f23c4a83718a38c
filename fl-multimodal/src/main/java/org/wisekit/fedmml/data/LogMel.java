package org.wisekit.fedmml.data;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Log-mel spectrogram of 8 kHz speech: 25 ms Hann windows (200 samples) every 10 ms (80 samples), a 256-point
 * FFT (Commons Math), 40 triangular mel filters over 0-4 kHz (HTK mel scale), then {@code ln(energy + 1e-6)}.
 * Signals are centre-cropped or zero-padded to {@code frames} windows.
 */
public final class LogMel {

    public static final int WINDOW = 200;
    public static final int HOP = 80;
    public static final int FFT = 256;
    public static final int BINS = 40;

    private final int frames;
    private final double[] hann = new double[WINDOW];
    private final double[][] filters;
    private final FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);

    public LogMel(int frames, int sampleRate) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        this.frames = frames;
        for (int i = 0; i < WINDOW; i++) {
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (WINDOW - 1));
        }
        filters = melFilters(sampleRate);
    }

    /** Samples covered by {@code frames} windows. */
    public int samplesNeeded() {
        return WINDOW + (frames - 1) * HOP;
    }

    /** The features as {@code [frames][BINS]}, row-major. */
    public float[] compute(float[] signal) {
        int need = samplesNeeded();
        float[] x = new float[need];
        if (signal.length >= need) {
            System.arraycopy(signal, (signal.length - need) / 2, x, 0, need);
        } else {
            System.arraycopy(signal, 0, x, 0, signal.length);
        }
        float[] out = new float[frames * BINS];
        double[] buffer = new double[FFT];
        double[] power = new double[FFT / 2 + 1];
        for (int f = 0; f < frames; f++) {
            java.util.Arrays.fill(buffer, 0);
            for (int i = 0; i < WINDOW; i++) {
                buffer[i] = x[f * HOP + i] * hann[i];
            }
            Complex[] spectrum = fft.transform(buffer, TransformType.FORWARD);
            for (int k = 0; k < power.length; k++) {
                double re = spectrum[k].getReal();
                double im = spectrum[k].getImaginary();
                power[k] = re * re + im * im;
            }
            for (int b = 0; b < BINS; b++) {
                double e = 0;
                for (int k = 0; k < power.length; k++) {
                    e += filters[b][k] * power[k];
                }
                out[f * BINS + b] = (float) Math.log(e + 1e-6);
            }
        }
        return out;
    }

    private static double[][] melFilters(int sampleRate) {
        double maxMel = mel(sampleRate / 2.0);
        double[] edges = new double[BINS + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = hz(maxMel * i / (BINS + 1)) * FFT / sampleRate;   // in FFT-bin units
        }
        double[][] w = new double[BINS][FFT / 2 + 1];
        for (int b = 0; b < BINS; b++) {
            for (int k = 0; k <= FFT / 2; k++) {
                double up = (k - edges[b]) / (edges[b + 1] - edges[b]);
                double down = (edges[b + 2] - k) / (edges[b + 2] - edges[b + 1]);
                w[b][k] = Math.max(0, Math.min(up, down));
            }
        }
        return w;
    }

    static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    static double hz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }
}
