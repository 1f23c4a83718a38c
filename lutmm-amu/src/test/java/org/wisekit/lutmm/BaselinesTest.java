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
    void pcaRankOneMatrixVectorPathIsExactOnRankOneData() {
        // rows = centre + t_i * direction: one principal direction explains everything, so PCA k = 1 (the
        // matrix-vector path) must give the exact product; D = 37 exercises the tail after blocks of 8
        int n = 500;
        int d = 37;
        float[] centre = Tensor.normal(5, 0f, 1f, 1, d).data();
        float[] direction = Tensor.normal(6, 0f, 1f, 1, d).data();
        float[] t = Tensor.normal(7, 0f, 2f, 1, n).data();
        float[] rows = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                rows[i * d + j] = centre[j] + t[i] * direction[j];
            }
        }
        Tensor a = Tensor.wrap(rows, n, d);
        Tensor b = Tensor.normal(8, 0f, 1f, d, 5);
        float[] out = new float[n * 5];
        new PcaMatmul(a, b, 1).multiply(rows, n, out);
        assertThat(ApproximationError.nmse(a.matmul(b), Tensor.wrap(out, n, 5))).isLessThan(1e-6);
        // and it is not a trivially exact method: on full-rank data one direction loses information
        Tensor full = Tensor.normal(9, 0f, 1f, n, d);
        new PcaMatmul(full, b, 1).multiply(full.data(), n, out);
        assertThat(ApproximationError.nmse(full.matmul(b), Tensor.wrap(out, n, 5))).isGreaterThan(0.5);
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
        assertThat(ApproximationError.nmse(exact, Tensor.wrap(out, 2000, 6))).isLessThan(1e-6);
        ApproxMatmul[] approx = {new Int8Matmul(a, b, KernelPath.defaultPath()),
                ProductQuantizer.bolt(a, b, 8, 4, 2000, 10, KernelPath.defaultPath()),
                ProductQuantizer.pq(a, b, 8, 4, 2000, 10)};
        for (ApproxMatmul m : approx) {
            m.multiply(a.data(), 2000, out);
            assertThat(ApproximationError.nmse(exact, Tensor.wrap(out, 2000, 6))).as(m.name()).isLessThan(0.01);
        }
    }
}
