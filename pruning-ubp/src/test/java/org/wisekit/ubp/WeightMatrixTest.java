package org.wisekit.ubp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.wisekit.datasets.io.Safetensors.Dtype;
import org.wisekit.datasets.io.Safetensors.Tensor;

class WeightMatrixTest {

    @Test
    void convolutionWeightsFlattenRowMajorToOutByInTimesKernel() {
        float[] v = new float[2 * 3 * 2 * 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        WeightMatrix m = WeightMatrix.of(Tensor.ofFloats(v, 2, 3, 2, 2));
        assertThat(m.rows()).isEqualTo(2);
        assertThat(m.cols()).isEqualTo(12);
        // W[o=1][i=2][y=1][x=0] sits at column (i kh + y) kw + x = (2*2+1)*2+0 = 10 of row 1
        assertThat(m.values()[12 + 10]).isEqualTo(((1 * 3 + 2) * 2 + 1) * 2 + 0);
        assertThat(WeightMatrix.of(Tensor.ofFloats(new float[6], 2, 3, 1)).cols()).isEqualTo(3);
        WeightMatrix bf = WeightMatrix.of(new Tensor(Dtype.BF16, new long[] {2, 1}, new byte[] {(byte) 0x80, 0x3F, 0x60, (byte) 0xC0}));
        assertThat(bf.values()).containsExactly(1f, -3.5f);
        assertThatThrownBy(() -> WeightMatrix.of(Tensor.ofFloats(new float[4], 4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a weight matrix needs a tensor of rank 2 (out, in), 3 (out, in, k) or 4 (out, in, kh, kw),"
                        + " got rank 1 [4]");
        assertThatThrownBy(() -> WeightMatrix.of(Tensor.ofFloats(new float[32], 2, 2, 2, 2, 2)))
                .hasMessageContaining("got rank 5");
        assertThatThrownBy(() -> WeightMatrix.of(Tensor.ofFloats(new float[0], 0, 3)))
                .hasMessage("a weight matrix needs every dimension >= 1, got shape [0, 3]");
        assertThatThrownBy(() -> WeightMatrix.of(new Tensor(Dtype.I32, new long[] {2, 2}, new byte[16])))
                .hasMessage("dtype I32 is not a floating-point type (F16, BF16, F32 or F64)");
    }
}
