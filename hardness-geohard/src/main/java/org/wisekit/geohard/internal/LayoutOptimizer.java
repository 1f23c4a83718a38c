package org.wisekit.geohard.internal;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * UMAP's layout optimisation, umap-learn 0.5's {@code make_epochs_per_sample} and
 * {@code optimize_layout_euclidean} (single-threaded, {@code move_other = True}): stochastic gradient descent
 * on the fuzzy-set cross entropy, sampling each directed edge every {@code w_max / w} epochs and, each time,
 * {@code negative_sample_rate} uniformly drawn vertices per positive sample on average.
 *
 * <p>Per epoch {@code t = 0 .. n_epochs - 1} and edge {@code (j, k)} due ({@code next_sample <= t}), with
 * {@code d2 = |y_j - y_k|^2}: the attractive coefficient {@code -2ab d2^(b-1) / (1 + a d2^b)} (0 at d2 = 0)
 * moves y_j by {@code +alpha clip(coef (y_j - y_k))} and y_k by the opposite; then
 * {@code floor((t - next_negative) / (epochs_per_sample / rate))} negative samples k' each move y_j by
 * {@code alpha clip(2 gamma b / ((0.001 + d2) (1 + a d2^b)) (y_j - y_k'))} (skipped when k' = j, nothing when
 * d2 = 0). {@code clip} bounds each coordinate to [-4, 4]; {@code alpha = lr (1 - t / n_epochs)} after epoch t.
 * Vertices are drawn with {@link SplittableRandom#nextInt(int)} (umap-learn uses a Tausworthe generator);
 * {@code d2^b} comes from {@link FixedPow} (as accurate as {@code Math.pow}, about twice as fast here), and
 * {@code d2^(b-1)} is {@code d2^b / d2}.
 */
public final class LayoutOptimizer {

    private LayoutOptimizer() {
    }

    /**
     * umap-learn's {@code make_epochs_per_sample}: {@code n_epochs / (n_epochs * w / w_max)}, -1 where that is
     * not positive.
     */
    public static double[] epochsPerSample(double[] weights, int epochs) {
        double max = 0;
        for (double w : weights) {
            max = Math.max(max, w);
        }
        double[] out = new double[weights.length];
        for (int e = 0; e < weights.length; e++) {
            double samples = epochs * (weights[e] / max);
            out[e] = samples > 0 ? epochs / samples : -1.0;
        }
        return out;
    }

    /**
     * Optimises {@code y} (n x dim row-major) in place.
     *
     * @param graph            the (filtered) symmetric graph; every stored entry is a directed edge
     * @param epochs           the number of epochs
     * @param a                curve parameter a
     * @param b                curve parameter b
     * @param gamma            repulsion strength
     * @param learningRate     the initial alpha
     * @param negativeRate     negative samples per positive sample
     * @param rng              the seeded generator for the negative samples
     * @param progress         called with the number of epochs done after each epoch, or null
     */
    public static void optimize(double[] y, int dim, FuzzyGraph.Sparse graph, int epochs, double a, double b,
            double gamma, double learningRate, int negativeRate, SplittableRandom rng, IntConsumer progress) {
        int n = graph.rows();
        int edges = graph.entries();
        int[] head = new int[edges];
        int[] tail = graph.cols();
        for (int i = 0; i < n; i++) {
            for (int e = graph.rowStart()[i]; e < graph.rowStart()[i + 1]; e++) {
                head[e] = i;
            }
        }
        double[] epochsPerSample = epochsPerSample(graph.values(), epochs);
        double[] epochsPerNegative = new double[edges];
        double[] nextNegative = new double[edges];
        double[] nextSample = epochsPerSample.clone();
        for (int e = 0; e < edges; e++) {
            epochsPerNegative[e] = epochsPerSample[e] / negativeRate;
            nextNegative[e] = epochsPerNegative[e];
        }
        FixedPow pow = new FixedPow(b);
        double twoAB = 2.0 * a * b;
        double twoGammaB = 2.0 * gamma * b;
        double alpha = learningRate;
        for (int t = 0; t < epochs; t++) {
            for (int e = 0; e < edges; e++) {
                if (nextSample[e] > t) {
                    continue;
                }
                int j = head[e];
                int k = tail[e];
                int cj = j * dim;
                int ck = k * dim;
                double d2 = 0;
                for (int d = 0; d < dim; d++) {
                    double diff = y[cj + d] - y[ck + d];
                    d2 += diff * diff;
                }
                double coef = 0;
                if (d2 > 0) {
                    double p = pow.pow(d2);
                    coef = -twoAB * (p / d2) / (a * p + 1.0);
                }
                for (int d = 0; d < dim; d++) {
                    double g = clip(coef * (y[cj + d] - y[ck + d]));
                    y[cj + d] += g * alpha;
                    y[ck + d] += -g * alpha;
                }
                nextSample[e] += epochsPerSample[e];
                int negatives = (int) ((t - nextNegative[e]) / epochsPerNegative[e]);
                for (int s = 0; s < negatives; s++) {
                    int o = rng.nextInt(n);
                    int co = o * dim;
                    double q2 = 0;
                    for (int d = 0; d < dim; d++) {
                        double diff = y[cj + d] - y[co + d];
                        q2 += diff * diff;
                    }
                    double rep;
                    if (q2 > 0) {
                        rep = twoGammaB / ((0.001 + q2) * (a * pow.pow(q2) + 1.0));
                    } else if (j == o) {
                        continue;
                    } else {
                        rep = 0;
                    }
                    if (rep > 0) {
                        for (int d = 0; d < dim; d++) {
                            y[cj + d] += clip(rep * (y[cj + d] - y[co + d])) * alpha;
                        }
                    }
                }
                nextNegative[e] += negatives * epochsPerNegative[e];
            }
            alpha = learningRate * (1.0 - (double) t / epochs);
            if (progress != null) {
                progress.accept(t + 1);
            }
        }
    }

    /** Clamps to [-4, 4] (NaN passes through, as in umap-learn). */
    static double clip(double v) {
        if (v > 4.0) {
            return 4.0;
        }
        if (v < -4.0) {
            return -4.0;
        }
        return v;
    }
}
