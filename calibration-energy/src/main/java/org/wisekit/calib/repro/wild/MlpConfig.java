package org.wisekit.calib.repro.wild;

/**
 * The classifier: an MLP {@code 784 - hidden x layers - 10} with ReLU, trained with Adam on softmax
 * cross-entropy, with no weight decay, no dropout and no label smoothing, so that it ends over-confident.
 *
 * @param hidden       units per hidden layer, >= 1
 * @param layers       hidden layers, >= 1
 * @param epochs       passes over the training set, >= 1
 * @param batchSize    examples per Adam step, >= 1
 * @param learningRate Adam step size, > 0
 */
public record MlpConfig(int hidden, int layers, int epochs, int batchSize, double learningRate) {

    public MlpConfig {
        if (hidden < 1 || layers < 1 || epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("need hidden, layers, epochs, batchSize >= 1 and learningRate > 0, got "
                    + hidden + ", " + layers + ", " + epochs + ", " + batchSize + ", " + learningRate);
        }
    }

    /** One line, for the report and the cache key. */
    public String describe() {
        return "MLP 784-" + (hidden + "-").repeat(layers) + "10 ReLU, Adam lr " + learningRate + ", batch " + batchSize
                + ", " + epochs + " epochs, no weight decay, no label smoothing";
    }
}
