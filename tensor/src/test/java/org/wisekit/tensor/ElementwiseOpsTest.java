package org.wisekit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wisekit.tensor.TensorTesting.randomShape;
import static org.wisekit.tensor.TensorTesting.randomTensor;

import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Element-wise and row-vector operations against element-by-element references. */
class ElementwiseOpsTest {

    private static final int[][] EDGE_SHAPES = {{}, {1}, {0}, {1, 1}, {3, 0, 2}, {1, 1, 1, 1}};

    @Test
    void binaryOpsMatchTheElementwiseDefinitionOnEveryRank() {
        Random rng = new Random(1);
        for (int trial = 0; trial < 40; trial++) {
            int[] shape = trial < EDGE_SHAPES.length ? EDGE_SHAPES[trial] : randomShape(rng, trial % 5, 7);
            Tensor x = randomTensor(rng, shape);
            Tensor y = randomTensor(rng, shape);
            Tensor xBefore = x.copy();
            checkBinary(x.add(y), x, y, (p, q) -> p + q);
            checkBinary(x.sub(y), x, y, (p, q) -> p - q);
            checkBinary(x.mul(y), x, y, (p, q) -> p * q);
            checkBinary(x.div(y), x, y, (p, q) -> p / q);
            assertThat(x).as("inputs are not modified").isEqualTo(xBefore);
        }
    }

    @Test
    void scalarAndUnaryOpsMatchTheirScalarFunctions() {
        Random rng = new Random(2);
        for (int trial = 0; trial < 30; trial++) {
            int[] shape = trial < EDGE_SHAPES.length ? EDGE_SHAPES[trial] : randomShape(rng, trial % 5, 6);
            Tensor x = randomTensor(rng, shape);
            checkUnary(x.add(1.5f), x, v -> v + 1.5f);
            checkUnary(x.mul(-3f), x, v -> v * -3f);
            checkUnary(x.neg(), x, v -> -v);
            checkUnary(x.exp(), x, v -> (float) Math.exp(v));
            checkUnary(x.log(), x, v -> (float) Math.log(v));
            checkUnary(x.sqrt(), x, v -> (float) Math.sqrt(v));
            checkUnary(x.abs(), x, v -> v < 0 ? -v : v);
            checkUnary(x.relu(), x, v -> v > 0 ? v : 0f);
            checkUnary(x.map(v -> v * v - 1), x, v -> v * v - 1);
        }
    }

    @Test
    void unaryOpsFollowIeeeAtTheEdges() {
        Tensor x = Tensor.copyOf(new float[] {Float.NaN, -0f, 0f, -1f, Float.POSITIVE_INFINITY}, 5);
        assertThat(x.relu().data()).containsExactly(Float.NaN, 0f, 0f, 0f, Float.POSITIVE_INFINITY);
        assertThat(x.log().data()).containsExactly(Float.NaN, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.NaN, Float.POSITIVE_INFINITY);
        assertThat(x.sqrt().data()).containsExactly(Float.NaN, -0f, 0f, Float.NaN, Float.POSITIVE_INFINITY);
        assertThat(x.exp().data()).containsExactly(Float.NaN, 1f, 1f, (float) Math.exp(-1), Float.POSITIVE_INFINITY);
        assertThat(Tensor.copyOf(new float[] {1, -1, 0}, 3).div(Tensor.zeros(3)).data())
                .containsExactly(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN);
    }

    @Test
    void rowVectorOpsBroadcastOverEveryLeadingAxis() {
        Random rng = new Random(3);
        for (int trial = 0; trial < 30; trial++) {
            int[] shape = randomShape(rng, 1 + trial % 4, 6);
            Tensor x = randomTensor(rng, shape);
            Tensor v = randomTensor(rng, shape[shape.length - 1]);
            Tensor sum = x.addRowVector(v);
            Tensor product = x.mulRowVector(v);
            for (int i = 0; i < x.size(); i++) {
                int[] index = TensorTesting.unravel(i, shape);
                float vj = v.get(index[index.length - 1]);
                assertThat(sum.get(index)).isEqualTo(x.get(index) + vj);
                assertThat(product.get(index)).isEqualTo(x.get(index) * vj);
            }
        }
        assertThat(Tensor.zeros(0, 3).addRowVector(Tensor.zeros(3)).shape()).containsExactly(0, 3);
    }

    @Test
    void shapeMismatchNamesTheOperationAndBothShapes() {
        Tensor x = Tensor.zeros(2, 3);
        Tensor y = Tensor.zeros(3, 2);
        for (String op : new String[] {"add", "sub", "mul", "div"}) {
            assertThatThrownBy(() -> {
                switch (op) {
                    case "add" -> x.add(y);
                    case "sub" -> x.sub(y);
                    case "mul" -> x.mul(y);
                    default -> x.div(y);
                }
            }).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(op + ":").hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
        }
        assertThatThrownBy(() -> x.add(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("add: other must not be null");
        assertThatThrownBy(() -> x.addRowVector(Tensor.zeros(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("addRowVector:").hasMessageContaining("[2, 3]").hasMessageContaining("[2]");
        assertThatThrownBy(() -> x.mulRowVector(Tensor.zeros(1, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mulRowVector:").hasMessageContaining("[1, 3]");
        assertThatThrownBy(() -> Tensor.scalar(1).addRowVector(Tensor.zeros(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[]");
        assertThatThrownBy(() -> x.map(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("map:");
    }

    private static void checkBinary(Tensor actual, Tensor x, Tensor y, BinaryOperator<Float> op) {
        assertThat(actual.shape()).containsExactly(x.shape());
        for (int i = 0; i < x.size(); i++) {
            assertThat(actual.data()[i]).isEqualTo(op.apply(x.data()[i], y.data()[i]));
        }
    }

    private static void checkUnary(Tensor actual, Tensor x, UnaryOperator<Float> op) {
        assertThat(actual.shape()).containsExactly(x.shape());
        for (int i = 0; i < x.size(); i++) {
            assertThat(actual.data()[i]).isEqualTo(op.apply(x.data()[i]));
        }
    }
}
