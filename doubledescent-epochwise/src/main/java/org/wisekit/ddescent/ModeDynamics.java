package org.wisekit.ddescent;

import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.wisekit.ddescent.internal.Checks;
import org.wisekit.ddescent.internal.ClosedForm;
import org.wisekit.ddescent.internal.Ode;

/**
 * Dynamics of the decoupled modes of a two-layer linear network under gradient flow:
 * {@code dz/dt = sqrt(gamma^2 + 4 eta^2 z^2) (sigma - lambda z)} (the paper's per-mode equation, as quoted by
 * the review), three ways that agree: the closed form, the adaptive ODE (Commons Math
 * {@code DormandPrince853Integrator}) in z, and the two-factor ODE in (a, b) with per-layer rates.
 *
 * <p><b>Reconstructed</b> (not stated in the available sources; derived in the note and verified here
 * numerically): the closed form {@link #z}, the factor identities {@link #gamma} and {@link #initialFactors},
 * and the gamma = 0 limit. gamma measures the initialisation imbalance (gamma to infinity: linear regression
 * with rate gamma, {@link #linearRegression}; gamma = 0: the diagonal "quadratic-weights" network); eta is
 * the effective learning rate, {@code eta^2 = eta_a eta_b}.
 *
 * <p>All methods are stateless and thread-safe. Bad input gets an {@link IllegalArgumentException} naming
 * the parameter and the value.
 */
public final class ModeDynamics {

    /** Relative tolerance of {@link #integrate(List, double, double, double[])}. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-12;

    /** Budget of right-hand-side evaluations per integration call. */
    static final int MAX_EVALUATIONS = 20_000_000;

    private ModeDynamics() {
    }

    /**
     * The closed-form coefficient z(t) (reconstructed, note appendix), evaluated without cancellation.
     * gamma = 0 is handled as its limit {@code dz/dt = 2 eta |z| (sigma - lambda z)} (a logistic curve),
     * which needs {@code z0 != 0}.
     *
     * @param t time, finite and {@code >= 0}
     * @param mode the mode (sigma, lambda, z0 are used)
     * @param gamma imbalance, finite and {@code >= 0}
     * @param eta effective learning rate, finite and {@code > 0}
     * @return z(t)
     * @throws IllegalArgumentException on a bad argument, or gamma = 0 with {@code mode.z0() == 0}
     */
    public static double z(double t, Mode mode, double gamma, double eta) {
        Checks.nonNegative("t", t);
        Objects.requireNonNull(mode, "mode");
        checkGammaEta(gamma, eta);
        return ClosedForm.of(mode.sigma(), mode.lambda(), mode.z0(), gamma, eta).at(t);
    }

    /**
     * The closed form for several modes on a list of times.
     *
     * @param modes the modes
     * @param gamma imbalance, {@code >= 0} (one value for every mode)
     * @param eta effective learning rate, {@code > 0}
     * @param times times {@code >= 0}, non-decreasing
     * @return {@code z[i][k]} for mode i at {@code times[k]}
     * @throws IllegalArgumentException on a bad argument
     */
    public static double[][] closedForm(List<Mode> modes, double gamma, double eta, double[] times) {
        List<Mode> ms = Checks.nonEmpty("modes", modes);
        checkGammaEta(gamma, eta);
        Checks.times("times", times);
        double[][] out = new double[ms.size()][times.length];
        for (int i = 0; i < ms.size(); i++) {
            Mode m = ms.get(i);
            ClosedForm cf;
            try {
                cf = ClosedForm.of(m.sigma(), m.lambda(), m.z0(), gamma, eta);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mode " + i + ": " + e.getMessage(), e);
            }
            double[] row = out[i];
            for (int k = 0; k < times.length; k++) {
                row[k] = cf.at(times[k]);
            }
        }
        return out;
    }

    /**
     * The linear-regression solution, the gamma to infinity limit of the closed form with time measured in
     * units of {@code 1 / gamma}: {@code z = (sigma / lambda)(1 - e^{-rate lambda t}) + z0 e^{-rate lambda t}}.
     *
     * @param t time, {@code >= 0}
     * @param mode the mode
     * @param rate learning rate of the one-layer model, finite and {@code > 0}
     * @return z(t)
     * @throws IllegalArgumentException on a bad argument
     */
    public static double linearRegression(double t, Mode mode, double rate) {
        Checks.nonNegative("t", t);
        Objects.requireNonNull(mode, "mode");
        Checks.positive("rate", rate);
        return lr(t, mode, rate);
    }

