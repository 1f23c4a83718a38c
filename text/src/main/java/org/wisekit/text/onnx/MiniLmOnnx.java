package org.wisekit.text.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntConsumer;
import org.wisekit.text.WordPieceTokenizer;
import org.wisekit.text.embed.MiniLmFiles;
import org.wisekit.text.embed.MiniLmJava;
import org.wisekit.text.embed.Pooling;
import org.wisekit.text.embed.SentenceEncoder;
import org.wisekit.text.internal.Texts;

/**
 * all-MiniLM-L6-v2 on ONNX Runtime: the texts are tokenized, sorted by length (ties in input order), cut into
 * batches of at most {@code batchSize}, each padded on the right to its longest sequence with
 * {@code attention_mask} 0 on the padding and {@code token_type_ids} 0; the model's {@code last_hidden_state}
 * ({@code [batch, seq, 384]}) is mean-pooled over the attended tokens and L2-normalized by {@link Pooling}, and
 * the rows are returned in input order.
 *
 * <p>Padded positions get no attention weight and are not pooled, so a text's vector does not depend on its
 * batch: on 500 TREC questions the vectors were bit-identical whether each text ran alone or in unsorted
 * batches of 7, 32 or 64 (ONNX Runtime 1.20.0, x86-64, 1 and 2 intra-op threads); the tests allow 1e-6. The
 * result agrees with the Java backend ({@link MiniLmJava}) within 1e-4 (measured up to about 3e-7).
 *
 * <p>Needs {@code com.microsoft.onnxruntime:onnxruntime} on the class path (an optional dependency of
 * wisekit-text; it ships the natives). Thread-safe ({@code OrtSession.run} is); {@link #close()} releases the
 * session, after which {@link #encode} throws {@link IllegalStateException}.
 */
public final class MiniLmOnnx implements SentenceEncoder {

    /** The batch size {@link org.wisekit.text.embed.SentenceEncoders} uses. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final WordPieceTokenizer tokenizer;
    private final String modelId;
    private final String backend;
    private final int batchSize;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private MiniLmOnnx(OrtEnvironment env, OrtSession session, MiniLmFiles files, int batchSize) {
        this.env = env;
        this.session = session;
        this.tokenizer = files.tokenizer();
        this.modelId = files.modelId();
        this.backend = "onnxruntime-" + env.getVersion();
        this.batchSize = batchSize;
    }

    /**
     * Opens an ONNX Runtime session on the model.
     *
     * @param files     the model and tokenizer
     * @param batchSize the most texts per run, at least 1
     * @param threads   ONNX Runtime's intra-op threads, at least 1, or 0 for its default (one per physical core)
     * @return the encoder; close it
     * @throws IllegalArgumentException if {@code batchSize} or {@code threads} is out of range
     * @throws IllegalStateException    if ONNX Runtime cannot load the model, or its inputs and output are not
     *                                  those of all-MiniLM-L6-v2
     */
    public static MiniLmOnnx open(MiniLmFiles files, int batchSize, int threads) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: must be >= 1, got " + batchSize);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads: must be >= 0 (0: ONNX Runtime's default), got " + threads);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            OrtSession session = env.createSession(files.onnx(), options);
            if (!session.getInputNames().containsAll(List.of("input_ids", "attention_mask", "token_type_ids"))
                    || !session.getOutputNames().contains("last_hidden_state")) {
                session.close();
                throw new IllegalStateException("the ONNX model has inputs " + session.getInputNames() + " and outputs "
                        + session.getOutputNames() + "; expected input_ids, attention_mask, token_type_ids and"
                        + " last_hidden_state");
            }
            return new MiniLmOnnx(env, session, files, batchSize);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    @Override
    public float[][] encode(List<String> texts, IntConsumer progress) {
        int[][] ids = Texts.tokenize(texts, tokenizer);
        int[] order = Texts.byLength(ids);
        float[][] out = new float[ids.length][];
        int done = 0;
        for (int start = 0; start < order.length; start += batchSize) {
            int[] batch = Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize));
            float[] pooled = run(ids, batch);
            for (int b = 0; b < batch.length; b++) {
                out[batch[b]] = Arrays.copyOfRange(pooled, b * MiniLmJava.DIM, (b + 1) * MiniLmJava.DIM);
            }
            done += batch.length;
            if (progress != null) {
                progress.accept(done);
            }
        }
        return out;
    }

    /** One padded run; the pooled vectors of {@code batch}'s sequences, row after row. */
    private float[] run(int[][] ids, int[] batch) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the encoder is closed");
            }
            return runOpen(ids, batch);
        } finally {
            lock.readLock().unlock();
        }
    }

    private float[] runOpen(int[][] ids, int[] batch) {
        int seq = 0;
        for (int i : batch) {
            seq = Math.max(seq, ids[i].length);
        }
        long[] inputIds = new long[batch.length * seq];
        long[] mask = new long[batch.length * seq];
        long[] types = new long[batch.length * seq];
        for (int b = 0; b < batch.length; b++) {
            int[] s = ids[batch[b]];
            for (int t = 0; t < s.length; t++) {
                inputIds[b * seq + t] = s[t];
                mask[b * seq + t] = 1;
            }
        }
        long[] shape = {batch.length, seq};
        try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(inputIds), shape);
             OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor ty = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
             OrtSession.Result r = session.run(Map.of("input_ids", a, "attention_mask", m, "token_type_ids", ty))) {
            OnnxValue value = r.get("last_hidden_state").orElseThrow();
            FloatBuffer buffer = ((OnnxTensor) value).getFloatBuffer();
            if (buffer.remaining() != batch.length * seq * MiniLmJava.DIM) {
                throw new IllegalStateException("last_hidden_state has " + buffer.remaining() + " values, expected "
                        + batch.length + " x " + seq + " x " + MiniLmJava.DIM);
            }
            float[] hidden = new float[buffer.remaining()];
            buffer.get(hidden);
            float[] pooled = new float[batch.length * MiniLmJava.DIM];
            for (int b = 0; b < batch.length; b++) {
                Pooling.meanPoolL2(hidden, b * seq * MiniLmJava.DIM, ids[batch[b]].length, MiniLmJava.DIM, pooled,
                        b * MiniLmJava.DIM);
            }
            return pooled;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int dimension() {
        return MiniLmJava.DIM;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    /** {@code onnxruntime-VERSION}, the version of the native library in use. */
    @Override
    public String backend() {
        return backend;
    }

    /**
     * The most texts per run.
     *
     * @return the batch size
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Closes the session once the runs in progress have finished (the shared ONNX Runtime environment stays).
     * Idempotent.
     */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                session.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session: " + e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "SentenceEncoder[" + backend + ", batch " + batchSize + ", " + modelId + "]";
    }
}
