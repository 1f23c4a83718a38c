package org.wisekit.text.embed;

import java.util.List;
import java.util.function.IntConsumer;
import org.wisekit.text.WordPieceTokenizer;
import org.wisekit.text.internal.Texts;

/**
 * The Java backend: {@link MiniLmJava} on each text alone (no padding), pooled by {@link Pooling}. A text's
 * vector is computed the same way whatever else is in the list, so it is bit-for-bit independent of the
 * list's order and size. Progress is reported every {@link #PROGRESS_EVERY} texts and at the end.
 */
final class JavaEncoder implements SentenceEncoder {

    static final String BACKEND = "java";
    static final int PROGRESS_EVERY = 16;

    private final MiniLmJava model;
    private final WordPieceTokenizer tokenizer;
    private final String modelId;

    JavaEncoder(MiniLmJava model, WordPieceTokenizer tokenizer, String modelId) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.modelId = modelId;
    }

    @Override
    public float[][] encode(List<String> texts, IntConsumer progress) {
        int[][] ids = Texts.tokenize(texts, tokenizer);
        float[][] out = new float[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            out[i] = model.embed(ids[i], MiniLmJava.NONE);
            if (progress != null && ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == ids.length)) {
                progress.accept(i + 1);
            }
        }
        return out;
    }

    @Override
    public int dimension() {
        return MiniLmJava.DIM;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public String backend() {
        return BACKEND;
    }

    @Override
    public String toString() {
        return "SentenceEncoder[" + BACKEND + ", " + modelId + "]";
    }
}
