package org.wisekit.calib;

import org.wisekit.calib.internal.Softmax;

/**
 * Histogram binning (Zadrozny and Elkan, "Obtaining calibrated probability estimates from decision trees
 * and naive Bayesian classifiers", ICML 2001), one-vs-rest per class: for each class k, the validation
 * entries {@code p_k = softmax(z)_k} are grouped into B equal-width bins over [0, 1], and each bin's value is
 * the fraction of its rows whose label is k. A bin that no validation entry falls in keeps its centre
 * {@code (b + 0.5) / B}. Applying: see {@link HistogramCalibration}.
 *
 * @param bins B, at least 1 ({@link Method#HISTOGRAM} uses {@value #DEFAULT_BINS}, netcal's default)
 */
public record HistogramBinning(int bins) implements Calibrator {

    /** The bin count of {@link Method#HISTOGRAM}. */
    public static final int DEFAULT_BINS = 10;

    public HistogramBinning {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
    }

    @Override
    public String name() {
        return "Histogram";
    }

    @Override
    public HistogramCalibration fit(Logits validation) {
        return fit(validation, Logits.empty(validation.classes()));
    }

    @Override
    public HistogramCalibration fit(Logits validation, Logits oodTuning) {
        validation.requireLabelled("validation");
        int k = validation.classes();
        double[] p = Softmax.softmaxRows(validation.values(), k, 1.0);
        double[] hits = new double[k * bins];
        double[] counts = new double[k * bins];
        int[] labels = validation.labels();
        for (int i = 0; i < labels.length; i++) {
            for (int c = 0; c < k; c++) {
                int cell = c * bins + ReliabilityDiagram.equalWidthBin(p[i * k + c], bins);
                counts[cell]++;
                hits[cell] += labels[i] == c ? 1 : 0;
            }
        }
        double[] values = new double[k * bins];
        for (int cell = 0; cell < values.length; cell++) {
            values[cell] = counts[cell] > 0 ? hits[cell] / counts[cell] : ((cell % bins) + 0.5) / bins;
        }
        return new HistogramCalibration(bins, values);
    }
}