    /**
     * The linear-regression solution for several modes on a list of times.
     *
     * @param modes the modes
     * @param rate learning rate, {@code > 0}
     * @param times times {@code >= 0}, non-decreasing
     * @return {@code z[i][k]}
     * @throws IllegalArgumentException on a bad argument
     */
    public static double[][] linearRegression(List<Mode> modes, double rate, double[] times) {
        List<Mode> ms = Checks.nonEmpty("modes", modes);
        Checks.positive("rate", rate);
        Checks.times("times", times);
        double[][] out = new double[ms.size()][times.length];
        for (int i = 0; i < ms.size(); i++) {
            for (int k = 0; k < times.length; k++) {
                out[i][k] = lr(times[k], ms.get(i), rate);
            }
        }
        return out;
    }

    private static double lr(double t, Mode m, double rate) {
        double x = -rate * m.lambda() * t;
        return m.zInfinity() * -Math.expm1(x) + m.z0() * Math.exp(x);
    }

    /**
     * The fixed point of the flow, {@code sigma / lambda}, the same for every gamma and eta.
     *
     * @param mode the mode
     * @return {@code sigma / lambda}
     */
    public static double zInfinity(Mode mode) {
        return Objects.requireNonNull(mode, "mode").zInfinity();
    }

    /**
     * The right-hand side of the per-mode ODE, {@code sqrt(gamma^2 + 4 eta^2 z^2) (sigma - lambda z)}.
     *
     * @param z the coefficient
     * @param mode the mode (sigma and lambda are used)
     * @param gamma imbalance, {@code >= 0}
     * @param eta effective learning rate, {@code > 0}
     * @return dz/dt
     * @throws IllegalArgumentException on a bad argument
     */
    public static double derivative(double z, Mode mode, double gamma, double eta) {
        Checks.finite("z", z);
        Objects.requireNonNull(mode, "mode");
        checkGammaEta(gamma, eta);
        return rhs(z, mode.sigma(), mode.lambda(), gamma, eta);
    }

    private static double rhs(double z, double sigma, double lambda, double gamma, double eta) {
        return Math.hypot(gamma, 2 * eta * z) * (sigma - lambda * z);
    }

    /**
     * Integrates the per-mode ODE (all modes as one system) with {@code DormandPrince853Integrator} at
     * relative tolerance {@value #DEFAULT_RELATIVE_TOLERANCE}.
     *
     * @param modes the modes
     * @param gamma imbalance, {@code >= 0}
     * @param eta effective learning rate, {@code > 0}
     * @param times times {@code >= 0}, non-decreasing
     * @return {@code z[i][k]}
     * @throws IllegalArgumentException on a bad argument, gamma = 0 with a mode's z0 = 0, or a horizon too
     *     long for an explicit integrator (more than {@value #MAX_EVALUATIONS} evaluations)
     * @see #integrate(List, double, double, double[], double)
     */
    public static double[][] integrate(List<Mode> modes, double gamma, double eta, double[] times) {
        return integrate(modes, gamma, eta, times, DEFAULT_RELATIVE_TOLERANCE);
    }

    /**
     * Integrates the per-mode ODE at a given relative tolerance. The absolute tolerance of mode i is
     * {@code 0.01 relTol min(|z0|, |sigma / lambda|)} over the non-zero ones (1 when both are zero), so
     * that small coefficients (a small initialisation) keep {@code relTol}-level relative accuracy.
     * The integrator is explicit: the work grows with the horizon times the stiffest mode's rate
     * (about {@code lambda sqrt(gamma^2 + 4 eta^2 max(z0^2, (sigma / lambda)^2))}); a call whose estimate exceeds
     * {@value #MAX_EVALUATIONS} evaluations is refused at once (the fixtures' LR curves up to t = 1e8 need the
     * closed form).
     *
     * @param modes the modes
     * @param gamma imbalance, {@code >= 0}
     * @param eta effective learning rate, {@code > 0}
     * @param times times {@code >= 0}, non-decreasing
     * @param relTol relative tolerance, in {@code (0, 1)}
     * @return {@code z[i][k]}
     * @throws IllegalArgumentException on a bad argument (see {@link #integrate(List, double, double, double[])})
     */
    public static double[][] integrate(List<Mode> modes, double gamma, double eta, double[] times,
            double relTol) {
        List<Mode> ms = Checks.nonEmpty("modes", modes);
        checkGammaEta(gamma, eta);
        Checks.times("times", times);
        checkRelTol(relTol);
        int m = ms.size();
        double[] sigma = new double[m];
        double[] lambda = new double[m];
        double[] y0 = new double[m];
        double[] abs = new double[m];
        for (int i = 0; i < m; i++) {
            Mode md = ms.get(i);
            if (gamma == 0 && md.z0() == 0) {
                throw new IllegalArgumentException("mode " + i + ": z0 must be non-zero when gamma = 0 (z = 0 is"
                        + " a saddle: no learning), got z0 = " + md.z0());
            }
            sigma[i] = md.sigma();
            lambda[i] = md.lambda();
            y0[i] = md.z0();
            abs[i] = 0.01 * relTol * scale(md.z0(), md.zInfinity());
        }
        FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return m;
            }

