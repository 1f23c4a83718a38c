package org.wisekit.ubp.dl4j;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.wisekit.tensor.Shuffles;

/** Minibatch training and scoring of a DL4J network on {@link ImageData}. */
public final class Training {

    private static final int SCORING_BATCH = 2000;

    private Training() {
    }

    /**
     * Runs {@code steps} optimizer steps on minibatches drawn without replacement (reshuffled each pass
     * with {@code seed}); {@code afterStep} sees each step's index, counted from {@code firstStep}.
     */
    public static void fit(MultiLayerNetwork network, ImageData data, int steps, int batchSize, long seed,
                           int firstStep, IntConsumer afterStep) {
        if (steps < 0 || batchSize < 1 || batchSize > data.size()) {
            throw new IllegalArgumentException("need steps >= 0 and 1 <= batchSize <= " + data.size()
                    + ", got " + steps + " and " + batchSize);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = Shuffles.identity(data.size());
        int next = data.size();
        int[] batch = new int[batchSize];
        for (int step = 0; step < steps; step++) {
            if (next + batchSize > order.length) {
                Shuffles.shuffle(order, rng);
                next = 0;
            }
            System.arraycopy(order, next, batch, 0, batchSize);
            next += batchSize;
            network.fit(new DataSet(data.featureRows(batch), data.labelRows(batch)));
            afterStep.accept(firstStep + step);
        }
    }

    /** Top-1 accuracy in percent. */
    public static double accuracy(MultiLayerNetwork network, ImageData data) {
        int correct = 0;
        for (int from = 0; from < data.size(); from += SCORING_BATCH) {
            int to = Math.min(data.size(), from + SCORING_BATCH);
            int[] rows = new int[to - from];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = from + i;
            }
            INDArray predicted = network.output(data.featureRows(rows), false).argMax(1);
            for (int i = 0; i < rows.length; i++) {
                if (predicted.getInt(i) == data.labels()[from + i]) {
                    correct++;
                }
            }
        }
        return 100.0 * correct / data.size();
    }
}
