package org.wisekit.kwise;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.wisekit.kwise.internal.Binomial;
import org.wisekit.kwise.internal.Fractions;

/**
 * The baseline: the same LP in double precision with Commons Math's {@link SimplexSolver}. Two set-ups:
 * {@link #solve} is the fair baseline ({@link Settings#TUNED}: every moment row divided by C(n,j), so that its
 * entries C(s,j)/C(n,j) lie in [0, 1] and its right-hand side is p^j, and the solver's tolerances set for
 * such rows), {@link Settings#DEFAULTS} is the solver as a user would first call it (raw rows, default
 * tolerances). It is here to show where floating point goes wrong, not to be used. Stateless.
 */
public final class FloatingPointLp {

    private static final int MAX_ITERATIONS = 10_000;

    /**
     * How the double LP is set up.
     *
     * @param scaleRows divide moment row j by C(n,j)
     * @param epsilon   the solver's comparison tolerance (Commons Math default 1e-6)
     * @param maxUlps   the solver's ulp tolerance (default 10)
     * @param cutOff    entries below this are treated as zero (default 1e-10)
     */
    public record Settings(boolean scaleRows, double epsilon, int maxUlps, double cutOff) {
        /** Commons Math's defaults on the raw rows. */
        public static final Settings DEFAULTS = new Settings(false, 1e-6, 10, 1e-10);
        /**
         * The fair baseline: scaled rows, a tolerance near the rounding error of O(1) entries, and a cut-off
         * below the smallest right-hand side p^k that the tested grids produce (so tiny moments are not zeroed).
         * Chosen as the most accurate of epsilon 1e-6 to 1e-13 (and cut-offs 1e-10, 1e-16, 1e-300) on the
         * reproduction's default grid (n = 12..60, k = 4..10, p on the 1/50 grid): 126 of 1020 points wrong against
         * 283 wrong or failed with the defaults.
         */
        public static final Settings TUNED = new Settings(true, 1e-9, 10, 1e-300);

        @Override
        public String toString() {
            return (scaleRows ? "rows scaled by 1/C(n,j)" : "raw rows") + ", epsilon " + epsilon + ", maxUlps "
                    + maxUlps + ", cut-off " + cutOff;
        }
    }

    /**
     * What the solver returned.
     *
     * @param value   its optimum, or NaN when it failed
     * @param failure the solver's complaint when it failed, else empty
     */
    public record Outcome(double value, String failure) {
        public Outcome {
            failure = failure == null ? "" : failure;
        }

        public boolean failed() {
            return !failure.isEmpty();
        }
    }

    private FloatingPointLp() {
    }

    /** Solves the LP of {@code problem} in doubles with the fair baseline's settings ({@link Settings#TUNED}). */
    public static Outcome solve(KwiseProblem problem) {
        return solve(problem, Settings.TUNED);
    }

    /** Solves the LP of {@code problem} in doubles with {@code settings}. */
    public static Outcome solve(KwiseProblem problem, Settings settings) {
        int n = problem.n();
        double p = Fractions.toDouble(problem.p());
        double[] objective = new double[n + 1];
        objective[n] = 1;
        List<LinearConstraint> rows = new ArrayList<>();
        for (int j = 0; j <= problem.k(); j++) {
            double scale = settings.scaleRows() ? Binomial.choose(n, j).doubleValue() : 1;
            double[] row = new double[n + 1];
            for (int s = 0; s <= n; s++) {
                row[s] = Binomial.choose(s, j).doubleValue() / scale;
            }
            rows.add(new LinearConstraint(row, Relationship.EQ,
                    Binomial.choose(n, j).doubleValue() / scale * Math.pow(p, j)));
        }
        try {
            double value = new SimplexSolver(settings.epsilon(), settings.maxUlps(), settings.cutOff())
                    .optimize(new MaxIter(MAX_ITERATIONS),
                    new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(rows),
                    GoalType.MAXIMIZE, new NonNegativeConstraint(true)).getValue();
            return new Outcome(value, "");
        } catch (MathIllegalStateException e) {
            return new Outcome(Double.NaN, e.getClass().getSimpleName());
        }
    }
}