            @Override
            public void computeDerivatives(double t, double[] y, double[] yDot) {
                for (int i = 0; i < m; i++) {
                    yDot[i] = rhs(y[i], sigma[i], lambda[i], gamma, eta);
                }
            }
        };
        // explicit-method cost: about 4 evaluations per unit of (horizon x stiffest rate)
        double horizon = times[times.length - 1];
        double work = 0;
        for (int i = 0; i < m; i++) {
            double zMax = Math.max(Math.abs(y0[i]), Math.abs(sigma[i] / lambda[i]));
            work = Math.max(work, 4 * horizon * lambda[i] * Math.hypot(gamma, 2 * eta * zMax));
        }
        if (work > MAX_EVALUATIONS) {
            throw new IllegalArgumentException("times: the horizon t = " + horizon + " times the stiffest mode's"
                    + " rate needs about " + String.format("%.3g", work) + " evaluations of an explicit integrator"
                    + " (limit " + MAX_EVALUATIONS + "); use a shorter horizon or the closed form");
        }
        double[][] states = Ode.integrate(ode, y0, times, abs, relTol, MAX_EVALUATIONS);
        return transpose(states, m);
    }

    /**
     * The imbalance of a factorised mode {@code z = a b} with per-layer rates (reconstructed, note 2.2):
     * {@code a^2 / eta_a - b^2 / eta_b} is conserved by the flow, and
     * {@code gamma = eta_a eta_b |a0^2 / eta_a - b0^2 / eta_b|}, {@code eta = sqrt(eta_a eta_b)}.
     *
     * @param a0 initial first-layer factor, finite
     * @param b0 initial second-layer factor, finite
     * @param etaA first-layer rate, {@code > 0}
     * @param etaB second-layer rate, {@code > 0}
     * @return gamma
     * @throws IllegalArgumentException on a bad argument
     */
    public static double gamma(double a0, double b0, double etaA, double etaB) {
        Checks.finite("a0", a0);
        Checks.finite("b0", b0);
        Checks.positive("etaA", etaA);
        Checks.positive("etaB", etaB);
        return Math.abs(etaB * a0 * a0 - etaA * b0 * b0);
    }

    /**
     * Initial factors {@code (a0, b0)} with {@code a0 b0 = z0} and imbalance {@link #gamma} equal to the given
     * gamma, the first layer the larger one ({@code a0^2 / eta_a >= b0^2 / eta_b}, {@code a0 >= 0}).
     *
     * @param z0 initial coefficient
     * @param gamma imbalance, {@code >= 0}; gamma = 0 needs {@code z0 != 0}
     * @param etaA first-layer rate, {@code > 0}
     * @param etaB second-layer rate, {@code > 0}
     * @return {@code {a0, b0}}
     * @throws IllegalArgumentException on a bad argument
     */
    public static double[] initialFactors(double z0, double gamma, double etaA, double etaB) {
        Checks.finite("z0", z0);
        Checks.nonNegative("gamma", gamma);
        Checks.positive("etaA", etaA);
        Checks.positive("etaB", etaB);
        if (gamma == 0 && z0 == 0) {
            throw new IllegalArgumentException("z0 must be non-zero when gamma = 0, got z0 = " + z0);
        }
        double prod = etaA * etaB;
        double g = gamma / prod;
        // A = a^2/eta_a, B = b^2/eta_b: A - B = g, A B = z0^2 / prod.
        double bigA = 0.5 * (g + Math.hypot(g, 2 * Math.abs(z0) / Math.sqrt(prod)));
        double a = Math.sqrt(etaA * bigA);
        double b = a == 0 ? 0 : z0 / a;
        return new double[] {a, b};
    }

    /**
     * The two-factor trajectories of {@link #integrateFactors}. The arrays are not copied.
     *
     * @param times the times
     * @param a {@code a[i][k]}, first-layer factor of mode i at {@code times[k]}
     * @param b {@code b[i][k]}, second-layer factor
     */
    public record Factors(double[] times, double[][] a, double[][] b) {

        /**
         * Checks the shapes.
         *
         * @throws IllegalArgumentException when the shapes do not match
         */
        public Factors {
            Objects.requireNonNull(times, "times");
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
            Checks.sameLength("a", a.length, "b", b.length);
        }

        /**
         * The end-to-end coefficient {@code z = a b}.
         *
         * @param mode mode index
         * @param k time index
         * @return {@code a[mode][k] * b[mode][k]}
         */
        public double z(int mode, int k) {
            return a[mode][k] * b[mode][k];
        }
    }

    /**
     * Integrates the two-factor form {@code da/dt = eta_a b (sigma - lambda a b)},
     * {@code db/dt = eta_b a (sigma - lambda a b)} per mode with {@code DormandPrince853Integrator} at relative
     * tolerance {@value #DEFAULT_RELATIVE_TOLERANCE}. The modes' {@code z0} is not used: the initial
     * coefficient of mode i is {@code a0[i] * b0[i]}.
     *
     * @param modes the modes (sigma and lambda are used)
     * @param a0 initial first-layer factors, one per mode
     * @param b0 initial second-layer factors, one per mode
     * @param etaA first-layer rate, {@code > 0}
     * @param etaB second-layer rate, {@code > 0}
     * @param times times {@code >= 0}, non-decreasing
     * @return the factor trajectories
     * @throws IllegalArgumentException on a bad argument or lengths that differ
     */
    public static Factors integrateFactors(List<Mode> modes, double[] a0, double[] b0, double etaA, double etaB,
            double[] times) {
        List<Mode> ms = Checks.nonEmpty("modes", modes);
        Checks.finite("a0", a0);
        Checks.finite("b0", b0);
        Checks.sameLength("modes", ms.size(), "a0", a0.length);
        Checks.sameLength("modes", ms.size(), "b0", b0.length);
        Checks.positive("etaA", etaA);
        Checks.positive("etaB", etaB);
        Checks.times("times", times);
        int m = ms.size();
        double[] sigma = new double[m];
        double[] lambda = new double[m];
        double[] y0 = new double[2 * m];
        double[] abs = new double[2 * m];
        for (int i = 0; i < m; i++) {
            sigma[i] = ms.get(i).sigma();
            lambda[i] = ms.get(i).lambda();
            y0[2 * i] = a0[i];
            y0[2 * i + 1] = b0[i];
            double s = scale(scale(a0[i], b0[i]), Math.sqrt(Math.abs(ms.get(i).zInfinity())));
            abs[2 * i] = 0.01 * DEFAULT_RELATIVE_TOLERANCE * s;
            abs[2 * i + 1] = abs[2 * i];
        }
        FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return 2 * m;
            }

            @Override
            public void computeDerivatives(double t, double[] y, double[] yDot) {
                for (int i = 0; i < m; i++) {
                    double a = y[2 * i];
                    double b = y[2 * i + 1];
                    double res = sigma[i] - lambda[i] * a * b;
                    yDot[2 * i] = etaA * b * res;
                    yDot[2 * i + 1] = etaB * a * res;
                }
            }
        };
        double[][] states = Ode.integrate(ode, y0, times, abs, DEFAULT_RELATIVE_TOLERANCE, MAX_EVALUATIONS);
        double[][] a = new double[m][times.length];
        double[][] b = new double[m][times.length];
        for (int k = 0; k < times.length; k++) {
            for (int i = 0; i < m; i++) {
                a[i][k] = states[k][2 * i];
                b[i][k] = states[k][2 * i + 1];
            }
        }
        return new Factors(times.clone(), a, b);
    }

    static void checkGammaEta(double gamma, double eta) {
        Checks.nonNegative("gamma", gamma);
        Checks.positive("eta", eta);
    }

    static void checkRelTol(double relTol) {
        if (!(relTol > 0 && relTol < 1)) {
            throw new IllegalArgumentException("relTol must be in (0, 1), got " + relTol);
        }
    }

    /** min(|x|, |y|) over the non-zero ones; 1 when both are zero. */
    private static double scale(double x, double y) {
        double ax = Math.abs(x);
        double ay = Math.abs(y);
        if (ax == 0) {
            return ay == 0 ? 1 : ay;
        }
        return ay == 0 ? ax : Math.min(ax, ay);
    }

    private static double[][] transpose(double[][] states, int m) {
        double[][] out = new double[m][states.length];
        for (int k = 0; k < states.length; k++) {
            for (int i = 0; i < m; i++) {
                out[i][k] = states[k][i];
            }
        }
        return out;
    }
}
