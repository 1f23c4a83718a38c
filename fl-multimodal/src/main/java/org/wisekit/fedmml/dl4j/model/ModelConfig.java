package org.wisekit.fedmml.dl4j.model;

/**
 * Sizes of the audio-visual digits model: two small pre-LayerNorm transformer encoders (image patches and
 * stacked log-mel frames), a projection head per modality and, for the fusion task, a prediction head.
 *
 * @param imageTokens    patches per image (4 x 4 patches of 7 x 7 pixels = 16)
 * @param patchDim       pixels per patch (49)
 * @param audioTokens    stacked log-mel frames per clip (12)
 * @param frameDim       features per audio token (8 frames x 40 mel bins = 320)
 * @param dim            model width of both encoders
 * @param heads          attention heads
 * @param mlpHidden      hidden width of the transformer MLP
 * @param imageLayers    full depth of the image encoder
 * @param audioLayers    full depth of the audio encoder
 * @param projHidden     hidden width of the projection heads
 * @param projDim        output width of the projection heads
 * @param classes        classes of the fusion task
 * @param temperature    fixed InfoNCE temperature (the official code uses 0.05)
 */
public record ModelConfig(int imageTokens, int patchDim, int audioTokens, int frameDim, int dim, int heads,
                          int mlpHidden, int imageLayers, int audioLayers, int projHidden, int projDim, int classes,
                          double temperature) {

    public ModelConfig {
        positive("imageTokens", imageTokens);
        positive("patchDim", patchDim);
        positive("audioTokens", audioTokens);
        positive("frameDim", frameDim);
        positive("dim", dim);
        positive("heads", heads);
        positive("mlpHidden", mlpHidden);
        positive("imageLayers", imageLayers);
        positive("audioLayers", audioLayers);
        positive("projHidden", projHidden);
        positive("projDim", projDim);
        positive("classes", classes);
        if (dim % heads != 0) {
            throw new IllegalArgumentException("dim must be a multiple of heads, got dim=" + dim + ", heads=" + heads);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
    }

    /** The model of the reproduction: d = 32, 2 heads, 6 image and 3 audio layers, heads 128 -> 32, tau = 0.05. */
    public static ModelConfig avDigits() {
        return new ModelConfig(16, 49, 12, 320, 32, 2, 64, 6, 3, 128, 32, 10, 0.05);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}
