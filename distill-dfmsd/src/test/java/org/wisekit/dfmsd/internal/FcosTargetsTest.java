package org.wisekit.dfmsd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** FCOS targets on hand-checked boxes: which cells are positive, their distances, centerness, level ranges. */
class FcosTargetsTest {

    private static final int K = 3;

    @Test
    void anOffDiagonalBoxOnTheStride4LevelGivesTheExpectedCellsAndDistances() {
        int h = 12;
        int w = 12;
        // box x 20..36, y 4..16 (centre 28, 10): wide, in the upper right part
        float[] boxes = {20, 4, 16, 12};
        float[] cls = new float[K * h * w];
        float[] reg = new float[4 * h * w];
        float[] ctr = new float[h * w];
        float[] pos = new float[h * w];
        int n = FcosTargets.assign(boxes, new int[] {2}, 1, 4, h, w, 0, 1e9, 1.5, K, cls, reg, ctr, pos);
        // centre sampling: |x - 28| < 6 and |y - 10| < 6, inside the box: x in {26, 30} (j = 6, 7; 22 and 34 are at
        // distance 6), y in {6, 10, 14} (i = 1, 2, 3)
        assertThat(n).isEqualTo(6);
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                boolean expected = (j == 6 || j == 7) && (i >= 1 && i <= 3);
                assertThat(pos[i * w + j]).as("cell (%d, %d)", i, j).isEqualTo(expected ? 1f : 0f);
                assertThat(cls[2 * h * w + i * w + j]).isEqualTo(expected ? 1f : 0f);
                assertThat(cls[i * w + j]).isZero();
            }
        }
        int at = 2 * w + 6; // x = 26, y = 10
        assertThat(reg[at]).isEqualTo(6f / 4);               // l = 26 - 20
        assertThat(reg[h * w + at]).isEqualTo(6f / 4);       // t = 10 - 4
        assertThat(reg[2 * h * w + at]).isEqualTo(10f / 4);  // r = 36 - 26
        assertThat(reg[3 * h * w + at]).isEqualTo(6f / 4);   // b = 16 - 10
        assertThat(ctr[at]).isCloseTo((float) Math.sqrt(6.0 / 10 * 6.0 / 6), within(1e-6f));
    }

    @Test
    void theLevelRangeSendsABoxToOneLevelOnlyAndTheSmallerBoxWinsOverlaps() {
        float[] big = {0, 0, 40, 40};
        float[] cls = new float[K * 36];
        float[] reg = new float[4 * 36];
        float[] ctr = new float[36];
        float[] pos = new float[36];
        // max distance around 20 px: outside (0, 12] and inside (12, inf)
        assertThat(FcosTargets.assign(big, new int[] {0}, 1, 8, 6, 6, 0, 12, 1.5, K, cls, reg, ctr, pos)).isZero();
        assertThat(FcosTargets.assign(big, new int[] {0}, 1, 8, 6, 6, 12, 1e9, 1.5, K, cls, reg, ctr, pos)).isPositive();

        float[] nested = {0, 0, 40, 40, 16, 16, 8, 8};
        float[] c2 = new float[K * 144];
        float[] r2 = new float[4 * 144];
        float[] t2 = new float[144];
        float[] p2 = new float[144];
        FcosTargets.assign(nested, new int[] {0, 1}, 2, 4, 12, 12, 0, 1e9, 1.5, K, c2, r2, t2, p2);
        int at = 4 * 12 + 4; // (18, 18): inside both, the 8 x 8 box is smaller
        assertThat(c2[144 + at]).isEqualTo(1f);
        assertThat(c2[at]).isZero();
    }
}
