package org.wisekit.lutmm.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.wisekit.lutmm.KernelPath;
import org.wisekit.lutmm.kernel.NearestCentroidKernels;
import org.wisekit.tensor.Tensor;

/** PQ (K = 256) and Bolt (K = 16) encode to the same codes on every encoder path. */
class ProductQuantizerTest {

    @Test
    void pqAndBoltCodesAreTheSameOnScalar256And512BitEncoders() {
        // D = 25: C = 4 gives widths 7, 6, 6, 6; C = 25 width 1; C = 3 widths 9, 8, 8.
        // n = 131 is one 128-row block plus 3 rows (a short 4-row block in the kernels).
        int d = 25;
        Tensor train = Tensor.normal(31, 0f, 1f, 600, d);
        Tensor b = Tensor.normal(32, 0f, 1f, d, 5);
        for (int codebooks : new int[]{4, 25, 3}) {
            ProductQuantizer[] methods = {
                    ProductQuantizer.bolt(train, b, codebooks, 33, 600, 3, KernelPath.defaultPath()),
                    ProductQuantizer.pq(train, b, codebooks, 34, 600, 3)};
            for (ProductQuantizer method : methods) {
                int n = method.name().startsWith("PQ") ? 37 : 131;
                float[] a = Tensor.normal(35 + codebooks, 0f, 1.2f, n, d).data();
                byte[] scalar = new byte[codebooks * n];
                method.encodeWith(0, a, n, scalar);
                for (int bits : new int[]{256, 512}) {
                    byte[] vector = new byte[codebooks * n];
                    method.encodeWith(bits, a, n, vector);
                    assertThat(vector).as("%s, %d-bit", method.name(), bits).isEqualTo(scalar);
                }
                byte[] chosen = new byte[codebooks * n];
                method.encode(a, n, chosen);
                assertThat(chosen).as("%s, encode()", method.name()).isEqualTo(scalar);
                // codes use the whole range rather than collapsing onto one centroid
                assertThat(distinct(scalar)).as(method.name()).isGreaterThan(method.name().startsWith("PQ") ? 20 : 8);
            }
        }
    }

    @Test
    void encodeUsesThePreferredKernel() {
        Tensor train = Tensor.normal(41, 0f, 1f, 300, 8);
        ProductQuantizer bolt = ProductQuantizer.bolt(train, Tensor.normal(42, 0f, 1f, 8, 2), 2, 43, 300, 2,
                KernelPath.SCALAR);
        assertThat(bolt.encoderBits()).isEqualTo(NearestCentroidKernels.preferredBits());
    }

    @Test
    void encodeRejectsBadSizes() {
        Tensor train = Tensor.normal(51, 0f, 1f, 300, 8);
        ProductQuantizer bolt = ProductQuantizer.bolt(train, Tensor.normal(52, 0f, 1f, 8, 2), 2, 53, 300, 2,
                KernelPath.SCALAR);
        assertThatThrownBy(() -> bolt.encode(new float[8], -1, new byte[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n must be >= 0, got -1");
        assertThatThrownBy(() -> bolt.encode(new float[15], 2, new byte[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a must hold").hasMessageContaining("16")
                .hasMessageContaining("got 15");
        assertThatThrownBy(() -> bolt.encode(new float[16], 2, new byte[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out must hold")
                .hasMessageContaining("got 3");
        bolt.encode(new float[0], 0, new byte[0]);
    }

    private static int distinct(byte[] codes) {
        boolean[] seen = new boolean[256];
        int count = 0;
        for (byte c : codes) {
            if (!seen[c & 0xFF]) {
                seen[c & 0xFF] = true;
                count++;
            }
        }
        return count;
    }
}
