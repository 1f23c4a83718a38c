package org.wisekit.dfmsd.eval;

/**
 * An axis-aligned box in COCO order: left {@code x}, top {@code y}, {@code width}, {@code height} (pixels or any
 * unit). Coordinates are finite; width and height are {@code >= 0}.
 *
 * @param x      left edge
 * @param y      top edge
 * @param width  width, {@code >= 0}
 * @param height height, {@code >= 0}
 */
public record Box(double x, double y, double width, double height) {

    /** Validates; an {@link IllegalArgumentException} names the component and its value. */
    public Box {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("box x must be finite, got " + x);
        }
        if (!Double.isFinite(y)) {
            throw new IllegalArgumentException("box y must be finite, got " + y);
        }
        if (!(width >= 0) || width == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("box width must be finite and >= 0, got " + width);
        }
        if (!(height >= 0) || height == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("box height must be finite and >= 0, got " + height);
        }
    }

    /** The box from its corners {@code (x1, y1)} (top left) and {@code (x2, y2)} (bottom right). */
    public static Box fromCorners(double x1, double y1, double x2, double y2) {
        return new Box(x1, y1, x2 - x1, y2 - y1);
    }

    /** {@code width * height}: the area pycocotools gives a detection ({@code bbox[2] * bbox[3]}). */
    public double area() {
        return width * height;
    }

    /**
     * The area of the intersection with {@code other}, computed as pycocotools' {@code bbIou} does: 0 when the
     * overlap's width or height is {@code <= 0}.
     */
    public double intersection(Box other) {
        double w = Math.min(x + width, other.x + other.width) - Math.max(x, other.x);
        if (w <= 0) {
            return 0;
        }
        double h = Math.min(y + height, other.y + other.height) - Math.max(y, other.y);
        if (h <= 0) {
            return 0;
        }
        return w * h;
    }

    /**
     * COCO's box IoU: intersection over union, continuous coordinates (no {@code +1} pixel convention); 0 for
     * boxes that do not overlap, including empty boxes. Symmetric.
     */
    public double iou(Box other) {
        double i = intersection(other);
        if (i == 0) {
            return 0;
        }
        return i / (area() + other.area() - i);
    }
}
