package org.wisekit.dfmsd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bilinear kernel against a slow tent-filter reference and a hand-computed case. */
class CanvasResizeTest {

    /**
     * Slow reference: the output value is the tent-filter sum over every input pixel,
     * {@code sum_ij src[i][j] * max(0, 1 - |sy - i|) * max(0, 1 - |sx - j|)}, with the half-pixel source position
     * clamped to the image; nothing shared with the kernel's index tables.
     */
    static double reference(float[] src, int off, int inH, int inW, int ch, int c, int outH, int outW, int y, int x) {
        double sy = Math.min(Math.max((y + 0.5) * inH / outH - 0.5, 0), inH - 1);
        double sx = Math.min(Math.max((x + 0.5) * inW / outW - 0.5, 0), inW - 1);
        double sum = 0;
        for (int i = 0; i < inH; i++) {
            for (int j = 0; j < inW; j++) {
                double wgt = Math.max(0, 1 - Math.abs(sy - i)) * Math.max(0, 1 - Math.abs(sx - j));
                sum += wgt * src[off + (i * inW + j) * ch + c];
            }
        }
        return sum;
    }

    @Test
    void matchesTheSlowReferenceOnRandomSizesAndChannels() {
        SplittableRandom rng = new SplittableRandom(7);
        CanvasResize resize = new CanvasResize(40);
        for (int trial = 0; trial < 60; trial++) {
            int ch = rng.nextBoolean() ? 1 : 3;
            int inH = 1 + rng.nextInt(33);
            int inW = 1 + rng.nextInt(33);
            int outH = 1 + rng.nextInt(40);
            int outW = 1 + rng.nextInt(40);
            int off = rng.nextInt(5);
            float[] src = new float[off + inH * inW * ch];
            for (int i = 0; i < src.length; i++) {
                src[i] = (float) rng.nextDouble();
            }
            float[] dst = new float[ch * 40 * 40];
            resize.resize(src, off, inH, inW, ch, dst, outH, outW);
            for (int c = 0; c < ch; c++) {
                for (int y = 0; y < outH; y++) {
                    for (int x = 0; x < outW; x++) {
                        assertThat((double) dst[c * outH * outW + y * outW + x])
                                .as("%dx%dx%d -> %dx%d at c=%d y=%d x=%d", inH, inW, ch, outH, outW, c, y, x)
                                .isCloseTo(reference(src, off, inH, inW, ch, c, outH, outW, y, x), within(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void upsamplesTwoByTwoAsComputedByHand() {
        // source columns map to -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1); rows likewise
        float[] src = {0, 1, 2, 3};
        float[] dst = new float[16];
        new CanvasResize(4).resize(src, 0, 2, 2, 1, dst, 4, 4);
        assertThat(dst).containsExactly(
                0f, 0.25f, 0.75f, 1f,
                0.5f, 0.75f, 1.25f, 1.5f,
                1.5f, 1.75f, 2.25f, 2.5f,
                2f, 2.25f, 2.75f, 3f);
    }

    @Test
    void sameSizeIsTheIdentityAndHwcBecomesChw() {
        float[] src = new float[3 * 4 * 3];
        for (int i = 0; i < src.length; i++) {
            src[i] = i;
        }
        float[] dst = new float[src.length];
        new CanvasResize(4).resize(src, 0, 3, 4, 3, dst, 3, 4);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    assertThat(dst[c * 12 + y * 4 + x]).isEqualTo(src[(y * 4 + x) * 3 + c]);
                }
            }
        }
    }
}
