package org.wisekit.geohard.learn;

/**
 * A classifier that scores each class per row (logits or log posteriors up to a constant); probabilities are
 * the softmax of the scores and the prediction is the highest score, ties to the lowest class index.
 */
public interface LinearClassifier {

    /** Unnormalised class scores per row. */
    double[][] scores(SparseFeatures x);

    /** Class probabilities per row (the softmax of {@link #scores}). */
    default double[][] probabilities(SparseFeatures x) {
        double[][] p = scores(x);
        for (double[] row : p) {
            Checks.softmax(row);
        }
        return p;
    }

    /** The most probable class per row. */
    default int[] predict(SparseFeatures x) {
        double[][] s = scores(x);
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Checks.argmax(s[i]);
        }
        return out;
    }
}
