package org.wisekit.dfmsd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.datasets.LabeledImages;
import org.wisekit.tensor.Tensor;

/** Canvases on small random synthetic items: the layout rules, determinism, splits and bad input. */
class CanvasesTest {

    static final List<String> CLASSES = List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9");

    /** {@code n} grey 28x28 items: a random rectangle (values 0.3 to 1) on a zero background, random labels. */
    static LabeledImages greyItems(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] px = new float[n * 28 * 28];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int x0 = rng.nextInt(10);
            int y0 = rng.nextInt(10);
            int x1 = 14 + rng.nextInt(14);
            int y1 = 14 + rng.nextInt(14);
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    px[i * 784 + y * 28 + x] = (float) (0.3 + 0.7 * rng.nextDouble());
                }
            }
            labels[i] = rng.nextInt(10);
        }
        return new LabeledImages(Tensor.wrap(px, n, 28, 28), labels, CLASSES);
    }

    /** {@code n} colour 32x32x3 items (NHWC), every value in [0.2, 1], random labels. */
    static LabeledImages colourItems(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] px = new float[n * 32 * 32 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) (0.2 + 0.8 * rng.nextDouble());
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(10);
        }
        return new LabeledImages(Tensor.wrap(px, n, 32, 32, 3), labels, CLASSES);
    }

    static int[] pool(int from, int to) {
        int[] p = new int[to - from];
        for (int i = 0; i < p.length; i++) {
            p[i] = from + i;
        }
        return p;
    }

    static double iou(float[] b, int i, int j) {
        double iw = Math.min(b[4 * i] + b[4 * i + 2], b[4 * j] + b[4 * j + 2]) - Math.max(b[4 * i], b[4 * j]);
        double ih = Math.min(b[4 * i + 1] + b[4 * i + 3], b[4 * j + 1] + b[4 * j + 3]) - Math.max(b[4 * i + 1], b[4 * j + 1]);
        double inter = iw <= 0 || ih <= 0 ? 0 : iw * ih;
        return inter / (b[4 * i + 2] * b[4 * i + 3] + b[4 * j + 2] * b[4 * j + 3] - inter);
    }

    /** The rules every canvas keeps, checked on every canvas of {@code set}. */
    static void assertLayout(DetectionSet set, LabeledImages items, int[] pool, CanvasSettings s) {
        Set<Integer> allowed = new HashSet<>();
        for (int p : pool) {
            allowed.add(p);
        }
        for (float v : set.pixels()) {
            assertThat(v).isBetween(0f, 1f);
        }
        for (int i = 0; i < set.count(); i++) {
            float[] b = set.boxes(i);
            int[] labels = set.labels(i);
            int[] sources = set.itemSources(i);
            assertThat(labels.length).isBetween(s.minItems(), s.maxItems());
            assertThat(set.distractorSources(i).length).isBetween(0, s.maxDistractors());
            for (int j = 0; j < labels.length; j++) {
                assertThat(b[4 * j]).isGreaterThanOrEqualTo(0);
                assertThat(b[4 * j + 1]).isGreaterThanOrEqualTo(0);
                assertThat(b[4 * j + 2]).isPositive();
                assertThat(b[4 * j + 3]).isPositive();
                assertThat(b[4 * j] + b[4 * j + 2]).isLessThanOrEqualTo(s.size());
                assertThat(b[4 * j + 1] + b[4 * j + 3]).isLessThanOrEqualTo(s.size());
                assertThat(Math.max(b[4 * j + 2], b[4 * j + 3])).isLessThanOrEqualTo(s.maxItemSize());
                assertThat(allowed).contains(sources[j]);
                assertThat(labels[j]).isEqualTo(items.labels()[sources[j]]);
                for (int k = 0; k < j; k++) {
                    assertThat(iou(b, j, k)).as("canvas %d boxes %d and %d", i, j, k).isLessThan(s.maxIou());
                }
            }
            for (int d : set.distractorSources(i)) {
                assertThat(allowed).contains(d);
            }
        }
    }

    @Test
    void greyCanvasesKeepTheIouLimitBoxesLabelsCountsAndPixelRange() {
        LabeledImages items = greyItems(50, 1);
        CanvasSettings s = CanvasSettings.defaults(48);
        int[] pool = pool(10, 40);
        DetectionSet set = Canvases.generate(items, pool, 300, s, 5);
        assertThat(set.count()).isEqualTo(300);
        assertThat(set.channels()).isEqualTo(1);
        assertThat(set.size()).isEqualTo(48);
        assertThat(set.pixels()).hasSize(300 * 48 * 48);
        assertLayout(set, items, pool, s);
        // all counts of the range occur, and the placement gives up rarely
        Set<Integer> counts = new HashSet<>();
        for (int i = 0; i < set.count(); i++) {
            counts.add(set.boxCount(i));
        }
        assertThat(counts).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(set.totalBoxes()).isGreaterThan(300 * 2);
    }

    @Test
    void colourCanvasesAreChwWithWholePatchBoxesThatHideNoEarlierPatch() {
        LabeledImages items = colourItems(40, 2);
        CanvasSettings s = CanvasSettings.defaults(64);
        int[] pool = pool(0, 40);
        DetectionSet set = Canvases.generate(items, pool, 200, s, 9);
        assertThat(set.channels()).isEqualTo(3);
        assertThat(set.pixels()).hasSize(200 * 3 * 64 * 64);
        assertLayout(set, items, pool, s);
        for (int i = 0; i < set.count(); i++) {
            float[] b = set.boxes(i);
            for (int j = 0; j < set.boxCount(i); j++) {
                // a square item: the whole patch is the box, its side in the settings' range
                assertThat(b[4 * j + 2]).isEqualTo(b[4 * j + 3]).isBetween((float) s.minItemSize(), (float) s.maxItemSize());
                for (int k = 0; k < j; k++) {
                    double iw = Math.min(b[4 * j] + b[4 * j + 2], b[4 * k] + b[4 * k + 2]) - Math.max(b[4 * j], b[4 * k]);
                    double ih = Math.min(b[4 * j + 1] + b[4 * j + 3], b[4 * k + 1] + b[4 * k + 3])
                            - Math.max(b[4 * j + 1], b[4 * k + 1]);
                    double inter = iw <= 0 || ih <= 0 ? 0 : iw * ih;
                    double smaller = Math.min(b[4 * j + 2] * b[4 * j + 3], b[4 * k + 2] * b[4 * k + 3]);
                    assertThat(inter / smaller).isLessThan(s.maxIou());
                }
            }
        }
    }

    @Test
    void aGreyBoxIsTheTightBoxOfThePixelsAboveTheThreshold() {
        LabeledImages items = greyItems(30, 3);
        CanvasSettings s = CanvasSettings.defaults(48).withItems(1, 1).withClutter(0, 0);
        DetectionSet set = Canvases.generate(items, pool(0, 30), 100, s, 11);
        for (int i = 0; i < set.count(); i++) {
            int x0 = 48;
            int y0 = 48;
            int x1 = -1;
            int y1 = -1;
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 48; x++) {
                    if (set.pixels()[i * 48 * 48 + y * 48 + x] > s.boxThreshold()) {
                        x0 = Math.min(x0, x);
                        y0 = Math.min(y0, y);
                        x1 = Math.max(x1, x);
                        y1 = Math.max(y1, y);
                    }
                }
            }
            assertThat(set.boxes(i)).containsExactly(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
        }
    }

    @Test
    void aColourBoxIsExactlyThePastedPatchOnACleanCanvas() {
        LabeledImages items = colourItems(10, 4);
        CanvasSettings s = CanvasSettings.defaults(48).withItems(1, 1).withClutter(0, 0);
        DetectionSet set = Canvases.generate(items, pool(0, 10), 30, s, 12);
        int plane = 48 * 48;
        for (int i = 0; i < set.count(); i++) {
            float[] b = set.boxes(i);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 48; y++) {
                    for (int x = 0; x < 48; x++) {
                        boolean inside = x >= b[0] && x < b[0] + b[2] && y >= b[1] && y < b[1] + b[3];
                        float v = set.pixels()[i * 3 * plane + c * plane + y * 48 + x];
                        if (inside) {
                            assertThat(v).isGreaterThan(0.15f);
                        } else {
                            assertThat(v).isZero();
                        }
                    }
                }
            }
        }
    }

    @Test
    void distractorsAndNoiseAddUnboxedPixelsAndKeepTheLayout() {
        LabeledImages items = greyItems(30, 5);
        CanvasSettings base = CanvasSettings.defaults(48);
        DetectionSet clean = Canvases.generate(items, pool(0, 30), 60, base.withClutter(0, 0), 13);
        DetectionSet noisy = Canvases.generate(items, pool(0, 30), 60, base.withClutter(0.05, 0), 13);
        DetectionSet cluttered = Canvases.generate(items, pool(0, 30), 60, base.withClutter(0, 2), 13);
        int distractors = 0;
        int changed = 0;
        for (int i = 0; i < clean.count(); i++) {
            assertThat(noisy.boxes(i)).isEqualTo(clean.boxes(i));
            assertThat(cluttered.boxes(i)).isEqualTo(clean.boxes(i));
            assertThat(cluttered.labels(i)).isEqualTo(clean.labels(i));
            assertThat(clean.distractorSources(i)).isEmpty();
            distractors += cluttered.distractorSources(i).length;
        }
        for (int p = 0; p < clean.pixels().length; p++) {
            // a distractor only brightens (maximum with a low-contrast crop) and never beyond 0.3
            assertThat(cluttered.pixels()[p]).isGreaterThanOrEqualTo(clean.pixels()[p]);
            if (cluttered.pixels()[p] != clean.pixels()[p]) {
                changed++;
                assertThat(cluttered.pixels()[p]).isLessThanOrEqualTo(0.3f);
            }
        }
        assertThat(distractors).isBetween(30, 90);
        assertThat(changed).isGreaterThan(distractors * 10);
        // on the zero background the noise is max(0, z): E[max(0, z)^2] = sigma^2 / 2
        double sumSq = 0;
        int n = 0;
        for (int p = 0; p < clean.pixels().length; p++) {
            if (clean.pixels()[p] == 0) {
                sumSq += noisy.pixels()[p] * (double) noisy.pixels()[p];
                n++;
            }
        }
        assertThat(n).isGreaterThan(clean.pixels().length / 3);
        assertThat(Math.sqrt(2 * sumSq / n)).isBetween(0.048, 0.052);
    }

    @Test
    void theSameSeedGivesTheSameCanvasesAndAnotherSeedOthers() {
        LabeledImages items = greyItems(40, 6);
        CanvasSettings s = CanvasSettings.defaults(48);
        DetectionSet a = Canvases.generate(items, pool(0, 40), 40, s, 21);
        DetectionSet b = Canvases.generate(items, pool(0, 40), 40, s, 21);
        DetectionSet c = Canvases.generate(items, pool(0, 40), 40, s, 22);
        assertThat(b.pixels()).isEqualTo(a.pixels());
        assertThat(Arrays.equals(c.pixels(), a.pixels())).isFalse();
        boolean boxesDiffer = false;
        for (int i = 0; i < a.count(); i++) {
            assertThat(b.boxes(i)).isEqualTo(a.boxes(i));
            assertThat(b.labels(i)).isEqualTo(a.labels(i));
            assertThat(b.itemSources(i)).isEqualTo(a.itemSources(i));
            assertThat(b.distractorSources(i)).isEqualTo(a.distractorSources(i));
            boxesDiffer |= !Arrays.equals(a.boxes(i), c.boxes(i));
        }
        assertThat(boxesDiffer).isTrue();
    }

    @Test
    void splitsUseDisjointTrainingPoolsAndOnlyTestItemsForTest() {
        LabeledImages train = greyItems(80, 7);
        LabeledImages test = greyItems(20, 8);
        CanvasSettings s = CanvasSettings.defaults(48);
        Canvases.Splits splits = Canvases.makeSplits(train, test, 60, 20, 20, s, 3);
        assertThat(splits.train().count()).isEqualTo(60);
        assertThat(splits.val().count()).isEqualTo(20);
        assertThat(splits.test().count()).isEqualTo(20);
        Set<Integer> trainItems = used(splits.train());
        Set<Integer> valItems = used(splits.val());
        Set<Integer> overlap = new HashSet<>(trainItems);
        overlap.retainAll(valItems);
        assertThat(overlap).isEmpty();
        assertThat(valItems).isNotEmpty();
        // the pools are cut 3:1 (60 and 20 of the 80 items) and each is used in full
        assertThat(trainItems.size() + valItems.size()).isLessThanOrEqualTo(80);
        assertThat(valItems.size()).isLessThanOrEqualTo(20);
        assertThat(used(splits.test())).allMatch(i -> i >= 0 && i < 20);
        assertLayout(splits.test(), test, pool(0, 20), s);
        // every test box carries its test item's label
        for (int i = 0; i < splits.test().count(); i++) {
            int[] src = splits.test().itemSources(i);
            for (int j = 0; j < src.length; j++) {
                assertThat(splits.test().labels(i)[j]).isEqualTo(test.labels()[src[j]]);
            }
        }
        // deterministic per seed
        Canvases.Splits again = Canvases.makeSplits(train, test, 60, 20, 20, s, 3);
        assertThat(again.val().pixels()).isEqualTo(splits.val().pixels());
        assertThat(again.test().pixels()).isEqualTo(splits.test().pixels());
    }

    private static Set<Integer> used(DetectionSet set) {
        Set<Integer> items = new HashSet<>();
        for (int i = 0; i < set.count(); i++) {
            for (int v : set.itemSources(i)) {
                items.add(v);
            }
            for (int v : set.distractorSources(i)) {
                items.add(v);
            }
        }
        return items;
    }

    @Test
    void subsetAndOfKeepImagesBoxesAndLabels() {
        LabeledImages items = greyItems(20, 9);
        DetectionSet set = Canvases.generate(items, pool(0, 20), 12, CanvasSettings.defaults(48), 4);
        DetectionSet sub = set.subset(3, 8);
        assertThat(sub.count()).isEqualTo(5);
        List<DetectionImage> images = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            DetectionImage im = set.image(3 + i);
            assertThat(sub.image(i).pixels()).isEqualTo(im.pixels());
            assertThat(sub.boxes(i)).isEqualTo(im.boxes());
            assertThat(sub.labels(i)).isEqualTo(im.labels());
            assertThat(sub.itemSources(i)).isEqualTo(set.itemSources(3 + i));
            assertThat(sub.distractorSources(i)).isEqualTo(set.distractorSources(3 + i));
            images.add(im);
        }
        DetectionSet rebuilt = DetectionSet.of(images, CLASSES);
        assertThat(rebuilt.pixels()).isEqualTo(sub.pixels());
        assertThat(rebuilt.totalBoxes()).isEqualTo(sub.totalBoxes());
        assertThat(rebuilt.itemSources(0)).containsOnly(-1);
        assertThat(set.subset(4, 4).count()).isZero();
        assertThatThrownBy(() -> set.subset(5, 13)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[5, 13)");
        assertThatThrownBy(() -> set.boxes(12)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 12");
    }

    @Test
    void defaultsFollowTheNote() {
        CanvasSettings s = CanvasSettings.defaults(48);
        assertThat(s).isEqualTo(new CanvasSettings(48, 1, 4, 12, 28, 0.3, 0.05, 2, 0.1));
        CanvasSettings big = CanvasSettings.defaults(64);
        assertThat(big.minItemSize()).isEqualTo(16);
        assertThat(big.maxItemSize()).isEqualTo(37);
    }

    @Test
    void badSettingsAndInputsNameTheParameterAndValue() {
        assertThatThrownBy(() -> CanvasSettings.defaults(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size").hasMessageContaining("10");
        assertThatThrownBy(() -> new CanvasSettings(48, 0, 4, 12, 28, 0.3, 0.05, 2, 0.1))
                .hasMessageContaining("minItems").hasMessageContaining("0");
        assertThatThrownBy(() -> new CanvasSettings(48, 3, 2, 12, 28, 0.3, 0.05, 2, 0.1))
                .hasMessageContaining("maxItems").hasMessageContaining("2");
        assertThatThrownBy(() -> new CanvasSettings(48, 1, 4, 12, 49, 0.3, 0.05, 2, 0.1))
                .hasMessageContaining("maxItemSize").hasMessageContaining("49");
        assertThatThrownBy(() -> new CanvasSettings(48, 1, 4, 12, 28, 0, 0.05, 2, 0.1))
                .hasMessageContaining("maxIou").hasMessageContaining("0");
        assertThatThrownBy(() -> new CanvasSettings(48, 1, 4, 12, 28, 0.3, Double.NaN, 2, 0.1))
                .hasMessageContaining("noiseStd").hasMessageContaining("NaN");
        assertThatThrownBy(() -> new CanvasSettings(48, 1, 4, 12, 28, 0.3, 0.05, -1, 0.1))
                .hasMessageContaining("maxDistractors").hasMessageContaining("-1");
        assertThatThrownBy(() -> new CanvasSettings(48, 1, 4, 12, 28, 0.3, 0.05, 2, 1.0))
                .hasMessageContaining("boxThreshold").hasMessageContaining("1.0");

        LabeledImages items = greyItems(5, 1);
        CanvasSettings s = CanvasSettings.defaults(48);
        assertThatThrownBy(() -> Canvases.generate(items, new int[] {0, 5}, 3, s, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itemPool[1]").hasMessageContaining("5");
        assertThatThrownBy(() -> Canvases.generate(items, new int[0], 3, s, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itemPool");
        assertThatThrownBy(() -> Canvases.generate(items, new int[] {0}, -1, s, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count").hasMessageContaining("-1");
        LabeledImages flat = new LabeledImages(Tensor.zeros(3, 4), new int[3], CLASSES);
        assertThatThrownBy(() -> Canvases.generate(flat, new int[] {0}, 1, s, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3, 4]");
        assertThatThrownBy(() -> Canvases.makeSplits(items, items, 0, 1, 1, s, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nTrain").hasMessageContaining("0");
        assertThatThrownBy(() -> Canvases.makeSplits(items, colourItems(3, 1), 2, 1, 1, s, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channels");
        // two whole 16 px patches cannot share a 16 px canvas
        CanvasSettings impossible = new CanvasSettings(16, 2, 2, 16, 16, 0.3, 0, 0, 0.1);
        assertThatThrownBy(() -> Canvases.generate(colourItems(4, 1), new int[] {0, 1, 2, 3}, 1, impossible, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minItems=2");
    }
}
