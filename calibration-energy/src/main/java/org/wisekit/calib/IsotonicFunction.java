package org.wisekit.calib;

import java.util.Arrays;
import org.wisekit.calib.internal.PoolAdjacentViolators;

/**
 * A fitted non-decreasing map from a score to a frequency, as scikit-learn's
 * {@code IsotonicRegression(out_of_bounds='clip')}: points with equal x are merged (mean y, weight = count),
 * the merged y are fitted by pool-adjacent-violators, and new x are mapped by linear interpolation between
 * the fitted points, clipped to the first and last fitted value outside their range.
 *
 * @param x the distinct fitted x, strictly increasing
 * @param y the fitted values at {@code x}, non-decreasing
 */
public record IsotonicFunction(double[] x, double[] y) {

    public IsotonicFunction {
        if (x == null || y == null || x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("need as many fitted y as x, at least one");
        }
        for (int i = 1; i < x.length; i++) {
            if (!(x[i] > x[i - 1]) || !(y[i] >= y[i - 1])) {
                throw new IllegalArgumentException("x must increase strictly and y must not decrease; not so at index " + i);
            }
        }
    }

    /** Fits the isotonic regression of {@code targets} on {@code scores} (finite, same length, not empty). */
    public static IsotonicFunction fit(double[] scores, double[] targets) {
        int n = scores.length;
        if (n == 0 || targets.length != n) {
            throw new IllegalArgumentException("need as many targets as scores, at least one; got " + n + " and "
                    + targets.length);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double[] distinctX = new double[n];
        double[] meanY = new double[n];
        double[] count = new double[n];
        int m = -1;
        for (int r = 0; r < n; r++) {
            int i = order[r];
            if (m < 0 || scores[i] != distinctX[m]) {
                m++;
                distinctX[m] = scores[i];
            }
            meanY[m] += targets[i];
            count[m]++;
        }
        m++;
        for (int j = 0; j < m; j++) {
            meanY[j] /= count[j];
        }
        double[] fitted = PoolAdjacentViolators.fit(Arrays.copyOf(meanY, m), Arrays.copyOf(count, m));
        return new IsotonicFunction(Arrays.copyOf(distinctX, m), fitted);
    }

    /** The fitted value at {@code score}: linear between fitted points, clipped outside them. */
    public double valueAt(double score) {
        if (score <= x[0]) {
            return y[0];
        }
        int last = x.length - 1;
        if (score >= x[last]) {
            return y[last];
        }
        int hi = Arrays.binarySearch(x, score);
        if (hi >= 0) {
            return y[hi];
        }
        hi = -hi - 1;      // first fitted x above score
        int lo = hi - 1;
        return y[lo] + (y[hi] - y[lo]) * (score - x[lo]) / (x[hi] - x[lo]);
    }
}
