package org.wisekit.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.wisekit.text.internal.Json;

/**
 * Text to token ids, as a checkpoint's own tokenizer does it.
 *
 * <p>{@link #read(Path)} reads a Hugging Face {@code tokenizer.json}: a {@code BPE} model (byte-level like
 * GPT-2 / Llama-3, or SentencePiece-style with "▁" and byte fallback like Llama-2 / TinyLlama) becomes a
 * {@link BpeTokenizer}, a {@code WordPiece} model (BERT, MiniLM) a {@link WordPieceTokenizer}. Other model
 * types (Unigram, WordLevel) are refused. {@link #utf8Bytes()} is the byte tokenizer of models whose
 * vocabulary is the 256 byte values.
 */
public interface Tokenizer {

    /**
     * Token ids of {@code text}.
     *
     * @param addSpecialTokens whether to add what the tokenizer's post-processor adds (BOS, [CLS] ... [SEP])
     */
    int[] encode(String text, boolean addSpecialTokens);

    /** Token ids of {@code text} with the special tokens the tokenizer adds (as Hugging Face's default). */
    default int[] encode(String text) {
        return encode(text, true);
    }

    /** One more than the largest id this tokenizer can produce. */
    int vocabSize();

    /** Whether every byte sequence has a lossless encoding (byte-level BPE, byte fallback, raw bytes). */
    boolean byteLevel();

    /** A short description ("byte-level BPE", "SentencePiece BPE (byte fallback)", "WordPiece", "UTF-8 bytes"). */
    String kind();

    /** Raw UTF-8 bytes as ids 0..255 (the vocabulary of the byte-level decoder trained in this module). */
    static Tokenizer utf8Bytes() {
        return new Tokenizer() {
            @Override
            public int[] encode(String text, boolean addSpecialTokens) {
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                int[] out = new int[b.length];
                for (int i = 0; i < b.length; i++) {
                    out[i] = b[i] & 0xff;
                }
                return out;
            }

            @Override
            public int vocabSize() {
                return 256;
            }

            @Override
            public boolean byteLevel() {
                return true;
            }

            @Override
            public String kind() {
                return "UTF-8 bytes";
            }
        };
    }

    /**
     * Reads a Hugging Face {@code tokenizer.json}.
     *
     * @throws IllegalArgumentException naming the file and the field, if it is missing, malformed or of an
     *                                  unsupported kind
     */
    static Tokenizer read(Path tokenizerJson) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(tokenizerJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("tokenizer: cannot read " + tokenizerJson + ": " + e.getMessage(), e);
        }
        try {
            return read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("tokenizer: cannot read " + tokenizerJson + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a Hugging Face {@code tokenizer.json} from a stream (UTF-8, not closed).
     *
     * @throws IOException if the stream cannot be read
     * @throws IllegalArgumentException if the JSON is malformed or of an unsupported kind
     */
    static Tokenizer read(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        Object parsed;
        try {
            parsed = Json.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tokenizer.json: not valid JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> root) || !(root.get("model") instanceof Map<?, ?> model)) {
            throw new IllegalArgumentException("tokenizer.json: no 'model' object");
        }
        Object type = model.get("type");
        if (type == null && model.containsKey("merges")) {
            type = "BPE";
        }
        if ("BPE".equals(type)) {
            return BpeTokenizer.fromJson(root);
        }
        if ("WordPiece".equals(type)) {
            return WordPieceTokenizer.read(new ByteArrayInputStream(bytes));
        }
        throw new IllegalArgumentException("tokenizer.json: model type '" + type
                + "' is not supported (BPE and WordPiece are)");
    }
}
