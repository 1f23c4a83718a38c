package org.wisekit.lmbd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogPolynomialTest {

    @Test
    void taylorCoefficients() {
        assertThat(LogPolynomial.taylor(0)).containsExactly(0.0);
        assertThat(LogPolynomial.taylor(4)).containsExactly(0.0, -1.0, -0.5, -1.0 / 3, -0.25);
    }

    @Test
    void taylorErrorFollowsTheRemainderOfTheSeries() {
        // ln(1 - x) - T_p(x) = -sum_{k > p} x^k / k: at most r^{p+1} / ((p + 1)(1 - r)) for |x| <= r, and at x = r
        // at least the first neglected term r^{p+1} / (p + 1)
        double r = 0.3;
        for (int order = 1; order <= 16; order++) {
            double[] c = LogPolynomial.taylor(order);
            double firstTerm = Math.pow(r, order + 1) / (order + 1);
            assertThat(maxError(c, -r, r)).as("order %d", order).isLessThanOrEqualTo(firstTerm / (1 - r) * (1 + 1e-9));
            assertThat(Math.abs(LogPolynomial.evaluate(c, r) - Math.log1p(-r))).isGreaterThanOrEqualTo(firstTerm);
        }
    }

    @Test
    void fitIsAccurateOnARepresentativeLmbdRange() {
        assertThat(maxError(LogPolynomial.leastSquares(-0.5, 0.5, 12), -0.5, 0.5)).isLessThan(1e-6);
        assertThat(maxError(LogPolynomial.leastSquares(-0.5, 0.5, 16), -0.5, 0.5)).isLessThan(1e-9);
        assertThat(maxError(LogPolynomial.leastSquares(-0.8, 0.6, 16), -0.8, 0.6)).isLessThan(1e-7);
        // high enough order on a narrow range: rounding level
        assertThat(maxError(LogPolynomial.leastSquares(-0.3, 0.3, 20), -0.3, 0.3)).isLessThan(1e-14);
    }

    @Test
    void fitBeatsTaylorOfTheSameOrderOnWideRanges() {
        double[][] ranges = {{-0.5, 0.5}, {-0.8, 0.6}, {-0.9, 0.9}, {0.2, 0.9}};
        for (double[] range : ranges) {
            for (int order : new int[] {6, 8, 10, 12, 16}) {
                double fit = maxError(LogPolynomial.leastSquares(range[0], range[1], order), range[0], range[1]);
                double taylor = maxError(LogPolynomial.taylor(order), range[0], range[1]);
                assertThat(fit).as("[%s, %s], order %d", range[0], range[1], order).isLessThan(0.2 * taylor);
            }
        }
    }

    @Test
    void residualIsOrthogonalToEveryBasisPolynomial() {
        // the normal equations of the least-squares problem, checked in the Chebyshev basis of the interval
        double lo = -0.8;
        double hi = 0.6;
        for (int order : new int[] {1, 6, 12}) {
            double[] c = LogPolynomial.leastSquares(lo, hi, order);
            double[] dots = new double[order + 1];
            int points = LogPolynomial.FIT_POINTS;
            for (int s = 0; s < points; s++) {
                double t = -1 + 2.0 * s / (points - 1);
                double x = 0.5 * (hi + lo) + 0.5 * (hi - lo) * t;
                double residual = Math.log1p(-x) - LogPolynomial.evaluate(c, x);
                double previous = 1;
                double current = t;
                dots[0] += residual;
                for (int k = 1; k <= order; k++) {
                    dots[k] += residual * current;
                    double next = 2 * t * current - previous;
                    previous = current;
                    current = next;
                }
            }
            for (int k = 0; k <= order; k++) {
                assertThat(dots[k]).as("order %d, T_%d", order, k).isCloseTo(0, within(1e-11));
            }
        }
    }

    @Test
    void orderZeroIsTheMeanAndOrderOneIsTheRegressionLine() {
        double lo = -0.4;
        double hi = 0.7;
        int points = LogPolynomial.FIT_POINTS;
        double[] x = new double[points];
        double meanX = 0;
        double meanY = 0;
        for (int s = 0; s < points; s++) {
            x[s] = lo + (hi - lo) * s / (points - 1);
            meanX += x[s] / points;
            meanY += Math.log1p(-x[s]) / points;
        }
        double sxy = 0;
        double sxx = 0;
        for (int s = 0; s < points; s++) {
            sxy += (x[s] - meanX) * (Math.log1p(-x[s]) - meanY);
            sxx += (x[s] - meanX) * (x[s] - meanX);
        }
        double slope = sxy / sxx;
        assertThat(LogPolynomial.leastSquares(lo, hi, 0)).containsExactly(new double[] {meanY}, within(1e-14));
        assertThat(LogPolynomial.leastSquares(lo, hi, 1))
                .containsExactly(new double[] {meanY - slope * meanX, slope}, within(1e-13));
    }

    @Test
    void hornerAgreesWithTheNaiveSum() {
        assertThat(LogPolynomial.evaluate(new double[] {1, 2, 3}, 2)).isEqualTo(17.0);
        assertThat(LogPolynomial.evaluate(new double[] {-2.5}, 9)).isEqualTo(-2.5);
        SplittableRandom random = new SplittableRandom(41);
        for (int trial = 0; trial < 200; trial++) {
            double[] c = new double[1 + random.nextInt(20)];
            for (int k = 0; k < c.length; k++) {
                c[k] = random.nextDouble(-1, 1);
            }
            double x = random.nextDouble(-1.2, 1.2);
            double naive = 0;
            double scale = 0;
            for (int k = 0; k < c.length; k++) {
                naive += c[k] * Math.pow(x, k);
                scale += Math.abs(c[k] * Math.pow(x, k));
            }
            assertThat(LogPolynomial.evaluate(c, x)).isCloseTo(naive, within(1e-14 * scale));
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> LogPolynomial.taylor(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> LogPolynomial.leastSquares(0.5, 0.5, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0.5, 0.5]");
        assertThatThrownBy(() -> LogPolynomial.leastSquares(-0.5, 1, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hi = 1.0");
        assertThatThrownBy(() -> LogPolynomial.leastSquares(Double.NaN, 0.5, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> LogPolynomial.leastSquares(-0.5, 0.5, LogPolynomial.MAX_ORDER + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order");
        assertThatThrownBy(() -> LogPolynomial.evaluate(new double[0], 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    /** Largest |P(x) - ln(1 - x)| on 20001 points of [lo, hi]: twenty times finer than the fit's grid. */
    static double maxError(double[] c, double lo, double hi) {
        double worst = 0;
        int steps = 20000;
        for (int s = 0; s <= steps; s++) {
            double x = lo + (hi - lo) * s / steps;
            worst = Math.max(worst, Math.abs(LogPolynomial.evaluate(c, x) - Math.log1p(-x)));
        }
        return worst;
    }
}
