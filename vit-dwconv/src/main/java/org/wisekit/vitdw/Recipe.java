package org.wisekit.vitdw;

/**
 * The training recipe shared by every arm: AdamW with decoupled weight decay (not on 1-D parameters:
 * biases and norms, as in the Swin framework the official code uses), a linear warm-up from
 * {@code lr * 1e-3} then a cosine decay to {@code lr * 1e-2} (the repo's 5e-7 / 5e-4 / 5e-6 ratios),
 * per step; gradient clipping at global norm {@code clip}; label smoothing; a random shift of up to
 * {@code shift} pixels (zero fill) per training image.
 *
 * @param epochs         passes over the training set
 * @param warmupEpochs   epochs of linear warm-up
 * @param batch          images per step
 * @param lr             peak learning rate
 * @param weightDecay    AdamW weight decay
 * @param labelSmoothing label smoothing epsilon
 * @param shift          maximal shift in pixels
 * @param clip           global gradient-norm clip (0: none)
 */
public record Recipe(int epochs, int warmupEpochs, int batch, double lr, double weightDecay, double labelSmoothing,
                     int shift, double clip) {

    public Recipe {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (warmupEpochs < 0 || warmupEpochs >= epochs) {
            throw new IllegalArgumentException("warmupEpochs must be in [0, epochs), got " + warmupEpochs);
        }
        if (batch < 2) {
            throw new IllegalArgumentException("batch must be >= 2 (BatchNorm needs a batch), got " + batch);
        }
        if (!(lr > 0) || weightDecay < 0 || labelSmoothing < 0 || labelSmoothing >= 1 || shift < 0 || clip < 0) {
            throw new IllegalArgumentException("need lr > 0, weightDecay >= 0, labelSmoothing in [0, 1), shift >= 0,"
                    + " clip >= 0; got " + lr + ", " + weightDecay + ", " + labelSmoothing + ", " + shift + ", " + clip);
        }
    }

    /** The CPU-scale recipe: AdamW 1e-3, weight decay 0.05, smoothing 0.1, shift 2, clip 5, batch 64. */
    public static Recipe standard(int epochs, int warmupEpochs) {
        return new Recipe(epochs, warmupEpochs, 64, 1e-3, 0.05, 0.1, 2, 5.0);
    }

    /** The learning rate at {@code step} of {@code totalSteps} with {@code warmupSteps} of warm-up. */
    public double learningRate(long step, long warmupSteps, long totalSteps) {
        double start = lr * 1e-3;
        double end = lr * 1e-2;
        if (step < warmupSteps) {
            return start + (lr - start) * step / warmupSteps;
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return end + 0.5 * (lr - end) * (1 + Math.cos(Math.PI * Math.min(1, progress)));
    }
}
