package org.wisekit.lutmm.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.lutmm.baseline.AbstractApproxMatmul;
import org.wisekit.tensor.Tensor;

/**
 * Exact {@code A · B} with ND4J's sgemm (OpenBLAS), the "exact (ND4J sgemm)" baseline; the copies in and
 * out of ND4J are part of the cost a Java caller pays, so they are part of every call (and of its time).
 */
public final class Nd4jMatmul extends AbstractApproxMatmul {

    private final INDArray w;

    /** @param b B [D, M], copied into ND4J once */
    public Nd4jMatmul(Tensor b) {
        super("exact (ND4J sgemm)", b.dim(0), b.dim(1));
        this.w = Nd4j.create(b.data().clone(), new long[]{b.dim(0), b.dim(1)}, 'c');
    }

    @Override
    public void multiply(float[] a, int n, float[] out) {
        INDArray x = Nd4j.create(a, new long[]{n, inputs}, 'c');
        INDArray y = x.mmul(w);
        System.arraycopy(y.data().asFloat(), 0, out, 0, n * outputs);
    }
}
