package org.wisekit.dfmsd.dl4j;

/**
 * The training recipe shared by every detector and arm: AdamW (decoupled weight decay on every parameter of rank
 * above 1: convolution weights and the batch-norm scales and shifts, stored as {@code [1, C, 1, 1]}; none on biases
 * and scalars), linear warm-up then cosine decay to zero, global-norm gradient clipping.
 *
 * @param epochs       passes over the training set
 * @param batch        images per step
 * @param learningRate peak learning rate
 * @param weightDecay  AdamW weight decay
 * @param clip         global gradient-norm limit (0 = none)
 * @param warmupSteps  steps of linear warm-up
 */
public record TrainSettings(int epochs, int batch, double learningRate, double weightDecay, double clip,
                            int warmupSteps) {

    /** Validates every field. */
    public TrainSettings {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive, got " + learningRate);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay must be non-negative, got " + weightDecay);
        }
        if (!(clip >= 0)) {
            throw new IllegalArgumentException("clip must be non-negative, got " + clip);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be non-negative, got " + warmupSteps);
        }
    }

    /** This project's CPU-scale recipe: AdamW 2e-3, weight decay 1e-4, batch 32, clip 10, 100 warm-up steps. */
    public static TrainSettings cpuScale(int epochs) {
        return new TrainSettings(epochs, 32, 2e-3, 1e-4, 10, 100);
    }

    /** A copy with {@code epochs} epochs. */
    public TrainSettings withEpochs(int epochs) {
        return new TrainSettings(epochs, batch, learningRate, weightDecay, clip, warmupSteps);
    }

    /** The learning rate of step {@code step} (0-based) of {@code total}. */
    double rate(long step, long total) {
        if (step < warmupSteps) {
            return learningRate * (step + 1) / warmupSteps;
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, total - warmupSteps);
        return learningRate * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
    }
}
