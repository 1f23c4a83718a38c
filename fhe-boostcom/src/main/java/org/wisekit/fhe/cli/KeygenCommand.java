package org.wisekit.fhe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.wisekit.fhe.bgv.BgvCodec;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.EvaluationKeys;
import org.wisekit.fhe.bgv.KeyGenerator;
import org.wisekit.fhe.bgv.SecretKey;
import org.wisekit.fhe.compare.CompareCodec;
import org.wisekit.fhe.compare.ComparisonKeys;
import org.wisekit.fhe.compare.ComparisonSetup;
import org.wisekit.fhe.compare.ComparisonTier;
import org.wisekit.fhe.compare.WordFormat;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit fhe keygen --tier T --out DIR}: a fresh key pair for the client/server commands, written as
 * DIR/secret.key (the client's, owner-only) and DIR/eval.keys (parameters, word format, public and evaluation
 * keys: what the server gets). The evaluation keys hold the automorphisms of comparisons and pairwise min of any
 * word count (no compaction), plus compaction for {@code --words N} and the array circuits for each
 * {@code --array-size N}. An existing key directory is replaced only with {@code --force}.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Generate keys for the client/server commands: DIR/secret.key (stays with the client) and "
                + "DIR/eval.keys (parameters, public and evaluation keys: give this one to the server).",
                "Keys come from SecureRandom unless --seed is given (tests only)."})
