package org.wisekit.text.embed;

import org.wisekit.text.onnx.MiniLmOnnx;

/**
 * Opens the all-MiniLM-L6-v2 sentence encoder on one of two backends: ONNX Runtime
 * ({@link org.wisekit.text.onnx.MiniLmOnnx}, batched) or plain Java ({@link MiniLmJava}, no native code).
 * {@link Backend#AUTO} picks ONNX Runtime when {@code com.microsoft.onnxruntime:onnxruntime} is on the class
 * path, else Java. Both give the same vectors within 1e-4 (max abs), truncate to the tokenizer's 128 tokens
 * and report the same {@link SentenceEncoder#modelId()}; {@link SentenceEncoder#backend()} tells them apart.
 *
 * <pre>{@code
 * try (SentenceEncoder encoder = SentenceEncoders.miniLm()) {
 *     float[][] e = encoder.encode(List.of("A man is eating food.", "A man is eating a piece of bread."));
 * }
 * }</pre>
 *
 * <p>The model and tokenizer come from the classpath resources of {@value MiniLmFiles#ARTIFACT} (an optional
 * dependency: add it) or from files ({@link MiniLmFiles#read}). Stateless and thread-safe.
 */
public final class SentenceEncoders {

    /** Which implementation computes the vectors. */
    public enum Backend {
        /** ONNX Runtime when it is on the class path, else Java. */
        AUTO,
        /** ONNX Runtime ({@code com.microsoft.onnxruntime:onnxruntime} must be on the class path). */
        ONNX,
        /** The Java forward pass (JDK and wisekit-tensor only). */
        JAVA
    }

    /** The class whose presence means ONNX Runtime is on the class path. */
    static final String ONNX_RUNTIME_CLASS = "ai.onnxruntime.OrtEnvironment";

    private SentenceEncoders() {
    }

    /**
     * all-MiniLM-L6-v2 from the classpath on the {@link Backend#AUTO} backend.
     *
     * @return the encoder; close it
     * @throws IllegalStateException naming the missing resource and artifact, if the model jar is absent
     */
    public static SentenceEncoder miniLm() {
        return miniLm(Backend.AUTO);
    }

    /**
     * all-MiniLM-L6-v2 from the classpath resources of {@value MiniLmFiles#ARTIFACT}.
     *
     * @param backend which implementation
     * @return the encoder; close it
     * @throws IllegalArgumentException if {@code backend} is {@code null}
     * @throws IllegalStateException    naming the missing resource and artifact, if the model jar is absent; or
     *                                  naming ONNX Runtime, if {@link Backend#ONNX} is asked for without it
     */
    public static SentenceEncoder miniLm(Backend backend) {
        if (backend == null) {
            throw new IllegalArgumentException("backend: must not be null");
        }
        if (backend == Backend.ONNX) {
            requireOnnxRuntime();
        }
        return miniLm(backend, MiniLmFiles.fromClasspath());
    }

    /**
     * all-MiniLM-L6-v2 from the given files. ONNX Runtime runs batches of
     * {@value org.wisekit.text.onnx.MiniLmOnnx#DEFAULT_BATCH_SIZE} with its default number of threads; open
     * {@link org.wisekit.text.onnx.MiniLmOnnx} directly for other settings.
     *
     * @param backend which implementation
     * @param files   the model and tokenizer
     * @return the encoder; close it
     * @throws IllegalArgumentException if an argument is {@code null}, or the ONNX file is malformed (Java)
     * @throws IllegalStateException    naming ONNX Runtime, if {@link Backend#ONNX} is asked for without it, or
     *                                  if ONNX Runtime cannot load the model
     */
    public static SentenceEncoder miniLm(Backend backend, MiniLmFiles files) {
        if (backend == null) {
            throw new IllegalArgumentException("backend: must not be null");
        }
        if (files == null) {
            throw new IllegalArgumentException("files: must not be null");
        }
        boolean onnx = switch (backend) {
            case ONNX -> {
                requireOnnxRuntime();
                yield true;
            }
            case AUTO -> onnxRuntimeAvailable();
            case JAVA -> false;
        };
        if (onnx) {
            return MiniLmOnnx.open(files, MiniLmOnnx.DEFAULT_BATCH_SIZE, 0);
        }
        return new JavaEncoder(files.javaModel(), files.tokenizer(), files.modelId());
    }

    /**
     * Whether ONNX Runtime's Java API is on the class path (its natives load when a session opens).
     *
     * @return whether {@link Backend#AUTO} picks ONNX Runtime
     */
    public static boolean onnxRuntimeAvailable() {
        try {
            Class.forName(ONNX_RUNTIME_CLASS, false, SentenceEncoders.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static void requireOnnxRuntime() {
        if (!onnxRuntimeAvailable()) {
            throw new IllegalStateException("backend ONNX: ONNX Runtime is not on the class path (add"
                    + " com.microsoft.onnxruntime:onnxruntime, or use Backend.JAVA)");
        }
    }
}
