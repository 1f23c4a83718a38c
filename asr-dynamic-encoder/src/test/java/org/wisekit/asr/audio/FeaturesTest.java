package org.wisekit.asr.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.datasets.audio.LogMel;
import org.wisekit.datasets.audio.Resampler;

class FeaturesTest {

    @Test
    void everyBinHasMeanZeroAndUnitPopulationDeviation() {
        float[] x = speechLike(12_345, 1);
        Features f = Features.compute(x);

        assertThat(f.frames()).isEqualTo(1 + (12_345 - 200) / 80).isEqualTo(Features.frames(12_345));
        assertThat(f.bins()).isEqualTo(40);
        for (int b = 0; b < f.bins(); b++) {
            double mean = 0;
            for (int t = 0; t < f.frames(); t++) {
                mean += f.values()[t * f.bins() + b];
            }
            mean /= f.frames();
            double var = 0;
            for (int t = 0; t < f.frames(); t++) {
                double d = f.values()[t * f.bins() + b] - mean;
                var += d * d;
            }
            assertThat(mean).as("bin %d mean", b).isCloseTo(0, within(1e-5));
            assertThat(Math.sqrt(var / f.frames())).as("bin %d std", b).isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void valuesAreTheLogMelStandardisedPerBin() {
        float[] x = speechLike(4000, 2);
        float[] mel = new LogMel(8000).compute(x);
        int frames = mel.length / 40;
        Features f = Features.compute(x);
        for (int b = 0; b < 40; b++) {
            double sum = 0;
            double sq = 0;
            for (int t = 0; t < frames; t++) {
                sum += mel[t * 40 + b];
                sq += (double) mel[t * 40 + b] * mel[t * 40 + b];
            }
            double mean = sum / frames;
            double std = Math.sqrt(sq / frames - mean * mean);
            for (int t = 0; t < frames; t++) {
                assertThat(f.values()[t * 40 + b]).isCloseTo((float) ((mel[t * 40 + b] - mean) / std), within(1e-4f));
            }
        }
    }

    @Test
    void constantBinsBecomeZeroThroughTheFloor() {
        Features silent = Features.compute(new float[1000]);

        for (float v : silent.values()) {
            assertThat(v).isZero();
        }
    }

    @Test
    void otherRatesAreResampledTo8kHzFirst() {
        float[] wide = speechLike(16_000, 3);

        assertThat(Features.compute(wide, 16_000).values())
                .containsExactly(Features.compute(Resampler.resample(wide, 16_000, 8000)).values());
        assertThat(Features.compute(wide, 8000).values()).containsExactly(Features.compute(wide).values());
    }

    @Test
    void stackingConcatenatesGroupsOfFramesAndZeroPadsTheTail() {
        float[] v = new float[10 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        Features f = new Features(10, 3, v);
        Features s = Features.stack(f, 4);

        assertThat(s.frames()).isEqualTo(3);
        assertThat(s.bins()).isEqualTo(12);
        for (int r = 0; r < 3; r++) {
            for (int j = 0; j < 4; j++) {
                for (int b = 0; b < 3; b++) {
                    int frame = 4 * r + j;
                    float expected = frame < 10 ? v[frame * 3 + b] : 0;
                    assertThat(s.values()[r * 12 + j * 3 + b]).as("row %d frame %d bin %d", r, j, b).isEqualTo(expected);
                }
            }
        }
        assertThat(Features.stack(f, 1).values()).containsExactly(v);
        assertThat(Features.stack(new Features(8, 3, new float[24]), 4).frames()).isEqualTo(2);
    }

    @Test
    void badInputIsRejectedWithTheValue() {
        assertThatThrownBy(() -> Features.compute(new float[150])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("150 samples").hasMessageContaining("200 samples");
        assertThatThrownBy(() -> Features.compute(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("samples");
        assertThatThrownBy(() -> Features.stack(new Features(2, 2, new float[4]), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factor must be >= 1, got 0");
        assertThatThrownBy(() -> new Features(2, 3, new float[5])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6").hasMessageContaining("got 5");
        assertThatThrownBy(() -> new Features(0, 3, new float[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frames must be >= 1, got 0");
    }

    /** Noise with a slowly varying level and a gliding tone, so every bin varies over time. */
    private static float[] speechLike(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n];
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double level = 0.05 + 0.04 * Math.sin(2 * Math.PI * i / 2000.0);
            phase += 2 * Math.PI * (300 + 2500.0 * i / n) / 8000;
            x[i] = (float) (level * (rng.nextDouble() - 0.5) + 0.3 * Math.sin(phase));
        }
        return x;
    }
}
