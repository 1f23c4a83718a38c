package org.wisekit.ddescent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearNetTest {

    @Test
    void gradientMatchesCentralFiniteDifferencesOfTheRawLoss() {
        // non-aligned data: random X, Y rows
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        double[][] x = new double[15][4];
        double[][] y = new double[15][3];
        for (int r = 0; r < 15; r++) {
            for (int j = 0; j < 4; j++) {
                x[r][j] = org.wisekit.tensor.Normals.next(rng);
            }
            for (int j = 0; j < 3; j++) {
                y[r][j] = org.wisekit.tensor.Normals.next(rng);
            }
        }
        RegressionData data = RegressionData.of(x, y);
        LinearNet net = LinearNet.random(5, 4, 3, 0.6, 9);
        double[] grad = net.gradient(data);
        double[] p = net.parameters();
        assertThat(grad).hasSize(5 * 4 + 3 * 5);
        double h = 1e-5;
        double maxRel = 0;
        for (int i = 0; i < p.length; i++) {
            double[] plus = p.clone();
            double[] minus = p.clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (net.withParameters(plus).loss(data) - net.withParameters(minus).loss(data)) / (2 * h);
            maxRel = Math.max(maxRel, Math.abs(fd - grad[i]) / Math.max(1e-3, Math.abs(grad[i])));
        }
        assertThat(maxRel).isLessThan(1e-7);
    }

    @Test
    void decoupledInitialisationIsDiagonalInTheModeBases() {
        AlignedTeacherStudent ts = AlignedTeacherStudent.generate(8, 4, 3, new double[] {1, 2, 3, 4},
                new double[] {1, 1, 1}, new double[] {1, 1, 1}, 0.1, 2);
        double[] a = {0.3, -0.7};
        double[] b = {1.2, 0.5};
        LinearNet net = ts.decoupledNet(a, b, 5);
        assertThat(net.hidden()).isEqualTo(5);
        assertThat(net.maxOffDiagonal(ts.u(), ts.v())).isLessThan(1e-15);
        double[] z = net.modeCoefficients(ts.u(), ts.v());
        assertThat(z).hasSize(3);
        assertThat(z[0]).isCloseTo(0.36, within(1e-15));
        assertThat(z[1]).isCloseTo(-0.35, within(1e-15));
        assertThat(z[2]).isCloseTo(0, within(1e-15));
        // W = U diag(a b) V^T
        double[][] w = net.product();
        double[][] u = ts.u();
        double[][] v = ts.v();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                double expected = a[0] * b[0] * u[r][0] * v[c][0] + a[1] * b[1] * u[r][1] * v[c][1];
                assertThat(w[r][c]).isCloseTo(expected, within(1e-15));
            }
        }
    }

    @Test
    void randomInitialisationIsSeededAndScaled() {
        LinearNet a = LinearNet.random(6, 5, 4, 1e-3, 42);
        LinearNet b = LinearNet.random(6, 5, 4, 1e-3, 42);
        LinearNet c = LinearNet.random(6, 5, 4, 1e-3, 43);
        assertThat(a.parameters()).containsExactly(b.parameters());
        assertThat(a.parameters()).isNotEqualTo(c.parameters());
        double sumSq = 0;
        for (double p : a.parameters()) {
            sumSq += p * p;
        }
        assertThat(Math.sqrt(sumSq / a.parameters().length)).isBetween(0.5e-3, 1.5e-3);
        assertThat(LinearNet.of(a.w1(), a.w2()).parameters()).containsExactly(a.parameters());
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> LinearNet.of(new double[][] {{1, 2}}, new double[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("w2");
        assertThatThrownBy(() -> LinearNet.random(0, 2, 2, 0.1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hidden");
        assertThatThrownBy(() -> LinearNet.random(2, 2, 2, -0.1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scale");
        LinearNet net = LinearNet.random(2, 3, 2, 0.1, 1);
        RegressionData data = RegressionData.of(new double[][] {{1, 2}}, new double[][] {{1, 2}});
        assertThatThrownBy(() -> net.loss(data)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inputs 3");
        assertThatThrownBy(() -> net.withParameters(new double[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameters (length 3)");
        double[][] u = {{1, 0}, {0, 1}};
        double[][] v = {{1, 0}, {0, 1}};
        assertThatThrownBy(() -> LinearNet.decoupled(u, v, new double[] {1, 2}, new double[] {1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b (length 1)");
        assertThatThrownBy(() -> LinearNet.decoupled(u, v, new double[] {1, 2}, new double[] {1, 2}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hidden");
    }
}
