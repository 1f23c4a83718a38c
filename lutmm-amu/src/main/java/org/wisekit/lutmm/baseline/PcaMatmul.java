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
        if (components == 1) {
            multiplyRankOne(a, n, out);
            return;
        }
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

    /**
     * k = 1 as what it is, a matrix-vector product and a rank-one update: per row one dot product with the
     * principal direction (eight independent accumulators, so that the JIT keeps them in registers and
     * the additions overlap), then {@code out[i] = (a_i . v - muV) (vᵀB) + muB}. No GEMM call, no scratch.
     */
    private void multiplyRankOne(float[] a, int n, float[] out) {
        int d = inputs;
        int m = outputs;
        int d8 = d & ~7;
        float mu = muV[0];
        for (int i = 0; i < n; i++) {
            int row = i * d;
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            int j = 0;
            for (; j < d8; j += 8) {
                s0 += a[row + j] * v[j];
                s1 += a[row + j + 1] * v[j + 1];
                s2 += a[row + j + 2] * v[j + 2];
                s3 += a[row + j + 3] * v[j + 3];
                s4 += a[row + j + 4] * v[j + 4];
                s5 += a[row + j + 5] * v[j + 5];
                s6 += a[row + j + 6] * v[j + 6];
                s7 += a[row + j + 7] * v[j + 7];
            }
            float dot = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
            for (; j < d; j++) {
                dot += a[row + j] * v[j];
            }
            float p = dot - mu;
            int o = i * m;
            for (int c = 0; c < m; c++) {
                out[o + c] = p * vtb[c] + muB[c];
            }
        }
    }
}
