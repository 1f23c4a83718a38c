package org.wisekit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.wisekit.tensor.TensorTesting.assertClose;
import static org.wisekit.tensor.TensorTesting.insert;
import static org.wisekit.tensor.TensorTesting.randomShape;
import static org.wisekit.tensor.TensorTesting.ravel;
import static org.wisekit.tensor.TensorTesting.randomTensor;
import static org.wisekit.tensor.TensorTesting.removeAxis;
import static org.wisekit.tensor.TensorTesting.size;
import static org.wisekit.tensor.TensorTesting.unravel;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * softmax, logSoftmax and logSumExp against the textbook formulas evaluated in double (exact enough
 * for inputs in [-8, 8)), then the cases that need the max shift: large values, -inf masks, +inf, NaN.
 * Tolerances: relative 1e-6 plus absolute 1e-7 (float rounding of a double result).
 */
class SoftmaxTest {

    private static final double REL_TOL = 1e-6;
    private static final double ABS_TOL = 1e-7;

    @Test
    void matchTheTextbookFormulasOnEveryAxis() {
        Random rng = new Random(20);
        for (int trial = 0; trial < 40; trial++) {
            int rank = 1 + trial % 4;
            Tensor x = randomTensor(rng, randomShape(rng, rank, 6)).mul(4f);
            for (int axis = -rank; axis < rank; axis++) {
                int a = axis < 0 ? axis + rank : axis;
                int[] reducedShape = removeAxis(x.shape(), a);
                double[] lse = referenceLogSumExp(x, a);
                Tensor expectedLse = Tensor.zeros(reducedShape);
                for (int o = 0; o < lse.length; o++) {
                    expectedLse.data()[o] = (float) lse[o];
                }
                assertClose(x.logSumExp(axis), expectedLse, REL_TOL, ABS_TOL);
                Tensor expectedLog = Tensor.zeros(x.shape());
                Tensor expectedSoftmax = Tensor.zeros(x.shape());
                for (int i = 0; i < x.size(); i++) {
                    int[] index = unravel(i, x.shape());
                    double l = x.data()[i] - lse[ravel(removeAxis(index, a), reducedShape)];
                    expectedLog.data()[i] = (float) l;
                    expectedSoftmax.data()[i] = (float) Math.exp(l);
                }
                assertClose(x.logSoftmax(axis), expectedLog, REL_TOL, ABS_TOL);
                assertClose(x.softmax(axis), expectedSoftmax, REL_TOL, ABS_TOL);
            }
        }
    }

    @Test
    void softmaxLinesSumToOne() {
        Tensor p = Tensor.normal(21, 0, 10, 5, 7, 3).softmax(1);
        Tensor sums = p.sum(1);
        for (float s : sums.data()) {
            assertThat(s).isCloseTo(1f, offset(1e-6f));
        }
    }

    @Test
    void largeValuesDoNotOverflow() {
        Tensor x = Tensor.of(new float[][] {{1e4f, 1e4f + 1}, {-1e4f, -1e4f - 1}});
        double e = Math.E;
        assertThat(x.softmax(-1).data()).containsExactly(
                new float[] {(float) (1 / (1 + e)), (float) (e / (1 + e)), (float) (e / (1 + e)), (float) (1 / (1 + e))},
                offset(1e-6f));
        assertThat(x.logSumExp(1).data()).containsExactly(
                new float[] {(float) (1e4 + 1 + Math.log1p(1 / e)), (float) (-1e4 + Math.log1p(1 / e))}, offset(1e-3f));
        assertThat(x.logSoftmax(1).get(0, 0)).isCloseTo((float) -Math.log1p(e), offset(1e-3f));
        assertThat(Tensor.copyOf(new float[] {0, -1e4f}, 2).logSoftmax(0).data())
                .containsExactly(new float[] {0f, -1e4f}, offset(1e-3f));
    }

    @Test
    void negativeInfinityMasksAnEntry() {
        float ninf = Float.NEGATIVE_INFINITY;
        Tensor x = Tensor.copyOf(new float[] {0, ninf, (float) Math.log(3)}, 3);
        assertThat(x.softmax(0).data()).containsExactly(new float[] {0.25f, 0f, 0.75f}, offset(1e-7f));
        assertThat(x.logSoftmax(0).get(1)).isEqualTo(ninf);
        assertThat(x.logSumExp(0).item()).isCloseTo((float) Math.log(4), offset(1e-6f));

        Tensor allMasked = Tensor.copyOf(new float[] {ninf, ninf}, 2);
        assertThat(allMasked.logSumExp(0).item()).isEqualTo(ninf);
        assertThat(allMasked.softmax(0).data()).containsOnly(Float.NaN);
    }

    @Test
    void infinityNaNAndEmptyAxes() {
        Tensor withInf = Tensor.copyOf(new float[] {Float.POSITIVE_INFINITY, 1}, 2);
        assertThat(withInf.logSumExp(0).item()).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(withInf.softmax(0).data()).containsExactly(Float.NaN, 0f);
        Tensor withNaN = Tensor.copyOf(new float[] {Float.NaN, 1}, 2);
        assertThat(withNaN.logSumExp(0).item()).isNaN();
        assertThat(withNaN.softmax(0).data()).containsOnly(Float.NaN);

        Tensor empty = Tensor.zeros(3, 0);
        assertThat(empty.logSumExp(1).data()).containsOnly(Float.NEGATIVE_INFINITY).hasSize(3);
        assertThat(empty.softmax(1).shape()).containsExactly(3, 0);
        assertThatThrownBy(() -> Tensor.scalar(1).softmax(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("softmax: axis -1");
    }

    /** log(sum exp) along {@code axis}, in double, row-major over the shape without the axis. */
    private static double[] referenceLogSumExp(Tensor x, int axis) {
        int[] outShape = removeAxis(x.shape(), axis);
        double[] out = new double[size(outShape)];
        for (int o = 0; o < size(outShape); o++) {
            int[] index = unravel(o, outShape);
            double sum = 0;
            for (int j = 0; j < x.dim(axis); j++) {
                sum += Math.exp(x.get(insert(index, axis, j)));
            }
            out[o] = Math.log(sum);
        }
        return out;
    }
}
