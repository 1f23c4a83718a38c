package org.wisekit.lutmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.lutmm.baseline.ApproxMatmul;
import org.wisekit.lutmm.baseline.Int8Kernels;
import org.wisekit.lutmm.baseline.Int8Matmul;
import org.wisekit.lutmm.baseline.Methods;
import org.wisekit.lutmm.baseline.PcaMatmul;
import org.wisekit.lutmm.baseline.ProductQuantizer;
import org.wisekit.tensor.Tensor;

/** The baselines against exact products and slow references. */
class BaselinesTest {

    @Test
    void int8VectorKernelEqualsScalarIncludingExtremes() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + rng.nextInt(7);
            int d = 1 + rng.nextInt(140);
            int m = 1 + rng.nextInt(9);
            short[] a = new short[n * d];
            short[] bt = new short[m * d];
            for (int p = 0; p < a.length; p++) {
                a[p] = (short) (rng.nextBoolean() ? -127 : rng.nextInt(-127, 128));
            }
            for (int p = 0; p < bt.length; p++) {
                bt[p] = (short) (rng.nextBoolean() ? -127 : rng.nextInt(-127, 128));
            }
            int[] s = new int[n * m];
            int[] v = new int[n * m];
            Int8Kernels.gemm(a, n, d, bt, m, s, KernelPath.SCALAR);
            for (KernelPath p : StackedLutNetworkTest.paths()) {
                Int8Kernels.gemm(a, n, d, bt, m, v, p);
                assertThat(v).isEqualTo(s);
            }
            assertThat(s[0]).isEqualTo(dot(a, bt, d));
        }
    }

    private static int dot(short[] a, short[] b, int d) {
        int s = 0;
        for (int k = 0; k < d; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    @Test
    void exactMethodsAgreeWithTensorMatmulAndApproximationsAreClose() {
        Tensor a = MaddnessModelTest.clustered(2, 2000, 32, 8, 0.1f);
        Tensor b = Tensor.normal(3, 0f, 1f, 32, 6);
        Tensor exact = a.matmul(b);
        float[] out = new float[2000 * 6];
        Methods.exactGemm(b).multiply(a.data(), 2000, out);
        assertThat(Tensor.wrap(out, 2000, 6).allClose(exact, 1e-3f)).isTrue();
        // full-rank PCA is exact up to rounding
        new PcaMatmul(a, b, 32).multiply(a.data(), 2000, out);
        assertThat(MaddnessModelTest.nmse(exact, Tensor.wrap(out, 2000, 6))).isLessThan(1e-6);
        ApproxMatmul[] approx = {new Int8Matmul(a, b, KernelPath.defaultPath()),
                ProductQuantizer.bolt(a, b, 8, 4, 2000, 10, KernelPath.defaultPath()),
                ProductQuantizer.pq(a, b, 8, 4, 2000, 10)};
        for (ApproxMatmul m : approx) {
            m.multiply(a.data(), 2000, out);
            assertThat(MaddnessModelTest.nmse(exact, Tensor.wrap(out, 2000, 6))).as(m.name()).isLessThan(0.01);
        }
    }
}
