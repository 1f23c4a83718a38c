package org.wisekit.dfmsd.data;

import java.util.Arrays;

/**
 * One detection canvas. Boxes are {@code x, y, w, h} in pixels (COCO order: left, top, width, height), box
 * {@code j} at {@code boxes[4j .. 4j+3]} with class {@code labels[j]}. The arrays are not copied.
 *
 * @param channels 1 (grey) or 3 (RGB)
 * @param size     canvas side in pixels
 * @param pixels   {@code [channels][size][size]} (CHW) in [0, 1]
 * @param boxes    {@code k x 4} boxes, {@code x, y, w, h}
 * @param labels   {@code k} class indices, {@code >= 0}
 */
public record DetectionImage(int channels, int size, float[] pixels, float[] boxes, int[] labels) {

    /** Checks the shapes; an {@link IllegalArgumentException} names the field and its value. */
    public DetectionImage {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        if (pixels == null || pixels.length != channels * size * size) {
            throw new IllegalArgumentException("pixels must hold channels*size*size = " + channels * size * size
                    + " values, got " + (pixels == null ? "null" : pixels.length));
        }
        if (labels == null || boxes == null || boxes.length != 4 * labels.length) {
            throw new IllegalArgumentException("boxes must hold 4 values per label, got "
                    + (boxes == null ? "null" : boxes.length) + " for " + (labels == null ? "null" : labels.length)
                    + " labels");
        }
        for (int j = 0; j < labels.length; j++) {
            if (labels[j] < 0) {
                throw new IllegalArgumentException("labels[" + j + "] must be >= 0, got " + labels[j]);
            }
            if (!(boxes[4 * j + 2] >= 0) || !(boxes[4 * j + 3] >= 0)) {
                throw new IllegalArgumentException("box " + j + " has a negative or NaN size: "
                        + Arrays.toString(Arrays.copyOfRange(boxes, 4 * j, 4 * j + 4)));
            }
        }
    }

    /** Number of boxes. */
    public int boxCount() {
        return labels.length;
    }
}
