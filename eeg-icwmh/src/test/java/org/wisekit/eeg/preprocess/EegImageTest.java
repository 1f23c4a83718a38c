package org.wisekit.eeg.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EegImageTest {

    private static final int[][] SHAPES = {{1, 1}, {1, 5}, {5, 1}, {2, 3}, {7, 4}, {16, 40}, {13, 9}};

    @Test
    void encodeHandCaseRoundsHalfToEven() {
        float[][] img = EegImage.encode(new double[][] {{-1, 0}, {1, 3}});
        // 255 (v + 1) / 4: 0, 63.75, 127.5, 255
        assertThat(img[0]).containsExactly(0f, 64f);
        assertThat(img[1]).containsExactly(128f, 255f);
    }

    @Test
    void fixedRangeSaturates() {
        float[][] img = EegImage.encode(new double[][] {{-1, 0, 0.5, 1, 3}}, new EegImage.Range(0, 1));
        assertThat(img[0]).containsExactly(0f, 0f, 128f, 255f, 255f);
    }

    @Test
    void constantInputGivesTheZeroImage() {
        assertThat(EegImage.encode(new double[][] {{5, 5}, {5, 5}})).isDeepEqualTo(new float[2][2]);
        assertThat(EegImage.encode(new double[][] {{7}}, new EegImage.Range(2, 2))).isDeepEqualTo(new float[1][1]);
    }

    @Test
    void rangeOfTrialsCoversAll() {
        EegImage.Range r = EegImage.range(new double[][][] {{{1, 2}}, {{-3, 0.5}}});
        assertThat(r).isEqualTo(new EegImage.Range(-3, 2));
    }

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void constantImageStaysConstant(Interpolation interpolation) {
        for (int[] src : SHAPES) {
            for (int[] dst : SHAPES) {
                float[][] img = new float[src[0]][src[1]];
                for (float[] row : img) {
                    java.util.Arrays.fill(row, 137f);
                }
                float[][] out = EegImage.resize(img, dst[0], dst[1], interpolation);
                for (float[] row : out) {
                    assertThat(row).as("%dx%d -> %dx%d", src[0], src[1], dst[0], dst[1]).containsOnly(137f);
                }
            }
        }
    }

    static float[][] nearestReference(float[][] s, int dh, int dw) {
        int sh = s.length;
        int sw = s[0].length;
        float[][] d = new float[dh][dw];
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                int sy = Math.min((int) Math.floor((double) y * sh / dh), sh - 1);
                int sx = Math.min((int) Math.floor((double) x * sw / dw), sw - 1);
                d[y][x] = s[sy][sx];
            }
        }
        return d;
    }

    static double tent(double d) {
        return Math.max(0.0, 1.0 - Math.abs(d));
    }

    /** Bilinear as a sum of tents over every source pixel, with the coordinate clamped to the image. */
    static float[][] bilinearReference(float[][] s, int dh, int dw) {
        int sh = s.length;
        int sw = s[0].length;
        float[][] d = new float[dh][dw];
        for (int y = 0; y < dh; y++) {
            double fy = Math.min(Math.max((y + 0.5) * sh / dh - 0.5, 0), sh - 1);
            for (int x = 0; x < dw; x++) {
                double fx = Math.min(Math.max((x + 0.5) * sw / dw - 0.5, 0), sw - 1);
                double v = 0;
                for (int i = 0; i < sh; i++) {
                    for (int j = 0; j < sw; j++) {
                        v += s[i][j] * tent(fy - i) * tent(fx - j);
                    }
                }
                d[y][x] = (float) v;
            }
        }
        return d;
    }

    static double keys(double d, double a) {
        double x = Math.abs(d);
        if (x < 1) {
            return (a + 2) * x * x * x - (a + 3) * x * x + 1;
        }
        if (x < 2) {
            return a * x * x * x - 5 * a * x * x + 8 * a * x - 4 * a;
        }
        return 0;
    }

    /** Bicubic as a direct 4x4 sum with clamped indices, clamped to [0, 255]. */
    static float[][] bicubicReference(float[][] s, int dh, int dw, double a) {
        return bicubicReference(s, dh, dw, a, true);
    }

    static float[][] bicubicReference(float[][] s, int dh, int dw, double a, boolean clamp) {
        int sh = s.length;
        int sw = s[0].length;
        float[][] d = new float[dh][dw];
        for (int y = 0; y < dh; y++) {
            double fy = (y + 0.5) * sh / dh - 0.5;
            int y0 = (int) Math.floor(fy);
            for (int x = 0; x < dw; x++) {
                double fx = (x + 0.5) * sw / dw - 0.5;
                int x0 = (int) Math.floor(fx);
                double v = 0;
                for (int i = y0 - 1; i <= y0 + 2; i++) {
                    for (int j = x0 - 1; j <= x0 + 2; j++) {
                        int ci = Math.min(Math.max(i, 0), sh - 1);
                        int cj = Math.min(Math.max(j, 0), sw - 1);
                        v += s[ci][cj] * keys(fy - i, a) * keys(fx - j, a);
                    }
                }
                d[y][x] = (float) (clamp ? Math.min(255, Math.max(0, v)) : v);
            }
        }
        return d;
    }

    @Test
    void resizeMatchesSlowReferences() {
        Random r = new Random(31);
        for (int[] src : SHAPES) {
            for (int[] dst : SHAPES) {
                float[][] img = TestTrials.randomImage(src[0], src[1], r);
                String as = src[0] + "x" + src[1] + " -> " + dst[0] + "x" + dst[1];
                assertThat(EegImage.resize(img, dst[0], dst[1], Interpolation.NEAREST)).as(as)
                        .isDeepEqualTo(nearestReference(img, dst[0], dst[1]));
                assertClose(EegImage.resize(img, dst[0], dst[1], Interpolation.BILINEAR),
                        bilinearReference(img, dst[0], dst[1]), 1e-3, as);
                for (double a : new double[] {EegImage.OPENCV_CUBIC_A, EegImage.KEYS_CUBIC_A}) {
                    assertClose(EegImage.resize(img, dst[0], dst[1], Interpolation.BICUBIC, a),
                            bicubicReference(img, dst[0], dst[1], a), 1e-3, as + " a=" + a);
                }
            }
        }
        // the EEG width of the pipeline: 656 -> 128
        float[][] eeg = TestTrials.randomImage(6, 656, r);
        assertClose(EegImage.resize(eeg, 6, 128, Interpolation.BILINEAR), bilinearReference(eeg, 6, 128), 1e-3, "eeg");
    }

    @Test
    void nearestMatchesOpenCvIndexRule() {
        // 656 -> 128: column d takes floor(d * 5.125)
        float[][] img = new float[1][656];
        for (int t = 0; t < 656; t++) {
            img[0][t] = t % 256;
        }
        float[][] out = EegImage.resize(img, 1, 128, Interpolation.NEAREST);
        assertThat(out[0][0]).isEqualTo(0f);
        assertThat(out[0][1]).isEqualTo(5f);
        assertThat(out[0][3]).isEqualTo(15f);
        assertThat(out[0][127]).isEqualTo(650 % 256);
    }

    @Test
    void bilinearUpscalingOfALinearRampIsExact() {
        float[][] ramp = new float[4][6];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                ramp[y][x] = 3 * y + 10 * x;
            }
        }
        float[][] out = EegImage.resize(ramp, 8, 12, Interpolation.BILINEAR);
        for (int y = 0; y < 8; y++) {
            double fy = Math.min(Math.max((y + 0.5) / 2 - 0.5, 0), 3);
            for (int x = 0; x < 12; x++) {
                double fx = Math.min(Math.max((x + 0.5) / 2 - 0.5, 0), 5);
                assertThat(out[y][x]).as("(%d,%d)", y, x).isEqualTo((float) (3 * fy + 10 * fx));
            }
        }
        float[][] row = EegImage.resize(new float[][] {{0, 10, 20, 30}}, 1, 8, Interpolation.BILINEAR);
        assertThat(row[0]).containsExactly(0f, 2.5f, 7.5f, 12.5f, 17.5f, 22.5f, 27.5f, 30f);
    }

    @Test
    void sameSizeResizeIsTheIdentity() {
        float[][] img = TestTrials.randomImage(9, 11, new Random(32));
        for (Interpolation ip : Interpolation.values()) {
            assertThat(EegImage.resize(img, 9, 11, ip)).as("%s", ip).isDeepEqualTo(img);
        }
    }

    @Test
    void bicubicOvershootIsClamped() {
        float[][] step = new float[1][8];
        for (int x = 4; x < 8; x++) {
            step[0][x] = 255f;
        }
        float[][] out = EegImage.resize(step, 1, 32, Interpolation.BICUBIC);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : out[0]) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(255f);
        float[][] unclamped = bicubicReference(step, 1, 32, EegImage.OPENCV_CUBIC_A, false);
        float umin = Float.MAX_VALUE;
        float umax = -Float.MAX_VALUE;
        for (float v : unclamped[0]) {
            umin = Math.min(umin, v);
            umax = Math.max(umax, v);
        }
        assertThat(umin).as("the cubic overshoots below 0 without the clamp").isLessThan(-1f);
        assertThat(umax).as("the cubic overshoots above 255 without the clamp").isGreaterThan(256f);
    }

    @Test
    void toIntRoundsHalfToEvenAndClamps() {
        int[][] v = EegImage.toInt(new float[][] {{0.5f, 1.5f, 2.49f, -3f, 300f}});
        assertThat(v[0]).containsExactly(0, 2, 2, 0, 255);
    }

    @Test
    void badInputIsRejectedNamingTheParameter() {
        float[][] img = new float[2][2];
        assertThatThrownBy(() -> EegImage.resize(img, 0, 4, Interpolation.NEAREST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("height");
        assertThatThrownBy(() -> EegImage.resize(img, 4, -1, Interpolation.NEAREST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width");
        assertThatThrownBy(() -> EegImage.resize(img, 4, 4, Interpolation.BICUBIC, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cubicA");
        assertThatThrownBy(() -> EegImage.resize(new float[][] {{1, Float.NaN}}, 4, 4, Interpolation.BILINEAR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image[0][1]");
        assertThatThrownBy(() -> EegImage.encode(new double[0][]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trial");
        assertThatThrownBy(() -> EegImage.encode(new double[][] {{Double.NaN}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trial[0][0]");
        assertThatThrownBy(() -> new EegImage.Range(2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min");
    }

    static void assertClose(float[][] actual, float[][] expected, double tol, String as) {
        assertThat(actual.length).as(as).isEqualTo(expected.length);
        for (int y = 0; y < actual.length; y++) {
            assertThat(actual[y].length).as(as).isEqualTo(expected[y].length);
            for (int x = 0; x < actual[y].length; x++) {
                assertThat((double) actual[y][x]).as("%s at (%d,%d)", as, y, x)
                        .isCloseTo(expected[y][x], org.assertj.core.data.Offset.offset(tol));
            }
        }
    }
}
