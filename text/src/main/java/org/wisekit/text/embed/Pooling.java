package org.wisekit.text.embed;

/**
 * Mean pooling and L2 normalization, the sentence-transformers head of all-MiniLM-L6-v2, in one place for
 * every backend: {@code e = sum_i m_i h_i / sum_i m_i}, then {@code e / max(||e||_2, 1e-12)}, where
 * {@code h_i} is the encoder output of token i and {@code m_i} its attention mask. Padding is on the right,
 * so the mask of a sequence is its first {@code tokens} positions and the padded rows are never read.
 *
 * <p>Arithmetic, fixed so that every backend and the layer-wise study give the same bits for the same hidden
 * states: each {@code h_ij / tokens} is added in float32 in token order, the squared norm is accumulated in
 * double. Stateless and thread-safe.
 */
public final class Pooling {

    /** The smallest norm divided by (as {@code torch.nn.functional.normalize}). */
    public static final double EPS = 1e-12;

    private Pooling() {
    }

    /**
     * Pools the first {@code tokens} rows of a (possibly padded) sequence into {@code out}.
     *
     * @param hidden    hidden states, row-major, rows of {@code dim} values
     * @param offset    index in {@code hidden} of the sequence's first row
     * @param tokens    the number of attended (unpadded) tokens, at least 1
     * @param dim       the row width, at least 1
     * @param out       receives the pooled, L2-normalized vector
     * @param outOffset index in {@code out} of its first value
     * @throws IllegalArgumentException if {@code tokens} or {@code dim} is below 1, or a range lies outside
     *                                  its array
     */
    public static void meanPoolL2(float[] hidden, int offset, int tokens, int dim, float[] out, int outOffset) {
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens: must be >= 1, got " + tokens);
        }
        if (dim < 1) {
            throw new IllegalArgumentException("dim: must be >= 1, got " + dim);
        }
        if (offset < 0 || offset + (long) tokens * dim > hidden.length) {
            throw new IllegalArgumentException("offset: " + tokens + " rows of " + dim + " from " + offset
                    + " do not fit in hidden of length " + hidden.length);
        }
        if (outOffset < 0 || outOffset + (long) dim > out.length) {
            throw new IllegalArgumentException("outOffset: " + dim + " values from " + outOffset
                    + " do not fit in out of length " + out.length);
        }
        for (int j = 0; j < dim; j++) {
            out[outOffset + j] = 0f;
        }
        for (int i = 0; i < tokens; i++) {
            int row = offset + i * dim;
            for (int j = 0; j < dim; j++) {
                out[outOffset + j] += hidden[row + j] / tokens;
            }
        }
        double norm = 0;
        for (int j = 0; j < dim; j++) {
            float v = out[outOffset + j];
            norm += v * v;
        }
        float inv = (float) (1 / Math.max(Math.sqrt(norm), EPS));
        for (int j = 0; j < dim; j++) {
            out[outOffset + j] *= inv;
        }
    }

    /**
     * The pooled, L2-normalized vector of an unpadded sequence.
     *
     * @param hidden hidden states, {@code tokens x dim} (or more) values, row-major
     * @param tokens the number of tokens, at least 1
     * @param dim    the row width, at least 1
     * @return {@code dim} values
     * @throws IllegalArgumentException as {@link #meanPoolL2(float[], int, int, int, float[], int)}
     */
    public static float[] meanPoolL2(float[] hidden, int tokens, int dim) {
        float[] out = new float[Math.max(dim, 0)];
        meanPoolL2(hidden, 0, tokens, dim, out, 0);
        return out;
    }
}
