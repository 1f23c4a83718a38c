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
 * The baseline: the same LP in double precision with Commons Math's {@link SimplexSolver} at its default
 * tolerances, as a user would call it. It is here to show where floating point goes wrong (for n &gt;= 20
 * and larger k, mostly at small p, where the data span many orders of magnitude), not to be used. Stateless.
 */
public final class FloatingPointLp {

    private static final int MAX_ITERATIONS = 10_000;

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

    /** Solves the LP of {@code problem} in doubles. */
    public static Outcome solve(KwiseProblem problem) {
        int n = problem.n();
        double p = Fractions.toDouble(problem.p());
        double[] objective = new double[n + 1];
        objective[n] = 1;
        List<LinearConstraint> rows = new ArrayList<>();
        for (int j = 0; j <= problem.k(); j++) {
            double[] row = new double[n + 1];
            for (int s = 0; s <= n; s++) {
                row[s] = Binomial.choose(s, j).doubleValue();
            }
            rows.add(new LinearConstraint(row, Relationship.EQ, Binomial.choose(n, j).doubleValue() * Math.pow(p, j)));
        }
        try {
            double value = new SimplexSolver().optimize(new MaxIter(MAX_ITERATIONS),
                    new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(rows),
                    GoalType.MAXIMIZE, new NonNegativeConstraint(true)).getValue();
            return new Outcome(value, "");
        } catch (MathIllegalStateException e) {
            return new Outcome(Double.NaN, e.getClass().getSimpleName());
        }
    }
}
