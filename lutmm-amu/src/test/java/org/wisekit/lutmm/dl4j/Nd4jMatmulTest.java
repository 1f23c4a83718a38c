package org.wisekit.lutmm.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.wisekit.tensor.Tensor;

/** The ND4J sgemm baseline against the exact product. */
class Nd4jMatmulTest {

    @Test
    void nd4jBaselineIsExact() {
        Tensor a = Tensor.normal(2, 0f, 1f, 2000, 32);
        Tensor b = Tensor.normal(3, 0f, 1f, 32, 6);
        float[] out = new float[2000 * 6];
        Nd4jMatmul m = new Nd4jMatmul(b);
        m.multiply(a.data(), 2000, out);
        assertThat(Tensor.wrap(out, 2000, 6).allClose(a.matmul(b), 1e-3f)).isTrue();
        assertThat(m.name()).isEqualTo("exact (ND4J sgemm)");
        assertThat(m.inputs()).isEqualTo(32);
        assertThat(m.outputs()).isEqualTo(6);
    }
}
