package org.wisekit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;

/** Test helpers: seeded random shapes and tensors, multi-index arithmetic written out the slow way. */
final class TensorTesting {

    private TensorTesting() {
    }

    /** A shape of the given rank with dimensions in 1..maxDim. */
    static int[] randomShape(Random rng, int rank, int maxDim) {
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = 1 + rng.nextInt(maxDim);
        }
        return shape;
    }

    /** Elements uniform in [-2, 2). */
    static Tensor randomTensor(Random rng, int... shape) {
        return Tensor.uniform(rng.nextLong(), -2f, 2f, shape);
    }

    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The multi-index of the flat row-major position {@code flat}. */
    static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    /** The flat row-major position of a multi-index. */
    static int ravel(int[] index, int[] shape) {
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            flat = flat * shape[d] + index[d];
        }
        return flat;
    }

    /** {@code index} with {@code value} inserted at position {@code axis}. */
    static int[] insert(int[] index, int axis, int value) {
        int[] out = new int[index.length + 1];
        System.arraycopy(index, 0, out, 0, axis);
        out[axis] = value;
        System.arraycopy(index, axis, out, axis + 1, index.length - axis);
        return out;
    }

    /** {@code shape} (or an index) without position {@code axis}. */
    static int[] removeAxis(int[] shape, int axis) {
        int[] out = new int[shape.length - 1];
        for (int d = 0, o = 0; d < shape.length; d++) {
            if (d != axis) {
                out[o++] = shape[d];
            }
        }
        return out;
    }

    /** Asserts equal shapes and |actual - expected| &lt;= absTol + relTol * |expected| per element (NaN matches NaN). */
    static void assertClose(Tensor actual, Tensor expected, double relTol, double absTol) {
        assertThat(actual.shape()).as("shape").containsExactly(expected.shape());
        float[] a = actual.data();
        float[] e = expected.data();
        for (int i = 0; i < e.length; i++) {
            boolean ok = Float.isNaN(e[i]) || Float.isInfinite(e[i])
                    ? Float.compare(a[i], e[i]) == 0
                    : Math.abs(a[i] - e[i]) <= absTol + relTol * Math.abs(e[i]);
            if (!ok) {
                fail("element %s of shape %s: expected %s, got %s (relTol %s, absTol %s)",
                        Arrays.toString(unravel(i, expected.shape())), Shapes.format(expected.shape()),
                        e[i], a[i], relTol, absTol);
            }
        }
    }
}
