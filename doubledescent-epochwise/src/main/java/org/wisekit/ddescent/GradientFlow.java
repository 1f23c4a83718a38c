package org.wisekit.ddescent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.wisekit.ddescent.internal.Checks;
import org.wisekit.ddescent.internal.Dense;
import org.wisekit.ddescent.internal.Ode;

/**
 * Gradient flow of the full matrices with per-layer rates,
 * {@code dW1/dt = eta_a W2^T (Sigma_yx - W Sigma_xx)}, {@code dW2/dt = eta_b (Sigma_yx - W Sigma_xx) W1^T}
 * (the paper's dynamics), integrated on the flattened (W1, W2) with Commons Math
 * {@code DormandPrince853Integrator}. From a decoupled initialisation on aligned data each mode follows the
 * scalar dynamics of {@link ModeDynamics} with {@code gamma = |eta_b a0^2 - eta_a b0^2|} and
 * {@code eta = sqrt(eta_a eta_b)}.
 */
public final class GradientFlow {

    /** Relative tolerance of {@link #integrate(LinearNet, RegressionData, double, double, double[])}. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-12;

    /** Budget of right-hand-side evaluations per call. */
    static final int MAX_EVALUATIONS = 5_000_000;

    private GradientFlow() {
    }

    /**
     * Integrates at relative tolerance {@value #DEFAULT_RELATIVE_TOLERANCE}.
     *
     * @param init the network at t = 0
     * @param data the training set (shapes must match)
     * @param etaA first-layer rate, {@code > 0}
     * @param etaB second-layer rate, {@code > 0}
     * @param times times {@code >= 0}, non-decreasing
     * @return the snapshots at the times
     * @throws IllegalArgumentException on a bad argument, or a horizon needing more than
     *     {@value #MAX_EVALUATIONS} evaluations
     */
    public static Trajectory integrate(LinearNet init, RegressionData data, double etaA, double etaB,
            double[] times) {
        return integrate(init, data, etaA, etaB, times, DEFAULT_RELATIVE_TOLERANCE);
    }

    /**
     * Integrates at a given relative tolerance; the absolute tolerance is {@code 1e-3 relTol} times the largest
     * initial weight magnitude (1 for an all-zero network). The step is also capped at {@code 3 / rho} with
     * {@code rho = max(eta_a, eta_b)(2 ||G|| + ||Sigma_xx|| (||W1|| + ||W2||)^2)} (spectral norms, an upper
     * bound on the Jacobian's spectral radius, re-evaluated every 200 capped steps), so that directions the error
     * control does not see, such as the off-diagonal blocks of a decoupled run, keep decaying instead of being
     * amplified by steps at the explicit method's stability limit.
     *
     * @param init the network at t = 0
     * @param data the training set (shapes must match)
     * @param etaA first-layer rate, {@code > 0}
     * @param etaB second-layer rate, {@code > 0}
     * @param times times {@code >= 0}, non-decreasing
     * @param relTol relative tolerance, in {@code (0, 1)}
     * @return the snapshots at the times
     * @throws IllegalArgumentException on a bad argument
     */
    public static Trajectory integrate(LinearNet init, RegressionData data, double etaA, double etaB,
            double[] times, double relTol) {
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(data, "data");
        data.requireShape(init);
        Checks.positive("etaA", etaA);
        Checks.positive("etaB", etaB);
        Checks.times("times", times);
        ModeDynamics.checkRelTol(relTol);
        int h = init.hidden();
        int dx = init.inputs();
        int dy = init.outputs();
        int n1 = h * dx;
        int n2 = dy * h;
        double[] sxx = data.sxx();
        double[] syx = data.syx();
        double[] y0 = init.parameters();
        double max = 0;
        for (double v : y0) {
            max = Math.max(max, Math.abs(v));
        }
        double[] abs = new double[y0.length];
        java.util.Arrays.fill(abs, 1e-3 * relTol * (max == 0 ? 1 : max));
        FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
            private final double[] w1 = new double[n1];
            private final double[] w2 = new double[n2];
            private final double[] p = new double[dy * dx];
            private final double[] g = new double[dy * dx];
            private final double[] d1 = new double[n1];
            private final double[] d2 = new double[n2];
            private final double[] w1t = new double[dx * h];

            @Override
            public int getDimension() {
                return n1 + n2;
            }

            @Override
            public void computeDerivatives(double t, double[] y, double[] yDot) {
                System.arraycopy(y, 0, w1, 0, n1);
                System.arraycopy(y, n1, w2, 0, n2);
                Dense.velocity(w1, w2, sxx, syx, h, dx, dy, etaA, etaB, p, g, d1, d2, w1t);
                System.arraycopy(d1, 0, yDot, 0, n1);
                System.arraycopy(d2, 0, yDot, n1, n2);
            }
        };
        double sxxNorm = Dense.spectralNorm(sxx, dx, dx);
        double etaMax = Math.max(etaA, etaB);
        double[] pp = new double[dy * dx];
        double[] gg = new double[dy * dx];
        double[] dd1 = new double[n1];
        double[] dd2 = new double[n2];
        double[] ww1 = new double[n1];
        double[] ww2 = new double[n2];
        // ||J|| <= max(eta_a, eta_b) (2 ||G|| + ||Sigma_xx|| (||W1|| + ||W2||)^2), spectral norms
        java.util.function.ToDoubleFunction<double[]> stiffness = y -> {
            System.arraycopy(y, 0, ww1, 0, n1);
            System.arraycopy(y, n1, ww2, 0, n2);
            Dense.velocity(ww1, ww2, sxx, syx, h, dx, dy, 1, 1, pp, gg, dd1, dd2);
            double a = Dense.spectralNorm(ww1, h, dx);
            double b = Dense.spectralNorm(ww2, dy, h);
            return etaMax * (2 * Dense.spectralNorm(gg, dy, dx) + sxxNorm * (a + b) * (a + b));
        };
        double[][] states = Ode.integrate(ode, y0, times, abs, relTol, MAX_EVALUATIONS, stiffness);
        List<LinearNet> nets = new ArrayList<>(states.length);
        for (double[] s : states) {
            nets.add(LinearNet.fromFlat(h, dx, dy, s));
        }
        return new Trajectory(times, nets);
    }

}
