package org.wisekit.ddescent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.wisekit.ddescent.internal.Checks;

/**
 * Necessary conditions for epoch-wise double descent of {@code E_gen = sum_i lambdaTest_i (z_i - zTarget_i)^2}
 * (<b>reconstructed</b>: the note derives them; the paper's theorem was not available), evaluated on sampled
 * per-mode trajectories.
 *
 * <p><b>C1</b> (a mode overfits): some mode's {@code zTarget} lies strictly between {@code z0} and
 * {@code sigma / lambda}. Every coefficient moves monotonically from z0 to {@code sigma / lambda} (the scalar
 * flow is autonomous), so a mode's term decreases until z reaches the target (its <i>crossing</i>) and
 * increases afterwards, its <i>rise window</i>; without C1 (and with no target behind z0, see below) every term
 * is non-increasing and E_gen cannot ascend.
 *
 * <p><b>C2</b> (separated time scales; the note: "another mode j is still descending by more than the
 * overfitting mode's rise during mode i's rise window"). The exact rule implemented, on the grid: with
 * {@code T_i[k]} the term of mode i at grid index k, {@code D_i[k] = T_i[k+1] - T_i[k]} and
 * {@code tau = relTol max_k |E[k]|} (the detector's tolerance on the same curve without constant), C2 holds
 * when there are an overfitting mode i and a step k inside i's rise window (z_i[k] has reached the target) with
 * {@code -sum_{j != i} D_j[k] > D_i[k] + tau}: the other modes still descend, at that step, by more than mode i
 * rises, by more than the tolerance (equivalently, E_gen descends by more than tau at a step inside
 * an overfitting mode's rise window; it is tested in that form, with E summed as
 * {@link TestError#fromTrajectories} sums it). It needs the descending mode to be slower than mode i, hence the separated
 * time scales.
 *
 * <p>Why these are necessary for a descent-ascent-descent ({@link DoubleDescent.Detection#fullCount()} of at
 * least 1 with the same tolerance, or a larger constant added to the curve): an ascent step needs a rising term,
 * hence (C1) a mode i past its crossing; every later step is in i's rise window, where
 * {@code D_i >= 0}, so the later descent step ({@code sum_j D_j < -tau}) is a C2 step. The argument assumes that
 * no mode's target lies "behind" z0 ({@code z0} between the target and {@code sigma / lambda}, or equal to the
 * target), whose term rises from t = 0 without C1. The appendix count alone ({@link DoubleDescent#count}, which
 * also flags U-shaped curves) needs C1 but not C2.
 */
public final class Conditions {

    private Conditions() {
    }

    /**
     * C1 for one mode: {@code zTarget} strictly between {@code z0} and {@code sigma / lambda}.
     *
     * @param mode the mode
     * @return whether the mode overfits
     */
    public static boolean overfits(Mode mode) {
        Objects.requireNonNull(mode, "mode");
        return (mode.zTarget() - mode.z0()) * (mode.zInfinity() - mode.zTarget()) > 0;
    }

    /**
     * Whether a mode's term rises from t = 0 without satisfying C1: its target lies behind z0
     * ({@code z0} between the target and {@code sigma / lambda}, or equal to the target) and
     * {@code z0 != sigma / lambda}. Such modes void the necessity argument of this class.
     *
     * @param mode the mode
     * @return whether the target lies behind z0
     */
    public static boolean targetBehindStart(Mode mode) {
        Objects.requireNonNull(mode, "mode");
        double zInf = mode.zInfinity();
        return zInf != mode.z0() && (mode.z0() - mode.zTarget()) * (zInf - mode.z0()) >= 0;
    }

    /**
     * The conditions on the two-layer closed-form curve.
     *
     * @param modes the modes
     * @param gamma imbalance, {@code >= 0}
     * @param eta effective learning rate, {@code > 0}
     * @param times the grid (non-decreasing, {@code >= 0})
     * @param relTol the detector's tolerance, {@code >= 0}
     * @return the report
     * @throws IllegalArgumentException on a bad argument
     */
    public static ConditionReport twoLayer(List<Mode> modes, double gamma, double eta, double[] times,
            double relTol) {
        return evaluate(modes, times, ModeDynamics.closedForm(modes, gamma, eta, times), relTol);
    }

    /**
     * The conditions on the linear-regression curve.
     *
     * @param modes the modes
     * @param rate learning rate, {@code > 0}
     * @param times the grid (non-decreasing, {@code >= 0})
     * @param relTol the detector's tolerance, {@code >= 0}
     * @return the report
     * @throws IllegalArgumentException on a bad argument
     */
    public static ConditionReport linearRegression(List<Mode> modes, double rate, double[] times, double relTol) {
        return evaluate(modes, times, ModeDynamics.linearRegression(modes, rate, times), relTol);
    }

    /**
     * The conditions on sampled trajectories of any dynamics that moves each coefficient monotonically from
     * z0 towards {@code sigma / lambda} (closed form, ODE, or gradient descent projected on the modes).
     *
     * @param modes the modes
     * @param times the grid, same length as each row of z
     * @param z {@code z[i][k]}, mode i at {@code times[k]}
     * @param relTol the detector's tolerance, finite and {@code >= 0}
     * @return the report
     * @throws IllegalArgumentException on a bad argument or shapes that differ
     */
    public static ConditionReport evaluate(List<Mode> modes, double[] times, double[][] z, double relTol) {
        Checks.nonNegative("relTol", relTol);
        Checks.finite("times", times);
        double[][] terms = TestError.terms(modes, z);
        int n = times.length;
        Checks.sameLength("times", n, "z[0]", terms[0].length);
        int m = terms.length;
        double[] e = new double[n];
        for (double[] row : terms) {
            for (int k = 0; k < n; k++) {
                e[k] += row[k];
            }
        }
        double max = 0;
        for (double v : e) {
            max = Math.max(max, Math.abs(v));
        }
        double tau = relTol * max;
        List<Integer> over = new ArrayList<>();
        List<Double> crossing = new ArrayList<>();
        int c2Mode = -1;
        int c2Partner = -1;
        int c2Step = Integer.MAX_VALUE;
        for (int i = 0; i < m; i++) {
            Mode mode = modes.get(i);
            if (!overfits(mode)) {
                continue;
            }
            over.add(i);
            double target = mode.zTarget();
            double side = mode.zInfinity() - target;
            int start = -1;
            for (int k = 0; k < n; k++) {
                if ((z[i][k] - target) * side >= 0) {
                    start = k;
                    break;
                }
            }
            crossing.add(start < 0 ? Double.NaN : times[start]);
            if (start < 0) {
                continue;
            }
            for (int k = start; k + 1 < n && k < c2Step; k++) {
                // -sum_{j != i} D_j[k] > D_i[k] + tau  <=>  E[k+1] - E[k] < -tau (E summed as the detector's)
                if (e[k + 1] - e[k] < -tau) {
                    c2Step = k;
                    c2Mode = i;
                    c2Partner = largestDescent(terms, i, k);
                    break;
                }
            }
        }
        boolean c2 = c2Mode >= 0;
        return new ConditionReport(!over.isEmpty(), c2, over, crossing, c2Mode, c2Partner,
                c2 ? times[c2Step] : Double.NaN);
    }

    private static int largestDescent(double[][] terms, int skip, int k) {
        int best = -1;
        double bestDrop = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < terms.length; j++) {
            if (j == skip) {
                continue;
            }
            double drop = terms[j][k] - terms[j][k + 1];
            if (drop > bestDrop) {
                bestDrop = drop;
                best = j;
            }
        }
        return best;
    }
}
