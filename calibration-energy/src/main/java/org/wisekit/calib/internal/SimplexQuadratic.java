package org.wisekit.calib.internal;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Exact minimiser of a convex quadratic {@code f(w) = w' G w - 2 b' w} over the probability simplex
 * {@code w >= 0, sum w = 1}, for a handful of weights (ETS has three).
 *
 * <p>Every face of the simplex is a subset S of the coordinates; on its affine hull the minimiser solves
 * the KKT system {@code [2 G_SS, 1; 1', 0] [w_S; lambda] = [2 b_S; 1]}. The global minimum of a convex
 * function over the simplex is such a stationary point of some face with {@code w_S >= 0}, so the best of
 * the feasible candidates is exact. The cost is 2^d small solves; fine for d <= 10.
 */
public final class SimplexQuadratic {

    private static final double SINGULARITY = 1e-14;
    private static final double FEASIBILITY = 1e-12;

    private SimplexQuadratic() {
    }

    /** The minimising weights. {@code g} is symmetric positive semi-definite, d x d with d >= 1. */
    public static double[] minimise(double[][] g, double[] b) {
        int d = b.length;
        if (d < 1 || d > 10 || g.length != d) {
            throw new IllegalArgumentException("need 1 <= d <= 10 weights and a d x d matrix, got d = " + d);
        }
        double[] best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int subset = 1; subset < (1 << d); subset++) {
            double[] w = faceMinimiser(g, b, subset);
            if (w != null) {
                double value = value(g, b, w);
                if (value < bestValue) {
                    bestValue = value;
                    best = w;
                }
            }
        }
        return best;
    }

    /** {@code w' G w - 2 b' w}. */
    public static double value(double[][] g, double[] b, double[] w) {
        double v = 0;
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w.length; j++) {
                v += w[i] * g[i][j] * w[j];
            }
            v -= 2 * b[i] * w[i];
        }
        return v;
    }

    /** The stationary point on the face {@code subset}, or null when it is singular or infeasible. */
    private static double[] faceMinimiser(double[][] g, double[] b, int subset) {
        int[] face = new int[Integer.bitCount(subset)];
        for (int i = 0, n = 0; i < b.length; i++) {
            if ((subset & (1 << i)) != 0) {
                face[n++] = i;
            }
        }
        int m = face.length;
        double[] w = new double[b.length];
        if (m == 1) {
            w[face[0]] = 1;
            return w;
        }
        RealMatrix kkt = new Array2DRowRealMatrix(m + 1, m + 1);
        ArrayRealVector rhs = new ArrayRealVector(m + 1);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                kkt.setEntry(i, j, 2 * g[face[i]][face[j]]);
            }
            kkt.setEntry(i, m, 1);
            kkt.setEntry(m, i, 1);
            rhs.setEntry(i, 2 * b[face[i]]);
        }
        rhs.setEntry(m, 1);
        DecompositionSolver solver = new LUDecomposition(kkt, SINGULARITY).getSolver();
        if (!solver.isNonSingular()) {
            return null;
        }
        double[] solution = solver.solve(rhs).toArray();
        double sum = 0;
        for (int i = 0; i < m; i++) {
            if (solution[i] < -FEASIBILITY) {
                return null;
            }
            w[face[i]] = Math.max(0, solution[i]);
            sum += w[face[i]];
        }
        for (int i = 0; i < m; i++) {
            w[face[i]] /= sum;
        }
        return w;
    }
}
