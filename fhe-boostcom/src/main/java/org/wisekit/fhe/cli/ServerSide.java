package org.wisekit.fhe.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.wisekit.fhe.bgv.Ciphertext;
import org.wisekit.fhe.bgv.NoiseBudgetExhaustedException;
import org.wisekit.fhe.compare.BoostComOptions;
import org.wisekit.fhe.compare.CompareCodec;
import org.wisekit.fhe.compare.ComparisonKeys;
import org.wisekit.fhe.compare.ComparisonSetup;
import org.wisekit.fhe.compare.ComparisonTier;
import org.wisekit.fhe.compare.EncryptedArray;
import org.wisekit.fhe.compare.EncryptedWords;
import org.wisekit.fhe.compare.IzComparator;
import org.wisekit.fhe.compare.Stage;
import org.wisekit.fhe.internal.CodecFrame;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;

/**
 * What the server commands ({@code fhe compare|min|sort --eval-keys DIR}) share: reading DIR/eval.keys (never a
 * secret key), reading and checking the input ciphertexts against them, running a circuit with progress on
 * stderr (a circuit too deep for the tier becomes a one-line error naming the tier), and the summary.
 */
final class ServerSide {

    final ComparisonKeys keys;
    final ComparisonSetup setup;
    final String tierName;
    private final Progress progress;

    private ServerSide(ComparisonKeys keys, Progress progress) {
        this.keys = keys;
        this.progress = progress;
        this.tierName = KeyFiles.tierName(keys.parameters());
        this.setup = new ComparisonSetup(keys.parameters(), keys.evaluationKeys(), keys.format());
    }

    /** Reads DIR/eval.keys (only that file) and builds the evaluator. */
    static ServerSide open(Path evalKeys, Progress progress) {
        if (evalKeys == null) {
            throw new IllegalArgumentException("--eval-keys is required (the key directory's eval.keys)");
        }
        return new ServerSide(KeyFiles.readEvaluation("--eval-keys", evalKeys, progress), progress);
    }

    ComparisonTier tier() {
        return KeyFiles.tier(keys.parameters());
    }

    /** Encrypted words from {@code file}, under these keys. */
    EncryptedWords words(Path file) {
        byte[] bytes = KeyFiles.read("--in", file);
        CodecFrame.Kind kind = kind(file, bytes);
        if (kind == CodecFrame.Kind.ENCRYPTED_ARRAY) {
            throw new IllegalArgumentException("--in " + file + " holds an encrypted array; this takes encrypted "
                    + "words (fhe encrypt without --array)");
        }
        EncryptedWords words = read(file, bytes, b -> CompareCodec.readEncryptedWords(b, keys.parameters()));
        checkKey(file, words.ciphertext());
        if (!words.format().equals(keys.format())) {
            throw new IllegalArgumentException("--in " + file + ": words in " + words.format()
                    + ", the evaluation keys are for " + keys.format());
        }
        return words;
    }

    /** An encrypted array from {@code file}, under these keys. */
    EncryptedArray array(Path file) {
        byte[] bytes = KeyFiles.read("--in", file);
        if (kind(file, bytes) == CodecFrame.Kind.ENCRYPTED_WORDS) {
            throw new IllegalArgumentException("--in " + file + " holds encrypted words, not an array (encrypt with "
                    + "--array for min/sort of one array, or give two word files for pairwise min)");
        }
        EncryptedArray array = read(file, bytes, b -> CompareCodec.readEncryptedArray(b, keys.parameters()));
        checkKey(file, array.rows().ciphertext());
        if (!keys.supports(new int[0], new int[] {array.size()})) {
            throw new IllegalArgumentException("--eval-keys: the evaluation keys lack the rotations for arrays of "
                    + array.size() + " words (run keygen with --array-size " + array.size() + ")");
        }
        return array;
    }

    /** The comparator's switches: every BoostCom switch, compaction only where the keys hold its rotations. */
    BoostComOptions options(int threads, int[] wordCounts, int[] arraySizes) {
        boolean compaction = keys.supports(wordCounts, arraySizes);
        boolean parallel = threads > 1;
        return new BoostComOptions(parallel, parallel, compaction, parallel, threads);
    }

    /**
     * Runs {@code circuit} on a comparator with {@code options}, with a progress task on stderr; a circuit deeper
     * than the chain becomes an {@link IllegalArgumentException} naming the tier and {@code remedy}.
     */
    <T> T run(String label, String status, BoostComOptions options, String remedy, Function<IzComparator, T> circuit) {
        try (Progress.Task task = progress.start(label, 1); IzComparator comparator = setup.comparator(options)) {
            task.status(status);
            T result = circuit.apply(comparator);
            task.step();
            return result;
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof NoiseBudgetExhaustedException exhausted) {
                    throw new IllegalArgumentException("the circuit does not fit tier " + tierName + "'s modulus "
                            + "chain (" + exhausted.getMessage() + "); " + remedy);
                }
            }
            throw e;
        }
    }

    /** Writes {@code bytes} to {@code out} and prints the summary (text or one JSON object). */
    void finish(PrintWriter stdout, boolean json, String operation, List<Path> in, Path out, byte[] bytes,
                Map<String, Object> fields, Ciphertext result, List<Stage> stages, BoostComOptions options,
                double millis) {
        KeyFiles.writePublic(out, bytes);
        if (json) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("operation", operation);
            map.put("tier", tierName);
            map.put("in", in.stream().map(Path::toString).toList());
            map.put("out", out.toString());
            map.putAll(fields);
            map.put("options", options.label());
            map.put("level", result.level());
            map.put("estimatedNoiseBudgetBits", FheJson.round(result.estimatedNoiseBudget()));
            map.put("bytes", bytes.length);
            map.put("millis", FheJson.round(millis));
            map.put("stages", stages == null ? null : FheJson.stages(stages));
            stdout.println(Json.write(map));
        } else {
            stdout.printf(Locale.ROOT, "fhe %s: tier %s, %s -> %s (%d bytes)%n", operation, tierName,
                    String.join(" ", in.stream().map(Path::toString).toList()), out, bytes.length);
            fields.forEach((k, v) -> stdout.println("  " + k + ": " + v));
            stdout.printf(Locale.ROOT, "  circuit: %s, %.0f ms; result at level %d, estimated noise budget %.1f bits%n",
                    options.label(), millis, result.level(), result.estimatedNoiseBudget());
        }
        stdout.flush();
    }

    private void checkKey(Path file, Ciphertext ciphertext) {
        if (ciphertext.keyId() != keys.keyId()) {
            throw new IllegalArgumentException("--in " + file + " was encrypted under key id "
                    + KeyFiles.hex(ciphertext.keyId()) + ", the evaluation keys are key id " + KeyFiles.hex(keys.keyId()));
        }
    }

    private static CodecFrame.Kind kind(Path file, byte[] bytes) {
        try {
            return CodecFrame.peekKind(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--in " + file + ": " + e.getMessage());
        }
    }

    private static <T> T read(Path file, byte[] bytes, Function<byte[], T> reader) {
        try {
            return reader.apply(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--in " + file + ": " + e.getMessage());
        }
    }

    static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
