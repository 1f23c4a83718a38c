package org.wisekit.tensor.nd4j;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.tensor.Tensor;

/**
 * Converts between wisekit {@link Tensor} (float32, row-major, on the Java heap) and ND4J
 * {@link INDArray} (off-heap). Both directions copy, so neither side ever sees the other's later
 * writes. This is the only place in the project where the two meet.
 */
public final class Nd4jBridge {

    private Nd4jBridge() {
    }

    /** A new float32 'c'-ordered INDArray with the tensor's shape and values (rank 0 and empty included). */
    public static INDArray toNd4j(Tensor tensor) {
        if (tensor == null) {
            throw new IllegalArgumentException("toNd4j: tensor must not be null");
        }
        long[] shape = Arrays.stream(tensor.shape()).asLongStream().toArray();
        if (tensor.size() == 0) {
            return Nd4j.create(DataType.FLOAT, shape);
        }
        if (tensor.rank() == 0) {
            return Nd4j.scalar(tensor.item());
        }
        return Nd4j.create(tensor.data(), shape, 'c');
    }

    /**
     * A new tensor with the array's shape and values in row-major order, whatever the array's
     * ordering ('c' or 'f'), offset or strides (views such as slices and transposes are fine).
     * Numeric types other than float32 are converted to float32 by rounding to nearest (so doubles
     * lose precision and integers beyond 2^24 may not be exact; booleans become 0 and 1); string and
     * other non-numeric arrays are rejected.
     */
    public static Tensor fromNd4j(INDArray array) {
        if (array == null) {
            throw new IllegalArgumentException("fromNd4j: array must not be null");
        }
        DataType type = array.dataType();
        if (!type.isNumerical() && type != DataType.BOOL) {
            throw new IllegalArgumentException("fromNd4j: cannot convert an array of type " + type
                    + " with shape " + Arrays.toString(array.shape()) + " to float32");
        }
        int[] shape = toIntShape(array.shape());
        if (array.isEmpty()) {
            return Tensor.zeros(shape);
        }
        INDArray floats = type == DataType.FLOAT ? array : array.castTo(DataType.FLOAT);
        // A fresh 'c'-ordered copy has offset 0 and exactly length() elements in row-major order.
        INDArray dense = floats.dup('c');
        return Tensor.wrap(dense.data().asFloat(), shape);
    }

    private static int[] toIntShape(long[] shape) {
        int[] out = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("fromNd4j: shape " + Arrays.toString(shape)
                        + " has a dimension too large for a Tensor");
            }
            out[d] = (int) shape[d];
        }
        return out;
    }
}
