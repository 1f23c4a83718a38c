package org.wisekit.dfmsd.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.wisekit.datasets.LabeledImages;
import org.wisekit.tensor.Normals;
import org.wisekit.tensor.Shuffles;

/**
 * Real-pixel detection canvases with a synthetic layout ("FashionDet" from Fashion-MNIST, "CifarDet" from
 * CIFAR-10), as the DFMSD note's CPU-scale plan describes.
 *
 * <p>Each canvas starts black. It gets {@code k} boxed items, {@code k} uniform in
 * {@code [minItems, maxItems]}, taken in turn from a seeded permutation of the item pool (reshuffled when used up).
 * An item is rescaled bilinearly (half-pixel centres) so that its longer side is uniform in
 * {@code [minItemSize, maxItemSize]}, then placed at uniform positions, fully inside the canvas, until its box has
 * IoU below {@code maxIou} with every box already placed; an item that finds no place in
 * {@value #PLACEMENT_TRIES} positions is dropped and the next item is tried (at most {@code 4k} items per canvas).
 * A canvas that ends with fewer than {@code minItems} items is drawn again.
 *
 * <p>Grey items (Fashion-MNIST, {@code [n, h, w]}): the box is the tight box of the rescaled item's pixels above
 * {@code boxThreshold}, and items are composed by maximum (the pixel value is its own alpha). Colour items
 * (CIFAR-10, {@code [n, h, w, 3]} NHWC): there is no zero background, so the whole rescaled patch is the box and it
 * is pasted opaquely; so that a later patch cannot hide an earlier one, colour boxes must also overlap by less than
 * {@code maxIou} of the smaller box's area (which implies the IoU rule). The output is CHW.
 *
 * <p>Then come 0 to {@code maxDistractors} distractors (uniform): a crop of a random pool item at its own
 * resolution, a quarter to half of its side each way, at contrast 0.1 to 0.3 (grey: maximum with
 * {@code contrast * crop}; colour: blended with weight {@code contrast}), anywhere on the canvas and not boxed.
 * Last, Gaussian noise with {@code noiseStd} on every pixel, clamped to [0, 1]. Everything is drawn from a
 * {@link SplittableRandom} seeded with {@code seed}, so a seed gives the same canvases on every machine; the
 * layout, the distractors and the noise use three streams split from it, so that changing the clutter settings
 * keeps the items, boxes and labels of every canvas.
 */
public final class Canvases {

    /** Positions tried per item before it is dropped. */
    public static final int PLACEMENT_TRIES = 50;

    /** Times a canvas is drawn again when fewer than {@code minItems} items found a place. */
    static final int CANVAS_RESTARTS = 100;

    private Canvases() {
    }

    /**
     * Training, validation and test canvases. Train and val canvases are made from disjoint pools of the training
     * items (their item sources index the training {@code LabeledImages}); test canvases from the test items only
     * (their sources index the test {@code LabeledImages}).
     *
     * @param train the training canvases
     * @param val   the validation canvases
     * @param test  the test canvases
     */
    public record Splits(DetectionSet train, DetectionSet val, DetectionSet test) {

        /** Requires all three sets. */
        public Splits {
            if (train == null || val == null || test == null) {
                throw new IllegalArgumentException("train, val and test are required");
            }
        }
    }

