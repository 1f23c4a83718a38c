package org.wisekit.calib.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CorruptionTest {

    private static final int PIXELS = FashionMnistC.SIDE * FashionMnistC.SIDE;

    /** Clothing-like test images: a bright blob with texture on a dark background. */
    private static float[] images(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[count * PIXELS];
        for (int i = 0; i < count; i++) {
            double cy = 14 + random.nextInt(-3, 4);
            double cx = 14 + random.nextInt(-3, 4);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    double r = Math.hypot(y - cy, (x - cx) * 1.5);
                    out[i * PIXELS + y * 28 + x] = r < 9 ? (float) (0.5 + 0.4 * random.nextDouble()) : 0f;
                }
            }
        }
        return out;
    }

    private static double meanAbsoluteChange(float[] clean, float[] corrupted) {
        double sum = 0;
        for (int i = 0; i < clean.length; i++) {
            sum += Math.abs(clean[i] - corrupted[i]);
        }
        return sum / clean.length;
    }

    @Test
    void deterministicPerSeedAndIndexAndInRange() {
        float[] clean = images(6, 1);
        for (Corruption c : Corruption.values()) {
            for (int severity = 1; severity <= Corruption.MAX_SEVERITY; severity++) {
                float[] a = FashionMnistC.corrupt(clean, 6, c, severity, 7);
                float[] b = FashionMnistC.corrupt(clean, 6, c, severity, 7);
                assertThat(a).as(c.id()).isEqualTo(b);
                for (float v : a) {
                    assertThat(v).isBetween(0f, 1f);
                }
                // image 2 alone (a subset rebuilt on its own) equals image 2 of the full set
                float[] tail = FashionMnistC.corrupt(java.util.Arrays.copyOfRange(clean, 0, 3 * PIXELS), 3, c, severity, 7);
                assertThat(java.util.Arrays.copyOfRange(tail, 2 * PIXELS, 3 * PIXELS))
                        .isEqualTo(java.util.Arrays.copyOfRange(a, 2 * PIXELS, 3 * PIXELS));
            }
        }
        float[] seven = FashionMnistC.corrupt(clean, 6, Corruption.GAUSSIAN_NOISE, 3, 7);
        float[] eight = FashionMnistC.corrupt(clean, 6, Corruption.GAUSSIAN_NOISE, 3, 8);
        assertThat(seven).isNotEqualTo(eight);
    }

    @Test
    void severityFiveChangesImagesMoreThanSeverityOne() {
        float[] clean = images(20, 2);
        for (Corruption c : Corruption.values()) {
            double mild = meanAbsoluteChange(clean, FashionMnistC.corrupt(clean, 20, c, 1, 3));
            double severe = meanAbsoluteChange(clean, FashionMnistC.corrupt(clean, 20, c, 5, 3));
            assertThat(mild).as(c.id()).isPositive();
            assertThat(severe).as(c.id()).isGreaterThan(mild);
        }
    }

    @Test
    void simpleCorruptionsFollowTheirFormulas() {
        float[] image = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            image[i] = (i % 5) / 10f;
        }
        SplittableRandom unused = new SplittableRandom(0);
        float[] bright = Corruption.BRIGHTNESS.apply(image, 28, 2, unused);
        assertThat(bright[7]).isCloseTo(image[7] + 0.1f, within(1e-6f));
        double mean = 0;
        for (float v : image) {
            mean += v / PIXELS;
        }
        float[] flat = Corruption.CONTRAST.apply(image, 28, 5, unused);
        assertThat((double) flat[3]).isCloseTo((image[3] - mean) * 0.15 + mean, within(1e-6));
    }

    @Test
    void rejectsBadArguments() {
        float[] image = new float[PIXELS];
        SplittableRandom random = new SplittableRandom(0);
        assertThatThrownBy(() -> Corruption.ROTATE.apply(image, 28, 0, random)).hasMessageContaining("severity");
        assertThatThrownBy(() -> Corruption.ROTATE.apply(new float[10], 28, 1, random)).hasMessageContaining("pixels");
        assertThatThrownBy(() -> FashionMnistC.corrupt(image, 2, Corruption.ROTATE, 1, 0)).hasMessageContaining("images");
    }

    @Test
    void resizeAndLumaBehave() {
        float[] image = {0.1f, 0.2f, 0.3f, 0.4f};
        assertThat(ImageOps.resizeBilinear(image, 2, 2, 2, 2)).containsExactly(image);
        float[] up = ImageOps.resizeBilinear(new float[] {0.5f}, 1, 1, 28, 28);
        for (float v : up) {
            assertThat(v).isEqualTo(0.5f);
        }
        assertThat(ImageOps.luma(new float[] {0.2f, 0.2f, 0.2f}, 0, 1)[0]).isCloseTo(0.2f, within(1e-6f));
    }
}
