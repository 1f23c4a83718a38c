package org.wisekit.calib.internal;

/**
 * The pool-adjacent-violators algorithm: the non-decreasing sequence f minimising
 * {@code sum_i w_i (f_i - y_i)^2}. Scanning left to right, each value starts as its own block; while a
 * block's mean is below its left neighbour's, the two are pooled into one block at their weighted mean.
 * The result is constant on each final block. O(n) amortised.
 */
public final class PoolAdjacentViolators {

    private PoolAdjacentViolators() {
    }

    /** The isotonic (non-decreasing) weighted least-squares fit of {@code y}; weights must be > 0. */
    public static double[] fit(double[] y, double[] weights) {
        if (y.length != weights.length) {
            throw new IllegalArgumentException("y has " + y.length + " values but weights has " + weights.length);
        }
        int n = y.length;
        double[] blockSum = new double[n];     // sum of w * y per block
        double[] blockWeight = new double[n];
        int[] blockEnd = new int[n];           // exclusive end index of each block
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            if (!(weights[i] > 0) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("need finite y and weights > 0, got y[" + i + "] = " + y[i]
                        + ", w[" + i + "] = " + weights[i]);
            }
            blockSum[blocks] = weights[i] * y[i];
            blockWeight[blocks] = weights[i];
            blockEnd[blocks] = i + 1;
            blocks++;
            // pool while the left block's mean exceeds the right one's (cross-multiplied: weights > 0)
            while (blocks > 1 && blockSum[blocks - 2] * blockWeight[blocks - 1]
                    > blockSum[blocks - 1] * blockWeight[blocks - 2]) {
                blockSum[blocks - 2] += blockSum[blocks - 1];
                blockWeight[blocks - 2] += blockWeight[blocks - 1];
                blockEnd[blocks - 2] = blockEnd[blocks - 1];
                blocks--;
            }
        }
        double[] fitted = new double[n];
        for (int b = 0, start = 0; b < blocks; start = blockEnd[b], b++) {
            double mean = blockSum[b] / blockWeight[b];
            for (int i = start; i < blockEnd[b]; i++) {
                fitted[i] = mean;
            }
        }
        return fitted;
    }
}
