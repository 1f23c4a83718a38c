package org.wisekit.lwquant;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.wisekit.lwquant.gguf.Gguf;
import org.wisekit.lwquant.gguf.GgufLlama;
import org.wisekit.lwquant.llama.LlamaCheckpoint;
import org.wisekit.lwquant.llama.LlamaModel;
import org.wisekit.text.Tokenizer;

/**
 * Loads any llama file this module reads or writes, by its content: a GGUF file ({@link GgufLlama#read},
 * dequantized), an {@code lwquant-1} safetensors file ({@link QuantizedLlama#read}, dequantized) or a
 * float safetensors checkpoint ({@link LlamaCheckpoint#load}); and finds the tokenizer that goes with it.
 */
public final class Checkpoints {

    /** What a model file is. */
    public enum Kind {
        GGUF, LWQUANT, SAFETENSORS
    }

    private Checkpoints() {
    }

    /** The kind of {@code file}, from its first bytes and safetensors header. */
    public static Kind kind(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8);
            if (head.length >= 4 && ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt() == Gguf.MAGIC) {
                return Kind.GGUF;
            }
            if (head.length == 8) {
                long n = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getLong();
                if (n > 0 && n < 100_000_000) {
                    String header = new String(in.readNBytes((int) n), StandardCharsets.UTF_8);
                    if (header.contains("\"lwquant.format\"")) {
                        return Kind.LWQUANT;
                    }
                }
            }
            return Kind.SAFETENSORS;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The float32 model of a GGUF, lwquant-1 or float safetensors file. */
    public static LlamaModel load(Path file) {
        return switch (kind(file)) {
            case GGUF -> GgufLlama.read(file);
            case LWQUANT -> QuantizedLlama.read(file).dequantized();
            case SAFETENSORS -> LlamaCheckpoint.load(file);
        };
    }

    /**
     * The tokenizer of a checkpoint: {@code explicit} if given, else a {@code tokenizer.json} beside the file,
     * else raw UTF-8 bytes when the vocabulary has 256 tokens, else {@code null} (the caller must refuse text
     * input: bytes are not tokens of such a model).
     *
     * @throws IllegalArgumentException if the tokenizer cannot be read or produces ids beyond the vocabulary
     */
    public static Tokenizer tokenizer(Path checkpoint, Path explicit, int vocabSize) {
        Path file = explicit;
        if (file == null) {
            Path parent = checkpoint.toAbsolutePath().getParent();
            Path beside = parent == null ? null : parent.resolve("tokenizer.json");
            file = beside != null && Files.isRegularFile(beside) ? beside : null;
        } else if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--tokenizer: no such file " + file);
        }
        if (file == null) {
            return vocabSize == TextCorpus.VOCAB ? Tokenizer.utf8Bytes() : null;
        }
        Tokenizer t = Tokenizer.read(file);
        if (t.vocabSize() > vocabSize) {
            throw new IllegalArgumentException("tokenizer " + file + " has " + t.vocabSize()
                    + " tokens, more than the checkpoint's vocabulary of " + vocabSize);
        }
        return t;
    }

    /** The message for text input to a model whose vocabulary is not byte-level and that has no tokenizer. */
    public static String notByteLevel(int vocabSize) {
        return "the checkpoint's vocabulary (" + vocabSize + " tokens) is not byte-level; pass --tokenizer FILE"
                + " (tokenizer.json) or put tokenizer.json beside the checkpoint";
    }
}
