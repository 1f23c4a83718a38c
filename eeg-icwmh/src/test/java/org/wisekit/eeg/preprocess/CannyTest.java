package org.wisekit.eeg.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CannyTest {

    static float[][] verticalStep(int h, int w, int firstBright, float low, float high) {
        float[][] img = new float[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img[y][x] = x < firstBright ? low : high;
            }
        }
        return img;
    }

    static int count(byte[][] e) {
        int n = 0;
        for (byte[] row : e) {
            for (byte v : row) {
                n += v;
            }
        }
        return n;
    }

    @Test
    void verticalStepGivesOneOnePixelWideEdgeColumnAtTheStep() {
        for (Canny.Norm norm : Canny.Norm.values()) {
            byte[][] e = Canny.detect(verticalStep(20, 32, 16, 10f, 200f), 50, 150, norm);
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 32; x++) {
                    // both columns 15 and 16 have magnitude 4 x 190; the tie rule keeps the first
                    assertThat(e[y][x]).as("%s (%d,%d)", norm, y, x).isEqualTo((byte) (x == 15 ? 1 : 0));
                }
            }
        }
    }

    @Test
    void horizontalStepGivesOneRow() {
        float[][] img = new float[12][9];
        for (int y = 6; y < 12; y++) {
            java.util.Arrays.fill(img[y], 255f);
        }
        byte[][] e = Canny.detect(img, 100, 300);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 9; x++) {
                assertThat(e[y][x]).isEqualTo((byte) (y == 5 ? 1 : 0));
            }
        }
    }

    @Test
    void constantImageHasNoEdges() {
        float[][] img = new float[7][7];
        for (float[] row : img) {
            java.util.Arrays.fill(row, 99f);
        }
        assertThat(count(Canny.detect(img, 0, 0))).isZero();
    }

    @Test
    void hysteresisKeepsWeakEdgesTouchingStrongOnesAndDropsIsolatedWeakOnes() {
        // region A (columns 10..19): value 100 in rows 0..11 (strong left edge, magnitude 400), 30 below (weak,
        // magnitude 120), connected to the strong part; region B (columns 30..35): value 30, isolated weak edges.
        float[][] img = new float[24][40];
        for (int y = 0; y < 24; y++) {
            for (int x = 10; x < 20; x++) {
                img[y][x] = y < 12 ? 100f : 30f;
            }
            for (int x = 30; x < 36; x++) {
                img[y][x] = 30f;
            }
        }
        byte[][] e = Canny.detect(img, 50, 200);
        for (int y = 14; y < 22; y++) {
            assertThat(e[y][9]).as("weak edge of A in row %d", y).isEqualTo((byte) 1);
        }
        for (int y = 0; y < 24; y++) {
            for (int x = 26; x < 40; x++) {
                assertThat(e[y][x]).as("isolated weak edge of B at (%d,%d)", y, x).isZero();
            }
        }
        // the same weak edges are found once they count as strong: they were dropped by hysteresis only
        byte[][] all = Canny.detect(img, 50, 100);
        for (int y = 0; y < 24; y++) {
            assertThat(all[y][29]).as("row %d", y).isEqualTo((byte) 1);
        }
    }

    /** Slow reference: explicit Sobel kernels, magnitude in double, angle binning with atan2, hysteresis by repeated sweeps. */
    static byte[][] reference(float[][] img, double low, double high, boolean l2) {
        int h = img.length;
        int w = img[0].length;
        int[][] kx = {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}};
        int[][] ky = {{-1, -2, -1}, {0, 0, 0}, {1, 2, 1}};
        double[][] gx = new double[h][w];
        double[][] gy = new double[h][w];
        double[][] mag = new double[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int i = -1; i <= 1; i++) {
                    for (int j = -1; j <= 1; j++) {
                        float v = img[Math.min(Math.max(y + i, 0), h - 1)][Math.min(Math.max(x + j, 0), w - 1)];
                        gx[y][x] += kx[i + 1][j + 1] * v;
                        gy[y][x] += ky[i + 1][j + 1] * v;
                    }
                }
                mag[y][x] = l2 ? Math.sqrt(gx[y][x] * gx[y][x] + gy[y][x] * gy[y][x]) : Math.abs(gx[y][x]) + Math.abs(gy[y][x]);
            }
        }
        int[][] state = new int[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double m = mag[y][x];
                if (!(m > low)) {
                    continue;
                }
                double angle = Math.toDegrees(Math.atan2(Math.abs(gy[y][x]), Math.abs(gx[y][x])));
                boolean keep;
                if (angle < 22.5) {
                    keep = m > get(mag, y, x - 1) && m >= get(mag, y, x + 1);
                } else if (angle > 67.5) {
                    keep = m > get(mag, y - 1, x) && m >= get(mag, y + 1, x);
                } else if (gx[y][x] * gy[y][x] > 0) {
                    keep = m > get(mag, y - 1, x - 1) && m > get(mag, y + 1, x + 1);
                } else {
                    keep = m > get(mag, y - 1, x + 1) && m > get(mag, y + 1, x - 1);
                }
                if (keep) {
                    state[y][x] = m > high ? 2 : 1;
                }
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (state[y][x] != 1) {
                        continue;
                    }
                    for (int i = -1; i <= 1 && state[y][x] == 1; i++) {
                        for (int j = -1; j <= 1; j++) {
                            int yy = y + i;
                            int xx = x + j;
                            if (yy >= 0 && yy < h && xx >= 0 && xx < w && state[yy][xx] == 2) {
                                state[y][x] = 2;
                                changed = true;
                                break;
                            }
                        }
                    }
                }
            }
        }
        byte[][] e = new byte[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                e[y][x] = (byte) (state[y][x] == 2 ? 1 : 0);
            }
        }
        return e;
    }

    private static double get(double[][] m, int y, int x) {
        return y < 0 || y >= m.length || x < 0 || x >= m[0].length ? 0 : m[y][x];
    }

    @Test
    void matchesSlowReferenceOnRandomIntegerImages() {
        Random r = new Random(51);
        int[][] shapes = {{1, 1}, {1, 7}, {7, 1}, {2, 2}, {3, 5}, {17, 23}, {40, 64}};
        int edges = 0;
        for (int[] s : shapes) {
            for (int trial = 0; trial < 6; trial++) {
                float[][] img = trial % 2 == 0 ? TestTrials.randomImage(s[0], s[1], r) : TestTrials.blobImage(s[0], s[1], r);
                double low = r.nextInt(300);
                double high = low + r.nextInt(600);
                for (Canny.Norm norm : Canny.Norm.values()) {
                    byte[][] got = Canny.detect(img, low, high, norm);
                    assertThat(got).as("%dx%d %s low=%s high=%s", s[0], s[1], norm, low, high)
                            .isDeepEqualTo(reference(img, low, high, norm == Canny.Norm.L2));
                    edges += count(got);
                }
            }
        }
        assertThat(edges).as("the comparison saw edges").isGreaterThan(1000);
    }

    @Test
    void badThresholdsAreRejectedNamingTheParameter() {
        float[][] img = new float[3][3];
        assertThatThrownBy(() -> Canny.detect(img, 200, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("low must be <= high");
        assertThatThrownBy(() -> Canny.detect(img, -1, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("low");
        assertThatThrownBy(() -> Canny.detect(img, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("high");
        assertThatThrownBy(() -> Canny.detect(new float[][] {{1}, {1, 2}}, 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image");
        assertThatThrownBy(() -> Canny.detect(img, 1, 2, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("norm");
    }
}
