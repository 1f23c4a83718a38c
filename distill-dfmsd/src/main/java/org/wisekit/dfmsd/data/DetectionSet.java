package org.wisekit.dfmsd.data;

import java.util.Arrays;
import java.util.List;

/**
 * {@code count} detection canvases of {@code channels x size x size} pixels held as one contiguous NCHW array,
 * their boxes ({@code x, y, w, h} in pixels) and labels, and for generated sets the indices of the source items
 * each canvas was made from (boxed items and distractor fragments), so that splits can be checked for
 * disjointness. Immutable apart from {@link #pixels()}, which is shared, not copied.
 */
public final class DetectionSet {

    private final int channels;
    private final int size;
    private final int count;
    private final float[] pixels;
    private final int[] boxStart;
    private final float[] boxes;
    private final int[] labels;
    private final int[] sources;
    private final int[] distractorStart;
    private final int[] distractorSources;
    private final List<String> classNames;

    DetectionSet(int channels, int size, int count, float[] pixels, int[] boxStart, float[] boxes, int[] labels,
            int[] sources, int[] distractorStart, int[] distractorSources, List<String> classNames) {
        this.channels = channels;
        this.size = size;
        this.count = count;
        this.pixels = pixels;
        this.boxStart = boxStart;
        this.boxes = boxes;
        this.labels = labels;
        this.sources = sources;
        this.distractorStart = distractorStart;
        this.distractorSources = distractorSources;
        this.classNames = List.copyOf(classNames);
    }

    /**
     * A set from images made elsewhere (copied); their source items are unknown ({@code -1}).
     *
     * @throws IllegalArgumentException if the images differ in channels or size, a label is outside
     *                                  {@code classNames}, or {@code classNames} is empty
     */
    public static DetectionSet of(List<DetectionImage> images, List<String> classNames) {
        if (images == null || classNames == null || classNames.isEmpty()) {
            throw new IllegalArgumentException("images and at least one class name are required");
        }
        int channels = images.isEmpty() ? 1 : images.get(0).channels();
        int size = images.isEmpty() ? 1 : images.get(0).size();
        int n = images.size();
        int plane = channels * size * size;
        float[] pixels = new float[n * plane];
        int[] boxStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            DetectionImage im = images.get(i);
            if (im.channels() != channels || im.size() != size) {
                throw new IllegalArgumentException("images[" + i + "] is " + im.channels() + "x" + im.size() + "x"
                        + im.size() + ", images[0] is " + channels + "x" + size + "x" + size);
            }
            for (int j = 0; j < im.labels().length; j++) {
                if (im.labels()[j] >= classNames.size()) {
                    throw new IllegalArgumentException("images[" + i + "] label " + im.labels()[j] + " is outside the "
                            + classNames.size() + " classNames");
                }
            }
            System.arraycopy(im.pixels(), 0, pixels, i * plane, plane);
            boxStart[i + 1] = boxStart[i] + im.boxCount();
        }
        int total = boxStart[n];
        float[] boxes = new float[4 * total];
        int[] labels = new int[total];
        for (int i = 0; i < n; i++) {
            DetectionImage im = images.get(i);
            System.arraycopy(im.boxes(), 0, boxes, 4 * boxStart[i], 4 * im.boxCount());
            System.arraycopy(im.labels(), 0, labels, boxStart[i], im.boxCount());
        }
        int[] sources = new int[total];
        Arrays.fill(sources, -1);
        return new DetectionSet(channels, size, n, pixels, boxStart, boxes, labels, sources, new int[n + 1],
                new int[0], classNames);
    }

    /** Channels per canvas: 1 (grey) or 3 (RGB). */
    public int channels() {
        return channels;
    }

    /** Canvas side in pixels. */
    public int size() {
        return size;
    }

    /** Number of canvases. */
    public int count() {
        return count;
    }

    /** All pixels, NCHW: canvas {@code i} starts at {@code i * channels * size * size}; shared, not copied. */
    public float[] pixels() {
        return pixels;
    }

    /** The class names; a label is an index into this list. */
    public List<String> classNames() {
        return classNames;
    }

    /** Number of boxes over all canvases. */
    public int totalBoxes() {
        return labels.length;
    }

    /** Number of boxes on canvas {@code i}. */
    public int boxCount(int i) {
        check(i);
        return boxStart[i + 1] - boxStart[i];
    }

    /** The boxes of canvas {@code i}, {@code k x 4} as {@code x, y, w, h} in pixels (a copy). */
    public float[] boxes(int i) {
        check(i);
        return Arrays.copyOfRange(boxes, 4 * boxStart[i], 4 * boxStart[i + 1]);
    }

    /** The class labels of canvas {@code i}'s boxes, in box order (a copy). */
    public int[] labels(int i) {
        check(i);
        return Arrays.copyOfRange(labels, boxStart[i], boxStart[i + 1]);
    }

    /** The source item index (into the generator's {@code LabeledImages}) of each box of canvas {@code i}; -1 if unknown. */
    public int[] itemSources(int i) {
        check(i);
        return Arrays.copyOfRange(sources, boxStart[i], boxStart[i + 1]);
    }

    /** The source item indices of canvas {@code i}'s unboxed distractor fragments (empty if none or unknown). */
    public int[] distractorSources(int i) {
        check(i);
        return Arrays.copyOfRange(distractorSources, distractorStart[i], distractorStart[i + 1]);
    }

    /** Canvas {@code i} as one image (pixels, boxes and labels copied). */
    public DetectionImage image(int i) {
        check(i);
        int plane = channels * size * size;
        return new DetectionImage(channels, size, Arrays.copyOfRange(pixels, i * plane, (i + 1) * plane), boxes(i),
                labels(i));
    }

    /**
     * Canvases {@code from} (inclusive) to {@code to} (exclusive) as a new set (copied).
     *
     * @throws IllegalArgumentException unless {@code 0 <= from <= to <= count()}
     */
    public DetectionSet subset(int from, int to) {
        if (from < 0 || to < from || to > count) {
            throw new IllegalArgumentException("subset [from, to) must satisfy 0 <= from <= to <= " + count + ", got ["
                    + from + ", " + to + ")");
        }
        int plane = channels * size * size;
        int n = to - from;
        int[] bs = new int[n + 1];
        int[] ds = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            bs[i] = boxStart[from + i] - boxStart[from];
            ds[i] = distractorStart[from + i] - distractorStart[from];
        }
        return new DetectionSet(channels, size, n, Arrays.copyOfRange(pixels, from * plane, to * plane), bs,
                Arrays.copyOfRange(boxes, 4 * boxStart[from], 4 * boxStart[to]),
                Arrays.copyOfRange(labels, boxStart[from], boxStart[to]),
                Arrays.copyOfRange(sources, boxStart[from], boxStart[to]), ds,
                Arrays.copyOfRange(distractorSources, distractorStart[from], distractorStart[to]), classNames);
    }

    private void check(int i) {
        if (i < 0 || i >= count) {
            throw new IllegalArgumentException("image index must be in [0, " + count + "), got " + i);
        }
    }

    @Override
    public String toString() {
        return "DetectionSet[" + count + " x " + channels + "x" + size + "x" + size + ", " + labels.length + " boxes]";
    }
}
