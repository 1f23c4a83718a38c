package org.wisekit.geohard.learn;

/**
 * Class-wise F1, the quantity GeoHard's hardness is correlated with.
 *
 * <p>For class c with true positives tp, false positives fp and false negatives fn,
 * {@code F1 = 2 tp / (2 tp + fp + fn)}. A class that is neither true for any item nor predicted for any
 * (tp = fp = fn = 0) has no F1: its entry is {@link Double#NaN}, which is how such a class is flagged (the
 * correlations of {@link org.wisekit.geohard.Correlation} then need it removed). A class that is true
 * somewhere but never predicted correctly has F1 0.
 */
public final class ClassF1 {

    private ClassF1() {
    }

    /**
     * F1 per class.
     *
     * @param truth     true class per item, in {@code [0, k)}
     * @param predicted predicted class per item, same length, in {@code [0, k)}
     * @param k         number of classes, at least 1
     * @return {@code k} values in [0, 1], NaN for a class that is never true and never predicted
     */
    public static double[] perClass(int[] truth, int[] predicted, int k) {
        int[][] confusion = confusion(truth, predicted, k);
        double[] f1 = new double[k];
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c];
            long fn = 0;
            long fp = 0;
            for (int o = 0; o < k; o++) {
                if (o != c) {
                    fn += confusion[c][o];
                    fp += confusion[o][c];
                }
            }
            long denominator = 2 * tp + fp + fn;
            f1[c] = denominator == 0 ? Double.NaN : 2.0 * tp / denominator;
        }
        return f1;
    }

    /** The confusion matrix: {@code [true class][predicted class]} counts. Same arguments as {@link #perClass}. */
    public static int[][] confusion(int[] truth, int[] predicted, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k: " + k + " (must be >= 1)");
        }
        if (truth == null || predicted == null) {
            throw new IllegalArgumentException((truth == null ? "truth" : "predicted") + ": null");
        }
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("predicted: length " + predicted.length + " but truth has " + truth.length);
        }
        int[][] confusion = new int[k][k];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= k) {
                throw new IllegalArgumentException("truth[" + i + "]: " + truth[i] + " (must be in [0, " + k + "))");
            }
            if (predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException("predicted[" + i + "]: " + predicted[i] + " (must be in [0, " + k + "))");
            }
            confusion[truth[i]][predicted[i]]++;
        }
        return confusion;
    }

    /** The mean of the defined (non-NaN) entries; NaN when there are none. */
    public static double macro(double[] perClass) {
        if (perClass == null) {
            throw new IllegalArgumentException("perClass: null");
        }
        double sum = 0;
        int n = 0;
        for (double f : perClass) {
            if (!Double.isNaN(f)) {
                sum += f;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Item-level accuracy: the share of items whose prediction equals the truth. */
    public static double accuracy(int[] truth, int[] predicted) {
        if (truth == null || predicted == null || truth.length != predicted.length || truth.length == 0) {
            throw new IllegalArgumentException("truth/predicted: must be non-null, non-empty and of equal length");
        }
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            correct += truth[i] == predicted[i] ? 1 : 0;
        }
        return (double) correct / truth.length;
    }
}