    /**
     * {@code count} canvases drawn from the items {@code itemPool} (indices into {@code items}) as the class
     * comment describes; labels are the items' labels and class names are {@code items.classNames()}.
     *
     * @throws IllegalArgumentException if {@code items} is neither {@code [n, h, w]} nor {@code [n, h, w, 1|3]},
     *                                  {@code itemPool} is empty (with {@code count > 0}) or holds an index
     *                                  outside {@code [0, n)}, {@code count} is negative or too large for one array,
     *                                  or the settings cannot place {@code minItems} items
     */
    public static DetectionSet generate(LabeledImages items, int[] itemPool, int count, CanvasSettings settings,
            long seed) {
        if (items == null) {
            throw new IllegalArgumentException("items is required");
        }
        if (settings == null) {
            throw new IllegalArgumentException("settings is required");
        }
        int[] shape = items.images().shape();
        boolean colourShape = shape.length == 4 && (shape[3] == 1 || shape[3] == 3);
        if (!(shape.length == 3 || colourShape) || shape[1] < 1 || shape[2] < 1) {
            throw new IllegalArgumentException("items must be [n, h, w] or [n, h, w, 1|3], got "
                    + Arrays.toString(shape));
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (itemPool == null || (itemPool.length == 0 && count > 0)) {
            throw new IllegalArgumentException("itemPool must hold at least one item index, got "
                    + (itemPool == null ? "null" : "an empty pool"));
        }
        for (int i = 0; i < itemPool.length; i++) {
            if (itemPool[i] < 0 || itemPool[i] >= items.size()) {
                throw new IllegalArgumentException("itemPool[" + i + "] must be in [0, " + items.size() + "), got "
                        + itemPool[i]);
            }
        }
        int channels = shape.length == 4 ? shape[3] : 1;
        long total = (long) count * channels * settings.size() * settings.size();
        if (total > Integer.MAX_VALUE - 8 || 4L * count * settings.maxItems() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("count " + count + " of " + channels + "x" + settings.size() + "x"
                    + settings.size() + " canvases does not fit one float array");
        }
        return new Composer(items, itemPool, settings, seed).run(count);
    }

    /**
     * The three splits: a seeded permutation of the training items is cut into a train pool and a val pool in
     * proportion {@code nTrain : nVal} (each non-empty when its count is), and test canvases use every test item.
     * Train, val and test are generated with seeds drawn from {@code seed}.
     *
     * @throws IllegalArgumentException if a count is out of range ({@code nTrain >= 1}, {@code nVal, nTest >= 0}),
     *                                  the training items are too few to split, or train and test items differ in
     *                                  channels or class names
     */
    public static Splits makeSplits(LabeledImages train, LabeledImages test, int nTrain, int nVal, int nTest,
            CanvasSettings settings, long seed) {
        if (train == null || test == null) {
            throw new IllegalArgumentException("train and test items are required");
        }
        if (nTrain < 1) {
            throw new IllegalArgumentException("nTrain must be >= 1, got " + nTrain);
        }
        if (nVal < 0) {
            throw new IllegalArgumentException("nVal must be >= 0, got " + nVal);
        }
        if (nTest < 0) {
            throw new IllegalArgumentException("nTest must be >= 0, got " + nTest);
        }
        int[] a = train.images().shape();
        int[] b = test.images().shape();
        int ca = a.length == 4 ? a[3] : 1;
        int cb = b.length == 4 ? b[3] : 1;
        if (ca != cb) {
            throw new IllegalArgumentException("train items have " + ca + " channels, test items " + cb);
        }
        if (!train.classNames().equals(test.classNames())) {
            throw new IllegalArgumentException("train and test items have different class names: "
                    + train.classNames() + " vs " + test.classNames());
        }
        int n = train.size();
        int valPool = nVal == 0 ? 0 : (int) Math.max(1, Math.round(n * (double) nVal / ((double) nTrain + nVal)));
        if (n - valPool < 1) {
            throw new IllegalArgumentException("train must hold at least 2 items to split into train and val pools, got "
                    + n);
        }
        if (nTest > 0 && test.size() == 0) {
            throw new IllegalArgumentException("test must hold at least one item for nTest=" + nTest);
        }
        SplittableRandom root = new SplittableRandom(seed);
        int[] perm = Shuffles.permutation(n, root);
        int[] trainPool = Arrays.copyOfRange(perm, 0, n - valPool);
        int[] valPoolItems = Arrays.copyOfRange(perm, n - valPool, n);
        int[] testPool = Shuffles.identity(test.size());
        long trainSeed = root.nextLong();
        long valSeed = root.nextLong();
        long testSeed = root.nextLong();
        return new Splits(generate(train, trainPool, nTrain, settings, trainSeed),
                generate(train, valPoolItems, nVal, settings, valSeed),
                generate(test, testPool, nTest, settings, testSeed));
    }

    /** Intersection over union of two {@code x, y, w, h} boxes with positive areas. */
    static double iou(int ax, int ay, int aw, int ah, int bx, int by, int bw, int bh) {
        double inter = intersection(ax, ay, aw, ah, bx, by, bw, bh);
        return inter / ((double) aw * ah + (double) bw * bh - inter);
    }

    static double intersection(int ax, int ay, int aw, int ah, int bx, int by, int bw, int bh) {
        int iw = Math.min(ax + aw, bx + bw) - Math.max(ax, bx);
        int ih = Math.min(ay + ah, by + bh) - Math.max(ay, by);
        return iw <= 0 || ih <= 0 ? 0 : (double) iw * ih;
    }

    /** One generation run: the state and scratch buffers, allocated once. */
    private static final class Composer {

        private final float[] src;
        private final int[] labelsOf;
        private final int h;
        private final int w;
        private final int ch;
        private final int itemLen;
        private final boolean opaque;
        private final int[] pool;
        private final int[] order;
        private int next;
        private final CanvasSettings s;
        private final int size;
        private final int plane;
        private final SplittableRandom rng;
        private final SplittableRandom clutterRng;
        private final SplittableRandom noiseRng;
        private final CanvasResize resize;
        private final float[] patch;
        private final java.util.List<String> classNames;
        // the canvas being drawn
        private final int[] box;
        private final int[] lab;
        private final int[] srcIdx;
        private final int[] distractors;

        Composer(LabeledImages items, int[] itemPool, CanvasSettings s, long seed) {
            int[] shape = items.images().shape();
            this.src = items.images().data();
            this.labelsOf = items.labels();
            this.h = shape[1];
            this.w = shape[2];
            this.ch = shape.length == 4 ? shape[3] : 1;
            this.itemLen = h * w * ch;
            this.opaque = ch > 1;
            this.pool = itemPool.clone();
            this.order = itemPool.clone();
            this.s = s;
            this.size = s.size();
            this.plane = ch * size * size;
            this.rng = new SplittableRandom(seed);
            this.clutterRng = rng.split();
            this.noiseRng = rng.split();
            this.resize = new CanvasResize(size);
            this.patch = new float[ch * size * size];
            this.classNames = items.classNames();
            this.box = new int[4 * s.maxItems()];
            this.lab = new int[s.maxItems()];
            this.srcIdx = new int[s.maxItems()];
            this.distractors = new int[s.maxDistractors()];
            Shuffles.shuffle(order, rng);
        }

        DetectionSet run(int count) {
            float[] pixels = new float[count * plane];
            int[] boxStart = new int[count + 1];
            int[] dStart = new int[count + 1];
            float[] boxes = new float[4 * count * s.maxItems()];
            int[] labels = new int[count * s.maxItems()];
            int[] sources = new int[count * s.maxItems()];
            int[] dSources = new int[count * s.maxDistractors()];
            for (int i = 0; i < count; i++) {
                int base = i * plane;
                int placed = canvas(pixels, base);
                int b0 = boxStart[i];
                for (int j = 0; j < placed; j++) {
                    for (int q = 0; q < 4; q++) {
                        boxes[4 * (b0 + j) + q] = box[4 * j + q];
                    }
                    labels[b0 + j] = lab[j];
                    sources[b0 + j] = srcIdx[j];
                }
                boxStart[i + 1] = b0 + placed;
                int d = distract(pixels, base);
                System.arraycopy(distractors, 0, dSources, dStart[i], d);
                dStart[i + 1] = dStart[i] + d;
                noise(pixels, base);
            }
            int total = boxStart[count];
            return new DetectionSet(ch, size, count, pixels, boxStart, Arrays.copyOf(boxes, 4 * total),
                    Arrays.copyOf(labels, total), Arrays.copyOf(sources, total), dStart,
                    Arrays.copyOf(dSources, dStart[count]), classNames);
        }

        private int nextItem() {
            if (next == order.length) {
                Shuffles.shuffle(order, rng);
                next = 0;
            }
            return order[next++];
        }

        /** Draws the boxed items of one canvas at {@code pixels[base ..]}; returns how many were placed. */
        private int canvas(float[] pixels, int base) {
            int k = s.minItems() + rng.nextInt(s.maxItems() - s.minItems() + 1);
            for (int restart = 0; restart < CANVAS_RESTARTS; restart++) {
                Arrays.fill(pixels, base, base + plane, 0f);
                int placed = 0;
                for (int attempt = 0; attempt < 4 * k && placed < k; attempt++) {
                    int item = nextItem();
                    if (place(item, pixels, base, placed)) {
                        placed++;
                    }
                }
                if (placed >= s.minItems()) {
                    return placed;
                }
            }
            throw new IllegalArgumentException("settings cannot place minItems=" + s.minItems() + " items with maxIou="
                    + s.maxIou() + " on a " + size + " px canvas: " + s);
        }

        /** Rescales {@code item}, looks for a position and pastes it as box {@code j}; false if it found none. */
        private boolean place(int item, float[] pixels, int base, int j) {
            int side = s.minItemSize() + rng.nextInt(s.maxItemSize() - s.minItemSize() + 1);
            int ph;
            int pw;
            if (h >= w) {
                ph = side;
                pw = Math.max(1, (int) Math.round((double) side * w / h));
            } else {
                pw = side;
                ph = Math.max(1, (int) Math.round((double) side * h / w));
            }
            resize.resize(src, item * itemLen, h, w, ch, patch, ph, pw);
            int bx0 = 0;
            int by0 = 0;
            int bx1 = pw;
            int by1 = ph;
            if (!opaque) {
                bx0 = pw;
                by0 = ph;
                bx1 = -1;
                by1 = -1;
                float thr = (float) s.boxThreshold();
                for (int y = 0; y < ph; y++) {
                    for (int x = 0; x < pw; x++) {
                        if (patch[y * pw + x] > thr) {
                            bx0 = Math.min(bx0, x);
                            bx1 = Math.max(bx1, x);
                            by0 = Math.min(by0, y);
                            by1 = Math.max(by1, y);
                        }
                    }
                }
                if (bx1 < 0) {
                    return false;
                }
                bx1++;
                by1++;
            }
            int bw = bx1 - bx0;
            int bh = by1 - by0;
            for (int t = 0; t < PLACEMENT_TRIES; t++) {
                int px = rng.nextInt(size - pw + 1);
                int py = rng.nextInt(size - ph + 1);
                int x = px + bx0;
                int y = py + by0;
                if (fits(x, y, bw, bh, j)) {
                    paste(pixels, base, px, py, ph, pw);
                    box[4 * j] = x;
                    box[4 * j + 1] = y;
                    box[4 * j + 2] = bw;
                    box[4 * j + 3] = bh;
                    lab[j] = labelsOf[item];
                    srcIdx[j] = item;
                    return true;
                }
            }
            return false;
        }

        private boolean fits(int x, int y, int bw, int bh, int placed) {
            double limit = s.maxIou();
            for (int j = 0; j < placed; j++) {
                int qx = box[4 * j];
                int qy = box[4 * j + 1];
                int qw = box[4 * j + 2];
                int qh = box[4 * j + 3];
                if (iou(x, y, bw, bh, qx, qy, qw, qh) >= limit) {
                    return false;
                }
                if (opaque && intersection(x, y, bw, bh, qx, qy, qw, qh)
                        >= limit * Math.min((double) bw * bh, (double) qw * qh)) {
                    return false;
                }
            }
            return true;
        }

        private void paste(float[] pixels, int base, int px, int py, int ph, int pw) {
            int pp = ph * pw;
            for (int c = 0; c < ch; c++) {
                int cb = base + c * size * size;
                for (int y = 0; y < ph; y++) {
                    int row = cb + (py + y) * size + px;
                    int p = c * pp + y * pw;
                    if (opaque) {
                        System.arraycopy(patch, p, pixels, row, pw);
                    } else {
                        for (int x = 0; x < pw; x++) {
                            pixels[row + x] = Math.max(pixels[row + x], patch[p + x]);
                        }
                    }
                }
            }
        }

        /** Adds 0 to maxDistractors unboxed fragments; returns how many (their sources in {@code distractors}). */
        private int distract(float[] pixels, int base) {
            int d = clutterRng.nextInt(s.maxDistractors() + 1);
            int loW = Math.max(1, w / 4);
            int hiW = Math.min(size, Math.max(loW, w / 2));
            int loH = Math.max(1, h / 4);
            int hiH = Math.min(size, Math.max(loH, h / 2));
            loW = Math.min(loW, hiW);
            loH = Math.min(loH, hiH);
            for (int f = 0; f < d; f++) {
                int item = pool[clutterRng.nextInt(pool.length)];
                distractors[f] = item;
                int cw = loW + clutterRng.nextInt(hiW - loW + 1);
                int chh = loH + clutterRng.nextInt(hiH - loH + 1);
                int cx = 0;
                int cy = 0;
                for (int t = 0; t < 8; t++) {
                    cx = clutterRng.nextInt(w - cw + 1);
                    cy = clutterRng.nextInt(h - chh + 1);
                    if (cropMax(item, cx, cy, cw, chh) >= 0.3f) {
                        break;
                    }
                }
                float contrast = (float) (0.1 + 0.2 * clutterRng.nextDouble());
                int px = clutterRng.nextInt(size - cw + 1);
                int py = clutterRng.nextInt(size - chh + 1);
                int off = item * itemLen;
                for (int c = 0; c < ch; c++) {
                    int cb = base + c * size * size;
                    for (int y = 0; y < chh; y++) {
                        int row = cb + (py + y) * size + px;
                        int sp = off + ((cy + y) * w + cx) * ch + c;
                        for (int x = 0; x < cw; x++) {
                            float v = src[sp + x * ch];
                            if (opaque) {
                                pixels[row + x] += contrast * (v - pixels[row + x]);
                            } else {
                                pixels[row + x] = Math.max(pixels[row + x], contrast * v);
                            }
                        }
                    }
                }
            }
            return d;
        }

        private float cropMax(int item, int cx, int cy, int cw, int chh) {
            int off = item * itemLen;
            float m = 0;
            for (int y = 0; y < chh; y++) {
                int sp = off + ((cy + y) * w + cx) * ch;
                for (int x = 0; x < cw * ch; x++) {
                    m = Math.max(m, src[sp + x]);
                }
            }
            return m;
        }

        private void noise(float[] pixels, int base) {
            double std = s.noiseStd();
            for (int p = base; p < base + plane; p++) {
                float v = std > 0 ? (float) (pixels[p] + std * Normals.next(noiseRng)) : pixels[p];
                pixels[p] = v < 0 ? 0 : (v > 1 ? 1 : v);
            }
        }
    }
}
