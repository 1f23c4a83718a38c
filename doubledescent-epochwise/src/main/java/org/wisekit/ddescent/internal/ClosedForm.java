package org.wisekit.ddescent.internal;

/**
 * The closed-form solution of {@code dz/dt = sqrt(gamma^2 + 4 eta^2 z^2) (sigma - lambda z)} for one mode,
 * with the constants that do not depend on t computed once (reconstructed; see the note's appendix).
 *
 * <p>With {@code u = asinh(2 eta z / gamma)}, {@code v = e^u}, {@code c = 2 eta sigma / (gamma lambda)},
 * {@code v+- = c +- sqrt(c^2 + 1)}, {@code r = sqrt(4 eta^2 sigma^2 + gamma^2 lambda^2)} and
 * {@code K = (v0 - v+) / (v0 - v-)}, the note gives {@code v(t) = (v+ - K v- e^{-rt}) / (1 - K e^{-rt})} and
 * {@code z = (gamma / 4 eta)(v - 1/v)}. This class evaluates the same function in a form free of cancellation:
 * with {@code A = e^{-rt}(1 - K)} and {@code B = 1 - e^{-rt}} (both {@code >= 0}),
 * {@code v = (v0 A + v+ B) / (A + B)}, {@code w = v - 1 = (w0 A + p B) / (A + B)} with {@code w0 = v0 - 1},
 * {@code p = v+ - 1} computed without subtraction, and {@code z = (gamma / 4 eta) w (1 + v) / v}.
 *
 * <p>gamma = 0 (or a gamma so small that the constants overflow, with z0 non-zero) uses the limit
 * {@code dz/dt = 2 eta |z| (sigma - lambda z)}: {@code z = z0 / (e^{-kt} + 2 eta lambda |z0| t phi(-kt))} with
 * {@code k = 2 eta sigma sign(z0)} and {@code phi(x) = (e^x - 1) / x}. Inputs are trusted (validated by the
 * public API). Not API.
 */
public final class ClosedForm {

    private final boolean zeroGamma;
    private final double scale;
    private final double r;
    private final double v0;
    private final double w0;
    private final double vPlus;
    private final double p;
    private final double oneMinusK;
    private final double k;
    private final double z0;
    private final double c0;

    private ClosedForm(boolean zeroGamma, double scale, double r, double v0, double w0, double vPlus, double p,
            double oneMinusK, double k, double z0, double c0) {
        this.zeroGamma = zeroGamma;
        this.scale = scale;
        this.r = r;
        this.v0 = v0;
        this.w0 = w0;
        this.vPlus = vPlus;
        this.p = p;
        this.oneMinusK = oneMinusK;
        this.k = k;
        this.z0 = z0;
        this.c0 = c0;
    }

    /**
     * Precomputes the constants of one mode.
     *
     * @param sigma singular value
     * @param lambda eigenvalue, {@code > 0}
     * @param z0 initial coefficient
     * @param gamma imbalance, {@code >= 0}; 0 requires {@code z0 != 0}
     * @param eta effective learning rate, {@code > 0}
     * @return the evaluator
     * @throws IllegalArgumentException when gamma is 0 (or too small to represent the constants) and z0 is 0
     */
    public static ClosedForm of(double sigma, double lambda, double z0, double gamma, double eta) {
        if (gamma > 0) {
            double c = 2 * eta * sigma / (gamma * lambda);
            double x0 = 2 * eta * z0 / gamma;
            double vPlus = expAsinh(c);
            double p = expAsinhMinusOne(c);
            double v0 = expAsinh(x0);
            double w0 = expAsinhMinusOne(x0);
            double r = Math.hypot(2 * eta * sigma, gamma * lambda);
            double scale = gamma / (4 * eta);
            double oneMinusK = (vPlus + 1 / vPlus) / (v0 + 1 / vPlus);
            if (Double.isFinite(c) && Double.isFinite(x0) && Double.isFinite(vPlus) && Double.isFinite(v0)
                    && vPlus > 0 && v0 > 0 && Double.isFinite(p) && Double.isFinite(w0) && scale > 0
                    && Double.isFinite(oneMinusK)) {
                return new ClosedForm(false, scale, r, v0, w0, vPlus, p, oneMinusK, 0, z0, 0);
            }
            if (z0 == 0) {
                throw new IllegalArgumentException("gamma = " + gamma
                        + " is too small to evaluate the closed form with z0 = 0; use a non-zero z0");
            }
        } else if (z0 == 0) {
            throw new IllegalArgumentException("z0 must be non-zero when gamma = 0 (z = 0 is a saddle: no"
                    + " learning), got z0 = " + z0);
        }
        double k = 2 * eta * sigma * Math.signum(z0);
        return new ClosedForm(true, 0, 0, 0, 0, 0, 0, 0, k, z0, 2 * eta * lambda * Math.abs(z0));
    }

    /**
     * The coefficient at time t.
     *
     * @param t time, {@code >= 0}
     * @return z(t)
     */
    public double at(double t) {
        if (zeroGamma) {
            double x = -k * t;
            double phi = x == 0 ? 1 : Math.expm1(x) / x;
            return z0 / (Math.exp(x) + c0 * t * phi);
        }
        double e = Math.exp(-r * t);
        double a = e * oneMinusK;
        double b = -Math.expm1(-r * t);
        double sum = a + b;
        double v = (v0 * a + vPlus * b) / sum;
        double w = (w0 * a + p * b) / sum;
        return scale * w * (1 + v) / v;
    }

    /** {@code e^{asinh x}} without cancellation. */
    static double expAsinh(double x) {
        double h = Math.hypot(x, 1);
        return x >= 0 ? x + h : 1 / (h - x);
    }

    /** {@code e^{asinh x} - 1} without cancellation. */
    static double expAsinhMinusOne(double x) {
        double h = Math.hypot(x, 1);
        double q = x * (x / (1 + h));
        return x >= 0 ? x + q : (x - q) / (h - x);
    }
}
