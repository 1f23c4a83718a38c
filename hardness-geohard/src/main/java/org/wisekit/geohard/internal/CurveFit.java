package org.wisekit.geohard.internal;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * UMAP's low-dimensional similarity curve {@code 1 / (1 + a x^(2b))}, fitted as umap-learn 0.5's
 * {@code find_ab_params} does: least squares against the offset exponential {@code 1} for
 * {@code x < min_dist} and {@code exp(-(x - min_dist) / spread)} beyond, on 300 evenly spaced points of
 * {@code [0, 3 spread]}, by Levenberg-Marquardt (Commons Math's port of MINPACK, as scipy's {@code curve_fit}
 * uses) from {@code a = b = 1}. For min_dist 0.1 and spread 1 this gives umap-learn's a = 1.5769, b = 0.8951.
 */
public final class CurveFit {

    private static final int POINTS = 300;

    private CurveFit() {
    }

    /** {@code {a, b}} for the given spread ({@code > 0}) and min_dist ({@code >= 0}). */
    public static double[] ab(double spread, double minDist) {
        double[] x = new double[POINTS];
        double[] y = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            // numpy.linspace(0, 3 spread, 300)
            x[i] = i == POINTS - 1 ? 3 * spread : i * (3 * spread / (POINTS - 1));
            y[i] = x[i] < minDist ? 1.0 : Math.exp(-(x[i] - minDist) / spread);
        }
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .start(new double[] {1.0, 1.0})
                .target(y)
                .model(point -> model(point, x))
                .maxEvaluations(10_000)
                .maxIterations(10_000)
                .build());
        double[] p = optimum.getPoint().toArray();
        return new double[] {p[0], p[1]};
    }

    /** The curve's values and Jacobian at parameters {@code (a, b)}. */
    private static Pair<RealVector, org.apache.commons.math3.linear.RealMatrix> model(RealVector point, double[] x) {
        double a = point.getEntry(0);
        double b = point.getEntry(1);
        double[] value = new double[x.length];
        double[][] jacobian = new double[x.length][2];
        for (int i = 0; i < x.length; i++) {
            double p = Math.pow(x[i], 2 * b);
            double denom = 1 + a * p;
            value[i] = 1 / denom;
            double dp = x[i] > 0 ? 2 * Math.log(x[i]) * p : 0;
            jacobian[i][0] = -p / (denom * denom);
            jacobian[i][1] = -a * dp / (denom * denom);
        }
        return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
    }
}
