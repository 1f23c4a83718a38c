package org.wisekit.ddescent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GradientDescentTest {

    @Test
    void gradientDescentTracksTheClosedFormTestErrorWithinOnePercent() {
        AlignedTeacherStudent ts = GradientFlowTest.data();
        double[] z0 = {1e-2, 1e-2, 1e-2, 1e-2};
        double gamma = 0.05;
        LinearNet init = GradientFlowTest.decoupled(ts, z0, gamma, 4);
        double step = 1e-3;
        long[] steps = new long[31];
        for (int k = 0; k < steps.length; k++) {
            steps[k] = Math.round(Math.pow(10, 1 + 3.0 * k / 30)); // t = 1e-2 .. 10
        }
        Trajectory tr = GradientDescent.runAt(init, ts.data(), GradientFlowTest.ETA_A, GradientFlowTest.ETA_B,
                step, steps);
        double eta = Math.sqrt(GradientFlowTest.ETA_A * GradientFlowTest.ETA_B);
        List<Mode> modes = ts.modes(0);
        double maxRel = 0;
        double maxOff = 0;
        double[] times = tr.times();
        for (int k = 0; k < times.length; k++) {
            double[] zc = new double[4];
            for (int i = 0; i < 4; i++) {
                zc[i] = ModeDynamics.z(times[k], modes.get(i).withZ0(z0[i]), gamma, eta);
            }
            double theory = TestError.of(modes, zc) + ts.testErrorConstant();
            LinearNet net = tr.states().get(k);
            maxRel = Math.max(maxRel, Math.abs(ts.testError(net) - theory) / theory);
            maxOff = Math.max(maxOff, net.maxOffDiagonal(ts.u(), ts.v()));
        }
        assertThat(maxRel).isLessThan(0.01);
        assertThat(maxOff).isLessThan(1e-12);
    }

    @Test
    void eachModeFollowsTheScalarDiscreteFactorMap() {
        AlignedTeacherStudent ts = GradientFlowTest.data();
        double[] a = {0.1, 0.2, -0.05, 0.3};
        double[] b = {0.05, 0.1, 0.2, 0.01};
        double etaA = 0.9;
        double etaB = 1.3;
        double step = 2e-3;
        int steps = 3000;
        Trajectory tr = GradientDescent.run(ts.decoupledNet(a, b, 4), ts.data(), etaA, etaB, step, steps, 1000);
        double[] z = tr.last().modeCoefficients(ts.u(), ts.v());
        double[] sigma = ts.sigma();
        double[] lambda = ts.lambda();
        for (int i = 0; i < 4; i++) {
            double ai = a[i];
            double bi = b[i];
            for (int s = 0; s < steps; s++) {
                double res = sigma[i] - lambda[i] * ai * bi;
                double na = ai + step * etaA * bi * res;
                bi = bi + step * etaB * ai * res;
                ai = na;
            }
            assertThat(z[i]).isCloseTo(ai * bi, org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, Math.abs(z[i]))));
        }
        assertThat(tr.times()).containsExactly(0, 2, 4, 6);
    }

    @Test
    void recordingScheduleIncludesStartAndEnd() {
        AlignedTeacherStudent ts = GradientFlowTest.data();
        LinearNet init = LinearNet.random(3, 4, 4, 0.1, 4);
        Trajectory tr = GradientDescent.run(init, ts.data(), 1, 1, 0.01, 25, 10);
        assertThat(tr.times()).containsExactly(0, 0.1, 0.2, 0.25);
        assertThat(tr.states().get(0).parameters()).containsExactly(init.parameters());
        Trajectory none = GradientDescent.run(init, ts.data(), 1, 1, 0.01, 0, 10);
        assertThat(none.times()).containsExactly(0);
        // the loss decreases along descent with a small step
        double[] loss = tr.map(net -> net.loss(ts.data()));
        assertThat(loss[3]).isLessThan(loss[0]);
    }

    @Test
    void badInputAndDivergenceAreClearErrors() {
        AlignedTeacherStudent ts = GradientFlowTest.data();
        LinearNet init = LinearNet.random(3, 4, 4, 0.5, 4);
        assertThatThrownBy(() -> GradientDescent.run(init, ts.data(), 1, 1, 0, 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stepSize");
        assertThatThrownBy(() -> GradientDescent.run(init, ts.data(), 1, 1, 0.1, -1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("steps");
        assertThatThrownBy(() -> GradientDescent.run(init, ts.data(), 1, 1, 0.1, 10, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recordEvery");
        assertThatThrownBy(() -> GradientDescent.runAt(init, ts.data(), 1, 1, 0.1, new long[] {5, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recordSteps[1]");
        assertThatThrownBy(() -> GradientDescent.run(init, ts.data(), 1, 1, 50, 2000, 2000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stepSize = 50.0")
                .hasMessageContaining("diverge");
    }
}
