package org.wisekit.ddescent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModeDynamicsTest {

    /** Modes of different signs and scales, one of them crossing zero, one starting beyond its limit. */
    private static final List<Mode> MODES = List.of(
            new Mode(1.16, 6.23, 6.23, 0.1, 1e-4),
            new Mode(2.75, 0.0474, 0.0474, 58, 1e-4),
            new Mode(0.5, 1.0, 1.0, 0.3, 0.8),
            new Mode(-0.7, 2.0, 2.0, -0.2, -0.05),
            new Mode(0.05, 1.5, 1.5, 0.0, 0.4));

    private static double maxRelativeError(double[][] a, double[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[i].length; k++) {
                max = Math.max(max, Math.abs(a[i][k] - b[i][k]) / Math.abs(b[i][k]));
            }
        }
        return max;
    }

    @Test
    void closedFormMatchesDormandPrinceForLargeAndSmallGamma() {
        for (double gamma : new double[] {1e-3, 1e-1, 1, 10}) {
            double[] times = LogGrid.of(1e-3, 60, 80);
            double[][] cf = ModeDynamics.closedForm(MODES, gamma, 1.0, times);
            double[][] ode = ModeDynamics.integrate(MODES, gamma, 1.0, times);
            assertThat(maxRelativeError(ode, cf)).as("gamma %s", gamma).isLessThan(1e-8);
        }
    }

    @Test
    void closedFormMatchesDormandPrinceWithEtaAndTheFixtureRegime() {
        // fixture case 1, two-layer gamma: long plateau from z0 = 1e-4 before a sigmoidal rise
        List<Mode> modes = Fixtures.get(1).modes();
        double[] times = LogGrid.of(1e-2, 200, 60);
        double[][] cf = ModeDynamics.closedForm(modes, 1e-3, 1.0, times);
        double[][] ode = ModeDynamics.integrate(modes, 1e-3, 1.0, times);
        assertThat(maxRelativeError(ode, cf)).isLessThan(1e-8);
        double[][] cf2 = ModeDynamics.closedForm(MODES, 0.3, 0.37, LogGrid.of(1e-2, 100, 40));
        double[][] ode2 = ModeDynamics.integrate(MODES, 0.3, 0.37, LogGrid.of(1e-2, 100, 40));
        assertThat(maxRelativeError(ode2, cf2)).isLessThan(1e-8);
    }

    @Test
    void gammaZeroIsTheLimitOfSmallGammaAndMatchesTheOde() {
        List<Mode> modes = List.of(MODES.get(0), MODES.get(1), MODES.get(2), MODES.get(3));
        double[] times = LogGrid.of(1e-2, 100, 50);
        double[][] zero = ModeDynamics.closedForm(modes, 0, 1.0, times);
        double[][] tiny = ModeDynamics.closedForm(modes, 1e-9, 1.0, times);
        double[][] ode = ModeDynamics.integrate(modes, 0, 1.0, times);
        assertThat(maxRelativeError(tiny, zero)).isLessThan(1e-8);
        assertThat(maxRelativeError(ode, zero)).isLessThan(1e-8);
        // sigma = 0 at gamma = 0: dz/dt = -2 eta lambda |z| z, so z = z0 / (1 + 2 eta lambda |z0| t)
        Mode flat = new Mode(0, 1.5, 1.5, 0, -0.4);
        for (double t : times) {
            assertThat(ModeDynamics.z(t, flat, 0, 0.8)).isCloseTo(-0.4 / (1 + 2 * 0.8 * 1.5 * 0.4 * t),
                    org.assertj.core.data.Offset.offset(1e-15));
        }
    }

    @Test
    void convergesToSigmaOverLambda() {
        for (Mode m : MODES) {
            assertThat(ModeDynamics.zInfinity(m)).isEqualTo(m.sigma() / m.lambda());
            for (double gamma : new double[] {0.5, 1e-3}) {
                double z = ModeDynamics.z(1e4, m, gamma, 1.0);
                assertThat(Math.abs(z - m.zInfinity())).as("%s gamma %s", m, gamma)
                        .isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(m.zInfinity())));
            }
        }
        // at t = 0 the closed form returns z0 (to rounding)
        for (Mode m : MODES) {
            assertThat(ModeDynamics.z(0, m, 0.2, 1.3)).isCloseTo(m.z0(), org.assertj.core.data.Offset.offset(
                    1e-15 * Math.max(1e-4, Math.abs(m.z0()))));
        }
    }

    @Test
    void largeGammaWithRescaledTimeIsLinearRegression() {
        double gamma = 1e7;
        double max = 0;
        for (Mode m : MODES) {
            for (double t : LogGrid.of(1e-3, 20, 50)) {
                double z = ModeDynamics.z(t / gamma, m, gamma, 1.0);
                double lr = ModeDynamics.linearRegression(t, m, 1.0);
                max = Math.max(max, Math.abs(z - lr) / Math.max(Math.abs(lr), 1e-3));
            }
        }
        assertThat(max).isLessThan(1e-9);
        // the linear-regression solution itself solves dz/dt = rate (sigma - lambda z)
        Mode m = MODES.get(2);
        double t = 0.7;
        double h = 1e-5;
        double dz = (ModeDynamics.linearRegression(t + h, m, 2.0) - ModeDynamics.linearRegression(t - h, m, 2.0))
                / (2 * h);
        assertThat(dz).isCloseTo(2.0 * (m.sigma() - m.lambda() * ModeDynamics.linearRegression(t, m, 2.0)),
                org.assertj.core.data.Offset.offset(1e-8));
    }

    @Test
    void derivativeIsTheOdeRightHandSide() {
        Mode m = MODES.get(2);
        double z = 0.3;
        assertThat(ModeDynamics.derivative(z, m, 0.4, 1.5)).isCloseTo(
                Math.sqrt(0.4 * 0.4 + 4 * 1.5 * 1.5 * z * z) * (m.sigma() - m.lambda() * z),
                org.assertj.core.data.Offset.offset(1e-15));
        // and the closed form's finite-difference derivative agrees
        double t = 0.9;
        double h = 1e-6;
        double zt = ModeDynamics.z(t, m, 0.4, 1.5);
        double fd = (ModeDynamics.z(t + h, m, 0.4, 1.5) - ModeDynamics.z(t - h, m, 0.4, 1.5)) / (2 * h);
        assertThat(fd).isCloseTo(ModeDynamics.derivative(zt, m, 0.4, 1.5), org.assertj.core.data.Offset.offset(1e-8));
    }

    @Test
    void factorImbalanceIsConservedAndTheFactorFlowMatchesTheClosedForm() {
        double etaA = 0.7;
        double etaB = 1.9;
        List<Mode> modes = List.of(MODES.get(0), MODES.get(2), MODES.get(3));
        double[] a0 = {0.02, 0.9, 0.3};
        double[] b0 = {0.005, 0.5, -0.4};
        double[] times = LogGrid.of(1e-2, 40, 60);
        ModeDynamics.Factors f = ModeDynamics.integrateFactors(modes, a0, b0, etaA, etaB, times);
        double eta = Math.sqrt(etaA * etaB);
        double maxInvariant = 0;
        double maxZ = 0;
        for (int i = 0; i < modes.size(); i++) {
            double c0 = a0[i] * a0[i] / etaA - b0[i] * b0[i] / etaB;
            double gamma = ModeDynamics.gamma(a0[i], b0[i], etaA, etaB);
            assertThat(gamma).isCloseTo(etaA * etaB * Math.abs(c0), org.assertj.core.data.Offset.offset(1e-15));
            Mode withZ0 = modes.get(i).withZ0(a0[i] * b0[i]);
            for (int k = 0; k < times.length; k++) {
                double a = f.a()[i][k];
                double b = f.b()[i][k];
                double c = a * a / etaA - b * b / etaB;
                maxInvariant = Math.max(maxInvariant, Math.abs(c - c0) / Math.abs(c0));
                double z = ModeDynamics.z(times[k], withZ0, gamma, eta);
                maxZ = Math.max(maxZ, Math.abs(f.z(i, k) - z) / Math.abs(z));
            }
        }
        assertThat(maxInvariant).isLessThan(1e-9);
        assertThat(maxZ).isLessThan(1e-8);
    }

    @Test
    void initialFactorsReproduceZ0AndGamma() {
        for (double z0 : new double[] {1e-4, -0.3, 2.0, 0.0}) {
            for (double gamma : new double[] {1e-3, 0.5, 10}) {
                double[] ab = ModeDynamics.initialFactors(z0, gamma, 0.6, 1.7);
                assertThat(ab[0] * ab[1]).isCloseTo(z0, org.assertj.core.data.Offset.offset(1e-15));
                assertThat(ModeDynamics.gamma(ab[0], ab[1], 0.6, 1.7)).isCloseTo(gamma,
                        org.assertj.core.data.Offset.offset(1e-13 * Math.max(1, gamma)));
            }
        }
        double[] balanced = ModeDynamics.initialFactors(0.25, 0, 1, 1);
        assertThat(balanced[0]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(balanced[1]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void badInputIsRejectedNamingTheParameter() {
        Mode m = MODES.get(0);
        assertThatThrownBy(() -> ModeDynamics.z(1, m, -1e-3, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gamma").hasMessageContaining("-0.001");
        assertThatThrownBy(() -> ModeDynamics.z(1, m.withZ0(0), 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("z0");
        assertThatThrownBy(() -> ModeDynamics.integrate(List.of(m.withZ0(0)), 0, 1, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("z0");
        assertThatThrownBy(() -> ModeDynamics.z(-1, m, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t ").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> ModeDynamics.z(1, m, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eta");
        assertThatThrownBy(() -> ModeDynamics.z(1, m, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gamma");
        assertThatThrownBy(() -> ModeDynamics.closedForm(MODES, 1, 1, new double[] {2, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("times");
        assertThatThrownBy(() -> ModeDynamics.linearRegression(1, m, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
        assertThatThrownBy(() -> ModeDynamics.integrateFactors(MODES, new double[] {1, 2}, new double[] {1, 2},
                1, 1, new double[] {1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("modes (length 5)").hasMessageContaining("a0 (length 2)");
        assertThatThrownBy(() -> ModeDynamics.integrate(MODES, 1, 1, new double[] {1}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relTol");
        assertThatThrownBy(() -> ModeDynamics.initialFactors(0, 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("z0");
    }

    @Test
    void tooLongHorizonForTheExplicitIntegratorIsAClearError() {
        // linear-regression-like mode: rate ~ gamma lambda = 1e4, horizon 1e6 => ~1e10 stiff steps
        assertThatThrownBy(() -> ModeDynamics.integrate(List.of(new Mode(1, 10, 10, 0.1, 1e-3)), 1e3, 1,
                new double[] {1e6})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("times");
    }
}
