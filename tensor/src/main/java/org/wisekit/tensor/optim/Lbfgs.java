package org.wisekit.tensor.optim;

import java.util.Arrays;

/**
 * Limited-memory BFGS (Nocedal and Wright, <i>Numerical Optimization</i>, Algorithm 7.4 with the two-loop
 * recursion 7.5) with a backtracking Armijo line search, for smooth unconstrained minimisation with an
 * analytic gradient.
 *
 * <p>Deterministic: no randomness, a fixed memory of {@value #MEMORY} correction pairs. A pair whose
 * curvature {@code s.y} is not positive is skipped, which keeps the inverse-Hessian approximation positive
 * definite without a Wolfe line search. The first search direction is {@code -g} shortened to length
 * {@code min(|g|, 1)}; later ones are quasi-Newton directions, and every line search tries the full quasi-Newton step first and halve it until the Armijo condition
 * {@code f(x + t d) <= f(x) + 1e-4 t g.d} holds (at most 60 halvings).
 *
 * <p>Stopping rules, checked in this order: the largest gradient entry is at most the tolerance
 * (converged); no step along the search direction lowers f (stopped; converged only if the gradient test
 * holds); an iteration lowers f by less than {@link #RELATIVE_DECREASE}{@code  * max(1, |f|)} (converged:
 * at the minimum to rounding); the iteration limit (converged only if the gradient test holds).
 *
 * <pre>{@code
 * Lbfgs.Result r = Lbfgs.minimise((x, g) -> {          // f(x) = (x0 - 3)^2 + (x1 + 1)^2
 *     g[0] = 2 * (x[0] - 3);
 *     g[1] = 2 * (x[1] + 1);
 *     return (x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1);
 * }, new double[2], 100, 1e-10, Lbfgs.Listener.NONE);
 * // r.point() is {3, -1}
 * }</pre>
 *
 * <p>Cost per iteration: one or more objective evaluations plus O({@value #MEMORY} n) vector work; memory
 * O({@value #MEMORY} n). Stateless: each call allocates its own work arrays and calls the objective from the
 * caller's thread, so concurrent calls are safe when their objectives are.
 */
public final class Lbfgs {

    /** Correction pairs kept. */
    public static final int MEMORY = 10;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 60;
    /** Stop (converged) when an iteration lowers f by less than this, relative to {@code max(1, |f|)}. */
    public static final double RELATIVE_DECREASE = 1e-15;

    private Lbfgs() {
    }

    /** A differentiable objective. */
    @FunctionalInterface
    public interface Objective {
        /**
         * Returns f(x) and writes the gradient of f at x into {@code gradient} (same length as {@code x};
         * every entry must be written). The method must not keep or modify {@code x}.
         *
         * @param x        the point (read only)
         * @param gradient receives the gradient at {@code x}
         * @return f(x)
         */
        double valueAndGradient(double[] x, double[] gradient);
    }

    /** Called after every iteration with its number (from 1) and the objective value. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Called once per accepted step.
         *
         * @param iteration the iteration number, from 1
         * @param value     f at the new iterate
         */
        void iteration(int iteration, double value);

