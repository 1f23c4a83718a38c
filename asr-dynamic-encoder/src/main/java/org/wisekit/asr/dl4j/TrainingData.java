package org.wisekit.asr.dl4j;

import java.util.List;

/**
 * Training utterances for {@link SupernetTrainer}: per utterance its normalised log-mel features
 * {@code [frames][melBins]} row-major and its labels (1..vocab-1; the CTC blank is 0).
 *
 * @param mel    features per utterance
 * @param labels labels per utterance, same count
 */
public record TrainingData(List<float[]> mel, List<int[]> labels) {

    public TrainingData {
        if (mel == null || labels == null || mel.size() != labels.size() || mel.isEmpty()) {
            throw new IllegalArgumentException("need as many label sequences as feature arrays, at least one; got "
                    + (mel == null ? null : mel.size()) + " and " + (labels == null ? null : labels.size()));
        }
        for (int u = 0; u < labels.size(); u++) {
            if (labels.get(u).length == 0) {
                throw new IllegalArgumentException("utterance " + u + " has no labels");
            }
        }
        mel = List.copyOf(mel);
        labels = List.copyOf(labels);
    }

    /** Number of utterances. */
    public int size() {
        return mel.size();
    }
}
