package org.wisekit.fhe.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.fhe.bgv.Ciphertext;
import org.wisekit.fhe.bgv.Decryptor;
import org.wisekit.fhe.bgv.Encoder;
import org.wisekit.fhe.bgv.SecretKey;
import org.wisekit.fhe.compare.CompareCodec;
import org.wisekit.fhe.compare.ComparisonKeys;
import org.wisekit.fhe.compare.ComparisonResult;
import org.wisekit.fhe.compare.EncryptedArray;
import org.wisekit.fhe.compare.EncryptedWords;
import org.wisekit.fhe.compare.WordDecryptor;
import org.wisekit.fhe.internal.CodecFrame;
import org.wisekit.harness.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit fhe decrypt --keys DIR --in CT}: client side, with DIR/secret.key: prints what a ciphertext
 * file holds, by its kind: a comparison result (the a_i &lt; b_i and a_i == b_i bits), encrypted words (from
 * encrypt, min or sort) or an encrypted array (its elements), with the measured noise budget left.
 */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
        description = {"Client side: decrypt a ciphertext file (comparison bits, words or an array) with "
                + "DIR/secret.key."})
public final class DecryptCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    FheCommand parent;

    @Option(names = "--keys", required = true, paramLabel = "DIR",
            description = "Key directory with secret.key and eval.keys.")
    Path keys;

    @Option(names = "--in", required = true, paramLabel = "CT", description = "Ciphertext file to decrypt.")
    Path in;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        ComparisonKeys publicKeys = KeyFiles.readEvaluation("--keys", keys, parent.progress());
        byte[] bytes = KeyFiles.read("--in", in);
        CodecFrame.Kind kind;
        try {
            kind = CodecFrame.peekKind(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--in " + in + ": " + e.getMessage());
        }
        SecretKey secret = KeyFiles.readSecret("--keys", keys, publicKeys);
        Decryptor decryptor = new Decryptor(secret);
        WordDecryptor words = new WordDecryptor(decryptor, new Encoder(publicKeys.parameters()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("in", in.toString());
        Ciphertext ciphertext;
        switch (kind) {
            case COMPARISON_RESULT -> {
                ComparisonResult comparison = KeyFiles.parse("--in", in,
                        b -> CompareCodec.readComparisonResult(b, publicKeys.parameters()));
                ciphertext = checkKey(comparison.lessThan(), publicKeys);
                result.put("kind", "comparison");
                result.put("count", comparison.count());
                result.put("lessThan", list(words.lessThan(comparison)));
                result.put("equal", list(words.equal(comparison)));
                result.put("noiseBudgetBits", FheJson.round(Math.min(decryptor.noiseBudget(comparison.lessThan()),
                        decryptor.noiseBudget(comparison.equal()))));
            }
            case ENCRYPTED_WORDS -> {
                EncryptedWords encrypted = KeyFiles.parse("--in", in,
                        b -> CompareCodec.readEncryptedWords(b, publicKeys.parameters()));
                ciphertext = checkKey(encrypted.ciphertext(), publicKeys);
                result.put("kind", "words");
                result.put("count", encrypted.count());
                result.put("words", unsigned(words.words(encrypted)));
                result.put("noiseBudgetBits", FheJson.round(decryptor.noiseBudget(ciphertext)));
            }
            case ENCRYPTED_ARRAY -> {
                EncryptedArray array = KeyFiles.parse("--in", in,
                        b -> CompareCodec.readEncryptedArray(b, publicKeys.parameters()));
                ciphertext = checkKey(array.rows().ciphertext(), publicKeys);
                long[] rows = words.words(array.rows());
                long[] values = new long[array.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rows[i * (array.size() - 1)];
                }
                result.put("kind", "array");
                result.put("count", array.size());
                result.put("words", unsigned(values));
                result.put("noiseBudgetBits", FheJson.round(decryptor.noiseBudget(ciphertext)));
            }
            default -> throw new IllegalArgumentException("--in " + in + " holds " + kind.description
                    + ", not a ciphertext file (comparison result, encrypted words or array)");
        }
        result.put("wordBits", publicKeys.format().wordBits());
        result.put("tier", KeyFiles.tierName(publicKeys.parameters()));

        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(Json.write(result));
        } else {
            int count = (int) result.get("count");
            String what = switch (kind) {
                case COMPARISON_RESULT -> "a comparison of " + count + (count == 1 ? " pair" : " pairs");
                case ENCRYPTED_ARRAY -> "an array of " + count + " words";
                default -> count + (count == 1 ? " word" : " words");
            };
            stdout.printf(Locale.ROOT, "fhe decrypt: %s holds %s%n", in, what);
            if (kind == CodecFrame.Kind.COMPARISON_RESULT) {
                stdout.println("a < b:  " + join(result.get("lessThan")));
                stdout.println("a == b: " + join(result.get("equal")));
            } else {
                stdout.println("words:  " + join(result.get("words")));
            }
            stdout.printf(Locale.ROOT, "noise budget left: %.1f bits%n", (double) result.get("noiseBudgetBits"));
        }
        stdout.flush();
        return 0;
    }

    private Ciphertext checkKey(Ciphertext ciphertext, ComparisonKeys publicKeys) {
        if (ciphertext.keyId() != publicKeys.keyId()) {
            throw new IllegalArgumentException("--in " + in + " was encrypted under key id "
                    + KeyFiles.hex(ciphertext.keyId()) + ", the keys in " + keys + " are key id "
                    + KeyFiles.hex(publicKeys.keyId()));
        }
        return ciphertext;
    }

    private static List<Boolean> list(boolean[] bits) {
        List<Boolean> list = new ArrayList<>();
        for (boolean bit : bits) {
            list.add(bit);
        }
        return list;
    }

    private static List<String> unsigned(long[] values) {
        List<String> list = new ArrayList<>();
        for (long value : values) {
            list.add(Long.toUnsignedString(value));
        }
        return list;
    }

    private static String join(Object values) {
        return String.join(" ", ((List<?>) values).stream().map(String::valueOf).toList());
    }
}
