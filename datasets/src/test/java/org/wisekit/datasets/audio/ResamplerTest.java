package org.wisekit.datasets.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    @Test
    void equalRatesGiveAnEqualCopy() {
        float[] x = randomSignal(1000, 1);
        float[] y = Resampler.resample(x, 8000, 8000);

        assertThat(y).containsExactly(x).isNotSameAs(x);
    }

    @Test
    void lengthIsTheRoundedRateRatio() {
        int[][] cases = {{16000, 16000, 8000}, {3, 16000, 8000}, {1, 16000, 8000}, {7919, 44100, 8000},
            {1000, 8000, 11025}, {0, 8000, 16000}, {12345, 22050, 16000}};
        for (int[] c : cases) {
            assertThat(Resampler.resample(new float[c[0]], c[1], c[2])).as("%d samples %d -> %d", c[0], c[1], c[2])
                    .hasSize((int) Math.round((double) c[0] * c[2] / c[1]));
        }
    }

    @Test
    void aSineKeepsItsFrequencyAndAmplitudeDownAndUp() {
        checkSine(16000, 8000, 1000);
        checkSine(16000, 8000, 3000);
        checkSine(8000, 16000, 1000);
        checkSine(8000, 16000, 3000);
        checkSine(44100, 8000, 440);
    }

    @Test
    void toneAboveTheNewNyquistIsFilteredOut() {
        float[] x = sine(16000, 16000, 6000, 0.5);
        float[] y = Resampler.resample(x, 16000, 8000);
        double energy = 0;
        for (int i = 200; i < y.length - 200; i++) {
            energy += y[i] * y[i];
        }
        double rms = Math.sqrt(energy / (y.length - 400));

        assertThat(rms).isLessThan(0.005 * 0.5 / Math.sqrt(2));   // below 1 % (-40 dB) of the input's RMS
    }

    @Test
    void upsamplingByTwoKeepsTheOriginalSamples() {
        float[] x = randomSignal(400, 2);
        float[] y = Resampler.resample(x, 8000, 16000);

        for (int i = 0; i < x.length; i++) {
            assertThat(y[2 * i]).as("sample %d", i).isCloseTo(x[i], within(1e-6f));
        }
    }

    @Test
    void matchesTheKernelEvaluatedDirectly() {
        int[][] rates = {{44100, 8000}, {8000, 11025}, {16000, 8000}, {8000, 22050}};
        for (int[] r : rates) {
            float[] x = randomSignal(700, r[0] + r[1]);
            float[] fast = Resampler.resample(x, r[0], r[1]);
            double[] slow = direct(x, r[0], r[1]);
            for (int j = 0; j < fast.length; j++) {
                assertThat((double) fast[j]).as("%d -> %d, sample %d", r[0], r[1], j).isCloseTo(slow[j], within(5e-7));
            }
        }
    }

    @Test
    void badInputIsRejectedWithTheValue() {
        assertThatThrownBy(() -> Resampler.resample(new float[4], 0, 8000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from").hasMessageContaining("0");
        assertThatThrownBy(() -> Resampler.resample(new float[4], 8000, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("to").hasMessageContaining("-5");
        assertThatThrownBy(() -> Resampler.resample(null, 8000, 16000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signal");
    }

    /** Amplitude (least squares at the expected frequency) within 1 %, residual and zero-crossing rate too. */
    private static void checkSine(int from, int to, double hz) {
        float[] y = Resampler.resample(sine(from, from, hz, 0.5), from, to);
        int lo = to / 20;
        int hi = y.length - to / 20;
        double ss = 0;
        double sc = 0;
        double cc = 0;
        double ys = 0;
        double yc = 0;
        for (int i = lo; i < hi; i++) {
            double s = Math.sin(2 * Math.PI * hz * i / to);
            double c = Math.cos(2 * Math.PI * hz * i / to);
            ss += s * s;
            sc += s * c;
            cc += c * c;
            ys += y[i] * s;
            yc += y[i] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (ys * cc - yc * sc) / det;
        double b = (yc * ss - ys * sc) / det;
        double residual = 0;
        int crossings = 0;
        for (int i = lo; i < hi; i++) {
            double fit = a * Math.sin(2 * Math.PI * hz * i / to) + b * Math.cos(2 * Math.PI * hz * i / to);
            residual += (y[i] - fit) * (y[i] - fit);
            if (i > lo && y[i - 1] < 0 && y[i] >= 0) {
                crossings++;
            }
        }
        String what = from + " -> " + to + " Hz, " + hz + " Hz tone";
        assertThat(Math.hypot(a, b)).as(what + ": amplitude").isCloseTo(0.5, within(0.005));
        assertThat(Math.sqrt(residual / (hi - lo))).as(what + ": residual RMS").isLessThan(0.005);
        assertThat(crossings * (double) to / (hi - lo)).as(what + ": frequency").isCloseTo(hz, within(0.01 * hz));
    }

    private static float[] sine(int n, int rate, double hz, double amplitude) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate + 0.3));
        }
        return x;
    }

    private static float[] randomSignal(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** The documented kernel evaluated exactly at every tap: no table, I0 by numerical integration. */
    private static double[] direct(float[] x, int from, int to) {
        int m = (int) Math.round((double) x.length * to / from);
        double scale = Math.min(1.0, (double) to / from);
        double norm = besselI0(Resampler.BETA);
        double[] y = new double[m];
        for (int j = 0; j < m; j++) {
            double t = (double) j * from / to;
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                double u = scale * Math.abs(t - i);
                if (u < Resampler.ZEROS) {
                    double r = u / Resampler.ZEROS;
                    double sinc = u == 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
                    sum += x[i] * scale * sinc * besselI0(Resampler.BETA * Math.sqrt(1 - r * r)) / norm;
                }
            }
            y[j] = sum;
        }
        return y;
    }

    /** I0(x) = (1 / pi) * integral over [0, pi] of exp(x cos theta), by the trapezoid rule (spectrally accurate). */
    private static double besselI0(double x) {
        int n = 64;
        double sum = 0.5 * (Math.exp(x) + Math.exp(-x));
        for (int k = 1; k < n; k++) {
            sum += Math.exp(x * Math.cos(Math.PI * k / n));
        }
        return sum / n;
    }
}
