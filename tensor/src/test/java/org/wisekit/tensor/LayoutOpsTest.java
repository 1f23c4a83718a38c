package org.wisekit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wisekit.tensor.TensorTesting.randomShape;
import static org.wisekit.tensor.TensorTesting.randomTensor;
import static org.wisekit.tensor.TensorTesting.unravel;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** transpose, permute, slice, row and concat against index-by-index references; all are exact copies. */
class LayoutOpsTest {

    @Test
    void transposeSwapsIndices() {
        Random rng = new Random(30);
        int[][] shapes = {{1, 1}, {1, 9}, {9, 1}, {33, 65}, {100, 7}, {64, 32}, {0, 4}};
        for (int[] shape : shapes) {
            Tensor x = randomTensor(rng, shape);
            Tensor t = x.transpose();
            assertThat(t.shape()).containsExactly(shape[1], shape[0]);
            for (int i = 0; i < shape[0]; i++) {
                for (int j = 0; j < shape[1]; j++) {
                    assertThat(t.get(j, i)).isEqualTo(x.get(i, j));
                }
            }
            assertThat(t.data()).isNotSameAs(x.data());
        }
        assertThatThrownBy(() -> Tensor.zeros(2, 3, 4).transpose()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("transpose:").hasMessageContaining("[2, 3, 4]");
    }

    @Test
    void permuteMovesEveryAxisAsDeclared() {
        Random rng = new Random(31);
        for (int rank = 0; rank <= 4; rank++) {
            for (int[] axes : permutations(rank)) {
                Tensor x = randomTensor(rng, randomShape(rng, rank, 5));
                Tensor p = x.permute(axes);
                int[] expectedShape = new int[rank];
                for (int d = 0; d < rank; d++) {
                    expectedShape[d] = x.dim(axes[d]);
                }
                assertThat(p.shape()).containsExactly(expectedShape);
                for (int i = 0; i < p.size(); i++) {
                    int[] outIndex = unravel(i, expectedShape);
                    int[] inIndex = new int[rank];
                    for (int d = 0; d < rank; d++) {
                        inIndex[axes[d]] = outIndex[d];
                    }
                    assertThat(p.data()[i]).isEqualTo(x.get(inIndex));
                }
            }
        }
        Tensor x = randomTensor(rng, 2, 3, 4);
        assertThat(x.permute(-1, 0, -2)).isEqualTo(x.permute(2, 0, 1));
        assertThat(x.permute(0, 1, 2)).isEqualTo(x);
        assertThat(Tensor.zeros(2, 0, 3).permute(2, 1, 0).shape()).containsExactly(3, 0, 2);
        Tensor m = randomTensor(rng, 5, 6);
        assertThat(m.permute(1, 0)).isEqualTo(m.transpose());
    }

    @Test
    void permuteRejectsWhatIsNotAPermutation() {
        Tensor x = Tensor.zeros(2, 3, 4);
        for (int[] bad : new int[][] {{0, 0, 1}, {0, 1}, {0, 1, 3}, {0, 1, -4}, {0, 1, 2, 3}}) {
            assertThatThrownBy(() -> x.permute(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("permute: axes").hasMessageContaining("[2, 3, 4]");
        }
        assertThatThrownBy(() -> x.permute((int[]) null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sliceAndRowCopyAlongTheFirstAxis() {
        Random rng = new Random(32);
        Tensor x = randomTensor(rng, 5, 3, 2);
        Tensor s = x.slice(1, 4);
        assertThat(s.shape()).containsExactly(3, 3, 2);
        for (int i = 0; i < s.size(); i++) {
            int[] index = unravel(i, s.shape());
            int[] source = index.clone();
            source[0] += 1;
            assertThat(s.data()[i]).isEqualTo(x.get(source));
        }
        s.data()[0] = 99;
        assertThat(x.get(1, 0, 0)).as("slice copies").isNotEqualTo(99f);
        assertThat(x.slice(2, 2).shape()).containsExactly(0, 3, 2);
        assertThat(x.slice(0, 5)).isEqualTo(x);

        Tensor r = x.row(4);
        assertThat(r.shape()).containsExactly(3, 2);
        assertThat(r).isEqualTo(x.slice(4, 5).reshape(3, 2));
        assertThat(Tensor.copyOf(new float[] {7, 8}, 2).row(1)).isEqualTo(Tensor.scalar(8));

        assertThatThrownBy(() -> x.slice(3, 6)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("slice: [3, 6) is not a range within axis 0 of shape [5, 3, 2]");
        assertThatThrownBy(() -> x.slice(-1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> x.slice(3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> x.row(5)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("row: index 5 is outside axis 0 of shape [5, 3, 2]");
        assertThatThrownBy(() -> Tensor.scalar(1).row(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tensor.scalar(1).slice(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concatJoinsAlongTheFirstAxis() {
        Random rng = new Random(33);
        Tensor a = randomTensor(rng, 2, 3);
        Tensor b = randomTensor(rng, 1, 3);
        Tensor empty = Tensor.zeros(0, 3);
        Tensor c = Tensor.concat(a, empty, b);
        assertThat(c.shape()).containsExactly(3, 3);
        assertThat(c.slice(0, 2)).isEqualTo(a);
        assertThat(c.row(2)).isEqualTo(b.row(0));
        assertThat(Tensor.concat(a)).isEqualTo(a).isNotSameAs(a);
        assertThatThrownBy(() -> Tensor.concat(a, Tensor.zeros(2, 4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("concat:").hasMessageContaining("[2, 3]").hasMessageContaining("[2, 4]");
        assertThatThrownBy(() -> Tensor.concat(a, Tensor.zeros(2, 3, 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(Tensor::concat).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tensor.concat(Tensor.scalar(1))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Every permutation of 0..n-1. */
    private static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] current, boolean[] used, int depth, List<int[]> out) {
        if (depth == current.length) {
            out.add(current.clone());
            return;
        }
        for (int v = 0; v < current.length; v++) {
            if (!used[v]) {
                used[v] = true;
                current[depth] = v;
                permute(current, used, depth + 1, out);
                used[v] = false;
            }
        }
    }
}
