package org.wisekit.text.embed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntConsumer;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.datasets.io.Npy;

/**
 * Sentence embeddings stored on disk, one {@code .npy} file (float32, {@code [texts, dimension]}, written with
 * {@link Npy} and {@link AtomicFiles}) per list of texts and model, so that an experiment embeds its data once.
 *
 * <p><b>Key.</b> The file is {@code <key>.npy} in the directory, where {@code key} is the hex sha256 of a
 * format tag, the number of texts, each text as its UTF-8 bytes preceded by their length (8 bytes, big-endian),
 * the encoder's {@link SentenceEncoder#modelId()} and its {@link SentenceEncoder#backend()} (both
 * length-prefixed the same way). Any change to a text, to their order, to the model files or to the backend
 * gives another file.
 *
 * <p><b>Damaged files.</b> A file that is not a readable {@code .npy}, has another shape than
 * {@code [texts, dimension]}, or holds a row that is not finite with unit L2 norm (within 1e-3) is treated as
 * absent: the vectors are recomputed and the file is replaced. A bit flip that keeps every row a unit vector is
 * not detected. I/O errors (an unreadable directory, a full disk) are thrown as {@link UncheckedIOException}.
 *
 * <p>Thread-safe, and safe across processes: files are replaced atomically, and two writers of one key write
 * the same content.
 */
public final class EmbeddingCache {

    /** Part of every key: a new format gets new keys. */
    static final String FORMAT = "wisekit-embedding-cache-1";

    /** How far a stored row's L2 norm may be from 1. */
    static final double NORM_TOLERANCE = 1e-3;

    private final Path directory;

    /**
     * A cache in a directory (created when the first file is written).
     *
     * @param directory where the {@code .npy} files go
     * @throws IllegalArgumentException if {@code directory} is {@code null} or an existing non-directory
     */
    public EmbeddingCache(Path directory) {
        if (directory == null) {
            throw new IllegalArgumentException("directory: must not be null");
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("directory: " + directory + " exists and is not a directory");
        }
        this.directory = directory;
    }

    /**
     * The directory of the files.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * The vectors of {@code texts}: read from the cache, or computed by {@code encoder} and stored.
     *
     * @param texts   the texts (none {@code null})
     * @param encoder computes the vectors on a miss
     * @return {@code texts.size()} rows of {@code encoder.dimension()} values (new arrays on every call)
     * @throws IllegalArgumentException if an argument or a text is {@code null} (naming the index)
     * @throws IllegalStateException    if the encoder returns another shape than asked for
     * @throws UncheckedIOException     if the file cannot be read or written
     */
    public float[][] embed(List<String> texts, SentenceEncoder encoder) {
        return embed(texts, encoder, null);
    }

    /**
     * As {@link #embed(List, SentenceEncoder)}, passing {@code progress} to the encoder on a miss.
     *
     * @param texts    the texts (none {@code null})
     * @param encoder  computes the vectors on a miss
     * @param progress receives the number of texts encoded so far; may be {@code null} (not called on a hit)
     * @return {@code texts.size()} rows of {@code encoder.dimension()} values
     * @throws IllegalArgumentException if an argument or a text is {@code null} (naming the index)
     * @throws IllegalStateException    if the encoder returns another shape than asked for
     * @throws UncheckedIOException     if the file cannot be read or written
     */
    public float[][] embed(List<String> texts, SentenceEncoder encoder, IntConsumer progress) {
        Path file = file(texts, encoder);
        int dim = encoder.dimension();
        float[][] cached = read(file, texts.size(), dim);
        if (cached != null) {
            return cached;
        }
        float[][] vectors = encoder.encode(texts, progress);
        if (vectors == null || vectors.length != texts.size()) {
            throw new IllegalStateException("encoder " + encoder.backend() + " returned "
                    + (vectors == null ? "null" : vectors.length + " rows") + " for " + texts.size() + " texts");
        }
        float[] flat = new float[texts.size() * dim];
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] == null || vectors[i].length != dim) {
                throw new IllegalStateException("encoder " + encoder.backend() + " returned a row " + i + " of "
                        + (vectors[i] == null ? "null" : vectors[i].length + " values") + ", expected " + dim);
            }
            System.arraycopy(vectors[i], 0, flat, i * dim, dim);
        }
        AtomicFiles.write(file, Npy.writeFloat32(flat, texts.size(), dim));
        return vectors;
    }

    /**
     * Where the vectors of {@code texts} by {@code encoder} are (or would be) stored.
     *
     * @param texts   the texts (none {@code null})
     * @param encoder the encoder
     * @return {@code directory/<key>.npy}
     * @throws IllegalArgumentException if an argument or a text is {@code null} (naming the index)
     */
    public Path file(List<String> texts, SentenceEncoder encoder) {
        if (encoder == null) {
            throw new IllegalArgumentException("encoder: must not be null");
        }
        return directory.resolve(key(texts, encoder.modelId(), encoder.backend()) + ".npy");
    }

    /**
     * The cache key (see the class description).
     *
     * @param texts   the texts (none {@code null})
     * @param modelId the encoder's model identity
     * @param backend the encoder's backend
     * @return 64 lowercase hex digits
     * @throws IllegalArgumentException if an argument or a text is {@code null} (naming the index)
     */
    public static String key(List<String> texts, String modelId, String backend) {
        if (texts == null) {
            throw new IllegalArgumentException("texts: must not be null");
        }
        if (modelId == null) {
            throw new IllegalArgumentException("modelId: must not be null");
        }
        if (backend == null) {
            throw new IllegalArgumentException("backend: must not be null");
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        ByteBuffer length = ByteBuffer.allocate(Long.BYTES);
        update(sha256, length, FORMAT);
        sha256.update(length.clear().putLong(texts.size()).array());
        int i = 0;
        for (String t : texts) {
            if (t == null) {
                throw new IllegalArgumentException("texts[" + i + "]: is null");
            }
            update(sha256, length, t);
            i++;
        }
        update(sha256, length, modelId);
        update(sha256, length, backend);
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void update(MessageDigest sha256, ByteBuffer length, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        sha256.update(length.clear().putLong(bytes.length).array());
        sha256.update(bytes);
    }

    /** The stored vectors, or null if the file is absent or damaged. */
    private static float[][] read(Path file, int rows, int dim) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Npy.Array2d a;
        try {
            a = Npy.read(bytes, file.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (a.rows() != rows || a.columns() != dim) {
            return null;
        }
        float[][] out = new float[rows][dim];
        double[] v = a.values();
        for (int r = 0; r < rows; r++) {
            double norm = 0;
            for (int c = 0; c < dim; c++) {
                float x = (float) v[r * dim + c];
                out[r][c] = x;
                norm += (double) x * x;
            }
            if (!(Math.abs(Math.sqrt(norm) - 1) <= NORM_TOLERANCE)) {
                return null;
            }
        }
        return out;
    }
}
