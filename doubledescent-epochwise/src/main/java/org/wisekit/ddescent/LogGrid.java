package org.wisekit.ddescent;

import org.wisekit.ddescent.internal.Checks;

/**
 * Log-spaced time grids, like numpy's {@code logspace}: epoch-wise double-descent peaks are separated by
 * decades, so curves are sampled evenly in log time.
 */
public final class LogGrid {

    private LogGrid() {
    }

    /**
     * {@code points} times from {@code tMin} to {@code tMax}, evenly spaced in {@code log10 t}:
     * {@code t_k = 10^(log10 tMin + k (log10 tMax - log10 tMin) / (points - 1))}; the end points are exact.
     *
     * @param tMin first time, finite and {@code > 0}
     * @param tMax last time, finite and {@code > tMin}
     * @param points number of times, {@code >= 2}
     * @return the increasing times
     * @throws IllegalArgumentException naming the parameter and the value on bad input
     */
    public static double[] of(double tMin, double tMax, int points) {
        Checks.positive("tMin", tMin);
        Checks.positive("tMax", tMax);
        if (!(tMax > tMin)) {
            throw new IllegalArgumentException("tMax must be > tMin = " + tMin + ", got " + tMax);
        }
        if (points < 2) {
            throw new IllegalArgumentException("points must be >= 2, got " + points);
        }
        double a = Math.log10(tMin);
        double b = Math.log10(tMax);
        double step = (b - a) / (points - 1);
        double[] t = new double[points];
        for (int k = 0; k < points; k++) {
            t[k] = Math.pow(10, a + k * step);
        }
        t[0] = tMin;
        t[points - 1] = tMax;
        return t;
    }
}
