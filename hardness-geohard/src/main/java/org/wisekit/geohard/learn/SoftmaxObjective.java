package org.wisekit.geohard.learn;

import java.util.Arrays;
import org.wisekit.tensor.optim.Lbfgs;

/**
 * The objective of {@link LogisticRegression}: {@code (1/n) sum_i -log softmax(W x_i + b)_{y_i} + ||W||^2 / (2 C n)}
 * with its analytic gradient. Parameters {@code theta = [W row-major (classes x dimension), b (classes)]}.
 */
final class SoftmaxObjective implements Lbfgs.Objective {

    private final SparseFeatures x;
    private final int[] labels;
    private final int classes;
    private final double c;

    SoftmaxObjective(SparseFeatures x, int[] labels, int classes, double c) {
        this.x = x;
        this.labels = labels;
        this.classes = classes;
        this.c = c;
    }

    int parameters() {
        return classes * (x.dimension() + 1);
    }

    @Override
    public double valueAndGradient(double[] theta, double[] gradient) {
        int d = x.dimension();
        int n = x.rows();
        int biasOffset = classes * d;
        Arrays.fill(gradient, 0);
        double loss = 0;
        double[] scores = new double[classes];
        for (int i = 0; i < n; i++) {
            int[] idx = x.indices()[i];
            double[] val = x.values()[i];
            for (int k = 0; k < classes; k++) {
                double s = theta[biasOffset + k];
                int row = k * d;
                for (int j = 0; j < idx.length; j++) {
                    s += theta[row + idx[j]] * val[j];
                }
                scores[k] = s;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double s : scores) {
                max = Math.max(max, s);
            }
            int y = labels[i];
            double scoreY = scores[y];
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                scores[k] = Math.exp(scores[k] - max);
                sum += scores[k];
            }
            loss += Math.log(sum) + max - scoreY;            // -log p_y = logsumexp(s) - s_y
            for (int k = 0; k < classes; k++) {
                double r = scores[k] / sum - (k == y ? 1 : 0);
                gradient[biasOffset + k] += r;
                int row = k * d;
                for (int j = 0; j < idx.length; j++) {
                    gradient[row + idx[j]] += r * val[j];
                }
            }
        }
        double penalty = 0;
        double lambda = 1 / c;
        for (int p = 0; p < biasOffset; p++) {
            penalty += theta[p] * theta[p];
            gradient[p] += lambda * theta[p];
        }
        double invN = 1.0 / n;
        for (int p = 0; p < gradient.length; p++) {
            gradient[p] *= invN;
        }
        return (loss + 0.5 * lambda * penalty) * invN;
    }
}
