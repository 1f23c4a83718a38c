package org.wisekit.calib.repro.wild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.harness.Progress;

class MlpClassifierTest {

    /** Ten noisy prototypes: a learnable stand-in for images that needs no data files. */
    private static float[] images(int[] labels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[labels.length * MlpClassifier.INPUTS];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(10);
            for (int p = 0; p < MlpClassifier.INPUTS; p++) {
                double prototype = (p / 78) == labels[i] ? 0.8 : 0.1;
                out[i * MlpClassifier.INPUTS + p] = (float) Math.min(1, Math.max(0, prototype + 0.3 * random.nextGaussian()));
            }
        }
        return out;
    }

    @Test
    void trainingIsDeterministicForASeedAndLearns() {
        int[] labels = new int[600];
        float[] x = images(labels, 1);
        MlpConfig config = new MlpConfig(16, 1, 2, 32, 1e-2);
        Progress.Task quiet = Progress.SILENT.start("train", 2);
        double[] first = MlpClassifier.train(x, labels, labels.length, config, 5, quiet).logits(x, labels.length);
        double[] second = MlpClassifier.train(x, labels, labels.length, config, 5, quiet).logits(x, labels.length);
        double[] otherSeed = MlpClassifier.train(x, labels, labels.length, config, 6, quiet).logits(x, labels.length);
        assertThat(first).hasSize(6000).isEqualTo(second);
        assertThat(first).isNotEqualTo(otherSeed);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int k = 1; k < 10; k++) {
                if (first[i * 10 + k] > first[i * 10 + best]) {
                    best = k;
                }
            }
            correct += best == labels[i] ? 1 : 0;
        }
        assertThat(correct).isGreaterThan(500);
        assertThat(Math.abs(first[0])).isLessThan(1e3).isNotCloseTo(0, within(0.0));
    }
}
