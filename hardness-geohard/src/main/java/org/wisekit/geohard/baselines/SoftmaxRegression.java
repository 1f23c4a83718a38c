package org.wisekit.geohard.baselines;

import java.util.SplittableRandom;
import org.wisekit.tensor.Shuffles;
import org.wisekit.tensor.optim.Lbfgs;

/**
 * The one dense multinomial logistic (softmax) regression of the baselines: the objective and its gradient, the
 * minibatch SGD epoch {@link DataMaps} trains with, and the L-BFGS fit {@link Pvi} uses.
 *
 * <p>Parameters {@code theta = [W row-major (classes x dimension), b (classes)]}. On a set S of rows the objective
 * is {@code (1/|S|) sum_{i in S} -ln softmax(W x_i + b)_{y_i} + (l2/2) ||W||^2} (the bias is not penalised), with
 * gradient {@code (1/|S|) sum_i (p_i - e_{y_i}) x_i^T + l2 W} for W and {@code (1/|S|) sum_i (p_i - e_{y_i})}
 * for b. Rows and labels are trusted (checked by the callers).
 */
final class SoftmaxRegression {

    private SoftmaxRegression() {
    }

    /** Number of parameters: {@code classes * (dimension + 1)}. */
    static int parameters(int classes, int dimension) {
        return classes * (dimension + 1);
    }

    /**
     * The objective on the rows {@code rows[from..to)} and its gradient, written into {@code gradient}.
     *
     * @param scores scratch of length {@code classes}
     */
    static double lossAndGradient(double[][] x, int[] y, int classes, int[] rows, int from, int to, double l2,
                                  double[] theta, double[] gradient, double[] scores) {
        int d = x[0].length;
        int biasOffset = classes * d;
        java.util.Arrays.fill(gradient, 0.0);
        double loss = 0;
        for (int r = from; r < to; r++) {
            int i = rows[r];
            double[] xi = x[i];
            double logSum = logits(xi, theta, classes, d, scores);   // scores become logits - max
            int label = y[i];
            loss += logSum - scores[label];
            for (int k = 0; k < classes; k++) {
                double residual = Math.exp(scores[k] - logSum) - (k == label ? 1 : 0);
                gradient[biasOffset + k] += residual;
                int row = k * d;
                for (int j = 0; j < d; j++) {
                    gradient[row + j] += residual * xi[j];
                }
            }
        }
        double inv = 1.0 / (to - from);
        double penalty = 0;
        for (int p = 0; p < biasOffset; p++) {
            penalty += theta[p] * theta[p];
            gradient[p] = gradient[p] * inv + l2 * theta[p];
        }
        for (int p = biasOffset; p < gradient.length; p++) {
            gradient[p] *= inv;
        }
        return loss * inv + 0.5 * l2 * penalty;
    }

    /**
     * Writes {@code ln softmax(W x + b)} into {@code out} (length {@code classes}), computed stably.
     */
    static void logProbabilities(double[] xi, double[] theta, int classes, double[] out) {
        double logSum = logits(xi, theta, classes, xi.length, out);
        for (int k = 0; k < classes; k++) {
            out[k] -= logSum;
        }
    }

    /**
     * One epoch of minibatch SGD: shuffles {@code order} with {@code rng} (Fisher-Yates via {@link Shuffles}), then
     * for each consecutive batch of {@code batchSize} rows (the last may be shorter) steps
     * {@code theta -= learningRate * gradient} of the objective on that batch.
     *
     * @param gradient scratch of length {@code theta.length}
     * @param scores   scratch of length {@code classes}
     */
    static void sgdEpoch(double[][] x, int[] y, int classes, int[] order, int batchSize, double learningRate,
                         double l2, double[] theta, double[] gradient, double[] scores, SplittableRandom rng) {
        Shuffles.shuffle(order, rng);
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            lossAndGradient(x, y, classes, order, from, to, l2, theta, gradient, scores);
            for (int p = 0; p < theta.length; p++) {
                theta[p] -= learningRate * gradient[p];
            }
        }
    }

    /** Minimises the objective on all rows with the shared L-BFGS from zero; returns the parameters. */
    static double[] fitLbfgs(double[][] x, int[] y, int classes, double l2, int maxIterations,
                             double gradientTolerance) {
        int[] rows = Shuffles.identity(x.length);
        double[] scores = new double[classes];
        Lbfgs.Objective objective = (theta, gradient) ->
                lossAndGradient(x, y, classes, rows, 0, rows.length, l2, theta, gradient, scores);
        return Lbfgs.minimise(objective, new double[parameters(classes, x[0].length)], maxIterations,
                gradientTolerance, Lbfgs.Listener.NONE).point();
    }

    /** Writes {@code W x + b - max} into {@code out} and returns {@code ln sum exp(out)}. */
    private static double logits(double[] xi, double[] theta, int classes, int d, double[] out) {
        int biasOffset = classes * d;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            double s = theta[biasOffset + k];
            int row = k * d;
            for (int j = 0; j < d; j++) {
                s += theta[row + j] * xi[j];
            }
            out[k] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            out[k] -= max;
            sum += Math.exp(out[k]);
        }
        return Math.log(sum);
    }
}
