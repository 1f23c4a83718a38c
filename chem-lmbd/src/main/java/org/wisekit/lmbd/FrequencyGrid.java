package org.wisekit.lmbd;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * A quadrature rule over imaginary frequency u in [0, infinity): points (hartree) and weights, so that
 * {@code sum_k w_k g(u_k)} approximates the integral of g.
 */
public final class FrequencyGrid {

    private final double[] points;
    private final double[] weights;
    private final String description;

    private FrequencyGrid(double[] points, double[] weights, String description) {
        this.points = points;
        this.weights = weights;
        this.description = description;
    }

    /**
     * libMBD's grid: {@code n}-point Gauss-Legendre on [-1, 1] mapped by u = L (1 + x) / (1 - x) with weights
     * 2 L w / (1 - x)^2 (L = 0.6 in libMBD), in ascending u, preceded by u = 0 with weight 0 (where the static
     * polarizability is evaluated).
     */
    public static FrequencyGrid gaussLegendre(int n, double scale) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(n, -1, 1);
        double[] u = new double[n + 1];
        double[] w = new double[n + 1];
        for (int k = 0; k < n; k++) {
            // Commons Math orders the points ascending in x, hence ascending in u.
            double x = rule.getPoint(k);
            u[k + 1] = scale * (1 + x) / (1 - x);
            w[k + 1] = 2 * scale * rule.getWeight(k) / ((1 - x) * (1 - x));
        }
        return new FrequencyGrid(u, w, "Gauss-Legendre, " + n + " points, L = " + scale + ", plus u = 0");
    }

    /** libMBD's default: {@link #gaussLegendre} with 15 points and L = 0.6. */
    public static FrequencyGrid libmbd() {
        return gaussLegendre(15, 0.6);
    }

    /**
     * TurboGAP's lMBD grid: u_k = k^2 omegaMax / (n - 1)^2 for k = 0..n-1, integrated by the trapezoid rule
     * (the integrand beyond omegaMax is dropped).
     */
    public static FrequencyGrid quadratic(int n, double omegaMax) {
        if (n < 2) {
            throw new IllegalArgumentException("n must be at least 2, got " + n);
        }
        if (!(omegaMax > 0) || Double.isInfinite(omegaMax)) {
            throw new IllegalArgumentException("omegaMax must be positive and finite, got " + omegaMax);
        }
        double[] u = new double[n];
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            u[k] = (double) k * k * omegaMax / ((double) (n - 1) * (n - 1));
        }
        for (int k = 0; k + 1 < n; k++) {
            double half = (u[k + 1] - u[k]) / 2;
            w[k] += half;
            w[k + 1] += half;
        }
        return new FrequencyGrid(u, w, "quadratic, " + n + " points to " + omegaMax + " Ha, trapezoid rule");
    }

    /** The number of points. */
    public int size() {
        return points.length;
    }

    public double point(int k) {
        return points[k];
    }

    public double weight(int k) {
        return weights[k];
    }

    @Override
    public String toString() {
        return description;
    }
}