public final class KeygenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    FheCommand parent;

    @Option(names = {"--tier", "--params"}, paramLabel = "TIER", defaultValue = "B3_128",
            description = "Comparison tier: B3_128 or B2_96 (secure), T0, T1, B1 or B2 (insecure) (default: "
                    + "${DEFAULT-VALUE}).")
    String tierName;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Key directory to create.")
    Path out;

    @Option(names = {"--word-bits", "--bits"}, paramLabel = "B",
            description = "Word width, fixed by the keys (default: 16 at T0, 32 at T1, 64 at the others).")
    Integer wordBits;

    @Option(names = "--words", paramLabel = "N", description = "Also generate the compaction keys for ciphertexts "
            + "of exactly N words (faster comparisons when N words fill at most half of the slots).")
    Integer words;

    @Option(names = "--array-size", paramLabel = "N", split = ",",
            description = "Array sizes that min and sort will take (all-pairs layout: N(N-1) words must fit one "
                    + "ciphertext); repeatable or comma-separated.")
    int[] arraySizes = new int[0];

    @Option(names = "--seed", paramLabel = "S", description = "Seed the keys (INSECURE: for tests and reproducible "
            + "examples only; default SecureRandom).")
    Long seed;

    @Option(names = "--force", description = "Replace the keys in an existing key directory.")
    boolean force;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        ComparisonTier tier = TierOptions.tier(tierName, ComparisonTier::parse, "--tier");
        int width = TierOptions.bits(wordBits, tier, "--word-bits");
        BgvParameters parameters = tier.parameters();
        WordFormat format;
        try {
            format = WordFormat.of(parameters, width);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--word-bits " + width + " does not fit tier " + tier + ": "
                    + e.getMessage());
        }
        int capacity = format.capacity(parameters);
        if (words != null && (words < 1 || words > capacity)) {
            throw new IllegalArgumentException("--words must be in [1, " + capacity + "] at tier " + tier + " with "
                    + width + "-bit words, got " + words);
        }
        for (int n : arraySizes) {
            if (n < 2 || (long) n * (n - 1) > capacity) {
                throw new IllegalArgumentException("--array-size must be in [2, N] with N(N-1) <= " + capacity
                        + " words per ciphertext, got " + n);
            }
        }
        Path secretFile = out.resolve(KeyFiles.SECRET);
        Path evaluationFile = out.resolve(KeyFiles.EVALUATION);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " exists and is not a directory");
        }
        if (!force && (Files.exists(secretFile) || Files.exists(evaluationFile))) {
            throw new IllegalArgumentException("--out " + out + " already holds keys; use --force to replace them");
        }

        long start = System.nanoTime();
        int[] wordCounts = words == null ? new int[0] : new int[] {words};
        List<Long> elements = new ArrayList<>(ComparisonSetup.galoisElements(parameters, format, wordCounts,
                arraySizes));
        SecretKey secret;
        ComparisonKeys keys;
        try (Progress.Task task = parent.progress().start("fhe keygen", elements.size() + 3L)) {
            task.status("secret and public key");
            KeyGenerator generator = seed == null ? KeyGenerator.create(parameters)
                    : KeyGenerator.withRandomness(parameters, new SplittableRandom(seed));
            secret = generator.secretKey();
            var publicKey = generator.publicKey(secret);
            task.step();
            task.status("relinearization key");
            var relinearization = generator.relinearizationKey(secret);
            task.step();
            java.util.Map<Long, org.wisekit.fhe.bgv.KeySwitchKey> automorphisms = new java.util.HashMap<>();
            for (long element : elements) {
                task.status("automorphism keys");
                long k = parameters.cyclotomic().unit(element);
                automorphisms.computeIfAbsent(k, unused -> generator.automorphismKey(secret, k));
                task.step();
            }
            EvaluationKeys evaluationKeys = new EvaluationKeys(parameters, secret.keyId(), relinearization,
                    automorphisms);
            keys = new ComparisonKeys(parameters, tier.minimumSecurityBits(), format, publicKey, evaluationKeys);
            task.status("writing " + out);
            byte[] evaluationBytes = CompareCodec.write(keys);
            byte[] secretBytes = BgvCodec.write(secret);
            createDirectory(out);
            KeyFiles.writeSecret(secretFile, secretBytes);
            KeyFiles.writePublic(evaluationFile, evaluationBytes);
            task.step();
        }
        double millis = (System.nanoTime() - start) / 1e6;
        long evaluationBytes = size(evaluationFile);
        long secretBytes = size(secretFile);

        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("tier", tier.name());
            result.put("security", FheJson.security(parameters, tier.minimumSecurityBits()));
            result.put("format", FheJson.format(format));
            result.put("wordsPerCiphertext", capacity);
            result.put("compactionWords", words);
            result.put("arraySizes", Arrays.stream(arraySizes).boxed().toList());
            result.put("automorphismKeys", keys.evaluationKeys().galoisElements().size());
            result.put("keyId", KeyFiles.hex(keys.keyId()));
            result.put("seeded", seed != null);
            Map<String, Object> files = new LinkedHashMap<>();
            files.put("secretKey", secretFile.toString());
            files.put("secretKeyBytes", secretBytes);
            files.put("evaluationKeys", evaluationFile.toString());
            files.put("evaluationKeysBytes", evaluationBytes);
            result.put("files", files);
            result.put("millis", FheJson.round(millis));
            stdout.println(Json.write(result));
        } else {
            stdout.println("fhe keygen: tier " + tier + ", " + format + ", " + capacity + " words per ciphertext");
            stdout.println("security:   " + parameters.security().label());
            stdout.printf(Locale.ROOT, "keys:       secret, public, relinearization and %d automorphism keys in %.0f ms "
                    + "(%s)%n", keys.evaluationKeys().galoisElements().size(), millis,
                    seed == null ? "SecureRandom" : "seed " + seed + ", INSECURE: tests only");
            stdout.printf(Locale.ROOT, "client:     %s (%d bytes, owner-only: keep it)%n", secretFile, secretBytes);
            stdout.printf(Locale.ROOT, "server:     %s (%d bytes: parameters, public and evaluation keys)%n",
                    evaluationFile, evaluationBytes);
        }
        stdout.flush();
        return 0;
    }

    /** Creates the key directory, owner-only where POSIX (it holds the secret key). */
    private static void createDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                try {
                    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString(
                            "rwx------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
