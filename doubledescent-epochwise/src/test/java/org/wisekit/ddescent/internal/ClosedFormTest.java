package org.wisekit.ddescent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClosedFormTest {

    /** The note's appendix pseudo-code, verbatim. */
    private static double appendix(double t, double z0, double sigma, double lambda, double gamma, double eta) {
        double c = 2 * eta * sigma / (gamma * lambda);
        double vp = c + Math.sqrt(c * c + 1);
        double vm = c - Math.sqrt(c * c + 1);
        double x0 = 2 * eta * z0 / gamma;
        double v0 = Math.exp(Math.log(x0 + Math.sqrt(x0 * x0 + 1)));
        double k = (v0 - vp) / (v0 - vm);
        double r = Math.sqrt(4 * eta * eta * sigma * sigma + gamma * gamma * lambda * lambda);
        double e = k * Math.exp(-r * t);
        double v = (vp - e * vm) / (1 - e);
        return gamma / (4 * eta) * (v - 1 / v);
    }

    @Test
    void agreesWithTheAppendixFormulaWhereThatFormulaIsWellConditioned() {
        double[][] cases = {{0.3, 1.2, 0.8, 0.5, 1.0}, {-0.2, 0.7, 2.0, 1.5, 0.6}, {1.5, 2.0, 0.5, 0.3, 1.3},
            {0.05, 0.4, 0.2, 3.0, 1.0}};
        double max = 0;
        for (double[] c : cases) {
            ClosedForm cf = ClosedForm.of(c[1], c[2], c[0], c[3], c[4]);
            for (double t = 0; t < 20; t += 0.37) {
                double ref = appendix(t, c[0], c[1], c[2], c[3], c[4]);
                max = Math.max(max, Math.abs(cf.at(t) - ref) / Math.abs(ref));
            }
        }
        assertThat(max).isLessThan(1e-12);
    }

    @Test
    void keepsFullRelativePrecisionWhereTheAppendixFormulaCancels() {
        // large gamma, tiny z0: v is 1 + 2e-9, so v - 1/v loses about 7 digits in the appendix form
        ClosedForm cf = ClosedForm.of(1.16, 6.23, 1e-6, 1e3, 1.0);
        assertThat(cf.at(0)).isCloseTo(1e-6, within(1e-21));
        double naive = appendix(0, 1e-6, 1.16, 6.23, 1e3, 1.0);
        assertThat(Math.abs(naive - 1e-6) / 1e-6).isGreaterThan(1e-12);
        // small positive z0 far below a large limit (gamma = 1e-3): starts at z0, ends at sigma / lambda
        ClosedForm small = ClosedForm.of(2.75, 0.0474, 1e-4, 1e-3, 1.0);
        assertThat(small.at(0)).isCloseTo(1e-4, within(1e-19));
        assertThat(small.at(1e4)).isCloseTo(2.75 / 0.0474, within(1e-12));
    }

    @Test
    void expAsinhIdentitiesHold() {
        for (double x : new double[] {-1e8, -30, -1, -1e-9, 0, 1e-12, 0.3, 7, 1e10}) {
            double v = ClosedForm.expAsinh(x);
            double w = ClosedForm.expAsinhMinusOne(x);
            assertThat(v).isPositive();
            // v - 1/v = 2 sinh(asinh x) = 2x, and e^{asinh(-x)} = 1 / e^{asinh x}
            assertThat(v - 1 / v).isCloseTo(2 * x, within(1e-15 * Math.max(1, Math.abs(x))));
            assertThat(v * ClosedForm.expAsinh(-x)).isCloseTo(1, within(1e-15));
            assertThat(w).isCloseTo(v - 1, within(1e-15 * Math.max(1, v)));
        }
        // near zero: e^{asinh x} - 1 = x + x^2/2 + O(x^3), without cancellation
        assertThat(ClosedForm.expAsinhMinusOne(1e-12)).isCloseTo(1e-12 + 0.5e-24, within(1e-36));
        assertThat(ClosedForm.expAsinhMinusOne(-1e-12)).isCloseTo(-1e-12 + 0.5e-24, within(1e-36));
    }

    @Test
    void gammaZeroNeedsANonZeroStart() {
        assertThatThrownBy(() -> ClosedForm.of(1, 1, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("z0");
        // a gamma too small to represent the constants falls back on the gamma = 0 limit
        ClosedForm tiny = ClosedForm.of(1, 2, 0.1, 1e-320, 1);
        ClosedForm zero = ClosedForm.of(1, 2, 0.1, 0, 1);
        assertThat(tiny.at(3)).isEqualTo(zero.at(3));
    }
}
