package org.wisekit.ddescent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AlignedTeacherStudentTest {

    private static double maxAbsDiff(double[][] a, double[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    /** {@code sum_i s_i a_i b_i^T} over the first s.length columns. */
    private static double[][] diagonalIn(double[][] a, double[] s, double[][] b) {
        double[][] out = new double[a.length][b.length];
        for (int i = 0; i < s.length; i++) {
            for (int r = 0; r < a.length; r++) {
                for (int c = 0; c < b.length; c++) {
                    out[r][c] += s[i] * a[r][i] * b[c][i];
                }
            }
        }
        return out;
    }

    @Test
    void covariancesHaveTheImposedSpectraExactly() {
        double[] lambda = {2.0, 1.0, 0.5, 0.25, 0.1};
        double[] sigma = {1.5, -0.3, 0.2};
        double[] teacher = {0.9, 0.1, -0.4};
        AlignedTeacherStudent ts = AlignedTeacherStudent.generate(17, 5, 3, lambda, sigma, teacher, 0.5, 7);
        RegressionData d = ts.data();
        assertThat(d.size()).isEqualTo(17);
        assertThat(d.inputs()).isEqualTo(5);
        assertThat(d.outputs()).isEqualTo(3);
        assertThat(maxAbsDiff(d.sigmaXX(), diagonalIn(ts.v(), lambda, ts.v()))).isLessThan(1e-13);
        assertThat(maxAbsDiff(d.sigmaYX(), diagonalIn(ts.u(), sigma, ts.v()))).isLessThan(1e-13);
        // orthonormal bases
        double[][] u = ts.u();
        double[][] v = ts.v();
        assertThat(maxAbsDiff(org.wisekit.ddescent.internal.Dense.transposeTimes(u, u), identity(3)))
                .isLessThan(1e-14);
        assertThat(maxAbsDiff(org.wisekit.ddescent.internal.Dense.transposeTimes(v, v), identity(5)))
                .isLessThan(1e-14);
        assertThat(ts.modes(1e-4)).hasSize(3);
        assertThat(ts.modes(1e-4).get(1).sigma()).isEqualTo(-0.3);
        assertThat(ts.modes(1e-4).get(2).zTarget()).isEqualTo(-0.4);
        assertThat(ts.testErrorConstant()).isCloseTo(3 * 0.25, within(1e-15));
        assertThat(ts.warnings()).isEmpty();
    }

    @Test
    void teacherPlusProjectedNoiseKeepsSigmaYxDiagonal() {
        double[] lambda = {1.5, 1.0, 0.6, 0.3};
        double[] teacher = {1.0, -0.5, 0.25, 0.7};
        AlignedTeacherStudent ts = AlignedTeacherStudent.fromTeacher(20, 4, 4, lambda, teacher, 0.5, 11);
        double[] sigma = ts.sigma();
        assertThat(maxAbsDiff(ts.data().sigmaYX(), diagonalIn(ts.u(), sigma, ts.v()))).isLessThan(1e-13);
        // the noise moved sigma away from lambda * teacher (label noise is what makes modes overfit)
        double moved = 0;
        for (int i = 0; i < 4; i++) {
            moved = Math.max(moved, Math.abs(sigma[i] - lambda[i] * teacher[i]));
        }
        assertThat(moved).isGreaterThan(0.01);
        // without noise the data is the teacher exactly: Y = X W*^T
        AlignedTeacherStudent clean = AlignedTeacherStudent.fromTeacher(20, 4, 4, lambda, teacher, 0, 11);
        for (int i = 0; i < 4; i++) {
            assertThat(clean.sigma()[i]).isCloseTo(lambda[i] * teacher[i], within(1e-15));
        }
        // the same seed gives the same data
        AlignedTeacherStudent again = AlignedTeacherStudent.fromTeacher(20, 4, 4, lambda, teacher, 0.5, 11);
        assertThat(again.data().y()).isDeepEqualTo(ts.data().y());
        assertThat(again.sigma()).containsExactly(sigma);
    }

    @Test
    void populationTestErrorMatchesTheModeFormula() {
        double[] lambda = {2.0, 1.0, 0.5};
        AlignedTeacherStudent ts = AlignedTeacherStudent.fromTeacher(12, 3, 3, lambda, new double[] {0.5, -1, 2},
                0.3, 3);
        double[] a = {0.7, -0.2, 1.1};
        double[] b = {0.4, 0.9, 0.3};
        LinearNet net = ts.decoupledNet(a, b, 4);
        double expected = ts.testErrorConstant();
        for (int i = 0; i < 3; i++) {
            double d = a[i] * b[i] - ts.teacher()[i];
            expected += lambda[i] * d * d;
        }
        assertThat(ts.testError(net)).isCloseTo(expected, within(1e-13));
        assertThat(TestError.of(ts.modes(0.1), net.modeCoefficients(ts.u(), ts.v())) + ts.testErrorConstant())
                .isCloseTo(expected, within(1e-13));
    }

    @Test
    void singleOutputGetsAWarningAndMoreInputsThanOutputsWork() {
        AlignedTeacherStudent ts = AlignedTeacherStudent.generate(6, 3, 1, new double[] {1, 0.5, 0.2},
                new double[] {0.4}, new double[] {0.3}, 0.1, 1);
        assertThat(ts.modeCount()).isEqualTo(1);
        assertThat(ts.warnings()).singleElement().asString().contains("single output");
    }

    @Test
    void badInputIsRejectedNamingTheParameter() {
        double[] l = {1, 1};
        double[] s = {1, 1};
        assertThatThrownBy(() -> AlignedTeacherStudent.generate(5, 2, 2, new double[] {1, 0}, s, s, 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda[1]")
                .hasMessageContaining("0.0");
        assertThatThrownBy(() -> AlignedTeacherStudent.generate(5, 2, 2, l, new double[] {1}, s, 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma (length 1)");
        assertThatThrownBy(() -> AlignedTeacherStudent.generate(5, 3, 2, l, s, s, 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda (length 2)")
                .hasMessageContaining("dx (length 3)");
        assertThatThrownBy(() -> AlignedTeacherStudent.generate(1, 2, 2, l, s, s, 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n must be >= dx");
        assertThatThrownBy(() -> AlignedTeacherStudent.fromTeacher(5, 2, 2, l, s, -1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noiseStd");
        assertThatThrownBy(() -> RegressionData.of(new double[][] {{1}, {2}}, new double[][] {{1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x rows (length 2)");
    }

    private static double[][] identity(int n) {
        double[][] id = new double[n][n];
        for (int i = 0; i < n; i++) {
            id[i][i] = 1;
        }
        return id;
    }
}
