package org.wisekit.calib.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimplexQuadraticTest {

    @Test
    void matchesAFineGridSearchOnTheThreeSimplex() {
        SplittableRandom random = new SplittableRandom(9);
        for (int trial = 0; trial < 200; trial++) {
            // G = A'A is positive semi-definite; rank-deficient every third trial
            int rows = trial % 3 == 0 ? 2 : 5;
            double[][] a = new double[rows][3];
            for (double[] row : a) {
                for (int j = 0; j < 3; j++) {
                    row[j] = random.nextGaussian();
                }
            }
            double[][] g = new double[3][3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    for (double[] row : a) {
                        g[i][j] += row[i] * row[j];
                    }
                }
            }
            double[] b = random.doubles(3, -2, 2).toArray();
            double[] w = SimplexQuadratic.minimise(g, b);
            assertThat(w[0] + w[1] + w[2]).isCloseTo(1, within(1e-12));
            assertThat(w[0]).isNotNegative();
            assertThat(w[1]).isNotNegative();
            assertThat(w[2]).isNotNegative();
            double found = SimplexQuadratic.value(g, b, w);
            int steps = 200;
            for (int i = 0; i <= steps; i++) {
                for (int j = 0; i + j <= steps; j++) {
                    double[] grid = {(double) i / steps, (double) j / steps, (double) (steps - i - j) / steps};
                    assertThat(found).isLessThanOrEqualTo(SimplexQuadratic.value(g, b, grid) + 1e-9);
                }
            }
        }
    }

    @Test
    void interiorAndVertexOptima() {
        double[][] identity = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        // w' w - 2 b' w is minimised at the projection of b onto the simplex
        assertThat(SimplexQuadratic.minimise(identity, new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}))
                .containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, within(1e-12));
        assertThat(SimplexQuadratic.minimise(identity, new double[] {5, 0, 0}))
                .containsExactly(new double[] {1, 0, 0}, within(1e-12));
        assertThat(SimplexQuadratic.minimise(identity, new double[] {1, 1, -3}))
                .containsExactly(new double[] {0.5, 0.5, 0}, within(1e-12));
    }
}
