package org.wisekit.dfmsd.dl4j;

/**
 * A frozen teacher's FPN features of every image of a set, computed once in evaluation mode (batch-norm running
 * statistics) and reused by every distillation step: the teacher is never part of a training graph, so its weights
 * cannot change and its batch norm cannot run in training mode.
 */
public final class TeacherFeatures {

    private final String name;
    private final int channels;
    private final int[] sides;
    private final float[][] levels;
    private final int count;

    TeacherFeatures(String name, int channels, int[] sides, float[][] levels, int count) {
        this.name = name;
        this.channels = channels;
        this.sides = sides.clone();
        this.levels = levels;
        this.count = count;
    }

    /** The teacher's description. */
    public String name() {
        return name;
    }

    /** Channels of every level. */
    public int channels() {
        return channels;
    }

    /** Number of FPN levels. */
    public int levelCount() {
        return sides.length;
    }

    /** Side (height = width) of level {@code l}. */
    public int side(int l) {
        return sides[l];
    }

    /** Number of images. */
    public int count() {
        return count;
    }

    /** Level {@code l} of every image, {@code [count][channels][side][side]} flattened (shared, not copied). */
    public float[] level(int l) {
        return levels[l];
    }

    /** Copies image {@code image}'s level {@code l} into {@code out} at {@code offset}. */
    void copy(int l, int image, float[] out, int offset) {
        int size = channels * sides[l] * sides[l];
        System.arraycopy(levels[l], image * size, out, offset, size);
    }
}
