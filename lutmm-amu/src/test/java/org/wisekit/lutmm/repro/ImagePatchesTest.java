package org.wisekit.lutmm.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.wisekit.tensor.Tensor;

/** Patch extraction and the Sobel matrix by hand. */
class ImagePatchesTest {

    @Test
    void patchesAreRowMajorRgbWindows() {
        float[] px = new float[4 * 5 * 3];
        for (int p = 0; p < px.length; p++) {
            px[p] = p;
        }
        Tensor image = Tensor.wrap(px, 4, 5, 3);
        Tensor patches = ImagePatches.patches(image, 3, 2);
        assertThat(patches.shape()).containsExactly(2, 27);   // rows y = 0 and x = 0, 2
        // patch at (y=0, x=2): first row of the window starts at pixel (0, 2) = index 6
        assertThat(patches.get(1, 0)).isEqualTo(6f);
        assertThat(patches.get(1, 9)).isEqualTo((1 * 5 + 2) * 3);
        assertThat(patches.get(1, 26)).isEqualTo((2 * 5 + 4) * 3 + 2);
        assertThatThrownBy(() -> ImagePatches.patches(image, 5, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sobelGivesTheHorizontalAndVerticalGradientOfARamp() {
        float[] px = new float[3 * 3 * 3];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    px[(y * 3 + x) * 3 + ch] = x;       // brightness grows to the right
                }
            }
        }
        Tensor y = ImagePatches.patches(Tensor.wrap(px, 3, 3, 3), 3, 1).matmul(ImagePatches.sobelPair());
        assertThat(y.get(0, 0)).isCloseTo(8f, org.assertj.core.api.Assertions.within(1e-5f));
        assertThat(y.get(0, 1)).isCloseTo(0f, org.assertj.core.api.Assertions.within(1e-5f));
    }
}
