package org.wisekit.calib;

import java.util.Locale;
import org.wisekit.calib.internal.Softmax;

/**
 * Fitted histogram binning, one-vs-rest per class: with {@code p = softmax(z)}, class k's entry is mapped
 * to the value of the equal-width bin that holds it, {@code q_k = values[k * bins + bin(p_k)] + 1e-9 p_k},
 * and each row is divided by its sum. Bins are {@code (b/B, (b+1)/B]} (an entry on an edge goes to the lower
 * bin; 0 goes to the first), as in the ECE. The {@code 1e-9 p_k} term (the isotonic baselines' tie-break)
 * keeps a row whose bins are all 0 a probability vector and breaks ties between classes by p.
 *
 * @param bins   B, at least 1
 * @param values K x B row-major, each in [0, 1]
 */
public record HistogramCalibration(int bins, double[] values) implements Calibration {

    public HistogramCalibration {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        if (values == null || values.length < 2 * bins || values.length % bins != 0) {
            throw new IllegalArgumentException("values must hold K x " + bins + " entries with K >= 2, got "
                    + (values == null ? "none" : values.length));
        }
        for (double v : values) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("bin values must lie in [0, 1], got " + v);
            }
        }
    }

    /** K. */
    public int classes() {
        return values.length / bins;
    }

    /** The bin of probability {@code p}: b with {@code b/B < p <= (b+1)/B}, 0 for p = 0. */
    public int bin(double p) {
        return ReliabilityDiagram.equalWidthBin(p, bins);
    }

    @Override
    public Probabilities apply(Logits logits) {
        int k = logits.classes();
        if (k != classes()) {
            throw new IllegalArgumentException("fitted for " + classes() + " classes, got logits of " + k);
        }
        double[] p = Softmax.softmaxRows(logits.values(), k, 1.0);
        double[] q = new double[p.length];
        for (int offset = 0; offset < p.length; offset += k) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double v = values[c * bins + bin(p[offset + c])] + IsotonicCalibrator.TIE_BREAK * p[offset + c];
                q[offset + c] = v;
                sum += v;
            }
            for (int c = 0; c < k; c++) {
                q[offset + c] /= sum;
            }
        }
        return new Probabilities(k, q);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%d classes x %d equal-width bins (one-vs-rest)", classes(), bins);
    }
}
