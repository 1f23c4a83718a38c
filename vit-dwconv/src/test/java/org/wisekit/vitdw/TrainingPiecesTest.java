package org.wisekit.vitdw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Data subsets, the learning-rate schedule and the shift augmentation against hand-computed values. */
class TrainingPiecesTest {

    static ImageSet labelled(int perClass, int classes) {
        int n = perClass * classes;
        int[] labels = new int[n];
        float[] pixels = new float[n * 4];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            Arrays.fill(pixels, i * 4, i * 4 + 4, i);
        }
        return new ImageSet(pixels, labels, 2, 2, 1, classes);
    }

    @Test
    void stratifiedSplitIsDisjointBalancedAndNested() {
        ImageSet data = labelled(30, 3);
        int[][] split = data.stratifiedSplit(5, 11);
        assertThat(split[0]).hasSize(15);
        assertThat(split[1]).hasSize(75);
        Set<Integer> heldOut = new HashSet<>();
        Arrays.stream(split[0]).forEach(heldOut::add);
        assertThat(Arrays.stream(split[1]).noneMatch(heldOut::contains)).isTrue();
        int[] prefix = ImageSet.stratifiedPrefix(split[1], 12);
        int[] perClass = new int[3];
        for (int i : prefix) {
            perClass[data.labels()[i]]++;
        }
        assertThat(perClass).containsExactly(4, 4, 4);
        assertThat(ImageSet.stratifiedPrefix(split[1], 30)).startsWith(prefix);
        assertThat(data.stratifiedSplit(5, 11)[1]).containsExactly(split[1]);
        ImageSet selected = data.select(new int[] {7, 2});
        assertThat(selected.labels()).containsExactly(1, 2);
        assertThat(selected.pixels()).containsExactly(7, 7, 7, 7, 2, 2, 2, 2);
    }

    @Test
    void rejectsInconsistentImages() {
        assertThatThrownBy(() -> new ImageSet(new float[7], new int[2], 2, 2, 1, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pixels has length 7");
        assertThatThrownBy(() -> new ImageSet(new float[8], new int[] {0, 3}, 2, 2, 1, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 3");
    }

    @Test
    void learningRateWarmsUpThenFollowsTheCosine() {
        Recipe r = Recipe.standard(10, 2);
        assertThat(r.learningRate(0, 20, 100)).isCloseTo(1e-6, within(1e-12));
        assertThat(r.learningRate(10, 20, 100)).isCloseTo((1e-6 + 1e-3) / 2, within(1e-12));
        assertThat(r.learningRate(20, 20, 100)).isCloseTo(1e-3, within(1e-12));
        assertThat(r.learningRate(60, 20, 100)).isCloseTo((1e-3 + 1e-5) / 2, within(1e-12));
        assertThat(r.learningRate(100, 20, 100)).isCloseTo(1e-5, within(1e-12));
        assertThatThrownBy(() -> Recipe.standard(3, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warmupEpochs");
    }

    @Test
    void shiftMovesPixelsAndZeroFills() {
        int h = 3;
        int w = 4;
        int c = 2;
        float[] src = new float[h * w * c];
        for (int i = 0; i < src.length; i++) {
            src[i] = i + 1;
        }
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -3; dx <= 3; dx++) {
                float[] dst = new float[src.length + 5];
                Trainer.shift(src, 0, dst, 5, h, w, c, dy, dx);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        for (int ch = 0; ch < c; ch++) {
                            int sy = y - dy;
                            int sx = x - dx;
                            float expected = sy >= 0 && sy < h && sx >= 0 && sx < w ? src[(sy * w + sx) * c + ch] : 0;
                            assertThat(dst[5 + (y * w + x) * c + ch]).isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }

    @Test
    void trainingLowersTheLossAndIsDeterministic() {
        ViTConfig config = new ViTConfig(8, 8, 1, 4, 8, 2, 2, 4, 16, 2);
        // class 0: bright top half; class 1: bright bottom half
        int n = 64;
        float[] pixels = new float[n * 64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    pixels[i * 64 + y * 8 + x] = (y < 4) == (labels[i] == 0) ? 1f : 0f;
                }
            }
        }
        ImageSet data = new ImageSet(pixels, labels, 8, 8, 1, 2);
        Recipe recipe = new Recipe(12, 1, 16, 5e-3, 0.05, 0.1, 1, 5);
        ViTModel a = ViTModel.create(config, DwShortcut.perBlock(), 1);
        Trainer.Result first = Trainer.train(a, data, data, recipe, 1, e -> { });
        ViTModel b = ViTModel.create(config, DwShortcut.perBlock(), 1);
        Trainer.Result second = Trainer.train(b, data, data, recipe, 1, e -> { });
        assertThat(second.validationAccuracy()).containsExactly(first.validationAccuracy());
        assertThat(first.finalLoss()).as("final loss").isLessThan(0.5);
        assertThat(first.validationAccuracy()[11]).isGreaterThan(90);
    }
}
