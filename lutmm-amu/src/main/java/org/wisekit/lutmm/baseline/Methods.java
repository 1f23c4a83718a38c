package org.wisekit.lutmm.baseline;

import org.wisekit.lutmm.KernelPath;
import org.wisekit.lutmm.MaddnessMatmul;
import org.wisekit.tensor.Gemm;
import org.wisekit.tensor.Tensor;

/**
 * Factories for the exact baseline (the project's own GEMM) and the MADDNESS adapter. The ND4J sgemm
 * baseline is {@code org.wisekit.lutmm.dl4j.Nd4jMatmul} (it needs ND4J).
 */
public final class Methods {

    private Methods() {
    }

    /** Exact {@code A · B} with the project's own blocked GEMM ({@link Gemm}, one thread). */
    public static ApproxMatmul exactGemm(Tensor b) {
        float[] w = b.data().clone();
        int d = b.dim(0);
        int m = b.dim(1);
        return new AbstractApproxMatmul("exact (own GEMM)", d, m) {
            @Override
            public void multiply(float[] a, int n, float[] out) {
                Gemm.multiply(a, w, out, n, d, m, Gemm.defaultPath(), 1);
            }
        };
    }

    /** MADDNESS on the given kernel path, with buffers grown to the largest n seen. */
    public static ApproxMatmul maddness(String name, MaddnessMatmul mm, KernelPath path) {
        return new AbstractApproxMatmul(name, mm.inputs(), mm.outputs()) {
            private byte[] codes = new byte[0];
            private int[] sums = new int[0];

            @Override
            public void multiply(float[] a, int n, float[] out) {
                if (sums.length < n * outputs()) {
                    codes = mm.encoder().newCodes(n);
                    sums = new int[n * outputs()];
                }
                mm.multiply(a, n, codes, sums, out, path);
            }
        };
    }
}
