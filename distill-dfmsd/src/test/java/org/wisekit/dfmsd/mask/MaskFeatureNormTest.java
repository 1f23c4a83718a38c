package org.wisekit.dfmsd.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Per-channel standardisation: mean 0 and standard deviation 1 per channel, constant channels, bad input. */
class MaskFeatureNormTest {

    @Test
    void eachChannelHasMeanZeroAndStdOne() {
        SplittableRandom rnd = new SplittableRandom(8);
        int c = 5;
        int h = 3;
        int w = 7;
        float[] feat = new float[c * h * w];
        for (int k = 0; k < c; k++) {
            double scale = Math.pow(10, k - 2);
            double shift = 10 * rnd.nextGaussian();
            for (int p = 0; p < h * w; p++) {
                feat[k * h * w + p] = (float) (shift + scale * rnd.nextGaussian());
            }
        }
        float[] out = new float[feat.length];
        FeatureNorm.standardize(feat, c, h, w, 1e-6, out);
        for (int k = 0; k < c; k++) {
            double inMean = 0;
            double mean = 0;
            for (int p = 0; p < h * w; p++) {
                inMean += feat[k * h * w + p];
                mean += out[k * h * w + p];
            }
            inMean /= h * w;
            mean /= h * w;
            double inVar = 0;
            double var = 0;
            for (int p = 0; p < h * w; p++) {
                inVar += (feat[k * h * w + p] - inMean) * (feat[k * h * w + p] - inMean);
                var += (out[k * h * w + p] - mean) * (out[k * h * w + p] - mean);
            }
            inVar /= h * w;
            double std = Math.sqrt(var / (h * w));
            assertThat(mean).isCloseTo(0, within(1e-5));
            // eps = 1e-6 is added to the variance: std = sqrt(v / (v + eps)), 1 up to 1e-4 for v >= 1e-2
            assertThat(std).isCloseTo(Math.sqrt(inVar / (inVar + 1e-6)), within(1e-5));
            if (inVar > 1e-2) {
                assertThat(std).isCloseTo(1.0, within(1e-4));
            }
        }
        // in place gives the same values; a constant channel maps to 0
        float[] copy = feat.clone();
        FeatureNorm.standardize(copy, c, h, w, 1e-6, copy);
        assertThat(copy).containsExactly(out);
        float[] constant = new float[2 * 4];
        java.util.Arrays.fill(constant, 3f);
        FeatureNorm.standardize(constant, 2, 2, 2, 1e-6, constant);
        assertThat(constant).containsOnly(0f);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> FeatureNorm.standardize(new float[8], 2, 2, 2, -1, new float[8]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps");
        assertThatThrownBy(() -> FeatureNorm.standardize(new float[8], 2, 2, 2, 1e-6, new float[7]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out must have length 8");
    }
}
