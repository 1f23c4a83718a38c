package org.wisekit.dfmsd.data;

/**
 * How detection canvases are drawn (see {@link Canvases}).
 *
 * @param size           canvas side in pixels, in {@code [16, 1024]}
 * @param minItems       fewest boxed items per canvas, {@code >= 1}
 * @param maxItems       most boxed items per canvas, in {@code [minItems, 64]}
 * @param minItemSize    smallest rescaled item side (its longer side) in pixels, {@code >= 4}
 * @param maxItemSize    largest rescaled item side in pixels, in {@code [minItemSize, size]}
 * @param maxIou         every pair of boxes on a canvas has IoU strictly below this, in {@code (0, 1]}
 * @param noiseStd       standard deviation of the Gaussian pixel noise added last, in {@code [0, 1]}
 * @param maxDistractors most low-contrast, unboxed fragments per canvas, in {@code [0, 64]}
 * @param boxThreshold   a grey item's tight box covers its rescaled pixels above this value, in {@code [0, 1)}
 */
public record CanvasSettings(int size, int minItems, int maxItems, int minItemSize, int maxItemSize, double maxIou,
        double noiseStd, int maxDistractors, double boxThreshold) {

    /** Validates every field; an {@link IllegalArgumentException} names the field and its value. */
    public CanvasSettings {
        if (size < 16 || size > 1024) {
            throw new IllegalArgumentException("size must be in [16, 1024], got " + size);
        }
        if (minItems < 1) {
            throw new IllegalArgumentException("minItems must be >= 1, got " + minItems);
        }
        if (maxItems < minItems || maxItems > 64) {
            throw new IllegalArgumentException("maxItems must be in [minItems=" + minItems + ", 64], got " + maxItems);
        }
        if (minItemSize < 4) {
            throw new IllegalArgumentException("minItemSize must be >= 4, got " + minItemSize);
        }
        if (maxItemSize < minItemSize || maxItemSize > size) {
            throw new IllegalArgumentException("maxItemSize must be in [minItemSize=" + minItemSize + ", size=" + size
                    + "], got " + maxItemSize);
        }
        if (!(maxIou > 0 && maxIou <= 1)) {
            throw new IllegalArgumentException("maxIou must be in (0, 1], got " + maxIou);
        }
        if (!(noiseStd >= 0 && noiseStd <= 1)) {
            throw new IllegalArgumentException("noiseStd must be in [0, 1], got " + noiseStd);
        }
        if (maxDistractors < 0 || maxDistractors > 64) {
            throw new IllegalArgumentException("maxDistractors must be in [0, 64], got " + maxDistractors);
        }
        if (!(boxThreshold >= 0 && boxThreshold < 1)) {
            throw new IllegalArgumentException("boxThreshold must be in [0, 1), got " + boxThreshold);
        }
    }

    /**
     * The note's settings for a {@code size} x {@code size} canvas: 1 to 4 items, pairwise IoU below 0.3, noise
     * sigma 0.05, 0 to 2 distractors, box threshold 0.1, and item sides from {@code round(size / 4)} to
     * {@code round(7 * size / 12)}: 12 to 28 px at 48 px (the note's range), 16 to 37 px at 64 px.
     *
     * @throws IllegalArgumentException if {@code size} is outside {@code [16, 1024]}
     */
    public static CanvasSettings defaults(int size) {
        if (size < 16 || size > 1024) {
            throw new IllegalArgumentException("size must be in [16, 1024], got " + size);
        }
        return new CanvasSettings(size, 1, 4, (int) Math.round(size / 4.0), (int) Math.round(size * 7 / 12.0), 0.3,
                0.05, 2, 0.1);
    }

    /** These settings with {@code min} to {@code max} boxed items per canvas. */
    public CanvasSettings withItems(int min, int max) {
        return new CanvasSettings(size, min, max, minItemSize, maxItemSize, maxIou, noiseStd, maxDistractors,
                boxThreshold);
    }

    /** These settings with another noise level and number of distractors (0 and 0: clean canvases). */
    public CanvasSettings withClutter(double noise, int distractors) {
        return new CanvasSettings(size, minItems, maxItems, minItemSize, maxItemSize, maxIou, noise, distractors,
                boxThreshold);
    }
}
