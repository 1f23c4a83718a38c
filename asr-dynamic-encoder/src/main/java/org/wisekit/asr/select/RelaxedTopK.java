package org.wisekit.asr.select;

/**
 * The deterministic relaxed top-k of the official Simple-Top-k code ({@code RelaxedTopK} with
 * {@code hard=False}: no Gumbel noise, no temperature):
 * <pre>
 *   khot = 0, p = 0
 *   repeat k times:
 *     s    = s + log(max(1 - p, eps))      (eps = Float.MIN_NORMAL, numpy's float32 tiny)
 *     p    = softmax(s)
 *     khot = khot + p
 * </pre>
 * The first iteration is a plain softmax. The result sums to {@code k}, is non-negative and keeps the order of
 * the scores (a larger score never gets a smaller gate).
 *
 * <p><b>What it does not do.</b> With temperature 1, as in the code, the {@code log(1 - p)} correction cancels
 * the leader's advantage exactly: for two scores the second iteration always gives {@code (1/2, 1/2)}, so
 * {@code khot = (x + 1/2, 3/2 - x)} with {@code x = softmax(s)_0}. Entries can therefore exceed 1, {@code k = L}
 * gives all ones only for equal scores, and as the score gaps grow the gates do not tend to the hard top-k
 * indicator: the mass gathers on the two largest scores (for k = 3 the limit is {@code (..., 0, 1, 2)}, for
 * k = 4 {@code (..., 0, 1.5, 2.5)}) until {@code 1 - p} underflows in floating point and the eps clamp takes
 * over. The supernet's layer-drop set (the L - k smallest gates) equals the L - k smallest scores because the
 * order is kept.
 *
 * <p>{@link #backward} is the exact reverse-mode derivative of {@link #forward} through the k iterations; where
 * the clamp is active ({@code 1 - p < eps}) the derivative of {@code max(1 - p, eps)} is zero.
 */
public final class RelaxedTopK {

    /** The clamp of {@code 1 - p}: numpy's {@code finfo(float32).tiny}, the smallest normal float. */
    public static final double EPS = Float.MIN_NORMAL;

    private RelaxedTopK() {
    }

    /**
     * The relaxed k-hot vector of {@code scores}.
     *
     * @param scores one score per module (finite), not changed
     * @param k      number of iterations, in {@code 1..scores.length}
     * @return the gates, summing to k
     */
    public static double[] forward(double[] scores, int k) {
        validate(scores, k);
        return run(scores, k, null);
    }

    /**
     * The gradient of a loss with respect to the scores, given its gradient with respect to the gates that
     * {@link #forward forward(scores, k)} returns (the forward pass is recomputed).
     *
     * @param scores   the scores given to {@code forward}
     * @param k        the k given to {@code forward}
     * @param gradGate {@code dLoss/dgate}, one entry per module
     * @return {@code dLoss/dscores}
     */
    public static double[] backward(double[] scores, int k, double[] gradGate) {
        validate(scores, k);
        int n = scores.length;
        if (gradGate == null || gradGate.length != n) {
            throw new IllegalArgumentException("gradGate has " + (gradGate == null ? "no" : gradGate.length)
                    + " entries, expected " + n);
        }
        double[][] p = new double[k][];
        run(scores, k, p);
        // gradS = dL/ds^(i) (the scores after iteration i's update); iterate i = k .. 1 (index i - 1).
        double[] gradS = new double[n];
        double[] gradP = new double[n];
        for (int i = k - 1; i >= 0; i--) {
            // dL/dp^(i): directly through khot, plus through s^(i+1) = s^(i) + log(max(1 - p^(i), eps)).
            for (int j = 0; j < n; j++) {
                double g = gradGate[j];
                if (i + 1 < k) {
                    double m = 1.0 - p[i][j];
                    if (m > EPS) {
                        g -= gradS[j] / m;
                    }
                }
                gradP[j] = g;
            }
            // dL/ds^(i) = dL/ds^(i+1) (identity path) + softmax Jacobian^T dL/dp^(i).
            double dot = 0;
            for (int j = 0; j < n; j++) {
                dot += p[i][j] * gradP[j];
            }
            for (int j = 0; j < n; j++) {
                gradS[j] += p[i][j] * (gradP[j] - dot);
            }
        }
        // s^(1) = scores + log(max(1 - 0, eps)) = scores: the first update is the identity.
        return gradS;
    }

    private static void validate(double[] scores, int k) {
        if (scores == null || scores.length == 0) {
            throw new IllegalArgumentException("scores must hold at least one score");
        }
        if (k < 1 || k > scores.length) {
            throw new IllegalArgumentException("k is " + k + ", outside 1.." + scores.length);
        }
        for (int j = 0; j < scores.length; j++) {
            if (!Double.isFinite(scores[j])) {
                throw new IllegalArgumentException("scores[" + j + "] is " + scores[j] + "; scores must be finite");
            }
        }
    }

    /** The forward pass; stores each iteration's softmax in {@code probabilities[i]} when that is non-null. */
    private static double[] run(double[] scores, int k, double[][] probabilities) {
        int n = scores.length;
        double[] s = scores.clone();
        double[] p = new double[n];
        double[] khot = new double[n];
        for (int i = 0; i < k; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                s[j] += Math.log(Math.max(1.0 - p[j], EPS));
                max = Math.max(max, s[j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                p[j] = Math.exp(s[j] - max);
                sum += p[j];
            }
            for (int j = 0; j < n; j++) {
                p[j] /= sum;
                khot[j] += p[j];
            }
            if (probabilities != null) {
                probabilities[i] = p.clone();
            }
        }
        return khot;
    }
}
