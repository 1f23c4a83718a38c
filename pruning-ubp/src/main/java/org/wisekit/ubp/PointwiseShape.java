package org.wisekit.ubp;

import java.util.List;

/**
 * A 1 x 1 convolution as a sparse product: Y (Co x P) = W (Co x Ci) X (Ci x P), P = side * side pixels.
 *
 * @param name    the MobileNetV1 layer ("pw1")
 * @param side    feature map side
 * @param outputs Co
 * @param inputs  Ci
 */
public record PointwiseShape(String name, int side, int outputs, int inputs) {

    /**
     * The nine distinct pointwise shapes of MobileNetV1 at 224 x 224 (the authors' {@code bench/f32-spmm-mbv1}):
     * pw1 to pw6, pw7 (= pw8 to pw11), pw12, pw13.
     */
    public static final List<PointwiseShape> MOBILENET_V1 = List.of(
            new PointwiseShape("pw1", 112, 64, 32),
            new PointwiseShape("pw2", 56, 128, 64),
            new PointwiseShape("pw3", 56, 128, 128),
            new PointwiseShape("pw4", 28, 256, 128),
            new PointwiseShape("pw5", 28, 256, 256),
            new PointwiseShape("pw6", 14, 512, 256),
            new PointwiseShape("pw7", 14, 512, 512),
            new PointwiseShape("pw12", 7, 1024, 512),
            new PointwiseShape("pw13", 7, 1024, 1024));

    public PointwiseShape {
        if (name == null || name.isBlank() || side < 1 || outputs < 1 || inputs < 1) {
            throw new IllegalArgumentException("shape needs a name and positive sizes, got '" + name + "', " + side
                    + ", " + outputs + ", " + inputs);
        }
    }

    /** P, the pixels. */
    public int pixels() {
        return side * side;
    }

    /** E.g. "pw5 28² 256x256". */
    public String label() {
        return name + " " + side + "² " + outputs + "x" + inputs;
    }
}
