package org.wisekit.dfmsd.eval;

/**
 * One ground-truth object of an image, as a COCO annotation.
 *
 * @param imageId    the image
 * @param categoryId the class
 * @param box        the box (COCO xywh)
 * @param area       the annotation's {@code area}, which decides its area range (COCO stores the segment area;
 *                   for boxes only it is the box area); finite, {@code >= 0}
 * @param crowd      {@code iscrowd}: a crowd region is never a target; detections on it are ignored, and its IoU
 *                   is intersection over the detection's area
 */
public record GroundTruth(long imageId, int categoryId, Box box, double area, boolean crowd) {

    /** Validates; an {@link IllegalArgumentException} names the component and its value. */
    public GroundTruth {
        if (box == null) {
            throw new IllegalArgumentException("ground truth box must not be null");
        }
        if (!(area >= 0) || area == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("ground truth area must be finite and >= 0, got " + area);
        }
    }

    /** A non-crowd object whose area is its box's area. */
    public GroundTruth(long imageId, int categoryId, Box box) {
        this(imageId, categoryId, box, box == null ? 0 : box.area(), false);
    }
}
