package org.wisekit.ddescent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    @Test
    void c1IsATargetStrictlyBetweenStartAndLimit() {
        // z0 = 0.01, limit 0.5
        assertThat(Conditions.overfits(new Mode(1, 2, 2, 0.3, 0.01))).isTrue();
        assertThat(Conditions.overfits(new Mode(1, 2, 2, 0.5, 0.01))).isFalse();   // target at the limit
        assertThat(Conditions.overfits(new Mode(1, 2, 2, 0.7, 0.01))).isFalse();   // beyond the limit
        assertThat(Conditions.overfits(new Mode(1, 2, 2, 0.01, 0.01))).isFalse();  // at the start
        // decreasing coefficient: z0 = 2, limit 0.5
        assertThat(Conditions.overfits(new Mode(1, 2, 2, 1.0, 2))).isTrue();
        assertThat(Conditions.overfits(new Mode(1, 2, 2, 3.0, 2))).isFalse();
        // targets behind the start rise from t = 0 without C1
        assertThat(Conditions.targetBehindStart(new Mode(1, 2, 2, -0.2, 0.01))).isTrue();
        assertThat(Conditions.targetBehindStart(new Mode(1, 2, 2, 0.01, 0.01))).isTrue();
        assertThat(Conditions.targetBehindStart(new Mode(1, 2, 2, 0.3, 0.01))).isFalse();
        assertThat(Conditions.targetBehindStart(new Mode(1, 2, 2, 0.7, 0.01))).isFalse();
    }

    @Test
    void fixtureReportsNameTheOverfittingModeAndItsCrossing() {
        double[] grid = Fixtures.grid();
        for (Fixtures.Case c : Fixtures.all()) {
            for (boolean lr : new boolean[] {true, false}) {
                double gamma = lr ? Fixtures.GAMMA_LINEAR_REGRESSION : Fixtures.GAMMA_TWO_LAYER;
                ConditionReport r = Conditions.twoLayer(c.modes(), gamma, Fixtures.ETA, grid, Fixtures.TOLERANCE);
                assertThat(r.c1()).isTrue();
                assertThat(r.overfittingModes()).containsExactly(0);
                double crossing = r.crossingTimes().get(0);
                // at the crossing time mode A has reached its target, one grid step earlier it had not
                Mode a = c.modes().get(0);
                assertThat(ModeDynamics.z(crossing, a, gamma, 1)).isGreaterThanOrEqualTo(a.zTarget());
                if (r.c2()) {
                    assertThat(r.c2Mode()).isZero();
                    assertThat(r.c2Partner()).isEqualTo(1);
                    assertThat(r.c2Time()).isGreaterThanOrEqualTo(crossing);
                } else {
                    assertThat(r.c2Mode()).isEqualTo(-1);
                    assertThat(r.c2Time()).isNaN();
                }
            }
        }
        // case 3 two-layer is a true descent-ascent-descent: both conditions must hold
        Fixtures.Case c3 = Fixtures.get(3);
        assertThat(c3.detect(Fixtures.GAMMA_TWO_LAYER).secondDescent()).isTrue();
        assertThat(Conditions.twoLayer(c3.modes(), Fixtures.GAMMA_TWO_LAYER, 1, grid, Fixtures.TOLERANCE).both())
                .isTrue();
        // case 4 two-layer: mode B has finished descending before A crosses, so C2 fails
        assertThat(Conditions.twoLayer(Fixtures.get(4).modes(), Fixtures.GAMMA_TWO_LAYER, 1, grid,
                Fixtures.TOLERANCE).c2()).isFalse();
    }

    @Test
    void descentAscentDescentNeverAppearsWithoutBothConditionsOnRandomConfigurations() {
        SplittableRandom rng = new SplittableRandom(20240713L);
        double[] grid = LogGrid.of(1e-4, 1e8, 3000);
        int curves = 0;
        int full = 0;
        int appendix = 0;
        int bothWithoutFull = 0;
        for (int trial = 0; trial < 400; trial++) {
            int m = 2 + rng.nextInt(4);
            List<Mode> modes = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                double sigma = Math.pow(10, -2 + 2.5 * rng.nextDouble());
                double lambda = Math.pow(10, -2 + 3 * rng.nextDouble());
                double ratio = rng.nextDouble() < 0.5 ? 1 : 0.2 + 1.2 * rng.nextDouble();
                modes.add(Mode.withTargetRatio(sigma, lambda, ratio, 1e-4));
            }
            for (double gamma : new double[] {1e3, 1e-3}) {
                double[][] z = ModeDynamics.closedForm(modes, gamma, 1, grid);
                double[] e = TestError.fromTrajectories(modes, z);
                DoubleDescent.Detection d = DoubleDescent.detect(e, grid, 1e-6);
                ConditionReport r = Conditions.evaluate(modes, grid, z, 1e-6);
                curves++;
                if (d.secondDescent()) {
                    full++;
                    assertThat(r.both()).as("trial %d gamma %s", trial, gamma).isTrue();
                } else if (r.both()) {
                    bothWithoutFull++;
                }
                if (d.doubleDescent()) {
                    appendix++;
                    assertThat(r.c1()).as("trial %d gamma %s", trial, gamma).isTrue();
                }
            }
        }
        assertThat(curves).isEqualTo(800);
        // the property is not vacuous: true double descents occur, and the conditions are not sufficient
        assertThat(full).isGreaterThan(10);
        assertThat(appendix).isGreaterThan(full);
        assertThat(bothWithoutFull).isGreaterThan(0);
    }

    @Test
    void aTargetBehindTheStartCanAscendWithoutC1() {
        // mode 0 descends fast; mode 1's target lies behind z0, so its term rises from t = 0, slowly
        List<Mode> modes = List.of(new Mode(1, 5, 5, 0.2, 1e-3), new Mode(0.5, 0.5, 0.5, 0, 0.05));
        assertThat(Conditions.targetBehindStart(modes.get(1))).isTrue();
        double[] grid = LogGrid.of(1e-3, 1e3, 400);
        double[] e = TestError.twoLayer(modes, 1, 1, grid);
        assertThat(DoubleDescent.count(e, 1e-6)).isEqualTo(1);
        assertThat(Conditions.twoLayer(modes, 1, 1, grid, 1e-6).c1()).isFalse();
    }

    @Test
    void evaluateOnOdeTrajectoriesAgreesWithTheClosedForm() {
        List<Mode> modes = Fixtures.get(3).modes();
        double[] grid = LogGrid.of(1e-2, 300, 400);
        ConditionReport fromOde = Conditions.evaluate(modes, grid,
                ModeDynamics.integrate(modes, Fixtures.GAMMA_TWO_LAYER, 1, grid), 1e-6);
        ConditionReport closed = Conditions.twoLayer(modes, Fixtures.GAMMA_TWO_LAYER, 1, grid, 1e-6);
        assertThat(fromOde.c1()).isEqualTo(closed.c1());
        assertThat(fromOde.c2()).isEqualTo(closed.c2());
        assertThat(fromOde.crossingTimes()).isEqualTo(closed.crossingTimes());
        ConditionReport lr = Conditions.linearRegression(modes, 1e3, grid, 1e-6);
        assertThat(lr.c1()).isTrue();
    }

    @Test
    void badInputIsRejected() {
        List<Mode> modes = Fixtures.get(1).modes();
        assertThatThrownBy(() -> Conditions.twoLayer(modes, 1e-3, 1, new double[] {1, 2}, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relTol");
        assertThatThrownBy(() -> Conditions.evaluate(modes, new double[] {1, 2}, new double[][] {{1, 2, 3},
                {1, 2, 3}}, 1e-6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("times (length 2)");
        assertThatThrownBy(() -> Conditions.evaluate(modes, new double[] {1}, new double[][] {{1}}, 1e-6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modes (length 2)");
    }
}
