package org.wisekit.ddescent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GradientFlowTest {

    static final double ETA_A = 0.8;
    static final double ETA_B = 1.25;

    /** Aligned data and a decoupled initialisation whose modes all have imbalance gamma. */
    static LinearNet decoupled(AlignedTeacherStudent ts, double[] z0, double gamma, int hidden) {
        double[] a = new double[z0.length];
        double[] b = new double[z0.length];
        for (int i = 0; i < z0.length; i++) {
            double[] ab = ModeDynamics.initialFactors(z0[i], gamma, ETA_A, ETA_B);
            a[i] = ab[0];
            b[i] = ab[1];
        }
        return ts.decoupledNet(a, b, hidden);
    }

    static AlignedTeacherStudent data() {
        return AlignedTeacherStudent.fromTeacher(16, 4, 4, new double[] {2.0, 1.0, 0.4, 0.15},
                new double[] {0.8, -0.6, 1.2, 0.5}, 0.5, 21);
    }

    @Test
    void fullMatrixFlowFollowsTheClosedFormPerModeAndStaysDecoupled() {
        AlignedTeacherStudent ts = data();
        double[] z0 = {1e-3, 2e-3, 1e-3, 5e-3};
        double gamma = 0.05;
        LinearNet init = decoupled(ts, z0, gamma, 5);
        double[] times = LogGrid.of(1e-2, 40, 40);
        Trajectory tr = GradientFlow.integrate(init, ts.data(), ETA_A, ETA_B, times);
        double eta = Math.sqrt(ETA_A * ETA_B);
        List<Mode> modes = ts.modes(0);
        double maxRel = 0;
        double maxOff = 0;
        double maxErr = 0;
        for (int k = 0; k < times.length; k++) {
            LinearNet net = tr.states().get(k);
            double[] z = net.modeCoefficients(ts.u(), ts.v());
            double[] zc = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                zc[i] = ModeDynamics.z(times[k], modes.get(i).withZ0(z0[i]), gamma, eta);
                maxRel = Math.max(maxRel, Math.abs(z[i] - zc[i]) / Math.abs(zc[i]));
            }
            maxOff = Math.max(maxOff, net.maxOffDiagonal(ts.u(), ts.v()));
            double e = ts.testError(net);
            double ec = TestError.of(modes, zc) + ts.testErrorConstant();
            maxErr = Math.max(maxErr, Math.abs(e - ec) / ec);
        }
        assertThat(maxRel).isLessThan(1e-8);
        assertThat(maxOff).isLessThan(1e-12);
        assertThat(maxErr).isLessThan(1e-8);
        assertThat(tr.times()).containsExactly(times);
    }

    @Test
    void flowFromARandomInitialisationDecreasesTheLoss() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        double[][] x = new double[12][3];
        double[][] y = new double[12][2];
        for (int r = 0; r < 12; r++) {
            for (int j = 0; j < 3; j++) {
                x[r][j] = org.wisekit.tensor.Normals.next(rng);
            }
            y[r][0] = x[r][0] - 0.5 * x[r][2] + 0.3 * org.wisekit.tensor.Normals.next(rng);
            y[r][1] = 0.7 * x[r][1] + 0.3 * org.wisekit.tensor.Normals.next(rng);
        }
        RegressionData data = RegressionData.of(x, y);
        Trajectory tr = GradientFlow.integrate(LinearNet.random(4, 3, 2, 0.05, 8), data, 1, 1,
                LogGrid.of(1e-2, 50, 30));
        double[] loss = tr.map(net -> net.loss(data));
        for (int k = 1; k < loss.length; k++) {
            assertThat(loss[k]).isLessThanOrEqualTo(loss[k - 1] + 1e-15);
        }
        assertThat(loss[loss.length - 1]).isLessThan(0.5 * loss[0]);
    }

    @Test
    void badInputIsRejected() {
        AlignedTeacherStudent ts = data();
        LinearNet net = LinearNet.random(3, 4, 4, 0.1, 1);
        assertThatThrownBy(() -> GradientFlow.integrate(net, ts.data(), 0, 1, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("etaA");
        assertThatThrownBy(() -> GradientFlow.integrate(net, ts.data(), 1, 1, new double[] {-1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("times[0]");
        assertThatThrownBy(() -> GradientFlow.integrate(LinearNet.random(3, 2, 4, 0.1, 1), ts.data(), 1, 1,
                new double[] {1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputs 2");
    }
}
