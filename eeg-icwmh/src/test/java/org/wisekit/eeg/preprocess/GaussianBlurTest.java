package org.wisekit.eeg.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianBlurTest {

    @Test
    void kernelSumsToOneAndMatchesTheGaussianFormula() {
        for (int k : new int[] {1, 3, 5, 7, 9, 15, 31}) {
            for (double sigma : new double[] {0.3, 1.0, 2.5, 10.0}) {
                double[] g = GaussianBlur.kernel(k, sigma);
                assertThat(Arrays.stream(g).sum()).as("k=%d sigma=%s", k, sigma).isCloseTo(1.0, offset(1e-12));
                double z = 0;
                for (int i = 0; i < k; i++) {
                    z += Math.exp(-Math.pow(i - (k - 1) / 2.0, 2) / (2 * sigma * sigma));
                }
                for (int i = 0; i < k; i++) {
                    double expected = Math.exp(-Math.pow(i - (k - 1) / 2.0, 2) / (2 * sigma * sigma)) / z;
                    assertThat(g[i]).isCloseTo(expected, offset(1e-15));
                    assertThat(g[i]).isEqualTo(g[k - 1 - i]);
                }
            }
        }
    }

    @Test
    void nonPositiveSigmaFollowsOpenCv() {
        assertThat(GaussianBlur.kernel(1, 0)).containsExactly(1.0);
        assertThat(GaussianBlur.kernel(3, 0)).containsExactly(0.25, 0.5, 0.25);
        assertThat(GaussianBlur.kernel(5, -1)).containsExactly(1 / 16.0, 4 / 16.0, 6 / 16.0, 4 / 16.0, 1 / 16.0);
        assertThat(GaussianBlur.kernel(7, 0)).containsExactly(2 / 64.0, 7 / 64.0, 14 / 64.0, 18 / 64.0, 14 / 64.0,
                7 / 64.0, 2 / 64.0);
        assertThat(GaussianBlur.autoSigma(9)).isCloseTo(1.7, offset(1e-15));
        assertThat(GaussianBlur.kernel(9, 0)).containsExactly(GaussianBlur.kernel(9, 1.7));
    }

    @Test
    void blurOfAConstantImageIsConstant() {
        float[][] img = new float[6][9];
        for (float[] row : img) {
            Arrays.fill(row, 201f);
        }
        for (int k : new int[] {1, 3, 5, 11, 21}) {
            for (float[] row : GaussianBlur.blur(img, k, 0)) {
                for (float v : row) {
                    assertThat((double) v).as("k=%d", k).isCloseTo(201.0, offset(1e-4));
                }
            }
        }
    }

    /** Direct 2-D convolution with the outer-product kernel and the reflect-101 border, written out. */
    static float[][] reference(float[][] s, double[] k) {
        int h = s.length;
        int w = s[0].length;
        int r = k.length / 2;
        float[][] d = new float[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0;
                for (int i = -r; i <= r; i++) {
                    for (int j = -r; j <= r; j++) {
                        v += k[i + r] * k[j + r] * s[reflect(y + i, h)][reflect(x + j, w)];
                    }
                }
                d[y][x] = (float) v;
            }
        }
        return d;
    }

    /** gfedcb|abcdefgh|gfedcba by mirror unfolding of the periodic extension with period 2(n-1). */
    static int reflect(int p, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int q = Math.floorMod(p, period);
        return q < n ? q : period - q;
    }

    @Test
    void blurMatchesDirectConvolutionIncludingKernelsWiderThanTheImage() {
        Random r = new Random(41);
        int[][] shapes = {{1, 1}, {1, 6}, {6, 1}, {2, 2}, {5, 7}, {16, 33}};
        for (int[] s : shapes) {
            float[][] img = TestTrials.randomImage(s[0], s[1], r);
            for (int k : new int[] {1, 3, 5, 9, 13}) {
                double sigma = k == 9 ? 0 : 0.5 + r.nextDouble() * 2;
                EegImageTest.assertClose(GaussianBlur.blur(img, k, sigma), reference(img, GaussianBlur.kernel(k, sigma)),
                        1e-3, s[0] + "x" + s[1] + " k=" + k);
            }
        }
    }

    @Test
    void reflect101HandCase() {
        // 1 x 3 image [0, 30, 60], kernel [1 2 1]/4, reflect-101: 30 | 0 30 60 | 30
        float[][] out = GaussianBlur.blur(new float[][] {{0, 30, 60}}, 3, 0);
        // rows: a single row reflects onto itself; columns: (30 + 2*0 + 30)/4, (0 + 60 + 60)/4, (30 + 120 + 30)/4
        assertThat(out[0]).containsExactly(15f, 30f, 45f);
    }

    @Test
    void badInputIsRejectedNamingTheParameter() {
        assertThatThrownBy(() -> GaussianBlur.kernel(4, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size must be odd").hasMessageContaining("4");
        assertThatThrownBy(() -> GaussianBlur.blur(new float[3][3], 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size");
        assertThatThrownBy(() -> GaussianBlur.kernel(3, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sigma");
        assertThatThrownBy(() -> GaussianBlur.blur(new float[0][], 3, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image");
    }
}
