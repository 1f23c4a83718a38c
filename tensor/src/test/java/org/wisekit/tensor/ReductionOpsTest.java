package org.wisekit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wisekit.tensor.TensorTesting.assertClose;
import static org.wisekit.tensor.TensorTesting.insert;
import static org.wisekit.tensor.TensorTesting.randomShape;
import static org.wisekit.tensor.TensorTesting.randomTensor;
import static org.wisekit.tensor.TensorTesting.removeAxis;
import static org.wisekit.tensor.TensorTesting.size;
import static org.wisekit.tensor.TensorTesting.unravel;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reductions along every axis (positive and negative) of rank 1-4 tensors against references that walk
 * multi-indices. Sums are compared with a double-precision reference to a relative 1e-6 (one float
 * rounding of a double-accumulated sum); maxima and argmax exactly.
 */
class ReductionOpsTest {

    private static final double SUM_REL_TOL = 1e-6;
    private static final double SUM_ABS_TOL = 1e-6;

    @Test
    void axisReductionsMatchTheReferenceOnEveryAxis() {
        Random rng = new Random(10);
        for (int trial = 0; trial < 40; trial++) {
            int rank = 1 + trial % 4;
            int[] shape = randomShape(rng, rank, 7);
            Tensor x = randomTensor(rng, shape);
            for (int axis = -rank; axis < rank; axis++) {
                int a = axis < 0 ? axis + rank : axis;
                assertClose(x.sum(axis), referenceSum(x, a, false), SUM_REL_TOL, SUM_ABS_TOL);
                assertClose(x.mean(axis), referenceSum(x, a, true), SUM_REL_TOL, SUM_ABS_TOL);
                assertThat(x.max(axis)).isEqualTo(referenceMax(x, a));
                assertThat(x.argmax(axis)).containsExactly(referenceArgmax(x, a));
            }
        }
    }

    @Test
    void wholeTensorReductions() {
        Random rng = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            Tensor x = randomTensor(rng, randomShape(rng, trial % 5, 9));
            double sum = 0;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : x.data()) {
                sum += v;
                max = Math.max(max, v);
            }
            assertThat((double) x.sum()).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-6 * x.size()));
            assertThat((double) x.mean()).isCloseTo(sum / x.size(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(x.max()).isEqualTo(max);
        }
        Tensor empty = Tensor.zeros(2, 0);
        assertThat(empty.sum()).isZero();
        assertThat(empty.mean()).isNaN();
        assertThatThrownBy(empty::max).isInstanceOf(IllegalStateException.class).hasMessageContaining("[2, 0]");
    }

    @Test
    void knownValuesTiesNaNAndEmptyAxes() {
        Tensor x = Tensor.of(new float[][] {{1, 5, 5}, {7, -2, 7}});
        assertThat(x.sum(0).data()).containsExactly(8, 3, 12);
        assertThat(x.sum(-1).data()).containsExactly(11, 12);
        assertThat(x.mean(1).data()).containsExactly(11 / 3f, 4);
        assertThat(x.max(0).data()).containsExactly(7, 5, 7);
        assertThat(x.argmax(1)).as("ties go to the first index").containsExactly(1, 0);
        assertThat(x.sum(0).shape()).containsExactly(3);
        assertThat(Tensor.copyOf(new float[] {3, 4}, 2).sum(0).shape()).as("rank 1 reduces to a scalar").isEmpty();

        Tensor withNaN = Tensor.copyOf(new float[] {1, Float.NaN, 9, Float.NaN}, 4);
        assertThat(withNaN.max()).isNaN();
        assertThat(withNaN.max(0).item()).isNaN();
        assertThat(withNaN.argmax(0)).containsExactly(1);

        Tensor emptyAxis = Tensor.zeros(2, 0, 3);
        assertThat(emptyAxis.sum(1)).isEqualTo(Tensor.zeros(2, 3));
        assertThat(emptyAxis.mean(1).data()).containsOnly(Float.NaN);
        assertThat(emptyAxis.sum(0).shape()).containsExactly(0, 3);
        assertThatThrownBy(() -> emptyAxis.max(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("max:").hasMessageContaining("[2, 0, 3]");
        assertThatThrownBy(() -> emptyAxis.argmax(-2)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("argmax:");
    }

    @Test
    void axisOutOfRangeIsRejected() {
        Tensor x = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> x.sum(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sum: axis 2 is out of range for rank 2");
        assertThatThrownBy(() -> x.max(-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("max: axis -3");
        assertThatThrownBy(() -> Tensor.scalar(1).mean(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mean:");
    }

    /** Sum (or mean) along {@code axis} by walking every output multi-index and the axis in double. */
    static Tensor referenceSum(Tensor x, int axis, boolean mean) {
        int[] outShape = removeAxis(x.shape(), axis);
        Tensor out = Tensor.zeros(outShape);
        int n = x.dim(axis);
        for (int o = 0; o < size(outShape); o++) {
            int[] index = unravel(o, outShape);
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += x.get(insert(index, axis, j));
            }
            out.data()[o] = (float) (mean ? sum / n : sum);
        }
        return out;
    }

    private static Tensor referenceMax(Tensor x, int axis) {
        int[] outShape = removeAxis(x.shape(), axis);
        Tensor out = Tensor.zeros(outShape);
        for (int o = 0; o < size(outShape); o++) {
            int[] index = unravel(o, outShape);
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < x.dim(axis); j++) {
                max = Math.max(max, x.get(insert(index, axis, j)));
            }
            out.data()[o] = max;
        }
        return out;
    }

    private static int[] referenceArgmax(Tensor x, int axis) {
        int[] outShape = removeAxis(x.shape(), axis);
        int[] out = new int[size(outShape)];
        for (int o = 0; o < out.length; o++) {
            int[] index = unravel(o, outShape);
            for (int j = 1; j < x.dim(axis); j++) {
                if (x.get(insert(index, axis, j)) > x.get(insert(index, axis, out[o]))) {
                    out[o] = j;
                }
            }
        }
        return out;
    }
}
