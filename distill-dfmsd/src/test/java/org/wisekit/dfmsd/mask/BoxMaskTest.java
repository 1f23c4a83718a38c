package org.wisekit.dfmsd.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Box maps: H/W orientation on a non-square map, FGD's cell rule against a per-cell reference, FGD's masks. */
class BoxMaskTest {

    @Test
    void offDiagonalBoxOnANonSquareMapSetsTheRightRowsAndColumns() {
        // H = 3 rows, W = 5 columns, stride 4 (a 20 x 12 canvas). The box spans x 13..18 (columns
        // floor(3.25) = 3 .. ceil(4.5) = 5, clipped to 4) and y 1..3 (rows floor(0.25) = 0 .. ceil(0.75) = 1).
        // FGD's transposed indexing would use rows 3..5, which do not exist on this map.
        int h = 3;
        int w = 5;
        float[] box = {13, 1, 5, 2};
        float[] inside = new float[h * w];
        BoxMaps.inside(box, 1, 4, h, w, inside);
        float[] fg = new float[h * w];
        BoxMaps.fgdForeground(box, 1, 4, h, w, fg);
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                boolean covered = i <= 1 && j >= 3;
                assertThat(inside[i * w + j]).as("inside(%d, %d)", i, j).isEqualTo(covered ? 1f : 0f);
                // FGD's area: (ceil(y2) + 1 - floor(y1)) * (ceil(x2) + 1 - floor(x1)) = 2 * 3 cells, before clipping
                assertThat(fg[i * w + j]).as("fg(%d, %d)", i, j).isEqualTo(covered ? 1f / 6 : 0f);
            }
        }
        float[] bg = new float[h * w];
        BoxMaps.fgdBackground(fg, bg);
        for (int p = 0; p < h * w; p++) {
            assertThat(bg[p]).isEqualTo(fg[p] > 0 ? 0f : 1f / 11);
        }
        // the same box on the transposed map (H = 5, W = 3) covers nothing (its columns 3..4 do not exist)
        float[] t = new float[15];
        BoxMaps.inside(box, 1, 4, 5, 3, t);
        assertThat(MasksTest.zeros(t)).isEqualTo(15);
    }

    @Test
    void randomBoxesMatchThePerCellRuleAndCoverEveryReceptiveCentre() {
        SplittableRandom rnd = new SplittableRandom(21);
        for (int trial = 0; trial < 200; trial++) {
            int stride = rnd.nextBoolean() ? 4 : 8;
            int h = rnd.nextInt(1, 13);
            int w = rnd.nextInt(1, 13);
            int k = rnd.nextInt(0, 5);
            float[] boxes = new float[4 * k + 2]; // longer than 4k: the rest is ignored
            for (int b = 0; b < k; b++) {
                boxes[4 * b] = (float) (rnd.nextDouble(-10, w * stride));
                boxes[4 * b + 1] = (float) (rnd.nextDouble(-10, h * stride));
                boxes[4 * b + 2] = rnd.nextBoolean() ? rnd.nextInt(1, 30) : (float) rnd.nextDouble(0.5, 30);
                boxes[4 * b + 3] = rnd.nextBoolean() ? rnd.nextInt(1, 30) : (float) rnd.nextDouble(0.5, 30);
            }
            float[] inside = new float[h * w];
            float[] fg = new float[h * w];
            BoxMaps.inside(boxes, k, stride, h, w, inside);
            BoxMaps.fgdForeground(boxes, k, stride, h, w, fg);
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double best = 0;
                    boolean centre = false;
                    for (int b = 0; b < k; b++) {
                        double x1 = boxes[4 * b] / (double) stride;
                        double y1 = boxes[4 * b + 1] / (double) stride;
                        double x2 = (boxes[4 * b] + (double) boxes[4 * b + 2]) / stride;
                        double y2 = (boxes[4 * b + 1] + (double) boxes[4 * b + 3]) / stride;
                        boolean rowIn = Math.floor(y1) <= i && i <= Math.ceil(y2);
                        boolean colIn = Math.floor(x1) <= j && j <= Math.ceil(x2);
                        if (rowIn && colIn) {
                            double cells = (Math.ceil(y2) + 1 - Math.floor(y1)) * (Math.ceil(x2) + 1 - Math.floor(x1));
                            best = Math.max(best, 1 / cells);
                        }
                        double cx = (j + 0.5) * stride;
                        double cy = (i + 0.5) * stride;
                        if (cx >= boxes[4 * b] && cx <= boxes[4 * b] + boxes[4 * b + 2]
                                && cy >= boxes[4 * b + 1] && cy <= boxes[4 * b + 1] + boxes[4 * b + 3]) {
                            centre = true;
                        }
                    }
                    assertThat(inside[i * w + j]).isEqualTo(best > 0 ? 1f : 0f);
                    assertThat((double) fg[i * w + j]).isCloseTo(best, within(1e-7));
                    if (centre) {
                        assertThat(inside[i * w + j]).as("receptive centre inside a box").isEqualTo(1f);
                    }
                }
            }
            float[] bg = new float[h * w];
            BoxMaps.fgdBackground(fg, bg);
            double sum = 0;
            for (float v : bg) {
                sum += v;
            }
            assertThat(sum).isCloseTo(MasksTest.zeros(fg) == 0 ? 0 : 1, within(1e-5));
        }
    }

    @Test
    void overlappingBoxesKeepTheLargestForegroundWeight() {
        // a small box (2 x 2 cells at stride 4 from x, y = 4..7.5 -> cells 1..2) inside a big one (0..16 -> 0..4,
        // clipped to 0..3): the small box's cells get 1/4, the others 1/25
        float[] boxes = {0, 0, 16, 16, 4, 4, 3.5f, 3.5f};
        float[] fg = new float[16];
        BoxMaps.fgdForeground(boxes, 2, 4, 4, 4, fg);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                boolean small = i >= 1 && i <= 2 && j >= 1 && j <= 2;
                assertThat(fg[i * 4 + j]).isEqualTo(small ? 0.25f : 1f / 25);
            }
        }
        float[] bg = new float[16];
        BoxMaps.fgdBackground(fg, bg);
        assertThat(bg).containsOnly(0f); // no background: all zero, as FGD
    }

    @Test
    void badBoxesAreRejected() {
        float[] out = new float[6];
        assertThatThrownBy(() -> BoxMaps.inside(new float[] {0, 0, -1, 2}, 1, 4, 2, 3, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("boxes[0]");
        assertThatThrownBy(() -> BoxMaps.fgdForeground(new float[] {0, 0, 1, Float.NaN}, 1, 4, 2, 3, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("boxes[0]");
        assertThatThrownBy(() -> BoxMaps.inside(new float[4], 2, 4, 2, 3, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4*k = 8");
        assertThatThrownBy(() -> BoxMaps.inside(new float[4], 1, 0, 2, 3, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride must be positive, got 0");
        assertThatThrownBy(() -> BoxMaps.fgdBackground(out, new float[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out");
    }
}
