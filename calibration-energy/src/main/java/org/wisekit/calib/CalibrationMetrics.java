package org.wisekit.calib;

import org.wisekit.calib.internal.Losses;

/**
 * How well probabilities fit the labels. Rows labelled {@link Logits#NO_CLASS} (semantic OOD) are never
 * correct, so on an all-OOD set accuracy is 0 and the ECE equals the mean confidence.
 *
 * @param size        number of rows
 * @param accuracy    fraction whose predicted class (first argmax) is the label
 * @param ece         expected calibration error over equal-width bins (a fraction, not %)
 * @param adaptiveEce the same over equal-mass bins
 * @param nll         mean {@code -log p_label}, probabilities floored at 1e-20; NaN when any row is OOD
 *                    (an OOD row has no label to score)
 * @param brier       multi-class Brier score {@code (1/N) sum_i sum_k (p_ik - y_ik)^2}, y one-hot, or all
 *                    zeros for an OOD row; in [0, 2]
 */
public record CalibrationMetrics(int size, double accuracy, double ece, double adaptiveEce, double nll, double brier) {

    /** The reference code's number of bins. */
    public static final int DEFAULT_BINS = 15;

    /** The metrics with {@value #DEFAULT_BINS} bins. */
    public static CalibrationMetrics evaluate(Probabilities p, int[] labels) {
        return evaluate(p, labels, DEFAULT_BINS);
    }

    /** The metrics with {@code bins} bins for both ECEs. */
    public static CalibrationMetrics evaluate(Probabilities p, int[] labels, int bins) {
        ReliabilityDiagram equalWidth = ReliabilityDiagram.equalWidth(p, labels, bins);
        ReliabilityDiagram equalMass = ReliabilityDiagram.equalMass(p, labels, bins);
        int n = p.size();
        int classes = p.classes();
        int correct = 0;
        double logLoss = 0;
        boolean anyOod = false;
        double brier = 0;
        for (int i = 0; i < n; i++) {
            correct += p.prediction(i) == labels[i] ? 1 : 0;
            if (labels[i] == Logits.NO_CLASS) {
                anyOod = true;
            } else {
                logLoss -= Math.log(Math.max(p.get(i, labels[i]), Losses.PROBABILITY_FLOOR));
            }
            for (int k = 0; k < classes; k++) {
                double d = p.get(i, k) - (k == labels[i] ? 1 : 0);
                brier += d * d;
            }
        }
        return new CalibrationMetrics(n, (double) correct / n, equalWidth.calibrationError(),
                equalMass.calibrationError(), anyOod ? Double.NaN : logLoss / n, brier / n);
    }
}
