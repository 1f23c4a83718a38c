package org.wisekit.vitdw;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.tensor.nd4j.AdamW;
import org.wisekit.tensor.Shuffles;

/**
 * Trains a {@link ViTModel} with a {@link Recipe} and scores it. Everything random (batch order, shifts)
 * comes from the one {@code seed}, so two arms trained with the same seed see the same batches. The optimiser
 * is the shared {@link AdamW} (module tensor-nd4j) on the model's parameter arrays, and the batch order
 * {@link Shuffles#permutation}. Wrap calls in {@code Nd4jThreads.single(...)} for one ND4J thread, as the
 * reproduction does: small graphs run faster and the results do not depend on the core count.
 */
public final class Trainer {

    private static final int EVAL_BATCH = 500;

    private Trainer() {
    }

    /**
     * What a training run measured.
     *
     * @param validationAccuracy validation accuracy (%) after each epoch
     * @param meanStepMillis     mean wall time of one training step (gradients + update), first epoch excluded
     *                           when there is more than one
     * @param finalLoss          mean training loss of the last epoch
     */
    public record Result(double[] validationAccuracy, double meanStepMillis, double finalLoss) {
    }

    /**
     * Trains {@code model} on {@code train} for {@code recipe.epochs()} epochs (the last incomplete batch of
     * each epoch is dropped) and scores {@code validation} after each epoch; {@code afterEpoch} gets the
     * epoch index.
     */
    public static Result train(ViTModel model, ImageSet train, ImageSet validation, Recipe recipe, long seed,
                               IntConsumer afterEpoch) {
        if (train.size() < recipe.batch()) {
            throw new IllegalArgumentException("training set of " + train.size() + " images is smaller than the batch "
                    + recipe.batch());
        }
        int stepsPerEpoch = train.size() / recipe.batch();
        long totalSteps = (long) stepsPerEpoch * recipe.epochs();
        long warmupSteps = (long) stepsPerEpoch * recipe.warmupEpochs();
        AdamW optimiser = new AdamW();
        SplittableRandom order = new SplittableRandom(seed);
        SplittableRandom shifts = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] validationAccuracy = new double[recipe.epochs()];
        double timedNanos = 0;
        long timedSteps = 0;
        double lastLoss = 0;
        long step = 0;
        for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
            int[] permutation = Shuffles.permutation(train.size(), order);
            double lossSum = 0;
            for (int s = 0; s < stepsPerEpoch; s++) {
                INDArray[] batch = batch(train, permutation, s * recipe.batch(), recipe, shifts);
                long start = System.nanoTime();
                ViTModel.Step result = model.gradients(batch[0], batch[1]);
                step++;
                update(model, result.gradients(), optimiser, recipe, recipe.learningRate(step - 1, warmupSteps, totalSteps));
                if (epoch > 0 || recipe.epochs() == 1) {
                    timedNanos += System.nanoTime() - start;
                    timedSteps++;
                }
                lossSum += result.loss();
            }
            lastLoss = lossSum / stepsPerEpoch;
            validationAccuracy[epoch] = accuracy(model, validation);
            afterEpoch.accept(epoch);
        }
        return new Result(validationAccuracy, timedNanos / 1e6 / Math.max(1, timedSteps), lastLoss);
    }

    /** Top-1 accuracy (%) of {@code model} on {@code data}, evaluation mode. */
    public static double accuracy(ViTModel model, ImageSet data) {
        int correct = 0;
        for (int from = 0; from < data.size(); from += EVAL_BATCH) {
            int count = Math.min(EVAL_BATCH, data.size() - from);
            float[] pixels = new float[count * data.imageSize()];
            System.arraycopy(data.pixels(), from * data.imageSize(), pixels, 0, pixels.length);
            INDArray logits = model.logits(Nd4j.create(pixels, new long[] {count, data.height(), data.width(),
                    data.channels()}, 'c'));
            INDArray predicted = logits.argMax(1);
            for (int i = 0; i < count; i++) {
                if (predicted.getInt(i) == data.labels()[from + i]) {
                    correct++;
                }
            }
        }
        return 100.0 * correct / data.size();
    }

    /** One AdamW step with global-norm clipping; no decay on 1-D parameters (biases, norms). */
    private static void update(ViTModel model, Map<String, INDArray> gradients, AdamW optimiser, Recipe recipe,
                               double lr) {
        double scale = recipe.clip() > 0 ? AdamW.clipScale(gradients.values(), recipe.clip()) : 1;
        optimiser.nextStep();
        for (Map.Entry<String, INDArray> p : model.parameters().entrySet()) {
            INDArray w = p.getValue();
            INDArray g = gradients.get(p.getKey()).castTo(w.dataType()).muli(scale);
            optimiser.update(p.getKey(), w, g, lr, w.rank() > 1 ? recipe.weightDecay() : 0);
        }
    }

    /** Shifted images [b, H, W, C] and smoothed one-hot targets [b, classes] for one step. */
    private static INDArray[] batch(ImageSet data, int[] permutation, int from, Recipe recipe, SplittableRandom shifts) {
        int b = recipe.batch();
        int h = data.height();
        int w = data.width();
        int c = data.channels();
        float[] pixels = new float[b * data.imageSize()];
        float[] targets = new float[b * data.classes()];
        float off = (float) (recipe.labelSmoothing() / data.classes());
        float on = (float) (1 - recipe.labelSmoothing()) + off;
        for (int i = 0; i < b; i++) {
            int image = permutation[from + i];
            int dy = recipe.shift() == 0 ? 0 : shifts.nextInt(-recipe.shift(), recipe.shift() + 1);
            int dx = recipe.shift() == 0 ? 0 : shifts.nextInt(-recipe.shift(), recipe.shift() + 1);
            shift(data.pixels(), image * data.imageSize(), pixels, i * data.imageSize(), h, w, c, dy, dx);
            java.util.Arrays.fill(targets, i * data.classes(), (i + 1) * data.classes(), off);
            targets[i * data.classes() + data.labels()[image]] = on;
        }
        return new INDArray[] {Nd4j.create(pixels, new long[] {b, h, w, c}, 'c'),
                Nd4j.create(targets, new long[] {b, data.classes()}, 'c')};
    }

    /** Copies one HWC image moved by (dy, dx) pixels; uncovered pixels are 0. */
    static void shift(float[] src, int srcOffset, float[] dst, int dstOffset, int h, int w, int c, int dy, int dx) {
        for (int y = 0; y < h; y++) {
            int sy = y - dy;
            if (sy < 0 || sy >= h) {
                continue;
            }
            int x0 = Math.max(0, dx);
            int x1 = Math.min(w, w + dx);
            if (x1 > x0) {
                System.arraycopy(src, srcOffset + (sy * w + x0 - dx) * c, dst, dstOffset + (y * w + x0) * c, (x1 - x0) * c);
            }
        }
    }
}