        /** Ignores every call. */
        Listener NONE = (i, v) -> { };
    }

    /**
     * The result.
     *
     * @param point      the last iterate
     * @param value      f there
     * @param iterations iterations done
     * @param converged  whether the largest gradient entry fell to the tolerance or an iteration lowered f
     *                   by less than {@code 1e-15 max(1, |f|)} (else: the iteration limit or a line search
     *                   that could not decrease f stopped it)
     */
    public record Result(double[] point, double value, int iterations, boolean converged) {
    }

    /**
     * Minimises {@code f} from {@code start} until {@code max_i |grad_i| <= gradientTolerance}, an iteration
     * lowers f by less than {@code 1e-15 max(1, |f|)}, no step decreases f, or {@code maxIterations}
     * iterations.
     *
     * @param f                 the objective with its analytic gradient
     * @param start             the starting point (not modified; at least one entry, all finite)
     * @param maxIterations     the iteration limit, at least 0
     * @param gradientTolerance stop when every gradient entry is at most this in absolute value; at least 0
     * @param listener          told about every iteration ({@link Listener#NONE} for none)
     * @return the last iterate, its value, the iterations done and whether a convergence test held
     * @throws IllegalArgumentException naming the parameter and its value when an argument is out of range
     */
    public static Result minimise(Objective f, double[] start, int maxIterations, double gradientTolerance,
                                  Listener listener) {
        if (f == null) {
            throw new IllegalArgumentException("f: null");
        }
        if (start == null || start.length == 0) {
            throw new IllegalArgumentException("start: " + (start == null ? "null" : "empty"));
        }
        for (int i = 0; i < start.length; i++) {
            if (!Double.isFinite(start[i])) {
                throw new IllegalArgumentException("start[" + i + "]: " + start[i] + " (must be finite)");
            }
        }
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations: " + maxIterations + " (must be >= 0)");
        }
        if (!(gradientTolerance >= 0)) {
            throw new IllegalArgumentException("gradientTolerance: " + gradientTolerance + " (must be >= 0)");
        }
        if (listener == null) {
            throw new IllegalArgumentException("listener: null (use Listener.NONE)");
        }
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double value = f.valueAndGradient(x, g);
        double[][] s = new double[MEMORY][n];
        double[][] y = new double[MEMORY][n];
        double[] rho = new double[MEMORY];
        double[] alpha = new double[MEMORY];
        int stored = 0;
        int newest = -1;
        double[] direction = new double[n];
        double[] trial = new double[n];
        double[] trialGradient = new double[n];
        double[] sNew = new double[n];
        double[] yNew = new double[n];
        int iteration = 0;
        while (iteration < maxIterations) {
            if (maxAbs(g) <= gradientTolerance) {
                return new Result(x, value, iteration, true);
            }
            // two-loop recursion: direction = -H g
            for (int i = 0; i < n; i++) {
                direction[i] = -g[i];
            }
            for (int j = 0; j < stored; j++) {
                int m = Math.floorMod(newest - j, MEMORY);
                alpha[m] = rho[m] * dot(s[m], direction);
                axpy(-alpha[m], y[m], direction);
            }
            double gamma = stored == 0 ? Math.min(1.0, 1.0 / Math.sqrt(dot(g, g))) : 1.0 / (rho[newest] * dot(y[newest], y[newest]));
            for (int i = 0; i < n; i++) {
                direction[i] *= gamma;
            }
            for (int j = stored - 1; j >= 0; j--) {
                int m = Math.floorMod(newest - j, MEMORY);
                double beta = rho[m] * dot(y[m], direction);
                axpy(alpha[m] - beta, s[m], direction);
            }
            double slope = dot(g, direction);
            if (!(slope < 0)) {                      // not a descent direction: restart from steepest descent
                stored = 0;
                double scale = 1.0 / Math.sqrt(dot(g, g));
                for (int i = 0; i < n; i++) {
                    direction[i] = -g[i] * scale;
                }
                slope = dot(g, direction);
            }
            double step = 1.0;
            double trialValue = Double.NaN;
            boolean accepted = false;
            for (int h = 0; h < MAX_HALVINGS; h++) {
                for (int i = 0; i < n; i++) {
                    trial[i] = x[i] + step * direction[i];
                }
                trialValue = f.valueAndGradient(trial, trialGradient);
                if (trialValue <= value + ARMIJO * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                return new Result(x, value, iteration, maxAbs(g) <= gradientTolerance);
            }
            iteration++;
            double sy = 0;
            for (int i = 0; i < n; i++) {
                sNew[i] = trial[i] - x[i];
                yNew[i] = trialGradient[i] - g[i];
                sy += sNew[i] * yNew[i];
            }
            if (sy > 1e-300 && Double.isFinite(sy)) {
                int m = (newest + 1) % MEMORY;
                System.arraycopy(sNew, 0, s[m], 0, n);
                System.arraycopy(yNew, 0, y[m], 0, n);
                rho[m] = 1.0 / sy;
                newest = m;
                stored = Math.min(stored + 1, MEMORY);
            }
            double previous = value;
            System.arraycopy(trial, 0, x, 0, n);
            System.arraycopy(trialGradient, 0, g, 0, n);
            value = trialValue;
            listener.iteration(iteration, value);
            if (previous - value <= RELATIVE_DECREASE * Math.max(1, Math.abs(value))) {
                return new Result(x, value, iteration, true);   // f no longer decreases: at the minimum to rounding
            }
        }
        return new Result(Arrays.copyOf(x, n), value, iteration, maxAbs(g) <= gradientTolerance);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double d : v) {
            max = Math.max(max, Math.abs(d));
        }
        return max;
    }
}
