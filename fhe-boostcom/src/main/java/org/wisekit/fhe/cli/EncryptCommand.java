package org.wisekit.fhe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.fhe.bgv.Encryptor;
import org.wisekit.fhe.compare.CompareCodec;
import org.wisekit.fhe.compare.ComparisonKeys;
import org.wisekit.fhe.compare.WordEncryptor;
import org.wisekit.fhe.compare.WordFormat;
import org.wisekit.harness.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit fhe encrypt --keys DIR --words FILE --out CT}: encrypts the unsigned words of a text file (one
 * decimal word per line; blank lines and lines starting with {@code #} are skipped) under the public key in
 * DIR/eval.keys, as one ciphertext of encrypted words, or with {@code --array} as an array in the all-pairs layout
 * that {@code min} and {@code sort} take. Reads no secret key.
 */
@Command(name = "encrypt", mixinStandardHelpOptions = true,
        description = {"Encrypt unsigned words (one decimal word per line) with the public key of a key directory.",
                "Only DIR/eval.keys is read. --array lays the words out for fhe min / fhe sort."})
public final class EncryptCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    FheCommand parent;

    @Option(names = "--keys", required = true, paramLabel = "DIR",
            description = "Key directory (only its eval.keys is read).")
    Path keys;

    @Option(names = "--words", required = true, paramLabel = "FILE",
            description = "Text file: one unsigned decimal word per line; blank lines and lines starting with # "
                    + "are skipped.")
    Path wordsFile;

    @Option(names = "--out", required = true, paramLabel = "CT", description = "Ciphertext file to write.")
    Path out;

    @Option(names = {"--word-bits", "--bits"}, paramLabel = "B",
            description = "Expected word width; must equal the keys' (fixed at keygen). Default: the keys'.")
    Integer wordBits;

    @Option(names = "--array", description = "Encrypt the words as one array (all-pairs layout) for min and sort.")
    boolean array;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        ComparisonKeys publicKeys = KeyFiles.readEvaluation("--keys", keys, parent.progress());
        WordFormat format = publicKeys.format();
        if (wordBits != null && wordBits != format.wordBits()) {
            throw new IllegalArgumentException("--word-bits " + wordBits + " differs from the keys' " + format.wordBits()
                    + "-bit words (the width is fixed at keygen: run keygen --word-bits " + wordBits + ")");
        }
        long[] words = readWords(wordsFile, format);
        WordEncryptor encryptor = new WordEncryptor(publicKeys.parameters(), new Encryptor(publicKeys.publicKey()),
                format);
        int capacity = encryptor.capacity();
        byte[] bytes;
        if (array) {
            if (words.length < 2 || (long) words.length * (words.length - 1) > capacity) {
                throw new IllegalArgumentException("--words " + wordsFile + ": an array needs 2 to N words with N(N-1) <= "
                        + capacity + ", got " + words.length);
            }
            if (!publicKeys.supports(new int[0], new int[] {words.length})) {
                throw new IllegalArgumentException("--keys " + keys + ": the evaluation keys lack the rotations for "
                        + "arrays of " + words.length + " words (run keygen with --array-size " + words.length + ")");
            }
            bytes = CompareCodec.write(encryptor.encryptArray(words));
        } else {
            if (words.length > capacity) {
                throw new IllegalArgumentException("--words " + wordsFile + ": " + words.length
                        + " words do not fit one ciphertext (at most " + capacity + ")");
            }
            bytes = CompareCodec.write(encryptor.encrypt(words));
        }
        KeyFiles.writePublic(out, bytes);

        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("out", out.toString());
            result.put("kind", array ? "array" : "words");
            result.put("count", words.length);
            result.put("wordBits", format.wordBits());
            result.put("tier", KeyFiles.tierName(publicKeys.parameters()));
            result.put("keyId", KeyFiles.hex(publicKeys.keyId()));
            result.put("bytes", bytes.length);
            stdout.println(Json.write(result));
        } else {
            stdout.printf("fhe encrypt: %d %d-bit words%s -> %s (%d bytes, tier %s)%n", words.length,
                    format.wordBits(), array ? " as an array" : "", out, bytes.length,
                    KeyFiles.tierName(publicKeys.parameters()));
        }
        stdout.flush();
        return 0;
    }

    /**
     * The words of {@code file}: one unsigned decimal word per line below 2^wordBits; blank lines and lines
     * starting with {@code #} skipped. Errors name the file and the line number.
     */
    static long[] readWords(Path file, WordFormat format) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--words " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("--words " + file + ": cannot read (" + e.getMessage() + ")");
        }
        int width = format.wordBits();
        List<Long> words = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "--words " + file + " line " + (i + 1) + ": ";
            if (!line.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException(where + "'" + line + "' is not an unsigned decimal integer");
            }
            long value;
            try {
                value = Long.parseUnsignedLong(line);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + line + " is out of range for " + width + "-bit words (max "
                        + Long.toUnsignedString(format.maxWord()) + ")");
            }
            if (width < 64 && Long.compareUnsigned(value, 1L << width) >= 0) {
                throw new IllegalArgumentException(where + line + " is out of range for " + width + "-bit words (max "
                        + Long.toUnsignedString(format.maxWord()) + ")");
            }
            words.add(value);
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("--words " + file + ": no words (one unsigned decimal word per line)");
        }
        return words.stream().mapToLong(Long::longValue).toArray();
    }
}
