package org.wisekit.calib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.junit.jupiter.api.Test;

/**
 * Histogram binning, vector / matrix / Dirichlet scaling and Beta calibration against references written
 * independently here: a brute-force histogram, and for the fitted ones an objective computed from scratch
 * (plain loops, no library kernels), whose finite-difference gradient must vanish at the fitted parameters
 * and whose minimum found by BOBYQA (derivative-free, Commons Math) must not be lower.
 */
class ExtraBaselinesTest {

    private static final Logits TINY3 = SyntheticLogits.sample(60, 3, 2.0, 1.5, 71);
    private static final Logits TINY2 = SyntheticLogits.sample(80, 2, 2.5, 1.7, 72);

    // ---------------------------------------------------------------- histogram binning

    @Test
    void histogramBinsEqualABruteForceCount() {
        Logits val = SyntheticLogits.sample(500, 4, 3.0, 2.0, 73);
        int bins = 7;
        HistogramCalibration h = new HistogramBinning(bins).fit(val);
        for (int k = 0; k < 4; k++) {
            for (int b = 0; b < bins; b++) {
                double lo = (double) b / bins;
                double hi = (double) (b + 1) / bins;
                int count = 0;
                int hits = 0;
                for (int i = 0; i < val.size(); i++) {
                    double p = softmax(val, i)[k];
                    boolean in = b == 0 ? p <= hi : p > lo && p <= hi;
                    if (in) {
                        count++;
                        hits += val.labels()[i] == k ? 1 : 0;
                    }
                }
                double expected = count == 0 ? (b + 0.5) / bins : (double) hits / count;
                assertThat(h.values()[k * bins + b]).as("class %d bin %d", k, b).isEqualTo(expected);
            }
        }
    }

    @Test
    void histogramAppliesTheBinValuesAndNormalises() {
        // 2 classes, 2 bins: (0, 0.5] and (0.5, 1]
        HistogramCalibration h = new HistogramCalibration(2, new double[] {0.1, 0.6, 0.2, 0.9});
        Logits z = Logits.outOfDistribution(2, new double[] {0, 2});      // p = (0.119, 0.881)
        double p0 = 1 / (1 + Math.exp(2));
        double q0 = 0.1 + 1e-9 * p0;                                     // class 0 in bin 0
        double q1 = 0.9 + 1e-9 * (1 - p0);                               // class 1 in bin 1
        Probabilities q = h.apply(z);
        assertThat(q.get(0, 0)).isCloseTo(q0 / (q0 + q1), within(1e-15));
        assertThat(q.get(0, 1)).isCloseTo(q1 / (q0 + q1), within(1e-15));
        assertThat(h.bin(0.5)).isZero();
        assertThat(h.bin(0.5000001)).isEqualTo(1);
        assertThatThrownBy(() -> new HistogramBinning(0)).hasMessageContaining("bins must be >= 1, got 0");
        assertThatThrownBy(() -> new HistogramCalibration(2, new double[] {0.1, 1.5, 0.2, 0.3}))
                .hasMessageContaining("[0, 1]");
    }

    // ---------------------------------------------------------------- vector, matrix, Dirichlet

