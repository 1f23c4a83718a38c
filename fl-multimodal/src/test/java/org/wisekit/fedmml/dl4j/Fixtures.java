package org.wisekit.fedmml.dl4j;

import java.util.Random;
import org.wisekit.fedmml.data.AvSamples;
import org.wisekit.fedmml.dl4j.model.ModelConfig;

/** A tiny model and synthetic, label-dependent data so that federated tests run in seconds. */
final class Fixtures {

    private Fixtures() {
    }

    /** d = 8, 2 image and 2 audio layers (so 2 stages add one layer each), 4 image and 3 audio tokens. */
    static ModelConfig tinyModel() {
        return new ModelConfig(4, 6, 3, 5, 8, 2, 16, 2, 2, 12, 6, 3, 0.05);
    }

    /** {@code n} examples whose inputs are noise plus a shift by the label (3 classes). */
    static AvSamples samples(int n, long seed) {
        ModelConfig c = tinyModel();
        Random rng = new Random(seed);
        float[][] img = new float[n][c.imageTokens() * c.patchDim()];
        float[][] aud = new float[n][c.audioTokens() * c.frameDim()];
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) {
            lab[i] = i % c.classes();
            for (int j = 0; j < img[i].length; j++) {
                img[i][j] = (float) (rng.nextGaussian() + (j % c.classes() == lab[i] ? 1 : 0));
            }
            for (int j = 0; j < aud[i].length; j++) {
                aud[i][j] = (float) (rng.nextGaussian() + (j % c.classes() == lab[i] ? 1 : 0));
            }
        }
        return new AvSamples(img, aud, lab);
    }

    static MultimodalTrainer.Settings settings() {
        return new MultimodalTrainer.Settings(1, 8, 1e-2, 1e-4, 0);
    }
}
