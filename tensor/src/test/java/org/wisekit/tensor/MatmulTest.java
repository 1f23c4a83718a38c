package org.wisekit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wisekit.tensor.TensorTesting.assertClose;
import static org.wisekit.tensor.TensorTesting.randomTensor;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Tensor.matmul (rank 2 and batched rank 3) against a naive double-precision product; the tolerance
 * is relative 1e-5 plus absolute 1e-5 * k for inputs in [-2, 2) (GemmTest checks the kernel's bound).
 */
class MatmulTest {

    @Test
    void handComputedProduct() {
        Tensor a = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor b = Tensor.of(new float[][] {{7, 8}, {9, 10}, {11, 12}});
        assertThat(a.matmul(b)).isEqualTo(Tensor.of(new float[][] {{58, 64}, {139, 154}}));
    }

    @Test
    void matricesAndBatchesMatchTheNaiveProduct() {
        Random rng = new Random(50);
        int[][] shapes = {{1, 1, 1}, {2, 3, 4}, {17, 1, 9}, {33, 47, 29}, {8, 64, 40}};
        for (int[] s : shapes) {
            Tensor a = randomTensor(rng, s[0], s[1]);
            Tensor b = randomTensor(rng, s[1], s[2]);
            assertClose(a.matmul(b), naive(a.reshape(1, s[0], s[1]), b.reshape(1, s[1], s[2])).reshape(s[0], s[2]),
                    1e-5, 1e-5 * s[1]);
            for (int batch : new int[] {1, 3}) {
                Tensor ab = randomTensor(rng, batch, s[0], s[1]);
                Tensor bb = randomTensor(rng, batch, s[1], s[2]);
                assertClose(ab.matmul(bb), naive(ab, bb), 1e-5, 1e-5 * s[1]);
            }
        }
        assertThat(Tensor.zeros(0, 3).matmul(Tensor.zeros(3, 2)).shape()).containsExactly(0, 2);
        assertThat(Tensor.full(1, 2, 0).matmul(Tensor.zeros(0, 2))).isEqualTo(Tensor.zeros(2, 2));
    }

    @Test
    void incompatibleShapesAreRejected() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: shapes [2, 3] and [4, 5] do not chain: inner dimensions 3 and 4 differ");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(1, 3, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("matmul:")
                .hasMessageContaining("[2, 3]").hasMessageContaining("[1, 3, 2]");
        assertThatThrownBy(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch sizes 2 and 3");
        assertThatThrownBy(() -> Tensor.zeros(3).matmul(Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]");
    }

    /** [b, m, k] x [b, k, n] by the definition, in double. */
    private static Tensor naive(Tensor a, Tensor b) {
        int batch = a.dim(0);
        int m = a.dim(1);
        int k = a.dim(2);
        int n = b.dim(2);
        Tensor c = Tensor.zeros(batch, m, n);
        for (int t = 0; t < batch; t++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += (double) a.get(t, i, p) * b.get(t, p, j);
                    }
                    c.set((float) sum, t, i, j);
                }
            }
        }
        return c;
    }
}
