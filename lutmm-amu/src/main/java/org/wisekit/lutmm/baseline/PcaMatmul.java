package org.wisekit.lutmm.baseline;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.wisekit.tensor.Gemm;
import org.wisekit.tensor.Tensor;

/**
 * PCA baseline: project the centred rows on the top-k principal directions V of the training rows,
 * then multiply in the k-dimensional space: {@code Ŷ = (A V - μV)(Vᵀ B) + μB}, two GEMMs of inner sizes
 * D and k. The eigen-decomposition of the D x D covariance is Commons Math's.
 */
public final class PcaMatmul extends AbstractApproxMatmul {

    private final int components;
    private final float[] v;
    private final float[] muV;
    private final float[] vtb;
    private final float[] muB;
    private float[] projected = new float[0];

    /**
     * @param aTrain     the training rows [n, D] whose principal directions are kept
     * @param b          B [D, M]
     * @param components k, in [1, D]
     */
    public PcaMatmul(Tensor aTrain, Tensor b, int components) {
        super("PCA k=" + components, aTrain.dim(1), b.dim(1));
        int n = aTrain.dim(0);
        int d = aTrain.dim(1);
        if (components < 1 || components > d) {
            throw new IllegalArgumentException("components must be in [1, " + d + "], got " + components);
        }
        this.components = components;
        float[] x = aTrain.data();
        double[] mu = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mu[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= n;
        }
        float[] gram = aTrain.transpose().matmul(aTrain).data();
        double[][] cov = new double[d][d];
        for (int r = 0; r < d; r++) {
            for (int s = 0; s < d; s++) {
                cov[r][s] = gram[r * d + s] / (double) n - mu[r] * mu[s];
            }
        }
        for (int r = 0; r < d; r++) {          // exact symmetry for the symmetric solver
            for (int s = 0; s < r; s++) {
                cov[r][s] = cov[s][r];
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int j = 0; j < d; j++) {
            order[j] = j;
        }
        Arrays.sort(order, Comparator.comparingDouble(j -> -values[j]));
        RealMatrix vectors = eig.getV();
        this.v = new float[d * components];
        for (int j = 0; j < d; j++) {
            for (int p = 0; p < components; p++) {
                v[j * components + p] = (float) vectors.getEntry(j, order[p]);
            }
        }
        float[] muF = new float[d];
        for (int j = 0; j < d; j++) {
            muF[j] = (float) mu[j];
        }
        this.muV = new float[components];
        Gemm.multiply(muF, v, muV, 1, d, components);
        float[] vt = Tensor.wrap(v, d, components).transpose().data();
        this.vtb = new float[components * outputs];
        Gemm.multiply(vt, b.data(), vtb, components, d, outputs);
        this.muB = new float[outputs];
        Gemm.multiply(muF, b.data(), muB, 1, d, outputs);
    }

    @Override
    public void multiply(float[] a, int n, float[] out) {
        if (projected.length < n * components) {
            projected = new float[n * components];
        }
        Gemm.multiply(a, v, projected, n, inputs, components, Gemm.defaultPath(), 1);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < components; p++) {
                projected[i * components + p] -= muV[p];
            }
        }
        Gemm.multiply(projected, vtb, out, n, components, outputs, Gemm.defaultPath(), 1);
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < outputs; m++) {
                out[i * outputs + m] += muB[m];
            }
        }
    }
}
