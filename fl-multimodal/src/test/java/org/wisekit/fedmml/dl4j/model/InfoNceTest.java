package org.wisekit.fedmml.dl4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InfoNceTest {

    /** The loss graph in double on variables zi, za (already unit rows) and the identity. */
    private static SameDiff graph(double[][] zi, double[][] za, double tau) {
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.var("zi", Nd4j.createFromArray(zi));
        SDVariable b = sd.var("za", Nd4j.createFromArray(za));
        SDVariable eye = sd.constant("eye", Nd4j.eye(zi.length).castTo(DataType.DOUBLE));
        Losses.symmetricInfoNce(sd, a, b, eye, tau).rename("loss");
        return sd;
    }

    private static double loss(SameDiff sd) {
        return sd.output(Map.of(), "loss").get("loss").getDouble(0);
    }

    @Test
    void matchesAHandWorkedExample() {
        // Orthogonal pairs: S = [[1, 0], [0, 1]] / 0.5 = [[2, 0], [0, 2]]. Every row and column has the positive 2
        // and one negative 0: CE = -ln(e^2 / (e^2 + 1)) = ln(1 + e^-2) in both directions.
        double[][] z = {{1, 0}, {0, 1}};
        assertThat(loss(graph(z, z, 0.5))).isCloseTo(Math.log(1 + Math.exp(-2)), within(1e-12));

        // Asymmetric 3 x 3 case: S = zi za^T / 1, worked out row by row and column by column below.
        double[][] zi = {{1, 0}, {0, 1}, {0.6, 0.8}};
        double[][] za = {{0, 1}, {1, 0}, {0.8, 0.6}};
        double[][] s = {{0, 1, 0.8}, {1, 0, 0.6}, {0.8, 0.6, 0.96}};
        double rows = 0;
        double cols = 0;
        for (int i = 0; i < 3; i++) {
            rows += -(s[i][i] - Math.log(Math.exp(s[i][0]) + Math.exp(s[i][1]) + Math.exp(s[i][2])));
            cols += -(s[i][i] - Math.log(Math.exp(s[0][i]) + Math.exp(s[1][i]) + Math.exp(s[2][i])));
        }
        assertThat(loss(graph(zi, za, 1.0))).isCloseTo((rows / 3 + cols / 3) / 2, within(1e-12));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        java.util.Random rng = new java.util.Random(7);
        double[][] zi = new double[4][3];
        double[][] za = new double[4][3];
        for (int i = 0; i < 4; i++) {
            for (int d = 0; d < 3; d++) {
                zi[i][d] = rng.nextGaussian();
                za[i][d] = rng.nextGaussian();
            }
        }
        SameDiff sd = graph(zi, za, 0.05 * 10);
        Map<String, INDArray> grads = sd.calculateGradients(Map.of(), "zi", "za");
        double h = 1e-6;
        for (String name : new String[] {"zi", "za"}) {
            INDArray value = sd.getVariable(name).getArr();
            for (int i = 0; i < 4; i++) {
                for (int d = 0; d < 3; d++) {
                    double original = value.getDouble(i, d);
                    value.putScalar(new int[] {i, d}, original + h);
                    double plus = loss(sd);
                    value.putScalar(new int[] {i, d}, original - h);
                    double minus = loss(sd);
                    value.putScalar(new int[] {i, d}, original);
                    double numeric = (plus - minus) / (2 * h);
                    double analytic = grads.get(name).getDouble(i, d);
                    assertThat(Math.abs(analytic - numeric)).as(name + "[" + i + "," + d + "]")
                            .isLessThan(1e-4 * Math.max(1, Math.abs(numeric)));
                }
            }
        }
    }
}
