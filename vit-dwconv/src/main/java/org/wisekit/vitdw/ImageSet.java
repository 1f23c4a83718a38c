package org.wisekit.vitdw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.wisekit.tensor.Shuffles;

/**
 * Labelled images as one NHWC float array ({@code [n, height, width, channels]}, values in [0, 1]) with
 * stratified subsetting: the training subsets of the small-data study are built from here. (The reproduction
 * builds them from the datasets module's loaders; any pixels and labels will do.)
 *
 * @param pixels   NHWC pixels
 * @param labels   class of each image
 * @param height   image height
 * @param width    image width
 * @param channels image channels
 * @param classes  number of classes
 */
public record ImageSet(float[] pixels, int[] labels, int height, int width, int channels, int classes) {

    public ImageSet {
        if (height < 1 || width < 1 || channels < 1 || classes < 2) {
            throw new IllegalArgumentException("height, width, channels must be >= 1 and classes >= 2, got " + height
                    + ", " + width + ", " + channels + ", " + classes);
        }
        if (pixels.length != (long) labels.length * height * width * channels) {
            throw new IllegalArgumentException("pixels has length " + pixels.length + ", expected " + labels.length
                    + " x " + height + " x " + width + " x " + channels);
        }
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " is outside [0, " + classes + ")");
            }
        }
    }

    public int size() {
        return labels.length;
    }

    /** Values per image. */
    public int imageSize() {
        return height * width * channels;
    }

    /** The images at {@code rows}, in that order. */
    public ImageSet select(int[] rows) {
        float[] p = new float[rows.length * imageSize()];
        int[] l = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(pixels, rows[i] * imageSize(), p, i * imageSize(), imageSize());
            l[i] = labels[rows[i]];
        }
        return new ImageSet(p, l, height, width, channels, classes);
    }

    /**
     * A stratified split of the image indices: each class's indices are shuffled with {@code seed}; the
     * first {@code heldOutPerClass} of every class go to the held-out part, the rest keep their shuffled
     * order in the pool, so that {@link #stratifiedPrefix} subsets of the pool are nested.
     */
    public int[][] stratifiedSplit(int heldOutPerClass, long seed) {
        List<List<Integer>> byClass = byClass(seed);
        List<Integer> heldOut = new ArrayList<>();
        List<Integer> pool = new ArrayList<>();
        int longest = byClass.stream().mapToInt(List::size).max().orElse(0);
        for (List<Integer> members : byClass) {
            if (members.size() < heldOutPerClass) {
                throw new IllegalArgumentException("heldOutPerClass " + heldOutPerClass + " exceeds a class of "
                        + members.size() + " images");
            }
            heldOut.addAll(members.subList(0, heldOutPerClass));
        }
        // interleave the classes so that any prefix of the pool is (nearly) stratified
        for (int i = heldOutPerClass; i < longest; i++) {
            for (List<Integer> members : byClass) {
                if (i < members.size()) {
                    pool.add(members.get(i));
                }
            }
        }
        return new int[][] {toArray(heldOut), toArray(pool)};
    }

    /** The first {@code count} indices of a pool from {@link #stratifiedSplit} (stratified for multiples of the classes). */
    public static int[] stratifiedPrefix(int[] pool, int count) {
        if (count < 1 || count > pool.length) {
            throw new IllegalArgumentException("count must be in [1, " + pool.length + "], got " + count);
        }
        return Arrays.copyOf(pool, count);
    }

    private List<List<Integer>> byClass(long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (List<Integer> members : byClass) {
            int[] shuffled = toArray(members);
            Shuffles.shuffle(shuffled, rng);
            members.clear();
            for (int index : shuffled) {
                members.add(index);
            }
        }
        return byClass;
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
