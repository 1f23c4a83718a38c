package org.wisekit.lmbd.internal;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Polynomials {@code sum_k c_k x^k} (monomial coefficients {@code c_0..c_p}) that approximate {@code ln(1 - x)}
 * on an interval inside {@code x < 1}: lMBD's trace of {@code ln(1 - AT)} as {@code sum_k c_k tr(AT^k)}.
 * Either the Taylor series {@code c_k = -1/k} or, as TurboGAP's {@code vdw.f90} does, a least-squares fit on
 * {@value #FIT_POINTS} equally spaced points of the spectral range.
 *
 * <p>The fit is solved by Householder QR in the Chebyshev basis of the interval mapped to {@code [-1, 1]} (well
 * conditioned at any order), then converted to monomial coefficients, the form lMBD evaluates with matrix powers.
 * That conversion is where accuracy goes: on intervals around 0 the coefficients stay near {@code -1/k} (maximum
 * fit error 2e-8 on {@code [-0.5, 0.5]} at order 12, 9e-11 at order 16), but on an interval away from 0 they grow
 * fast ({@code |c_k|} about 1e10 at order 20 on {@code [0.2, 0.9]}) and rounding in the monomial sum ruins orders
 * beyond about 20 there. Orders above {@value #MAX_ORDER} are refused.
 */
public final class LogPolynomial {

    /** Sample points of the least-squares fit, endpoints included (TurboGAP's choice). */
    public static final int FIT_POINTS = 1001;

    /** Highest order {@link #leastSquares} accepts; on intervals away from 0 the monomial form fails well before. */
    public static final int MAX_ORDER = 40;

    private LogPolynomial() {
    }

    /**
     * Taylor coefficients of {@code ln(1 - x)} about 0: {@code c_0 = 0}, {@code c_k = -1/k}.
     *
     * @throws IllegalArgumentException when {@code order} is negative
     */
    public static double[] taylor(int order) {
        if (order < 0) {
            throw new IllegalArgumentException("order must be non-negative: " + order);
        }
        double[] c = new double[order + 1];
        for (int k = 1; k <= order; k++) {
            c[k] = -1.0 / k;
        }
        return c;
    }

    /**
     * Monomial coefficients {@code c_0..c_order} of the polynomial of degree {@code order} that fits
     * {@code ln(1 - x)} best in the least-squares sense on {@value #FIT_POINTS} equally spaced points of
     * {@code [lo, hi]}.
     *
     * @throws IllegalArgumentException when {@code lo >= hi}, {@code hi >= 1}, a bound is not finite or
     *                                  {@code order} is outside {@code 0..MAX_ORDER}
     */
    public static double[] leastSquares(double lo, double hi, int order) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
            throw new IllegalArgumentException("the fit range must be finite with lo < hi: [" + lo + ", " + hi + "]");
        }
        if (!(hi < 1)) {
            throw new IllegalArgumentException("ln(1 - x) needs hi < 1: hi = " + hi);
        }
        if (order < 0 || order > MAX_ORDER) {
            throw new IllegalArgumentException("order must be in 0.." + MAX_ORDER + ": " + order);
        }
        int columns = order + 1;
        double half = 0.5 * (hi - lo);
        double mid = 0.5 * (hi + lo);
        double[][] design = new double[FIT_POINTS][columns];
        double[] target = new double[FIT_POINTS];
        for (int s = 0; s < FIT_POINTS; s++) {
            double t = -1 + 2.0 * s / (FIT_POINTS - 1);
            double x = s == FIT_POINTS - 1 ? hi : mid + half * t;
            target[s] = Math.log1p(-x);
            double[] row = design[s];
            row[0] = 1;
            if (columns > 1) {
                row[1] = t;
            }
            for (int j = 2; j < columns; j++) {
                row[j] = 2 * t * row[j - 1] - row[j - 2];
            }
        }
        RealMatrix matrix = new Array2DRowRealMatrix(design, false);
        double[] chebyshev = new QRDecomposition(matrix).getSolver().solve(new ArrayRealVector(target, false))
                .toArray();
        return monomial(chebyshev, mid, half);
    }

    /**
     * {@code sum_j a_j T_j(t)} with {@code t = (x - mid) / half} as monomial coefficients in {@code x}: the
     * Chebyshev polynomials in {@code x} follow from {@code T_{j+1} = 2 t T_j - T_{j-1}} with {@code t} itself
     * a polynomial in {@code x}.
     */
    private static double[] monomial(double[] a, double mid, double half) {
        int columns = a.length;
        double[] c = new double[columns];
        double t0 = -mid / half;
        double t1 = 1 / half;
        double[] previous = new double[columns];
        double[] current = new double[columns];
        double[] next = new double[columns];
        previous[0] = 1;
        c[0] += a[0];
        if (columns == 1) {
            return c;
        }
        current[0] = t0;
        current[1] = t1;
        c[0] += a[1] * t0;
        c[1] += a[1] * t1;
        // the three arrays are rotated; entries above a polynomial's degree are never written, so they stay 0
        for (int j = 2; j < columns; j++) {
            // next = 2 (t0 + t1 x) current - previous
            for (int k = 0; k <= j; k++) {
                double shifted = k > 0 ? current[k - 1] : 0;
                next[k] = 2 * (t0 * current[k] + t1 * shifted) - previous[k];
            }
            for (int k = 0; k <= j; k++) {
                c[k] += a[j] * next[k];
            }
            double[] swap = previous;
            previous = current;
            current = next;
            next = swap;
        }
        return c;
    }

    /**
     * {@code sum_k c[k] x^k} by Horner's rule.
     *
     * @throws IllegalArgumentException when {@code c} is empty
     */
    public static double evaluate(double[] c, double x) {
        if (c.length == 0) {
            throw new IllegalArgumentException("a polynomial needs at least one coefficient: c is empty");
        }
        double sum = c[c.length - 1];
        for (int k = c.length - 2; k >= 0; k--) {
            sum = sum * x + c[k];
        }
        return sum;
    }
}
