package org.wisekit.calib.internal;

import org.wisekit.tensor.optim.Lbfgs;

/**
 * The objective of vector scaling, matrix scaling and Dirichlet calibration: a linear map of per-row
 * features {@code x_i} (logits, or log-probabilities) to new logits {@code u_i = W x_i + b}, scored by the
 * mean negative log-likelihood of the labels under {@code softmax(u_i)}, plus quadratic penalties
 *
 * <pre>
 *   L = (1/N) sum_i [LSE(u_i) - u_{i,y_i}]
 *       + offDiagonal sum_{k != j} W_kj^2 + diagonal sum_k W_kk^2 + bias sum_k b_k^2
 * </pre>
 *
 * with the analytic gradient {@code dL/dW_kj = (1/N) sum_i (softmax(u_i)_k - [k = y_i]) x_ij + penalty
 * terms}, {@code dL/db_k = (1/N) sum_i (softmax(u_i)_k - [k = y_i]) + 2 bias b_k}. In the diagonal form
 * (vector scaling) W is {@code diag(w)}: {@code u_ik = w_k x_ik + b_k}.
 *
 * <p>Parameters are packed as W row-major (K x K; K entries in the diagonal form), then b (K). Kernels
 * trust their input: labels in {@code [0, K)}, finite features.
 */
public final class LinearSoftmax implements Lbfgs.Objective {

    private final double[] features;
    private final int[] labels;
    private final int classes;
    private final boolean diagonalOnly;
    private final double offDiagonalPenalty;
    private final double diagonalPenalty;
    private final double biasPenalty;

    /**
     * @param features     N x K row-major
     * @param labels       N labels
     * @param classes      K
     * @param diagonalOnly the vector-scaling form
     */
    public LinearSoftmax(double[] features, int[] labels, int classes, boolean diagonalOnly, double offDiagonalPenalty,
                         double diagonalPenalty, double biasPenalty) {
        this.features = features;
        this.labels = labels;
        this.classes = classes;
        this.diagonalOnly = diagonalOnly;
        this.offDiagonalPenalty = offDiagonalPenalty;
        this.diagonalPenalty = diagonalPenalty;
        this.biasPenalty = biasPenalty;
    }

    /** Number of parameters: K (or K^2) weights and K biases. */
    public int parameterCount() {
        return (diagonalOnly ? classes : classes * classes) + classes;
    }

    /** The identity map (W = I, b = 0): the start of every fit. */
    public double[] identity() {
        double[] theta = new double[parameterCount()];
        for (int k = 0; k < classes; k++) {
            theta[diagonalOnly ? k : k * classes + k] = 1;
        }
        return theta;
    }

    /** {@code u = W x + b} for one row ({@code x} at {@code offset}), written into {@code out}. */
    public static void map(double[] theta, boolean diagonalOnly, int classes, double[] x, int offset, double[] out) {
        int biasOffset = diagonalOnly ? classes : classes * classes;
        for (int k = 0; k < classes; k++) {
            double u = theta[biasOffset + k];
            if (diagonalOnly) {
                u += theta[k] * x[offset + k];
            } else {
                int row = k * classes;
                for (int j = 0; j < classes; j++) {
                    u += theta[row + j] * x[offset + j];
                }
            }
            out[k] = u;
        }
    }

    @Override
    public double valueAndGradient(double[] theta, double[] gradient) {
        int n = labels.length;
        int biasOffset = diagonalOnly ? classes : classes * classes;
        java.util.Arrays.fill(gradient, 0);
        double[] u = new double[classes];
        double[] p = new double[classes];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            int offset = i * classes;
            map(theta, diagonalOnly, classes, features, offset, u);
            double lse = Softmax.logSumExp(u, 0, classes, 1.0);
            loss += lse - u[labels[i]];
            for (int k = 0; k < classes; k++) {
                p[k] = Math.exp(u[k] - lse);
            }
            p[labels[i]] -= 1;
            for (int k = 0; k < classes; k++) {
                double r = p[k];
                gradient[biasOffset + k] += r;
                if (diagonalOnly) {
                    gradient[k] += r * features[offset + k];
                } else {
                    int row = k * classes;
                    for (int j = 0; j < classes; j++) {
                        gradient[row + j] += r * features[offset + j];
                    }
                }
            }
        }
        double inv = 1.0 / n;
        loss *= inv;
        for (int q = 0; q < gradient.length; q++) {
            gradient[q] *= inv;
        }
        double penalty = 0;
        for (int k = 0; k < classes; k++) {
            if (diagonalOnly) {
                penalty += diagonalPenalty * theta[k] * theta[k];
                gradient[k] += 2 * diagonalPenalty * theta[k];
            } else {
                for (int j = 0; j < classes; j++) {
                    int q = k * classes + j;
                    double c = k == j ? diagonalPenalty : offDiagonalPenalty;
                    penalty += c * theta[q] * theta[q];
                    gradient[q] += 2 * c * theta[q];
                }
            }
            double b = theta[biasOffset + k];
            penalty += biasPenalty * b * b;
            gradient[biasOffset + k] += 2 * biasPenalty * b;
        }
        return loss + penalty;
    }
}
