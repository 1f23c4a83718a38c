package org.wisekit.dfmsd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** CenterNet targets: the peak, the Gaussian's shape, the size and offset at the centre, CornerNet's radius. */
class CenterNetTargetsTest {

    @Test
    void thePeakSitsAtTheFlooredCentreWithSizeAndOffsetOnANonSquareCase() {
        int h = 12;
        int w = 12;
        float[] heat = new float[2 * h * w];
        float[] size = new float[2 * h * w];
        float[] off = new float[2 * h * w];
        float[] centre = new float[h * w];
        // box x 30..42, y 6..14: centre (36, 10) -> (9, 2.5) in stride-4 cells
        CenterNetTargets.assign(new float[] {30, 6, 12, 8}, new int[] {1}, 1, 4, h, w, 2, heat, size, off, centre);
        int at = 2 * w + 9; // row 2, column 9
        assertThat(heat[h * w + at]).isEqualTo(1f);
        assertThat(centre[at]).isEqualTo(1f);
        assertThat(size[at]).isEqualTo(3f);
        assertThat(size[h * w + at]).isEqualTo(2f);
        assertThat(off[at]).isZero();
        assertThat(off[h * w + at]).isEqualTo(0.5f);
        float max = 0;
        for (int i = 0; i < h * w; i++) {
            assertThat(heat[i]).isZero(); // class 0 untouched
            if (i != at) {
                max = Math.max(max, heat[h * w + i]);
            }
        }
        assertThat(max).isLessThan(1f);
    }

    @Test
    void gaussianRadiusMatchesCornerNetsFormulaOnAHandCase() {
        // 10 x 10 box, overlap 0.7 (CornerNet's code divides by 2, not 2a): r1 = (20 + sqrt(400 - 4 * 30 / 1.7)) / 2
        // = 19.07, r2 = (40 + sqrt(1600 - 16 * 30)) / 2 = 36.7, r3 = (-28 + sqrt(784 + 4 * 2.8 * 30)) / 2 = 2.73
        double r3 = (-28 + Math.sqrt(784 + 4 * 2.8 * 30)) / 2;
        assertThat(CenterNetTargets.gaussianRadius(10, 10, 0.7)).isCloseTo(r3, within(1e-12));
    }
}
