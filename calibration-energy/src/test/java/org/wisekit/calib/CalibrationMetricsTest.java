package org.wisekit.calib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationMetricsTest {

    /** The textbook loop: for each bin, every sample with lo < conf <= hi. */
    private static double bruteForceEce(Probabilities p, int[] labels, int bins) {
        double ece = 0;
        int n = p.size();
        for (int b = 0; b < bins; b++) {
            double lo = (double) b / bins;
            double hi = (double) (b + 1) / bins;
            int count = 0;
            double confidence = 0;
            double correct = 0;
            for (int i = 0; i < n; i++) {
                double c = p.confidence(i);
                if (c > lo && c <= hi) {
                    count++;
                    confidence += c;
                    correct += p.prediction(i) == labels[i] ? 1 : 0;
                }
            }
            if (count > 0) {
                ece += (double) count / n * Math.abs(correct / count - confidence / count);
            }
        }
        return ece;
    }

    /** Sort by confidence, cut into bins of floor((b+1)n/B) - floor(bn/B) samples. */
    private static double bruteForceAdaptiveEce(Probabilities p, int[] labels, int bins) {
        int n = p.size();
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {p.confidence(i), p.prediction(i) == labels[i] ? 1 : 0, i};
        }
        Arrays.sort(rows, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[2], b[2]));
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            int from = b * n / bins;
            int to = (b + 1) * n / bins;
            double confidence = 0;
            double correct = 0;
            for (int r = from; r < to; r++) {
                confidence += rows[r][0];
                correct += rows[r][1];
            }
            if (to > from) {
                ece += (double) (to - from) / n * Math.abs(correct / (to - from) - confidence / (to - from));
            }
        }
        return ece;
    }

    private static Probabilities randomProbabilities(int n, int classes, SplittableRandom random, boolean coarse) {
        double[] p = new double[n * classes];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                // coarse values put many confidences exactly on bin edges
                double v = coarse ? random.nextInt(1, 6) : Math.exp(3 * random.nextGaussian());
                p[i * classes + k] = v;
                sum += v;
            }
            for (int k = 0; k < classes; k++) {
                p[i * classes + k] /= sum;
            }
        }
        return new Probabilities(classes, p);
    }

    @Test
    void eceEqualsTheBruteForceLoop() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = random.nextInt(1, 300);
            int classes = random.nextInt(2, 8);
            Probabilities p = randomProbabilities(n, classes, random, trial % 2 == 0);
            int[] labels = random.ints(n, -1, classes).toArray();
            for (int bins : new int[] {1, 2, 5, 10, 15, 20}) {
                CalibrationMetrics m = CalibrationMetrics.evaluate(p, labels, bins);
                assertThat(m.ece()).isCloseTo(bruteForceEce(p, labels, bins), within(1e-12));
                assertThat(m.adaptiveEce()).isCloseTo(bruteForceAdaptiveEce(p, labels, bins), within(1e-12));
            }
        }
    }

    @Test
    void confidencesOnAnEdgeGoToTheLowerBin() {
        for (int bins : new int[] {4, 10, 15}) {
            for (int b = 1; b < bins; b++) {
                double edge = (double) b / bins;
                assertThat(ReliabilityDiagram.equalWidthBin(edge, bins)).isEqualTo(b - 1);
                assertThat(ReliabilityDiagram.equalWidthBin(Math.nextUp(edge), bins)).isEqualTo(b);
            }
            assertThat(ReliabilityDiagram.equalWidthBin(1.0, bins)).isEqualTo(bins - 1);
            assertThat(ReliabilityDiagram.equalWidthBin(0.0, bins)).isZero();
        }
    }

    @Test
    void allCorrectWithConfidenceOneHasZeroEce() {
        Probabilities p = new Probabilities(3, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        CalibrationMetrics m = CalibrationMetrics.evaluate(p, new int[] {0, 1, 2});
        assertThat(m.ece()).isZero();
        assertThat(m.adaptiveEce()).isZero();
        assertThat(m.accuracy()).isEqualTo(1.0);
        assertThat(m.brier()).isZero();
        assertThat(m.nll()).isZero();
    }

    @Test
    void oodRowsHaveZeroAccuracySoEceIsTheMeanConfidence() {
        Probabilities p = new Probabilities(2, new double[] {0.9, 0.1, 0.3, 0.7, 0.55, 0.45});
        int[] ood = {Logits.NO_CLASS, Logits.NO_CLASS, Logits.NO_CLASS};
        CalibrationMetrics m = CalibrationMetrics.evaluate(p, ood);
        assertThat(m.accuracy()).isZero();
        assertThat(m.ece()).isCloseTo((0.9 + 0.7 + 0.55) / 3, within(1e-15));
        assertThat(m.adaptiveEce()).isCloseTo((0.9 + 0.7 + 0.55) / 3, within(1e-15));
        assertThat(m.nll()).isNaN();
        // Brier against the all-zeros target: the sum of squared probabilities
        assertThat(m.brier()).isCloseTo((0.82 + 0.58 + 0.505) / 3, within(1e-15));
    }

    @Test
    void fourSampleExampleWorkedByHand() {
        // confidences 0.9 (correct), 0.8 (wrong), 0.6 (correct), 0.4 (correct); 5 bins of width 0.2
        Probabilities p = new Probabilities(3, new double[] {
                0.9, 0.05, 0.05,
                0.1, 0.8, 0.1,
                0.6, 0.3, 0.1,
                0.4, 0.3, 0.3});
        int[] labels = {0, 0, 0, 0};
        CalibrationMetrics m = CalibrationMetrics.evaluate(p, labels, 5);
        // bins: (0.2,0.4] {0.4 ok}: |1-0.4| = 0.6; (0.4,0.6] {0.6 ok}: 0.4; (0.6,0.8] {0.8 wrong}: 0.8;
        // (0.8,1] {0.9 ok}: 0.1 -> ECE = (0.6 + 0.4 + 0.8 + 0.1) / 4
        assertThat(m.ece()).isCloseTo(1.9 / 4, within(1e-12));
        assertThat(m.accuracy()).isEqualTo(0.75);
        double brier = (0.01 + 0.0025 + 0.0025) + (0.81 + 0.64 + 0.01) + (0.16 + 0.09 + 0.01) + (0.36 + 0.09 + 0.09);
        assertThat(m.brier()).isCloseTo(brier / 4, within(1e-12));
        double nll = -(Math.log(0.9) + Math.log(0.1) + Math.log(0.6) + Math.log(0.4)) / 4;
        assertThat(m.nll()).isCloseTo(nll, within(1e-12));
        // two equal-mass bins: {0.4 ok, 0.6 ok} -> |1 - 0.5|; {0.8 wrong, 0.9 ok} -> |0.5 - 0.85|
        assertThat(CalibrationMetrics.evaluate(p, labels, 2).adaptiveEce()).isCloseTo((0.5 + 0.35) / 2, within(1e-12));
    }

    @Test
    void reliabilityDiagramListsNonEmptyBins() {
        Probabilities p = new Probabilities(2, new double[] {0.95, 0.05, 0.15, 0.85, 0.6, 0.4});
        ReliabilityDiagram d = ReliabilityDiagram.equalWidth(p, new int[] {0, 0, 0}, 10);
        assertThat(d.bins()).hasSize(3);
        assertThat(d.bins().get(2).meanConfidence()).isCloseTo(0.95, within(1e-15));
        assertThat(d.bins().get(1).accuracy()).isZero();
    }

    @Test
    void rejectsBadInput() {
        Probabilities p = new Probabilities(2, new double[] {0.5, 0.5});
        assertThatThrownBy(() -> CalibrationMetrics.evaluate(p, new int[] {2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label");
        assertThatThrownBy(() -> CalibrationMetrics.evaluate(p, new int[] {0, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CalibrationMetrics.evaluate(p, new int[] {0}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Probabilities(2, new double[] {0.5, 0.6})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sums");
        assertThatThrownBy(() -> new Probabilities(2, new double[] {Double.NaN, 1})).isInstanceOf(IllegalArgumentException.class);
    }
}
