package org.wisekit.dfmsd.eval;

/**
 * One detection, as a line of a COCO result file.
 *
 * @param imageId    the image
 * @param categoryId the predicted class
 * @param box        the box (COCO xywh); its area {@code width * height} decides its area range
 * @param score      confidence, finite; higher ranks first
 */
public record Detection(long imageId, int categoryId, Box box, double score) {

    /** Validates; an {@link IllegalArgumentException} names the component and its value. */
    public Detection {
        if (box == null) {
            throw new IllegalArgumentException("detection box must not be null");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("detection score must be finite, got " + score);
        }
    }
}
