package org.wisekit.datasets;

import java.util.Arrays;
import org.wisekit.tensor.Tensor;

/**
 * The contents of an unsigned-byte IDX file: a shape and its row-major elements. The arrays are shared,
 * not copied.
 *
 * @param shape the dimensions from the IDX header, e.g. {@code [60000, 28, 28]} for MNIST training images
 * @param data  the elements as stored; read them unsigned with {@link #unsigned(int)}
 */
public record IdxArray(int[] shape, byte[] data) {

    public IdxArray {
        if (shape == null || data == null || shape.length == 0) {
            throw new IllegalArgumentException("a shape of rank >= 1 and data are required");
        }
        long size = 1;
        for (int dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            size *= dim;
        }
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " elements, data has " + data.length);
        }
    }

    /** Element {@code i} (row-major) as an unsigned value 0..255. */
    public int unsigned(int i) {
        return data[i] & 0xff;
    }

    /** The elements as unsigned ints, e.g. class labels. */
    public int[] toIntArray() {
        int[] values = new int[data.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = data[i] & 0xff;
        }
        return values;
    }

    /** The elements divided by 255, so pixel values lie in [0, 1]; same shape. */
    public Tensor toUnitTensor() {
        float[] values = new float[data.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (data[i] & 0xff) / 255f;
        }
        return Tensor.wrap(values, shape);
    }
}
