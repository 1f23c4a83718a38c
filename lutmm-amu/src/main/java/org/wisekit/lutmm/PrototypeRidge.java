package org.wisekit.lutmm;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * MADDNESS's prototype refinement: with G the one-hot encoding of the training rows (N x 16C) and R the
 * residual after the initial prototypes, {@code ΔP = argmin ||R - G ΔP||² + λ ||ΔP||²}, i.e.
 * {@code (GᵀG + λI) ΔP = GᵀR}, solved by Cholesky (Commons Math). GᵀG is built from the codes in
 * O(N·C²) and GᵀR in O(N·C·D). ΔP is dense over all D columns.
 */
final class PrototypeRidge {

    private PrototypeRidge() {
    }

    /** GᵀG + λI, (16C)². */
    static double[][] normalMatrix(byte[] codes, int n, int codebooks, double lambda) {
        int k = 16 * codebooks;
        double[][] g = new double[k][k];
        int[] row = new int[codebooks];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < codebooks; c++) {
                row[c] = 16 * c + codes[c * n + i];
            }
            for (int c = 0; c < codebooks; c++) {
                double[] line = g[row[c]];
                for (int c2 = 0; c2 < codebooks; c2++) {
                    line[row[c2]] += 1;
                }
            }
        }
        for (int j = 0; j < k; j++) {
            g[j][j] += lambda;
        }
        return g;
    }

    /** GᵀR, 16C x D. */
    static double[][] rightHandSide(byte[] codes, int n, int codebooks, float[] residual, int d) {
        double[][] r = new double[16 * codebooks][d];
        for (int i = 0; i < n; i++) {
            int off = i * d;
            for (int c = 0; c < codebooks; c++) {
                double[] line = r[16 * c + codes[c * n + i]];
                for (int j = 0; j < d; j++) {
                    line[j] += residual[off + j];
                }
            }
        }
        return r;
    }

    /** ΔP as {@code [(16c + k) * d + j]}. */
    static float[] solve(byte[] codes, int n, int codebooks, float[] residual, int d, double lambda) {
        RealMatrix lhs = new Array2DRowRealMatrix(normalMatrix(codes, n, codebooks, lambda), false);
        RealMatrix rhs = new Array2DRowRealMatrix(rightHandSide(codes, n, codebooks, residual, d), false);
        RealMatrix delta = new CholeskyDecomposition(lhs).getSolver().solve(rhs);
        float[] out = new float[16 * codebooks * d];
        for (int r = 0; r < 16 * codebooks; r++) {
            for (int j = 0; j < d; j++) {
                out[r * d + j] = (float) delta.getEntry(r, j);
            }
        }
        return out;
    }
}
