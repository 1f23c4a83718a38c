package org.wisekit.vitdw;

/**
 * The shape of a Vision Transformer as in vit-pytorch (which the official code uses): non-overlapping
 * {@code patch x patch} patches, a linear patch embedding, a cls token, learned position embeddings,
 * {@code depth} pre-norm blocks (multi-head attention with {@code heads x headDim} inner width and no qkv
 * bias, then a GELU MLP), and a LayerNorm + linear head on the cls token.
 *
 * @param imageHeight image height in pixels
 * @param imageWidth  image width in pixels
 * @param channels    image channels (1 grey, 3 colour)
 * @param patch       patch side; must divide both image sides
 * @param width       token width D
 * @param depth       number of blocks L
 * @param heads       attention heads
 * @param headDim     width of one head
 * @param mlpDim      hidden width of the MLP
 * @param classes     output classes
 */
public record ViTConfig(int imageHeight, int imageWidth, int channels, int patch, int width, int depth, int heads,
                        int headDim, int mlpDim, int classes) {

    public ViTConfig {
        positive(imageHeight, "imageHeight");
        positive(imageWidth, "imageWidth");
        positive(channels, "channels");
        positive(patch, "patch");
        positive(width, "width");
        positive(depth, "depth");
        positive(heads, "heads");
        positive(headDim, "headDim");
        positive(mlpDim, "mlpDim");
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, got " + classes);
        }
        if (imageHeight % patch != 0 || imageWidth % patch != 0) {
            throw new IllegalArgumentException("image size " + imageHeight + "x" + imageWidth
                    + " is not divisible by the patch size " + patch);
        }
    }

    /** Rows of the patch grid. */
    public int gridHeight() {
        return imageHeight / patch;
    }

    /** Columns of the patch grid. */
    public int gridWidth() {
        return imageWidth / patch;
    }

    /** Number of patch tokens N (the cls token not counted). */
    public int patches() {
        return gridHeight() * gridWidth();
    }

    /** Values per flattened patch, {@code patch * patch * channels}. */
    public int patchDim() {
        return patch * patch * channels;
    }

    /** Inner width of attention, {@code heads * headDim}. */
    public int innerDim() {
        return heads * headDim;
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }
}
