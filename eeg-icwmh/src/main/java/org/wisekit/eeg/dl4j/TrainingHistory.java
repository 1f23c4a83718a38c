package org.wisekit.eeg.dl4j;

import java.util.List;

/**
 * What happened during {@link Classifier#fit}. Immutable.
 *
 * @param trainLoss          mean minibatch cross-entropy of each epoch run (computed before each step)
 * @param validationAccuracy validation accuracy in [0, 1] after each epoch; empty without early stopping
 * @param bestEpoch          the epoch (from 0) whose parameters the classifier keeps: the last one without early
 *                           stopping, else the first with the best validation accuracy
 * @param stoppedEarly       whether training ended before the last epoch because validation stopped improving
 */
public record TrainingHistory(List<Double> trainLoss, List<Double> validationAccuracy, int bestEpoch,
                              boolean stoppedEarly) {

    /** Copies the lists. */
    public TrainingHistory {
        trainLoss = List.copyOf(trainLoss);
        validationAccuracy = List.copyOf(validationAccuracy);
        if (bestEpoch < 0 || bestEpoch >= trainLoss.size()) {
            throw new IllegalArgumentException("bestEpoch must be in [0, " + trainLoss.size() + "), got " + bestEpoch);
        }
    }

    /** Epochs run. */
    public int epochs() {
        return trainLoss.size();
    }
}
