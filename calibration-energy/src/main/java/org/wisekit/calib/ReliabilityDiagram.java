package org.wisekit.calib;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Top-label reliability: inputs grouped by confidence (their largest probability), with the mean
 * confidence and the accuracy of each group. A row labelled {@link Logits#NO_CLASS} is never correct.
 *
 * <p>{@link #equalWidth} bins are {@code (b/B, (b+1)/B]}, open below and closed above as in the reference
 * code (a confidence exactly on an edge goes to the lower bin; a confidence of exactly 0, impossible for a
 * probability vector, would go to the first bin). {@link #equalMass} bins hold {@code floor((b+1) N / B) -
 * floor(b N / B)} inputs each, in confidence order (ties broken by row index).
 *
 * @param bins the non-empty bins, in increasing confidence
 * @param size total number of inputs
 */
public record ReliabilityDiagram(List<Bin> bins, int size) {

    /**
     * One group.
     *
     * @param lower          lower edge (equal-width) or smallest confidence (equal-mass)
     * @param upper          upper edge (equal-width) or largest confidence (equal-mass)
     * @param count          inputs in the group, > 0
     * @param meanConfidence mean top-label confidence
     * @param accuracy       fraction predicted correctly
     */
    public record Bin(double lower, double upper, int count, double meanConfidence, double accuracy) {
    }

    public ReliabilityDiagram {
        bins = List.copyOf(bins);
    }

    /** Equal-width bins over [0, 1]. */
    public static ReliabilityDiagram equalWidth(Probabilities p, int[] labels, int binCount) {
        check(p, labels, binCount);
        int n = p.size();
        double[] confidenceSum = new double[binCount];
        int[] correct = new int[binCount];
        int[] count = new int[binCount];
        for (int i = 0; i < n; i++) {
            double c = p.confidence(i);
            int b = equalWidthBin(c, binCount);
            confidenceSum[b] += c;
            correct[b] += p.prediction(i) == labels[i] ? 1 : 0;
            count[b]++;
        }
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < binCount; b++) {
            if (count[b] > 0) {
                bins.add(new Bin(edge(b, binCount), edge(b + 1, binCount), count[b], confidenceSum[b] / count[b],
                        (double) correct[b] / count[b]));
            }
        }
        return new ReliabilityDiagram(bins, n);
    }

    /** Equal-mass (adaptive) bins. */
    public static ReliabilityDiagram equalMass(Probabilities p, int[] labels, int binCount) {
        check(p, labels, binCount);
        int n = p.size();
        double[] confidence = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            confidence[i] = p.confidence(i);
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(confidence[a], confidence[b]));
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < binCount; b++) {
            int from = (int) ((long) b * n / binCount);
            int to = (int) ((long) (b + 1) * n / binCount);
            if (to == from) {
                continue;
            }
            double sum = 0;
            int correct = 0;
            for (int r = from; r < to; r++) {
                int i = order[r];
                sum += confidence[i];
                correct += p.prediction(i) == labels[i] ? 1 : 0;
            }
            bins.add(new Bin(confidence[order[from]], confidence[order[to - 1]], to - from, sum / (to - from),
                    (double) correct / (to - from)));
        }
        return new ReliabilityDiagram(bins, n);
    }

    /** {@code sum_b (n_b / N) |accuracy_b - meanConfidence_b|}: the ECE of these bins. */
    public double calibrationError() {
        double error = 0;
        for (Bin bin : bins) {
            error += (double) bin.count() / size * Math.abs(bin.accuracy() - bin.meanConfidence());
        }
        return error;
    }

    /** The bin b with {@code b/B < confidence <= (b+1)/B} (0 for confidence 0). */
    static int equalWidthBin(double confidence, int binCount) {
        int b = Math.min(binCount - 1, Math.max(0, (int) Math.ceil(confidence * binCount) - 1));
        // the product can round across an edge; settle against the edges themselves
        while (b > 0 && confidence <= edge(b, binCount)) {
            b--;
        }
        while (b < binCount - 1 && confidence > edge(b + 1, binCount)) {
            b++;
        }
        return b;
    }

    private static double edge(int b, int binCount) {
        return (double) b / binCount;
    }

    private static void check(Probabilities p, int[] labels, int binCount) {
        if (binCount < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + binCount);
        }
        if (labels == null || labels.length != p.size()) {
            throw new IllegalArgumentException("need one label per row: " + p.size() + " rows, "
                    + (labels == null ? "no" : String.valueOf(labels.length)) + " labels");
        }
        if (p.size() == 0) {
            throw new IllegalArgumentException("no rows to evaluate");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != Logits.NO_CLASS && (labels[i] < 0 || labels[i] >= p.classes())) {
                throw new IllegalArgumentException("label of row " + i + " is " + labels[i] + ", outside 0.."
                        + (p.classes() - 1));
            }
        }
    }
}
