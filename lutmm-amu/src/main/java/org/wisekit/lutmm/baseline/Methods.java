package org.wisekit.lutmm.baseline;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.lutmm.KernelPath;
import org.wisekit.lutmm.MaddnessMatmul;
import org.wisekit.tensor.Gemm;
import org.wisekit.tensor.Tensor;

/** Factories for the exact baselines and the MADDNESS adapter. */
public final class Methods {

    private Methods() {
    }

    /** Exact {@code A · B} with the project's own blocked GEMM ({@link Gemm}, one thread). */
    public static ApproxMatmul exactGemm(Tensor b) {
        float[] w = b.data().clone();
        int d = b.dim(0);
        int m = b.dim(1);
        return new Fixed("exact (own GEMM)", d, m) {
            @Override
            public void multiply(float[] a, int n, float[] out) {
                Gemm.multiply(a, w, out, n, d, m, Gemm.defaultPath(), 1);
            }
        };
    }

    /**
     * Exact {@code A · B} with ND4J's sgemm (OpenBLAS); the copies in and out of ND4J are part of the
     * cost a Java caller pays, so they are timed too.
     */
    public static ApproxMatmul exactNd4j(Tensor b) {
        INDArray w = Nd4j.create(b.data().clone(), new long[]{b.dim(0), b.dim(1)}, 'c');
        int d = b.dim(0);
        int m = b.dim(1);
        return new Fixed("exact (ND4J sgemm)", d, m) {
            @Override
            public void multiply(float[] a, int n, float[] out) {
                INDArray x = Nd4j.create(a, new long[]{n, d}, 'c');
                INDArray y = x.mmul(w);
                System.arraycopy(y.data().asFloat(), 0, out, 0, n * m);
            }
        };
    }

    /** MADDNESS on the given kernel path, with buffers grown to the largest n seen. */
    public static ApproxMatmul maddness(String name, MaddnessMatmul mm, KernelPath path) {
        return new Fixed(name, mm.inputs(), mm.outputs()) {
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

    private abstract static class Fixed implements ApproxMatmul {
        private final String name;
        private final int inputs;
        private final int outputs;

        Fixed(String name, int inputs, int outputs) {
            this.name = name;
            this.inputs = inputs;
            this.outputs = outputs;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int inputs() {
            return inputs;
        }

        @Override
        public int outputs() {
            return outputs;
        }
    }
}
