package org.wisekit.fhe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.fhe.bgv.BgvCodec;
import org.wisekit.fhe.bgv.BgvFormatException;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.SecretKey;
import org.wisekit.fhe.compare.CompareCodec;
import org.wisekit.fhe.compare.ComparisonKeys;
import org.wisekit.fhe.compare.ComparisonTier;

/**
 * The key directory of the client/server commands and the file handling they share. A key directory holds
 * <ul>
 *   <li>{@value #EVALUATION}: parameters, word format, public key and evaluation keys
 *       ({@link CompareCodec#write(ComparisonKeys)}), the only file a server needs;</li>
 *   <li>{@value #SECRET}: the secret key ({@link BgvCodec#write(SecretKey)}), owner-only (0600) where the file
 *       system has POSIX permissions; it stays with the client.</li>
 * </ul>
 * Every read names the option and the file in its one-line error.
 */
final class KeyFiles {

    static final String EVALUATION = "eval.keys";
    static final String SECRET = "secret.key";

    private KeyFiles() {
    }

    /** The bytes of {@code file}, or a one-line error naming {@code option} and the file. */
    static byte[] read(String option, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** {@link #readEvaluation(String, Path)} as a progress task (seconds to a minute at the secure presets). */
    static ComparisonKeys readEvaluation(String option, Path dir, org.wisekit.harness.Progress progress) {
        try (org.wisekit.harness.Progress.Task task = progress.start("reading " + dir.resolve(EVALUATION), 1)) {
            ComparisonKeys keys = readEvaluation(option, dir);
            task.step();
            return keys;
        }
    }

    /** DIR/eval.keys, read and checked (parameters rebuilt, security target rechecked). */
    static ComparisonKeys readEvaluation(String option, Path dir) {
        Path file = dir.resolve(EVALUATION);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(option + " " + dir + ": no " + EVALUATION + " (run wisekit fhe keygen)");
        }
        byte[] bytes = read(option, file);
        try {
            return CompareCodec.readComparisonKeys(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + file + ": " + e.getMessage());
        }
    }

    /** DIR/secret.key under the parameters of {@code keys}; it must belong to the same key pair. */
    static SecretKey readSecret(String option, Path dir, ComparisonKeys keys) {
        Path file = dir.resolve(SECRET);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(option + " " + dir + ": no " + SECRET
                    + " (the secret key stays with the client that ran keygen)");
        }
        SecretKey secret;
        try {
            secret = BgvCodec.readSecretKey(read(option, file), keys.parameters());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + file + ": " + e.getMessage());
        }
        if (secret.keyId() != keys.keyId()) {
            throw new IllegalArgumentException(option + " " + dir + ": " + SECRET + " (key id "
                    + Long.toHexString(secret.keyId()) + ") does not belong to " + EVALUATION + " (key id "
                    + Long.toHexString(keys.keyId()) + ")");
        }
        return secret;
    }

    /** Parses a serialized object with {@code reader}, prefixing errors with the option and the file. */
    static <T> T parse(String option, Path file, java.util.function.Function<byte[], T> reader) {
        byte[] bytes = read(option, file);
        try {
            return reader.apply(bytes);
        } catch (BgvFormatException e) {
            throw new IllegalArgumentException(option + " " + file + ": " + e.getMessage());
        }
    }

    /** Writes a file everyone may read, atomically. */
    static void writePublic(Path file, byte[] bytes) {
        AtomicFiles.write(file, bytes);
    }

    /** Writes a file only its owner may read (0600 where POSIX), atomically: written under that mode, then renamed. */
    static void writeSecret(Path file, byte[] bytes) {
        AtomicFiles.writeOwnerOnly(file, bytes);
    }

    /** The comparison tier these parameters are, or "custom". */
    static String tierName(BgvParameters parameters) {
        for (ComparisonTier tier : ComparisonTier.values()) {
            if (tier.literal().equals(parameters.literal())) {
                return tier.name();
            }
        }
        return "custom";
    }

    /** The comparison tier these parameters are, or null. */
    static ComparisonTier tier(BgvParameters parameters) {
        String name = tierName(parameters);
        return name.equals("custom") ? null : ComparisonTier.valueOf(name);
    }

    static String hex(long keyId) {
        return String.format(Locale.ROOT, "%016x", keyId);
    }
}
