package org.wisekit.datasets;

import java.util.Arrays;
import java.util.List;
import org.wisekit.tensor.Tensor;

/**
 * Images with one class label each. The first axis of {@code images} indexes the examples:
 * {@code [n, height, width]} for grey images, {@code [n, height, width, channels]} (NHWC) for colour.
 * Pixel values are floats in [0, 1]. The arrays are shared, not copied.
 *
 * @param images     the pixels, example-major
 * @param labels     {@code labels[i]} is the class index of example {@code i}, in {@code [0, classNames.size())}
 * @param classNames the class names, in class-index order
 */
public record LabeledImages(Tensor images, int[] labels, List<String> classNames) {

    public LabeledImages {
        if (images == null || labels == null || classNames == null || classNames.isEmpty()) {
            throw new IllegalArgumentException("images, labels and at least one class name are required");
        }
        if (images.rank() < 2 || images.dim(0) != labels.length) {
            throw new IllegalArgumentException("images of shape " + Arrays.toString(images.shape())
                    + " do not match " + labels.length + " labels");
        }
        classNames = List.copyOf(classNames);
        Labels.checkRange(labels, classNames.size());
    }

    /** Number of examples. */
    public int size() {
        return labels.length;
    }
}
