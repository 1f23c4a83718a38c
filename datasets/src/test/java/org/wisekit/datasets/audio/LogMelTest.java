package org.wisekit.datasets.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;
import org.junit.jupiter.api.Test;

class LogMelTest {

    @Test
    void melScaleRoundTripsAndMatchesKnownValues() {
        assertThat(LogMel.mel(1000)).isCloseTo(1000, within(0.5));   // the HTK scale is ~1000 mel at 1 kHz
        assertThat(LogMel.hz(LogMel.mel(1234.5))).isCloseTo(1234.5, within(1e-9));
        assertThat(LogMel.mel(LogMel.hz(2000))).isCloseTo(2000, within(1e-9));
    }

    @Test
    void windowHopAndFftFollowTheSampleRate() {
        LogMel narrow = new LogMel(8000);
        LogMel wide = new LogMel(16000);
        LogMel cd = new LogMel(44100);

        assertThat(new int[] {narrow.window(), narrow.hop(), narrow.fftSize(), narrow.bins()})
                .containsExactly(200, 80, 256, 40);
        assertThat(new int[] {wide.window(), wide.hop(), wide.fftSize()}).containsExactly(400, 160, 512);
        assertThat(new int[] {cd.window(), cd.hop(), cd.fftSize()}).containsExactly(1103, 441, 2048);
        assertThat(narrow.sampleRate()).isEqualTo(8000);
    }

    @Test
    void frameCountIsWholeWindowsOnly() {
        LogMel mel = new LogMel(8000);

        assertThat(mel.frames(199)).isZero();
        assertThat(mel.frames(200)).isEqualTo(1);
        assertThat(mel.frames(279)).isEqualTo(1);
        assertThat(mel.frames(280)).isEqualTo(2);
        assertThat(mel.frames(8000)).isEqualTo(98);
        assertThat(mel.compute(new float[8000])).hasSize(98 * LogMel.BINS);
    }

