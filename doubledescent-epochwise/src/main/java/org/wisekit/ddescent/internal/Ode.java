package org.wisekit.ddescent.internal;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;

/**
 * Integrates an ODE from t = 0 to each requested time with Commons Math's adaptive
 * {@link DormandPrince853Integrator}, restarting at every requested time so that the returned states are
 * integrator steps, not interpolations. Not API.
 */
public final class Ode {

    /** Step cap times the stiffness bound: well inside DormandPrince853's real stability interval. */
    static final double STABLE_STEP = 3.0;

    /** Capped steps between re-evaluations of the stiffness bound. */
    static final double CHUNK_STEPS = 200;

    private Ode() {
    }

    /**
     * States at the requested times.
     *
     * @param ode the system
     * @param y0 the state at t = 0
     * @param times non-decreasing times {@code >= 0} (validated by the caller)
     * @param absTol absolute tolerance per component
     * @param relTol relative tolerance (every component)
     * @param maxEvaluations budget of right-hand-side evaluations for the whole call
     * @return {@code out[k]} = state at {@code times[k]}
     * @throws IllegalArgumentException naming {@code times} when the budget is exhausted (a horizon too long
     *     for an explicit integrator on a stiff mode)
     */
    public static double[][] integrate(FirstOrderDifferentialEquations ode, double[] y0, double[] times,
            double[] absTol, double relTol, int maxEvaluations) {
        return integrate(ode, y0, times, absTol, relTol, maxEvaluations, null);
    }

    /**
     * States at the requested times, with the step size capped by a stiffness bound. Components that the
     * error control does not see (tiny components that should decay, such as the off-diagonal blocks of a
     * decoupled gradient flow) are amplified by an explicit method whose step sits at its stability limit;
     * capping the step at {@code STABLE_STEP / rho(y)}, with {@code rho(y)} an upper bound on the spectral radius
     * of the Jacobian, keeps every decaying direction decaying. The bound is re-evaluated every
     * {@code CHUNK_STEPS} capped steps.
     *
     * @param ode the system
     * @param y0 the state at t = 0
     * @param times non-decreasing times {@code >= 0}
     * @param absTol absolute tolerance per component
     * @param relTol relative tolerance
     * @param maxEvaluations budget of right-hand-side evaluations for the whole call
     * @param stiffness an upper bound on the Jacobian's spectral radius at a state, or null for no cap
     * @return {@code out[k]} = state at {@code times[k]}
     */
    public static double[][] integrate(FirstOrderDifferentialEquations ode, double[] y0, double[] times,
            double[] absTol, double relTol, int maxEvaluations, ToDoubleFunction<double[]> stiffness) {
        int dim = y0.length;
        double[] rel = new double[dim];
        java.util.Arrays.fill(rel, relTol);
        double horizon = Math.max(times[times.length - 1], Double.MIN_NORMAL);
        double[][] out = new double[times.length][];
        double[] y = y0.clone();
        double t = 0;
        int used = 0;
        for (int k = 0; k < times.length; k++) {
            double target = times[k];
            double dt = target - t;
            if (dt > 0) {
                double threshold = 2000 * Math.ulp(Math.max(Math.abs(t), Math.abs(target)));
                if (dt <= threshold) {
                    rk4(ode, t, y, dt);
                } else {
                    double from = t;
                    while (from < target) {
                        double maxStep = horizon;
                        double to = target;
                        if (stiffness != null) {
                            double rho = stiffness.applyAsDouble(y);
                            if (rho > 0 && Double.isFinite(rho)) {
                                maxStep = STABLE_STEP / rho;
                                to = Math.min(target, from + CHUNK_STEPS * maxStep);
                                if (target - to <= 2000 * Math.ulp(target)) {
                                    to = target;
                                }
                            }
                        }
                        if (to - from <= 2000 * Math.ulp(Math.max(Math.abs(from), Math.abs(to)))) {
                            rk4(ode, from, y, to - from);
                            from = to;
                            continue;
                        }
                        DormandPrince853Integrator integrator = new DormandPrince853Integrator(0, maxStep, absTol,
                                rel);
                        integrator.setMaxEvaluations(maxEvaluations - used);
                        try {
                            integrator.integrate(ode, from, y, to, y);
                        } catch (MaxCountExceededException e) {
                            throw new IllegalArgumentException("times: integrating to t = " + target + " needs more"
                                    + " than " + maxEvaluations + " right-hand-side evaluations (the fastest rate"
                                    + " times the horizon is too large for an explicit integrator); use a shorter"
                                    + " horizon or the closed form", e);
                        }
                        used += integrator.getEvaluations();
                        from = to;
                    }
                }
                t = target;
            }
            out[k] = y.clone();
        }
        return out;
    }

    /** One classical Runge-Kutta step, for intervals too short for the adaptive integrator. */
    private static void rk4(FirstOrderDifferentialEquations ode, double t, double[] y, double h) {
        int n = y.length;
        double[] k1 = new double[n];
        double[] k2 = new double[n];
        double[] k3 = new double[n];
        double[] k4 = new double[n];
        double[] tmp = new double[n];
        ode.computeDerivatives(t, y, k1);
        for (int i = 0; i < n; i++) {
            tmp[i] = y[i] + 0.5 * h * k1[i];
        }
        ode.computeDerivatives(t + 0.5 * h, tmp, k2);
        for (int i = 0; i < n; i++) {
            tmp[i] = y[i] + 0.5 * h * k2[i];
        }
        ode.computeDerivatives(t + 0.5 * h, tmp, k3);
        for (int i = 0; i < n; i++) {
            tmp[i] = y[i] + h * k3[i];
        }
        ode.computeDerivatives(t + h, tmp, k4);
        for (int i = 0; i < n; i++) {
            y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
    }
}
