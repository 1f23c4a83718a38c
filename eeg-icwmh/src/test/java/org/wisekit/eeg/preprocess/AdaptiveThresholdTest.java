package org.wisekit.eeg.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AdaptiveThresholdTest {

    @Test
    void handCase() {
        // a single bright pixel: with replicated borders every 3x3 window that holds it has mean 1
        float[][] img = {{0, 0, 0}, {0, 9, 0}, {0, 0, 0}};
        byte[][] e = AdaptiveThreshold.apply(img, AdaptiveThreshold.Method.MEAN, 3, 0);
        assertThat(e).isDeepEqualTo(new byte[][] {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}});
        // C = 2 lowers every threshold below 0: all ones
        e = AdaptiveThreshold.apply(img, AdaptiveThreshold.Method.MEAN, 3, 2);
        assertThat(e).isDeepEqualTo(new byte[][] {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}});
        // Gaussian window [1 2 1]/4 x [1 2 1]/4, C = 1: centre 9 > 9 (4/16) - 1; edge midpoints see the bright pixel
        // with weight (1/4)(2/4): 0 > 1.125 - 1 fails; corners with weight 1/16: 0 > 0.5625 - 1 holds
        e = AdaptiveThreshold.apply(img, AdaptiveThreshold.Method.GAUSSIAN, 3, 1);
        assertThat(e).isDeepEqualTo(new byte[][] {{1, 0, 1}, {0, 1, 0}, {1, 0, 1}});
    }

    @Test
    void comparisonIsStrict() {
        byte[][] e = AdaptiveThreshold.apply(new float[4][5], AdaptiveThreshold.Method.MEAN, 3, 0);
        assertThat(e).isDeepEqualTo(new byte[4][5]);
    }

    /** Direct window sums with replicated borders. */
    static double[][] localReference(float[][] img, AdaptiveThreshold.Method method, int b) {
        int h = img.length;
        int w = img[0].length;
        int r = b / 2;
        double[] g = method == AdaptiveThreshold.Method.GAUSSIAN ? GaussianBlur.kernel(b, 0) : null;
        double[][] local = new double[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int i = -r; i <= r; i++) {
                    for (int j = -r; j <= r; j++) {
                        double v = img[Math.min(Math.max(y + i, 0), h - 1)][Math.min(Math.max(x + j, 0), w - 1)];
                        s += g == null ? v / (b * b) : g[i + r] * g[j + r] * v;
                    }
                }
                local[y][x] = s;
            }
        }
        return local;
    }

    @Test
    void matchesSlowReferenceAwayFromTies() {
        Random r = new Random(61);
        int compared = 0;
        for (int[] s : new int[][] {{1, 1}, {1, 9}, {9, 1}, {4, 4}, {16, 31}}) {
            for (AdaptiveThreshold.Method m : AdaptiveThreshold.Method.values()) {
                for (int b : new int[] {3, 5, 11}) {
                    float[][] img = TestTrials.randomImage(s[0], s[1], r);
                    double c = 2.5 * r.nextGaussian();
                    byte[][] got = AdaptiveThreshold.apply(img, m, b, c);
                    double[][] local = localReference(img, m, b);
                    for (int y = 0; y < s[0]; y++) {
                        for (int x = 0; x < s[1]; x++) {
                            double margin = img[y][x] - (local[y][x] - c);
                            if (Math.abs(margin) > 1e-3) {
                                assertThat(got[y][x]).as("%s b=%d (%d,%d)", m, b, y, x).isEqualTo((byte) (margin > 0 ? 1 : 0));
                                compared++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(3000);
    }

    @Test
    void badInputIsRejectedNamingTheParameter() {
        float[][] img = new float[3][3];
        assertThatThrownBy(() -> AdaptiveThreshold.apply(img, AdaptiveThreshold.Method.MEAN, 4, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blockSize").hasMessageContaining("4");
        assertThatThrownBy(() -> AdaptiveThreshold.apply(img, AdaptiveThreshold.Method.MEAN, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blockSize");
        assertThatThrownBy(() -> AdaptiveThreshold.apply(img, AdaptiveThreshold.Method.MEAN, 3, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c must be finite");
        assertThatThrownBy(() -> AdaptiveThreshold.apply(img, null, 3, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("method");
    }
}
