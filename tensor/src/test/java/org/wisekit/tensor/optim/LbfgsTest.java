package org.wisekit.tensor.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LbfgsTest {

    @Test
    void findsTheMinimumOfARandomPositiveDefiniteQuadratic() {
        // f(x) = 0.5 x'Ax - b'x, A = M'M + I; the minimum solves A x = b (checked by the residual)
        int n = 8;
        SplittableRandom random = new SplittableRandom(5);
        double[][] m = new double[n][n];
        for (double[] row : m) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += m[k][i] * m[k][j];
                }
            }
            a[i][i] += 1;
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = random.nextGaussian();
        }
        Lbfgs.Result r = Lbfgs.minimise((x, g) -> {
            double f = 0;
            for (int i = 0; i < n; i++) {
                double ax = 0;
                for (int j = 0; j < n; j++) {
                    ax += a[i][j] * x[j];
                }
                g[i] = ax - b[i];
                f += 0.5 * x[i] * ax - b[i] * x[i];
            }
            return f;
        }, new double[n], 500, 1e-12, Lbfgs.Listener.NONE);
        assertThat(r.converged()).isTrue();
        for (int i = 0; i < n; i++) {
            double residual = -b[i];
            for (int j = 0; j < n; j++) {
                residual += a[i][j] * r.point()[j];
            }
            assertThat(residual).isCloseTo(0, within(1e-6));   // the relative-decrease stop leaves |grad| ~ sqrt(eps)
        }
    }

    @Test
    void minimisesRosenbrock() {
        int[] iterations = new int[1];
        Lbfgs.Result r = Lbfgs.minimise((x, g) -> {
            double u = 1 - x[0];
            double v = x[1] - x[0] * x[0];
            g[0] = -2 * u - 400 * x[0] * v;
            g[1] = 200 * v;
            return u * u + 100 * v * v;
        }, new double[] {-1.2, 1}, 1000, 1e-10, (i, v) -> iterations[0] = i);
        assertThat(r.converged()).isTrue();
        assertThat(r.point()[0]).isCloseTo(1, within(1e-8));
        assertThat(r.point()[1]).isCloseTo(1, within(1e-8));
        assertThat(iterations[0]).isEqualTo(r.iterations()).isLessThan(200);
    }

    @Test
    void stopsAtTheIterationLimit() {
        Lbfgs.Result r = Lbfgs.minimise((x, g) -> {
            g[0] = Math.exp(x[0]);      // no minimum: f = e^x decreases towards -inf
            return Math.exp(x[0]);
        }, new double[] {0}, 5, 1e-300, Lbfgs.Listener.NONE);
        assertThat(r.iterations()).isLessThanOrEqualTo(5);
        assertThat(r.converged()).isFalse();
        assertThat(r.value()).isLessThan(1);
    }

    @Test
    void minimisesTheDocumentedExample() {
        Lbfgs.Result r = Lbfgs.minimise((x, g) -> {
            g[0] = 2 * (x[0] - 3);
            g[1] = 2 * (x[1] + 1);
            return (x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1);
        }, new double[2], 100, 1e-10, Lbfgs.Listener.NONE);
        assertThat(r.converged()).isTrue();
        assertThat(r.point()[0]).isCloseTo(3, within(1e-9));
        assertThat(r.point()[1]).isCloseTo(-1, within(1e-9));
    }

    @Test
    void isDeterministic() {
        Lbfgs.Objective rosenbrock = (x, g) -> {
            double u = 1 - x[0];
            double v = x[1] - x[0] * x[0];
            g[0] = -2 * u - 400 * x[0] * v;
            g[1] = 200 * v;
            return u * u + 100 * v * v;
        };
        Lbfgs.Result a = Lbfgs.minimise(rosenbrock, new double[] {-1.2, 1}, 30, 0, Lbfgs.Listener.NONE);
        Lbfgs.Result b = Lbfgs.minimise(rosenbrock, new double[] {-1.2, 1}, 30, 0, Lbfgs.Listener.NONE);
        assertThat(b.point()).containsExactly(a.point());
        assertThat(b.value()).isEqualTo(a.value());
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        Lbfgs.Objective f = (x, g) -> {
            g[0] = 2 * x[0];
            return x[0] * x[0];
        };
        double[] start = {1};
        assertThatThrownBy(() -> Lbfgs.minimise(null, start, 10, 0, Lbfgs.Listener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("f");
        assertThatThrownBy(() -> Lbfgs.minimise(f, new double[0], 10, 0, Lbfgs.Listener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start");
        assertThatThrownBy(() -> Lbfgs.minimise(f, new double[] {Double.NaN}, 10, 0, Lbfgs.Listener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start[0]: NaN");
        assertThatThrownBy(() -> Lbfgs.minimise(f, start, -1, 0, Lbfgs.Listener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxIterations: -1");
        assertThatThrownBy(() -> Lbfgs.minimise(f, start, 10, -1e-3, Lbfgs.Listener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gradientTolerance: -0.001");
        assertThatThrownBy(() -> Lbfgs.minimise(f, start, 10, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listener");
    }
}
