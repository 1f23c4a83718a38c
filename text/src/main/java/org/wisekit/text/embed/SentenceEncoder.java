package org.wisekit.text.embed;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * Texts to sentence embeddings: one L2-normalized, mean-pooled vector of {@link #dimension()} values per text
 * (so the dot product of two rows is their cosine similarity).
 *
 * <p>A text's vector depends only on the text and the model, not on the other texts in the list, their order
 * or the batch size (bit for bit in the Java backend; ONNX Runtime masks the padding, and its vectors were
 * bit-identical across batch sizes too, see {@link org.wisekit.text.onnx.MiniLmOnnx}). {@link #modelId()} and {@link #backend()} identify what produced the vectors (an
 * {@link EmbeddingCache} keys files by them). Implementations are thread-safe; {@link #close()} frees native
 * resources where a backend holds any.
 */
public interface SentenceEncoder extends AutoCloseable {

    /**
     * Encodes texts.
     *
     * @param texts    the texts (none {@code null}); longer ones are truncated to the model's maximum number
     *                 of tokens
     * @param progress receives the number of texts done so far after each batch, on the calling thread; may
     *                 be {@code null}
     * @return {@code texts.size()} rows of {@link #dimension()} values, unit L2 norm
     * @throws IllegalArgumentException if {@code texts} or one of its elements is {@code null} (naming the
     *                                  index)
     * @throws IllegalStateException    if the encoder has been closed or the backend fails
     */
    float[][] encode(List<String> texts, IntConsumer progress);

    /**
     * Encodes texts without progress reports; {@link #encode(List, IntConsumer)} with {@code null}.
     *
     * @param texts the texts (none {@code null})
     * @return {@code texts.size()} rows of {@link #dimension()} values, unit L2 norm
     * @throws IllegalArgumentException if {@code texts} or one of its elements is {@code null} (naming the
     *                                  index)
     */
    default float[][] encode(List<String> texts) {
        return encode(texts, null);
    }

    /**
     * The length of every vector.
     *
     * @return the embedding width (384 for all-MiniLM-L6-v2)
     */
    int dimension();

    /**
     * The model's identity: its name and the sha256 of the files it was read from (see
     * {@link MiniLmFiles#modelId()}).
     *
     * @return the identity, stable across runs for the same files
     */
    String modelId();

    /**
     * The backend that computes the vectors ({@code "java"}, or {@code "onnxruntime-VERSION"}); different
     * backends agree within float rounding (1e-4), not bit for bit.
     *
     * @return the backend's name
     */
    String backend();

    /**
     * Frees what the backend holds (ONNX Runtime: its session; encoding afterwards is an error). The default
     * does nothing.
     */
    @Override
    default void close() {
    }
}
