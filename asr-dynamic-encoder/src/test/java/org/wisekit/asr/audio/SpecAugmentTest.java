package org.wisekit.asr.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.asr.audio.SpecAugment.Mask;
import org.wisekit.asr.audio.SpecAugment.Masks;
import org.wisekit.asr.audio.SpecAugment.Settings;

class SpecAugmentTest {

    private static final int BINS = 40;

    @Test
    void oneSeedGivesOneMasking() {
        float[] a = ramp(200);
        float[] b = ramp(200);
        SpecAugment.apply(a, BINS, Settings.defaults(), new SplittableRandom(42));
        SpecAugment.apply(b, BINS, Settings.defaults(), new SplittableRandom(42));

        assertThat(a).containsExactly(b);
        Set<Masks> distinct = new HashSet<>();
        for (long seed = 0; seed < 5; seed++) {
            distinct.add(SpecAugment.draw(200, BINS, Settings.defaults(), new SplittableRandom(seed)));
        }
        assertThat(distinct).hasSizeGreaterThan(1);
    }

    @Test
    void masksStayWithinTheirBounds() {
        Settings s = Settings.defaults();
        for (int frames : new int[] {1, 7, 40, 41, 150, 300}) {
            int maxTime = Math.max(s.timeMinMasks(), (frames + s.timeFramesPerMask() - 1) / s.timeFramesPerMask());
            for (long seed = 0; seed < 200; seed++) {
                Masks m = SpecAugment.draw(frames, BINS, s, new SplittableRandom(seed));
                assertThat(m.time().size()).isBetween(Math.min(frames, s.timeMinMasks()), Math.min(frames, maxTime));
                assertThat(m.frequency().size()).isBetween(s.freqMinMasks(), s.freqMaxMasks());
                checkAxis(m.time(), frames, s.timeMaxWidth());
                checkAxis(m.frequency(), BINS, s.freqMaxWidth());
            }
        }
    }

    @Test
    void maskedCellsAreExactlyTheUnionOfTheMaskedFramesAndBins() {
        Settings heavy = new Settings(2, 10, 15, 2, 4, 8);
        for (long seed = 0; seed < 50; seed++) {
            int frames = 60 + (int) seed;
            float[] x = new float[frames * BINS];
            Arrays.fill(x, 1f);
            Masks m = SpecAugment.apply(x, BINS, heavy, new SplittableRandom(seed));
            boolean[] rows = new boolean[frames];
            boolean[] cols = new boolean[BINS];
            for (Mask t : m.time()) {
                Arrays.fill(rows, t.start(), t.end(), true);
            }
            for (Mask f : m.frequency()) {
                Arrays.fill(cols, f.start(), f.end(), true);
            }
            int r = count(rows);
            int c = count(cols);
            int zeros = 0;
            for (int t = 0; t < frames; t++) {
                for (int b = 0; b < BINS; b++) {
                    float v = x[t * BINS + b];
                    assertThat(v).isEqualTo(rows[t] || cols[b] ? 0f : 1f);
                    zeros += v == 0 ? 1 : 0;
                }
            }
            assertThat(zeros).isEqualTo(r * BINS + c * frames - r * c);
        }
    }

    @Test
    void widthsAreUniformUpToTheMaximum() {
        Settings s = new Settings(3, 1000, 10, 0, 0, 0);
        double sum = 0;
        int n = 0;
        for (long seed = 0; seed < 3000; seed++) {
            for (Mask t : SpecAugment.draw(10_000, BINS, s, new SplittableRandom(seed)).time()) {
                if (t.end() < 10_000) {   // not clipped at the end
                    sum += t.width();
                    n++;
                }
            }
        }
        assertThat(sum / n).isCloseTo(5.5, within(0.1));   // mean of the uniform law on 1..10
    }

    @Test
    void noMaskingChangesNothing() {
        float[] x = ramp(123);
        Masks m = SpecAugment.apply(x, BINS, Settings.none(), new SplittableRandom(1));

        assertThat(x).containsExactly(ramp(123));
        assertThat(m.time()).isEmpty();
        assertThat(m.frequency()).isEmpty();
    }

    @Test
    void badSettingsAndShapesAreRejectedWithTheValue() {
        assertThatThrownBy(() -> new Settings(-1, 40, 10, 1, 2, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeMinMasks must be >= 0, got -1");
        assertThatThrownBy(() -> new Settings(1, 0, 10, 1, 2, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeFramesPerMask must be >= 1, got 0");
        assertThatThrownBy(() -> new Settings(1, 40, 10, 3, 2, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("freqMaxMasks must be >= 3, got 2");
        assertThatThrownBy(() -> new Settings(1, 40, 10, 1, 2, -5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("freqMaxWidth must be >= 0, got -5");
        assertThatThrownBy(() -> SpecAugment.apply(new float[41], BINS, Settings.defaults(), new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("41");
        assertThatThrownBy(() -> SpecAugment.draw(0, BINS, Settings.defaults(), new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frames must be >= 1, got 0");
    }

    private static void checkAxis(java.util.List<Mask> masks, int length, int maxWidth) {
        Set<Integer> starts = new HashSet<>();
        for (Mask m : masks) {
            assertThat(m.start()).isBetween(0, length - 1);
            assertThat(m.width()).isBetween(1, maxWidth);
            assertThat(m.end()).isLessThanOrEqualTo(length);
            assertThat(starts.add(m.start())).as("distinct starts").isTrue();
        }
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    private static float[] ramp(int frames) {
        float[] x = new float[frames * BINS];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1 + i;
        }
        return x;
    }
}