    /** The NLL of softmax(W x + b) plus penalties, from scratch; theta = W (row-major or diagonal), then b. */
    private static double linearObjective(double[] theta, double[][] x, int[] y, int k, boolean diagonal,
                                          double offPenalty, double diagPenalty, double biasPenalty) {
        int wCount = diagonal ? k : k * k;
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            double[] u = new double[k];
            for (int c = 0; c < k; c++) {
                u[c] = theta[wCount + c];
                for (int j = 0; j < k; j++) {
                    if (diagonal && j != c) {
                        continue;
                    }
                    u[c] += (diagonal ? theta[c] : theta[c * k + j]) * x[i][j];
                }
            }
            double denominator = 0;
            for (int c = 0; c < k; c++) {
                denominator += Math.exp(u[c]);
            }
            total += Math.log(denominator) - u[y[i]];
        }
        double penalty = 0;
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < k; j++) {
                if (diagonal && j != c) {
                    continue;
                }
                double w = diagonal ? theta[c] : theta[c * k + j];
                penalty += (c == j ? diagPenalty : offPenalty) * w * w;
            }
            penalty += biasPenalty * theta[wCount + c] * theta[wCount + c];
        }
        return total / y.length + penalty;
    }

    private static double[][] logitRows(Logits l) {
        double[][] x = new double[l.size()][l.classes()];
        for (int i = 0; i < l.size(); i++) {
            for (int j = 0; j < l.classes(); j++) {
                x[i][j] = l.logit(i, j);
            }
        }
        return x;
    }

    private static double[][] logProbabilityRows(Logits l) {
        double[][] x = new double[l.size()][];
        for (int i = 0; i < l.size(); i++) {
            double[] p = softmax(l, i);
            x[i] = new double[p.length];
            for (int j = 0; j < p.length; j++) {
                x[i][j] = Math.log(p[j]);
            }
        }
        return x;
    }

    private static double[] parameters(LinearCalibration c) {
        double[] theta = new double[c.weights().length + c.bias().length];
        System.arraycopy(c.weights(), 0, theta, 0, c.weights().length);
        System.arraycopy(c.bias(), 0, theta, c.weights().length, c.bias().length);
        return theta;
    }

    /** Central finite differences of {@code f} at {@code theta} are all within {@code tolerance} of 0. */
    private static void assertStationary(ToDoubleFunction<double[]> f, double[] theta, double tolerance, String what) {
        for (int q = 0; q < theta.length; q++) {
            double h = 1e-5;
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[q] += h;
            minus[q] -= h;
            double derivative = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
            assertThat(derivative).as("%s: d/dtheta_%d at the fit", what, q).isCloseTo(0, within(tolerance));
        }
    }

    /** BOBYQA (no derivatives) from {@code start}: the minimum value it finds. */
    private static double bobyqaMinimum(ToDoubleFunction<double[]> f, double[] start) {
        int n = start.length;
        BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * n + 1, 0.5, 1e-10);
        return optimizer.optimize(new MaxEval(200_000), new ObjectiveFunction(f::applyAsDouble), GoalType.MINIMIZE,
                new InitialGuess(start), SimpleBounds.unbounded(n)).getValue();
    }

    private static void checkLinearFit(LinearCalibration fitted, double[][] x, int[] y, int k, boolean diagonal,
                                       double off, double diag, double bias, String what) {
        ToDoubleFunction<double[]> f = theta -> linearObjective(theta, x, y, k, diagonal, off, diag, bias);
        double[] theta = parameters(fitted);
        assertStationary(f, theta, 2e-7, what);
        double[] identity = new double[theta.length];
        for (int c = 0; c < k; c++) {
            identity[diagonal ? c : c * k + c] = 1;
        }
        double ours = f.applyAsDouble(theta);
        double independent = bobyqaMinimum(f, identity);
        assertThat(ours).as(what + ": our minimum vs BOBYQA's").isLessThanOrEqualTo(independent + 1e-9)
                .isCloseTo(independent, within(1e-6));
    }

    @Test
    void vectorScalingReachesTheNllMinimum() {
        LinearCalibration v = new VectorScaling().fit(TINY3);
        assertThat(v.diagonal()).isTrue();
        assertThat(v.input()).isEqualTo(LinearCalibration.Input.LOGITS);
        checkLinearFit(v, logitRows(TINY3), TINY3.labels(), 3, true, 0, 0, 0, "vector scaling");
    }

    @Test
    void matrixScalingReachesThePenalisedNllMinimum() {
        LinearCalibration m = new MatrixScaling(0.01).fit(TINY3);
        assertThat(m.diagonal()).isFalse();
        checkLinearFit(m, logitRows(TINY3), TINY3.labels(), 3, false, 0.01, 0.01, 0.01, "matrix scaling L2");
        LinearCalibration plain = new MatrixScaling(0).fit(TINY3);
        checkLinearFit(plain, logitRows(TINY3), TINY3.labels(), 3, false, 0, 0, 0, "matrix scaling");
    }

    @Test
    void dirichletReachesTheOdirMinimum() {
        double lambda = 0.05;
        double mu = 0.02;
        LinearCalibration d = new DirichletCalibrator(lambda, mu).fit(TINY3);
        assertThat(d.input()).isEqualTo(LinearCalibration.Input.LOG_PROBABILITIES);
        checkLinearFit(d, logProbabilityRows(TINY3), TINY3.labels(), 3, false, lambda / 6, 0, mu / 3, "Dirichlet ODIR");
        // applying: softmax(W ln p + b) computed by hand for the first row
        double[] lnP = logProbabilityRows(TINY3)[0];
        double[] u = new double[3];
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            u[c] = d.bias()[c];
            for (int j = 0; j < 3; j++) {
                u[c] += d.weights()[c * 3 + j] * lnP[j];
            }
            sum += Math.exp(u[c]);
        }
        Probabilities q = d.apply(TINY3.rows(0, 1));
        for (int c = 0; c < 3; c++) {
            assertThat(q.get(0, c)).isCloseTo(Math.exp(u[c]) / sum, within(1e-14));
        }
    }

    @Test
    void strongOdirPenaltiesKeepDirichletNearTheIdentity() {
        LinearCalibration d = new DirichletCalibrator(1e6, 1e6).fit(TINY3);
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 3; j++) {
                if (c != j) {
                    assertThat(d.weights()[c * 3 + j]).isCloseTo(0, within(1e-5));
                }
            }
            assertThat(d.bias()[c]).isCloseTo(0, within(1e-5));
        }
        assertThatThrownBy(() -> new DirichletCalibrator(-1, 0)).hasMessageContaining("lambda must be finite and >= 0, got -1");
        assertThatThrownBy(() -> new MatrixScaling(Double.NaN)).hasMessageContaining("l2");
    }

    @Test
    void vectorScalingRecoversPerClassTemperatures() {
        // labels drawn from softmax(z / 2): vector scaling should find w close to 1/2 for every class, b close to equal
        Logits val = SyntheticLogits.sample(20_000, 4, 4.0, 2.0, 74);
        LinearCalibration v = new VectorScaling().fit(val);
        for (double w : v.weights()) {
            assertThat(w).isCloseTo(0.5, within(0.05));
        }
    }

    // ---------------------------------------------------------------- Beta calibration

    private static double betaObjective(double[] abc, Logits l) {
        double total = 0;
        for (int i = 0; i < l.size(); i++) {
            double s = softmax(l, i)[1];
            double eta = abc[0] * Math.log(s) - abc[1] * Math.log(1 - s) + abc[2];
            double q = 1 / (1 + Math.exp(-eta));
            total -= l.labels()[i] == 1 ? Math.log(q) : Math.log(1 - q);
        }
        return total / l.size();
    }

    @Test
    void betaWithUnitShapesIsTheIdentity() {
        Probabilities q = new BetaCalibration(1, 1, 0).apply(TINY2);
        for (int i = 0; i < TINY2.size(); i++) {
            double s = softmax(TINY2, i)[1];
            assertThat(q.get(i, 1)).isCloseTo(s, within(1e-14));
            assertThat(q.get(i, 0) + q.get(i, 1)).isCloseTo(1, within(1e-15));
        }
        // a hand-computed value: s = 0.5 (equal logits), a = 2, b = 3, c = 0.5: eta = 2 ln 0.5 - 3 ln 0.5 + 0.5 = ln 2 + 0.5
        Probabilities half = new BetaCalibration(2, 3, 0.5).apply(Logits.outOfDistribution(2, new double[] {1, 1}));
        assertThat(half.get(0, 1)).isCloseTo(1 / (1 + Math.exp(-(Math.log(2) + 0.5))), within(1e-15));
    }

    @Test
    void betaReachesTheLogLossMinimum() {
        BetaCalibration beta = new BetaCalibrator().fit(TINY2);
        assertThat(beta.a()).isPositive();
        assertThat(beta.b()).isPositive();
        double[] abc = {beta.a(), beta.b(), beta.c()};
        ToDoubleFunction<double[]> f = theta -> betaObjective(theta, TINY2);
        assertStationary(f, abc, 1e-7, "beta");
        assertThat(f.applyAsDouble(abc)).isLessThanOrEqualTo(bobyqaMinimum(f, new double[] {1, 1, 0}) + 1e-10);
    }

    @Test
    void betaRefitsWithoutANegativeShape() {
        // labels against ln s (the class-1 probability is anti-informative): the unconstrained a is negative,
        // so a is fixed at 0 and (b, c) minimise the log-loss on -ln(1 - s) alone
        Logits flipped = new Logits(2, TINY2.values(), java.util.Arrays.stream(TINY2.labels()).map(l -> 1 - l).toArray());
        BetaCalibration beta = new BetaCalibrator().fit(flipped);
        assertThat(beta.a()).isZero();
        ToDoubleFunction<double[]> f = bc -> betaObjective(new double[] {0, bc[0], bc[1]}, flipped);
        assertStationary(f, new double[] {beta.b(), beta.c()}, 1e-7, "beta with a = 0");
    }

    @Test
    void betaRefusesMoreThanTwoClasses() {
        assertThatThrownBy(() -> new BetaCalibrator().fit(TINY3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 2 classes, got 3");
        assertThatThrownBy(() -> new BetaCalibration(1, 1, 0).apply(TINY3)).hasMessageContaining("2 classes");
        assertThat(Method.BETA.supports(3)).isFalse();
        assertThat(Method.BETA.supports(2)).isTrue();
    }

    @Test
    void iterativeFitsAreDeterministicAndReportIterations() {
        int[] calls = new int[1];
        LinearCalibration a = new DirichletCalibrator(0.01, 0.01).fit(TINY3, Logits.empty(3), (i, m, loss) -> calls[0]++);
        LinearCalibration b = new DirichletCalibrator(0.01, 0.01).fit(TINY3);
        assertThat(a.weights()).isEqualTo(b.weights());
        assertThat(a.bias()).isEqualTo(b.bias());
        assertThat(calls[0]).isPositive();
    }

    private static double[] softmax(Logits l, int row) {
        int k = l.classes();
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, l.logit(row, j));
        }
        double[] p = new double[k];
        double sum = 0;
        for (int j = 0; j < k; j++) {
            p[j] = Math.exp(l.logit(row, j) - max);
            sum += p[j];
        }
        for (int j = 0; j < k; j++) {
            p[j] /= sum;
        }
        return p;
    }
}