    @Test
    void aPureToneLightsTheFilterAroundItsFrequency() {
        for (int rate : new int[] {8000, 16000}) {
            LogMel mel = new LogMel(rate);
            float[] tone = new float[rate / 4];
            for (int i = 0; i < tone.length; i++) {
                tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / (double) rate));
            }
            float[] f = mel.compute(tone);
            int frames = mel.frames(tone.length);
            // filter b peaks at edge b+1 of 42 edges equally spaced in mel up to mel(rate / 2)
            int expected = (int) Math.round(LogMel.mel(1000) / LogMel.mel(rate / 2.0) * (LogMel.BINS + 1)) - 1;
            for (int frame = 0; frame < frames; frame++) {
                int best = 0;
                for (int b = 1; b < LogMel.BINS; b++) {
                    if (f[frame * LogMel.BINS + b] > f[frame * LogMel.BINS + best]) {
                        best = b;
                    }
                }
                assertThat(best).as("rate %d frame %d", rate, frame).isBetween(expected - 1, expected + 1);
            }
        }
    }

    @Test
    void matchesADirectDftOfEachWindow() {
        for (int rate : new int[] {8000, 11025}) {
            LogMel mel = new LogMel(rate);
            float[] signal = randomSignal(rate / 10 + 7, 11);
            float[] fast = mel.compute(signal);
            float[] slow = directDft(mel, signal);
            assertThat(fast).hasSameSizeAs(slow);
            for (int i = 0; i < fast.length; i++) {
                assertThat(fast[i]).as("rate %d value %d", rate, i).isCloseTo(slow[i], within(2e-5f));
            }
        }
    }

    @Test
    void fixedFramesEqualTheOriginalAlgorithmBitForBit() {
        LogMel mel = new LogMel(8000);
        for (int length : new int[] {8000, 7681, 7680, 3000, 150, 0}) {
            float[] signal = randomSignal(length, length + 1);
            assertThat(mel.computeFixed(signal, 96)).as("length %d", length)
                    .containsExactly(originalAlgorithm(signal, 96, 8000));
        }
    }

    @Test
    void fixedFramesCropTheCentreOfALongSignal() {
        LogMel mel = new LogMel(8000);
        float[] signal = randomSignal(1000, 3);
        int need = 200 + 4 * 80;
        float[] centre = Arrays.copyOfRange(signal, (1000 - need) / 2, (1000 - need) / 2 + need);

        assertThat(mel.computeFixed(signal, 5)).containsExactly(mel.compute(centre));
    }

    @Test
    void shortSignalsAreZeroPaddedAtTheEndInFixedForm() {
        LogMel mel = new LogMel(8000);
        float[] signal = randomSignal(250, 5);
        float[] f = mel.computeFixed(signal, 4);

        // 4 frames cover 200 + 3 * 80 = 440 samples: the signal, then 190 zeros
        assertThat(f).containsExactly(mel.compute(Arrays.copyOf(signal, 440)));
        assertThat(f[3 * LogMel.BINS]).isNotEqualTo((float) Math.log(1e-6));   // frame 3 still holds 10 samples
        for (float v : mel.computeFixed(new float[10], 4)) {
            assertThat(v).isEqualTo((float) Math.log(1e-6));
        }
    }

    @Test
    void badInputIsRejectedWithTheValue() {
        LogMel mel = new LogMel(8000);

        assertThatThrownBy(() -> mel.compute(new float[199])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("199 samples").hasMessageContaining("window of 200 samples");
        assertThatThrownBy(() -> mel.compute(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signal");
        assertThatThrownBy(() -> mel.computeFixed(new float[10], 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frames must be >= 1, got 0");
        assertThatThrownBy(() -> mel.frames(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("samples must be >= 0, got -1");
        assertThatThrownBy(() -> new LogMel(99)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sampleRate").hasMessageContaining("99");
    }

    private static float[] randomSignal(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** Every window's power spectrum by a direct O(N^2) DFT of the zero-padded window, dense filter sums. */
    private static float[] directDft(LogMel mel, float[] signal) {
        int w = mel.window();
        int n = mel.fftSize();
        int frames = mel.frames(signal.length);
        double[][] filters = denseFilters(mel.sampleRate(), n);
        float[] out = new float[frames * LogMel.BINS];
        for (int f = 0; f < frames; f++) {
            double[] power = new double[n / 2 + 1];
            for (int k = 0; k <= n / 2; k++) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < w; i++) {
                    double v = signal[f * mel.hop() + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / (w - 1)));
                    re += v * Math.cos(2 * Math.PI * k * i / n);
                    im -= v * Math.sin(2 * Math.PI * k * i / n);
                }
                power[k] = re * re + im * im;
            }
            for (int b = 0; b < LogMel.BINS; b++) {
                double e = 0;
                for (int k = 0; k <= n / 2; k++) {
                    e += filters[b][k] * power[k];
                }
                out[f * LogMel.BINS + b] = (float) Math.log(e + 1e-6);
            }
        }
        return out;
    }

    /** Triangles between edges equally spaced in HTK mel, in FFT-bin units. */
    private static double[][] denseFilters(int rate, int fft) {
        double top = 2595 * Math.log10(1 + rate / 2.0 / 700);
        double[] edges = new double[LogMel.BINS + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = 700 * (Math.pow(10, top * i / (LogMel.BINS + 1) / 2595) - 1) * fft / rate;
        }
        double[][] w = new double[LogMel.BINS][fft / 2 + 1];
        for (int b = 0; b < LogMel.BINS; b++) {
            for (int k = 0; k <= fft / 2; k++) {
                double up = (k - edges[b]) / (edges[b + 1] - edges[b]);
                double down = (edges[b + 2] - k) / (edges[b + 2] - edges[b + 1]);
                w[b][k] = Math.max(0, Math.min(up, down));
            }
        }
        return w;
    }

    /**
     * The log-mel that fl-multimodal used before the front-end moved here (8 kHz constants, Complex FFT output,
     * dense filter sums), kept as the reference its committed reports depend on.
     */
    private static float[] originalAlgorithm(float[] signal, int frames, int sampleRate) {
        int window = 200;
        int hop = 80;
        int fftSize = 256;
        int bins = 40;
        double[] hann = new double[window];
        for (int i = 0; i < window; i++) {
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (window - 1));
        }
        double maxMel = 2595 * Math.log10(1 + sampleRate / 2.0 / 700);
        double[] edges = new double[bins + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = 700 * (Math.pow(10, maxMel * i / (bins + 1) / 2595) - 1) * fftSize / sampleRate;
        }
        double[][] filters = new double[bins][fftSize / 2 + 1];
        for (int b = 0; b < bins; b++) {
            for (int k = 0; k <= fftSize / 2; k++) {
                double up = (k - edges[b]) / (edges[b + 1] - edges[b]);
                double down = (edges[b + 2] - k) / (edges[b + 2] - edges[b + 1]);
                filters[b][k] = Math.max(0, Math.min(up, down));
            }
        }
        int need = window + (frames - 1) * hop;
        float[] x = new float[need];
        if (signal.length >= need) {
            System.arraycopy(signal, (signal.length - need) / 2, x, 0, need);
        } else {
            System.arraycopy(signal, 0, x, 0, signal.length);
        }
        FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);
        float[] out = new float[frames * bins];
        double[] buffer = new double[fftSize];
        double[] power = new double[fftSize / 2 + 1];
        for (int f = 0; f < frames; f++) {
            Arrays.fill(buffer, 0);
            for (int i = 0; i < window; i++) {
                buffer[i] = x[f * hop + i] * hann[i];
            }
            Complex[] spectrum = fft.transform(buffer, TransformType.FORWARD);
            for (int k = 0; k < power.length; k++) {
                double re = spectrum[k].getReal();
                double im = spectrum[k].getImaginary();
                power[k] = re * re + im * im;
            }
            for (int b = 0; b < bins; b++) {
                double e = 0;
                for (int k = 0; k < power.length; k++) {
                    e += filters[b][k] * power[k];
                }
                out[f * bins + b] = (float) Math.log(e + 1e-6);
            }
        }
        return out;
    }
}
