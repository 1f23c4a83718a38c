package org.wisekit.eeg.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wisekit.eeg.dl4j.ArchitectureTest.assertMessage;

import java.util.Collections;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Training and prediction on synthetic inputs; determinism; bad settings and inputs. */
class ClassifierTest {

    private static final LightCnn SMALL = LightCnn.of(1, 16, 16, 2).withWidths(4, 8);
    private static final TrainSettings FAST = TrainSettings.defaults().withEpochs(6).withBatchSize(8)
            .withLearningRate(1e-2);

    /** Images whose left (class 0) or right (class 1) half is bright, plus noise. */
    static float[][][] halves(int n, long seed, int[] labels) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][][] x = new float[n][16][16];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int h = 0; h < 16; h++) {
                for (int w = 0; w < 16; w++) {
                    boolean bright = (w < 8) == (labels[i] == 0);
                    x[i][h][w] = (bright ? 0.8f : 0.2f) + (float) (0.3 * (r.nextDouble() - 0.5));
                }
            }
        }
        return x;
    }

    @Test
    void learnsSeparableImagesWithinAFewEpochs() {
        int[] labels = new int[48];
        float[][][] x = halves(48, 1, labels);
        Classifier c = Classifier.fit(SMALL, x, labels, FAST);
        assertTrue(c.accuracy(x, labels) > 0.9, "train accuracy " + c.accuracy(x, labels));
        int[] testLabels = new int[20];
        float[][][] test = halves(20, 2, testLabels);
        assertTrue(c.accuracy(test, testLabels) > 0.9, "test accuracy " + c.accuracy(test, testLabels));
        assertEquals(6, c.history().epochs());
        assertEquals(5, c.history().bestEpoch());
        assertTrue(c.history().trainLoss().get(5) < c.history().trainLoss().get(0), "loss decreases");
    }

    @Test
    void sameSeedGivesIdenticalPredictionsAndParameters() {
        int[] labels = new int[20];
        float[][][] x = halves(20, 3, labels);
        LightCnn withDropout = SMALL.withDropout(0.3);
        TrainSettings s = FAST.withEpochs(2).withBatchSize(6);   // 20 rows: a partial last batch
        Classifier a = Classifier.fit(withDropout, x, labels, s);
        Classifier b = Classifier.fit(withDropout, x, labels, s);
        assertArrayEquals(a.network().params().toFloatVector(), b.network().params().toFloatVector());
        assertArrayEquals(a.probabilities(x), b.probabilities(x));
        assertArrayEquals(a.predict(x), b.predict(x));
        Classifier other = Classifier.fit(withDropout, x, labels, s.withSeed(2));
        assertFalse(java.util.Arrays.equals(a.network().params().toFloatVector(), other.network().params().toFloatVector()));
    }

    @Test
    void fourDimensionalInputsMatchThreeDimensionalOnes() {
        int[] labels = new int[12];
        float[][][] x = halves(12, 4, labels);
        float[][][][] x4 = new float[12][][][];
        for (int i = 0; i < 12; i++) {
            x4[i] = new float[][][] {x[i]};
        }
        TrainSettings s = FAST.withEpochs(1);
        assertArrayEquals(Classifier.fit(SMALL, x, labels, s).probabilities(x),
                Classifier.fit(SMALL, x4, labels, s).probabilities(x4));
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() {
        int[] labels = new int[40];
        float[][][] x = halves(40, 5, labels);
        Classifier c = Classifier.fit(SMALL, x, labels, FAST.withEpochs(40).withValidation(0.25, 2));
        TrainingHistory h = c.history();
        assertEquals(h.epochs(), h.validationAccuracy().size());
        double best = Collections.max(h.validationAccuracy());
        assertEquals(best, h.validationAccuracy().get(h.bestEpoch()));
        assertEquals(h.bestEpoch(), h.validationAccuracy().indexOf(best), "the first of equal epochs is kept");
        assertTrue(h.stoppedEarly(), "separable data reaches its best long before 40 epochs");
        assertEquals(h.bestEpoch() + 3, h.epochs(), "stops after patience epochs without a better accuracy");
    }

    @Test
    void eegNetLearnsAChannelSpecificRhythm() {
        // class c: a 10 Hz rhythm (at 64 Hz sampling) on channel c, noise elsewhere
        int n = 32;
        int[] labels = new int[n];
        float[][][] x = new float[n][4][64];
        SplittableRandom r = new SplittableRandom(6);
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            double phase = 2 * Math.PI * r.nextDouble();
            for (int ch = 0; ch < 4; ch++) {
                for (int t = 0; t < 64; t++) {
                    double rhythm = ch == labels[i] ? Math.sin(2 * Math.PI * 10 * t / 64.0 + phase) : 0;
                    x[i][ch][t] = (float) (rhythm + 0.3 * (r.nextDouble() - 0.5));
                }
            }
        }
        // Keras's decay 0.99 needs hundreds of steps before the running statistics fit; this test has 60
        EegNetLike net = EegNetLike.of(4, 64, 2).withKernels(16, 8).withDropout(0.25).withBatchNormDecay(0.9);
        Classifier c = Classifier.fit(net, x, labels, TrainSettings.defaults().withEpochs(15).withBatchSize(8)
                .withLearningRate(1e-2));
        assertTrue(c.history().trainLoss().get(14) < c.history().trainLoss().get(0), "loss decreases");
        assertTrue(c.accuracy(x, labels) >= 0.9, "train accuracy " + c.accuracy(x, labels));
    }

    @Test
    void badSettingsAreNamed() {
        TrainSettings d = TrainSettings.defaults();
        assertMessage("epochs", () -> d.withEpochs(0));
        assertMessage("batchSize", () -> d.withBatchSize(0));
        assertMessage("learningRate", () -> d.withLearningRate(Double.NaN));
        assertMessage("learningRate", () -> d.withLearningRate(0));
        assertMessage("threads", () -> d.withThreads(2));
        assertMessage("validationFraction", () -> d.withValidation(1, 5));
        assertMessage("validationFraction", () -> d.withValidation(-0.1, 5));
        assertMessage("patience", () -> d.withValidation(0.2, 0));
    }

    @Test
    void badInputsAreNamed() {
        int[] labels = new int[4];
        float[][][] x = halves(4, 7, labels);
        TrainSettings s = FAST.withEpochs(1);
        float[][][] narrow = x.clone();
        narrow[1] = new float[16][15];
        assertMessage("features[1][0]", () -> Classifier.fit(SMALL, narrow, labels, s));
        float[][][] nan = halves(4, 7, new int[4]);
        nan[2][3][4] = Float.NaN;
        assertMessage("features[2][3][4]", () -> Classifier.fit(SMALL, nan, labels, s));
        assertMessage("labels[3]", () -> Classifier.fit(SMALL, x, new int[] {0, 1, 0, 2}, s));
        assertMessage("labels", () -> Classifier.fit(SMALL, x, new int[3], s));
        assertMessage("features", () -> Classifier.fit(SMALL, new float[0][][], new int[0], s));
        assertMessage("channels", () -> Classifier.fit(LightCnn.of(2, 16, 16, 2), x, labels, s));
        assertMessage("validationFraction", () -> Classifier.fit(SMALL, new float[][][] {x[0]}, new int[] {0},
                s.withValidation(0.5, 1)));
        assertMessage("architecture", () -> Classifier.fit(null, x, labels, s));
    }
}
