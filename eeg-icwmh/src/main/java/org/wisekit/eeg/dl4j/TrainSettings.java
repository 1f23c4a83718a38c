package org.wisekit.eeg.dl4j;

/**
 * How {@link Classifier#fit} trains: minibatch Adam for a number of epochs, with an optional validation split
 * for early stopping (off by default). Immutable; {@link #defaults()} then the {@code with...} methods.
 *
 * @param epochs             passes over the training rows, at least 1 (the maximum when early stopping is on)
 * @param batchSize          rows per optimizer step, at least 1 (a larger value than the training rows means one
 *                           batch per epoch; the last batch of an epoch may be smaller)
 * @param learningRate       Adam's step size, finite and positive
 * @param seed               the seed of the initial weights, of the validation split and of the row order
 * @param threads            1: ND4J on one thread ({@code Nd4jThreads.single}, the project's deterministic set-up);
 *                           0: ND4J's own thread settings ({@code OMP_NUM_THREADS}, else the core count)
 * @param validationFraction share of the rows held out for early stopping, in {@code [0, 1)}; 0 turns it off
 * @param patience           epochs without a better validation accuracy before stopping, at least 1
 */
public record TrainSettings(int epochs, int batchSize, double learningRate, long seed, int threads,
                            double validationFraction, int patience) {

    /** Validates. */
    public TrainSettings {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        checkLearningRate(learningRate);
        if (threads != 0 && threads != 1) {
            throw new IllegalArgumentException("threads must be 1 (one ND4J thread) or 0 (ND4J's own setting), got "
                    + threads);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1), got " + validationFraction);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
    }

    /** 30 epochs, batches of 16, learning rate 1e-3 (Adam's default), seed 1, one thread, no early stopping. */
    public static TrainSettings defaults() {
        return new TrainSettings(30, 16, 1e-3, 1, 1, 0, 10);
    }

    /** These settings with {@code epochs}. */
    public TrainSettings withEpochs(int epochs) {
        return new TrainSettings(epochs, batchSize, learningRate, seed, threads, validationFraction, patience);
    }

    /** These settings with {@code batchSize}. */
    public TrainSettings withBatchSize(int batchSize) {
        return new TrainSettings(epochs, batchSize, learningRate, seed, threads, validationFraction, patience);
    }

    /** These settings with {@code learningRate}. */
    public TrainSettings withLearningRate(double learningRate) {
        return new TrainSettings(epochs, batchSize, learningRate, seed, threads, validationFraction, patience);
    }

    /** These settings with {@code seed}. */
    public TrainSettings withSeed(long seed) {
        return new TrainSettings(epochs, batchSize, learningRate, seed, threads, validationFraction, patience);
    }

    /** These settings with {@code threads} (1 or 0). */
    public TrainSettings withThreads(int threads) {
        return new TrainSettings(epochs, batchSize, learningRate, seed, threads, validationFraction, patience);
    }

    /** These settings with early stopping on a held-out {@code fraction}, after {@code patience} epochs without gain. */
    public TrainSettings withValidation(double fraction, int patience) {
        return new TrainSettings(epochs, batchSize, learningRate, seed, threads, fraction, patience);
    }

    static double checkLearningRate(double learningRate) {
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
        }
        return learningRate;
    }
}
