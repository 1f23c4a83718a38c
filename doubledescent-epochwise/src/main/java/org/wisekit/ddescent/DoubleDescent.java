package org.wisekit.ddescent;

import java.util.Arrays;
import org.wisekit.ddescent.internal.Checks;

/**
 * The double-descent detector of the note's appendix (used to establish the fixtures): with
 * {@code M = max |g_i|} and {@code d_i = g_{i+1} - g_i}, each step gets the sign +1 when {@code d_i > relTol M},
 * -1 when {@code d_i < -relTol M} and 0 otherwise; the zeros are dropped (wiggles under the tolerance are
 * ignored) and the number of consecutive pairs (descent, ascent) is the count.
 *
 * <p>Note that the appendix's count flags every significant descent followed by a significant ascent,
 * including a U-shaped curve whose last phase is an ascent (classic overfitting without a second
 * descent); the note's fixtures are defined with this count. {@link #detect} also reports
 * {@link Detection#fullCount()}, the number of descent-ascent-descent patterns, for which the conditions of
 * {@link Conditions} are necessary.
 */
public final class DoubleDescent {

    /** The note's tolerance, relative to {@code max |g|}. */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    private DoubleDescent() {
    }

    /**
     * The appendix count of descent-to-ascent sign changes.
     *
     * @param g the curve (for instance E_gen on a log grid), finite values
     * @param relTol tolerance relative to {@code max |g|}, finite and {@code >= 0}
     * @return the number of (descent, ascent) pairs among the non-zero step signs
     * @throws IllegalArgumentException on a non-finite value or a bad tolerance
     */
    public static int count(double[] g, double relTol) {
        int[] steps = significantSteps(g, relTol);
        int count = 0;
        for (int j = 0; j + 1 < steps.length; j++) {
            if (sign(g, steps[j]) < 0 && sign(g, steps[j + 1]) > 0) {
                count++;
            }
        }
        return count;
    }

    /**
     * Where the curve turns.
     *
     * @param count the appendix count (descent-to-ascent pairs); {@code count > 0} is the note's "DD"
     * @param fullCount the number of ascent-to-descent pairs that follow a descent-to-ascent pair, that is,
     *     of descent-ascent-descent patterns
     * @param dipIndex index of the minimum of g at the first descent-to-ascent turn, -1 when none
     * @param dipTime the time at {@code dipIndex}, NaN when none
     * @param peakIndex index of the maximum of g at the first ascent-to-descent turn after the dip, -1 when
     *     none (the curve rises to the end: no second descent)
     * @param peakTime the time at {@code peakIndex}, NaN when none
     */
    public record Detection(int count, int fullCount, int dipIndex, double dipTime, int peakIndex,
            double peakTime) {

        /**
         * Whether the note's detector flags a double descent ({@code count > 0}).
         *
         * @return {@code count > 0}
         */
        public boolean doubleDescent() {
            return count > 0;
        }

        /**
         * Whether a second descent follows the first ascent ({@code fullCount > 0}).
         *
         * @return {@code fullCount > 0}
         */
        public boolean secondDescent() {
            return fullCount > 0;
        }
    }

    /**
     * The appendix count with the first dip and the peak after it.
     *
     * @param g the curve, finite values
     * @param times the time of each value, same length
     * @param relTol tolerance relative to {@code max |g|}, finite and {@code >= 0}
     * @return the detection
     * @throws IllegalArgumentException on a non-finite value, lengths that differ or a bad tolerance
     */
    public static Detection detect(double[] g, double[] times, double relTol) {
        int[] steps = significantSteps(g, relTol);
        Checks.finite("times", times);
        Checks.sameLength("g", g.length, "times", times.length);
        int count = 0;
        int fullCount = 0;
        int dip = -1;
        int peak = -1;
        boolean seenDip = false;
        for (int j = 0; j + 1 < steps.length; j++) {
            int s0 = sign(g, steps[j]);
            int s1 = sign(g, steps[j + 1]);
            if (s0 < 0 && s1 > 0) {
                count++;
                if (!seenDip) {
                    dip = argExtremum(g, steps[j] + 1, steps[j + 1], false);
                }
                seenDip = true;
            } else if (s0 > 0 && s1 < 0 && seenDip) {
                fullCount++;
                if (peak < 0) {
                    peak = argExtremum(g, steps[j] + 1, steps[j + 1], true);
                }
            }
        }
        return new Detection(count, fullCount, dip, dip < 0 ? Double.NaN : times[dip], peak,
                peak < 0 ? Double.NaN : times[peak]);
    }

    private static int[] significantSteps(double[] g, double relTol) {
        Checks.finite("g", g);
        Checks.nonNegative("relTol", relTol);
        double max = 0;
        for (double v : g) {
            max = Math.max(max, Math.abs(v));
        }
        double tol = relTol * max;
        int[] steps = new int[Math.max(0, g.length - 1)];
        int n = 0;
        for (int i = 0; i + 1 < g.length; i++) {
            double d = g[i + 1] - g[i];
            if (d > tol || d < -tol) {
                steps[n++] = i;
            }
        }
        return Arrays.copyOf(steps, n);
    }

    private static int sign(double[] g, int step) {
        return g[step + 1] > g[step] ? 1 : -1;
    }

    private static int argExtremum(double[] g, int from, int to, boolean max) {
        int best = from;
        for (int i = from + 1; i <= to; i++) {
            if (max ? g[i] > g[best] : g[i] < g[best]) {
                best = i;
            }
        }
        return best;
    }
}
