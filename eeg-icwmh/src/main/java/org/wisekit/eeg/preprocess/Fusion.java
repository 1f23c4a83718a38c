package org.wisekit.eeg.preprocess;

/**
 * Feature Enrichment via Skip Connection (FEvSC): how the encoded image {@code I} (values in [0, 255]) and its edge
 * map {@code E} (values in {0, 1}) are combined into the CNN input (reconstructed; the paper describes a
 * "Hadamard-like fusion" without a formula). {@link #fuse} gives the raw values; {@link #fullScale} the largest
 * value a channel can take, by which {@link Preprocessor} divides to reach [0, 1]. Stateless; thread-safe.
 */
public final class Fusion {

    /** The fusion arithmetic; {@code lambda >= 0} weights the edge term. */
    public enum Mode {
        /** One channel {@code I (1 + lambda E)}: edges amplify the image (the note's default, lambda 1); full scale {@code 255 (1 + lambda)}. */
        HADAMARD,
        /** Two channels {@code [I, 255 E]}; full scale 255 each. */
        CONCAT,
        /** One channel {@code I + 255 lambda E} (chosen over an unscaled {@code I + E}, which edges would barely change); full scale {@code 255 (1 + lambda)}. */
        ADD,
        /** One channel {@code 255 E}: the "edges without skip" ablation arm; full scale 255. */
        EDGES_ONLY,
        /** One channel {@code I}: no edge branch; full scale 255. */
        IMAGE_ONLY;

        /** @return the number of output channels (2 for CONCAT, else 1) */
        public int channels() {
            return this == CONCAT ? 2 : 1;
        }

        /** @return whether this mode uses the edge map */
        public boolean needsEdges() {
            return this != IMAGE_ONLY;
        }
    }

    private Fusion() {
    }

    /**
     * The largest value a fused channel takes for {@code I} in [0, 255].
     *
     * @param mode   the fusion
     * @param lambda the edge weight, finite, {@code >= 0}
     * @return {@code 255 (1 + lambda)} for HADAMARD and ADD, 255 otherwise
     * @throws IllegalArgumentException on a null mode or a bad lambda
     */
    public static double fullScale(Mode mode, double lambda) {
        Kernels.checkNonNull(mode, "mode");
        checkLambda(lambda);
        return mode == Mode.HADAMARD || mode == Mode.ADD ? 255.0 * (1.0 + lambda) : 255.0;
    }

    /**
     * Fuses an image and its edge map (raw values, see {@link Mode}).
     *
     * @param mode   the fusion
     * @param image  {@code [H][W]}, rectangular, finite
     * @param edges  {@code [H][W]} of 0 and 1 (may be null for IMAGE_ONLY)
     * @param lambda the edge weight, finite, {@code >= 0}
     * @return {@code [mode.channels()][H][W]}
     * @throws IllegalArgumentException on a bad image, edge map of another shape or with values other than 0 and
     *                                  1, a null mode or a bad lambda
     */
    public static float[][][] fuse(Mode mode, float[][] image, byte[][] edges, double lambda) {
        Kernels.checkNonNull(mode, "mode");
        checkLambda(lambda);
        Kernels.checkImage(image, "image");
        int h = image.length;
        int w = image[0].length;
        byte[] e = null;
        if (mode.needsEdges()) {
            Kernels.checkEdges(edges, h, w, "edges");
            e = new byte[h * w];
            for (int y = 0; y < h; y++) {
                System.arraycopy(edges[y], 0, e, y * w, w);
            }
        }
        float[][][] out = new float[mode.channels()][h][w];
        fuse(mode, Kernels.flatten(image), e, h, w, lambda, 1.0, out);
        return out;
    }

    static void checkLambda(double lambda) {
        if (!(lambda >= 0.0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
    }

    /** Kernel: writes the fused channels times {@code scale} into {@code out[ch][H][W]}. */
    static void fuse(Mode mode, float[] img, byte[] e, int h, int w, double lambda, double scale,
                     float[][][] out) {
        for (int y = 0; y < h; y++) {
            int r = y * w;
            float[] o0 = out[0][y];
            switch (mode) {
                case HADAMARD:
                    for (int x = 0; x < w; x++) {
                        o0[x] = (float) (img[r + x] * (1.0 + lambda * e[r + x]) * scale);
                    }
                    break;
                case CONCAT: {
                    float[] o1 = out[1][y];
                    for (int x = 0; x < w; x++) {
                        o0[x] = (float) (img[r + x] * scale);
                        o1[x] = (float) (255.0 * e[r + x] * scale);
                    }
                    break;
                }
                case ADD:
                    for (int x = 0; x < w; x++) {
                        o0[x] = (float) ((img[r + x] + 255.0 * lambda * e[r + x]) * scale);
                    }
                    break;
                case EDGES_ONLY:
                    for (int x = 0; x < w; x++) {
                        o0[x] = (float) (255.0 * e[r + x] * scale);
                    }
                    break;
                default:
                    for (int x = 0; x < w; x++) {
                        o0[x] = (float) (img[r + x] * scale);
                    }
                    break;
            }
        }
    }
}
