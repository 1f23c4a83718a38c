package org.wisekit.tensor.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.wisekit.tensor.Tensor;

class Nd4jBridgeTest {

    @Test
    void roundTripKeepsShapeAndValuesOnRanksZeroToFour() {
        Random rng = new Random(60);
        for (int rank = 0; rank <= 4; rank++) {
            int[] shape = new int[rank];
            for (int d = 0; d < rank; d++) {
                shape[d] = 1 + rng.nextInt(5);
            }
            Tensor t = Tensor.normal(rng.nextLong(), 0, 1, shape);
            INDArray array = Nd4jBridge.toNd4j(t);
            assertThat(array.dataType()).isEqualTo(DataType.FLOAT);
            assertThat(array.rank()).isEqualTo(rank);
            assertThat(array.shape()).containsExactly(java.util.Arrays.stream(shape).asLongStream().toArray());
            if (rank == 2) {
                assertThat(array.getFloat(shape[0] - 1L, shape[1] - 1L)).isEqualTo(t.get(shape[0] - 1, shape[1] - 1));
            }
            assertThat(Nd4jBridge.fromNd4j(array)).isEqualTo(t);
        }
        Tensor empty = Tensor.zeros(3, 0);
        assertThat(Nd4jBridge.fromNd4j(Nd4jBridge.toNd4j(empty))).isEqualTo(empty);
    }

    @Test
    void bothDirectionsCopy() {
        Tensor t = Tensor.copyOf(new float[] {1, 2, 3, 4}, 2, 2);
        INDArray array = Nd4jBridge.toNd4j(t);
        t.set(9, 0, 0);
        assertThat(array.getFloat(0, 0)).isEqualTo(1f);
        Tensor back = Nd4jBridge.fromNd4j(array);
        array.putScalar(new long[] {1, 1}, 7f);
        assertThat(back.get(1, 1)).isEqualTo(4f);
    }

    @Test
    void fOrderedArraysComeBackRowMajor() {
        // Column-major storage of [[1, 2, 3], [4, 5, 6]].
        INDArray f = Nd4j.create(new float[] {1, 4, 2, 5, 3, 6}, new long[] {2, 3}, 'f');
        assertThat(f.ordering()).isEqualTo('f');
        assertThat(Nd4jBridge.fromNd4j(f)).isEqualTo(Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}}));
    }

    @Test
    void viewsComeBackAsTheirLogicalValues() {
        Tensor base = Tensor.uniform(61, -1, 1, 4, 6);
        INDArray array = Nd4jBridge.toNd4j(base);

        INDArray window = array.get(NDArrayIndex.interval(1, 3), NDArrayIndex.interval(2, 5));
        assertThat(window.isView()).isTrue();
        Tensor expected = Tensor.zeros(2, 3);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                expected.set(base.get(i + 1, j + 2), i, j);
            }
        }
        assertThat(Nd4jBridge.fromNd4j(window)).isEqualTo(expected);

        assertThat(Nd4jBridge.fromNd4j(array.transpose())).isEqualTo(base.transpose());
        Tensor cube = Tensor.uniform(62, -1, 1, 2, 3, 4);
        assertThat(Nd4jBridge.fromNd4j(Nd4jBridge.toNd4j(cube).permute(2, 0, 1))).isEqualTo(cube.permute(2, 0, 1));
        assertThat(Nd4jBridge.fromNd4j(array.getRow(2))).isEqualTo(base.row(2));
    }

    @Test
    void otherNumericTypesAreConvertedAndStringsRejected() {
        INDArray doubles = Nd4j.create(new double[] {0.1, -2.5, 1e300}, new long[] {3}, DataType.DOUBLE);
        assertThat(Nd4jBridge.fromNd4j(doubles).data()).containsExactly(0.1f, -2.5f, Float.POSITIVE_INFINITY);
        INDArray ints = Nd4j.create(new int[] {3, -7, 1 << 20, 0}, new long[] {2, 2}, DataType.INT32);
        assertThat(Nd4jBridge.fromNd4j(ints)).isEqualTo(Tensor.of(new float[][] {{3, -7}, {1 << 20, 0}}));
        INDArray bools = Nd4j.create(new boolean[] {true, false}, new long[] {2}, DataType.BOOL);
        assertThat(Nd4jBridge.fromNd4j(bools).data()).containsExactly(1f, 0f);

        INDArray text = Nd4j.scalar("not a number");
        assertThatThrownBy(() -> Nd4jBridge.fromNd4j(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UTF8");
        assertThatThrownBy(() -> Nd4jBridge.fromNd4j(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Nd4jBridge.toNd4j(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nd4jMatmulAgreesWithTensorMatmul() {
        Tensor a = Tensor.uniform(63, -1, 1, 33, 47);
        Tensor b = Tensor.uniform(64, -1, 1, 47, 29);
        INDArray product = Nd4j.gemm(Nd4jBridge.toNd4j(a), Nd4jBridge.toNd4j(b), false, false);
        Tensor viaNd4j = Nd4jBridge.fromNd4j(product);
        // Both are float32 dot products of length 47 over values in [-1, 1): within 47 * 2^-23 * 47.
        assertThat(viaNd4j.allClose(a.matmul(b), 47 * 47 * 0x1p-23f)).isTrue();
        assertThat(viaNd4j.shape()).containsExactly(33, 29);
    }
}
