package org.wisekit.fhe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.Encryptor;
import org.wisekit.fhe.bgv.KeyGenerator;
import org.wisekit.fhe.bgv.ParameterTier;
import org.wisekit.fhe.bgv.SecretKey;
import org.wisekit.fhe.compare.CompareCodec;
import org.wisekit.fhe.compare.WordEncryptor;
import org.wisekit.fhe.compare.WordFormat;
import org.wisekit.harness.testing.ToolRunner;

/**
 * The client/server subcommands in this JVM at the T0 research tier: the CLI convention for each (one JSON object,
 * only --out files written, -h and --version), their results against the plaintext, and one-line errors for
 * malformed, truncated, foreign and missing inputs.
 */
class ClientServerCommandsTest {

    @TempDir
    static Path dir;

    private static final FheTool TOOL = new FheTool();

    /** Keys (T0, 16-bit words, arrays of 3) and two word files, made once. */
    @BeforeAll
    static void keysAndWords() throws IOException {
        ToolRunner.assertConvention(TOOL, dir, List.of(Path.of("keys/secret.key"), Path.of("keys/eval.keys")),
                "keygen", "--tier", "T0", "--out", dir.resolve("keys").toString(), "--seed", "3", "--array-size", "3",
                "--json");
        Files.writeString(dir.resolve("a.txt"), "40000\n7\n65535\n");
        Files.writeString(dir.resolve("b.txt"), "39999\n7\n0\n");
        Files.writeString(dir.resolve("array.txt"), "300\n17\n65000\n");
        Files.createDirectories(dir.resolve("server"));
        Files.copy(dir.resolve("keys/eval.keys"), dir.resolve("server/eval.keys"));
    }

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    private static Path encrypt(String words, String out, String... extra) {
        String[] args = {"encrypt", "--keys", p("keys"), "--words", p(words), "--out", p(out), "--json"};
        ToolRunner.assertConvention(TOOL, dir, List.of(Path.of(out)), concat(args, extra));
        return dir.resolve(out);
    }

    private static JsonNode decrypt(String file) {
        return ToolRunner.assertConvention(TOOL, dir, List.of(), "decrypt", "--keys", p("keys"), "--in", p(file),
                "--json").json();
    }

    @Test
    void keygenWritesTheSecretOwnerOnlyAndRefusesToOverwrite() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys/secret.key"))))
                .isEqualTo("rw-------");
        ToolRunner.Run again = ToolRunner.run(TOOL, "keygen", "--tier", "T0", "--out", p("keys"));
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.errors()).containsExactly("--out " + p("keys") + " already holds keys; use --force to replace them");
        ToolRunner.Run badTier = ToolRunner.run(TOOL, "keygen", "--tier", "Z9", "--out", p("other"));
        assertThat(badTier.errors()).containsExactly("--tier must be one of T0, T1, B1, B2, B2_96, B3_128, got 'Z9'");
        ToolRunner.Run badArray = ToolRunner.run(TOOL, "keygen", "--tier", "T0", "--out", p("other"), "--array-size",
                "9");
        assertThat(badArray.errors()).containsExactly("--array-size must be in [2, N] with N(N-1) <= 51 words per "
                + "ciphertext, got 9");
        assertThat(dir.resolve("other")).doesNotExist();
    }

    @Test
    void compareOnTheServerDecryptsToThePlaintextBits() {
        encrypt("a.txt", "a.ct");
        encrypt("b.txt", "b.ct");
        JsonNode compared = ToolRunner.assertConvention(TOOL, dir, List.of(Path.of("cmp.ct")), "compare", "--eval-keys",
                p("server"), "--in", p("a.ct"), "--in", p("b.ct"), "--out", p("cmp.ct"), "--json").json();
        assertThat(compared.get("operation").asText()).isEqualTo("compare");
        assertThat(compared.get("stages")).hasSize(4);
        JsonNode bits = decrypt("cmp.ct");
        assertThat(bits.get("lessThan").toString()).isEqualTo("[false,false,false]");
        assertThat(bits.get("equal").toString()).isEqualTo("[false,true,false]");
        JsonNode words = decrypt("a.ct");
        assertThat(words.get("words").toString()).isEqualTo("[\"40000\",\"7\",\"65535\"]");

        ToolRunner.assertConvention(TOOL, dir, List.of(Path.of("min.ct")), "min", "--eval-keys", p("server"), "--in",
                p("a.ct"), p("b.ct"), "--out", p("min.ct"), "--threads", "1", "--json");
        assertThat(decrypt("min.ct").get("words").toString()).isEqualTo("[\"39999\",\"7\",\"0\"]");
    }

    @Test
    void arrayMinimumAndSortOnTheServer() {
        encrypt("array.txt", "array.ct", "--array");
        assertThat(decrypt("array.ct").get("words").toString()).isEqualTo("[\"300\",\"17\",\"65000\"]");
        ToolRunner.assertConvention(TOOL, dir, List.of(Path.of("amin.ct")), "min", "--eval-keys", p("server"), "--in",
                p("array.ct"), "--out", p("amin.ct"), "--json");
        assertThat(decrypt("amin.ct").get("words").toString()).isEqualTo("[\"17\"]");
        ToolRunner.assertConvention(TOOL, dir, List.of(Path.of("sorted.ct")), "sort", "--eval-keys", p("server"),
                "--in", p("array.ct"), "--out", p("sorted.ct"), "--json");
        assertThat(decrypt("sorted.ct").get("words").toString()).isEqualTo("[\"17\",\"300\",\"65000\"]");
    }

    @Test
    void malformedWordFilesNameTheLine() throws IOException {
        Files.writeString(dir.resolve("bad1.txt"), "12\n\nabc\n");
        Files.writeString(dir.resolve("bad2.txt"), "12\n65536\n");
        Files.writeString(dir.resolve("bad3.txt"), "12\n-4\n");
        Files.writeString(dir.resolve("bad4.txt"), "# nothing\n\n");
        Files.writeString(dir.resolve("bad5.txt"), "99999999999999999999999\n");
        assertError(2, "--words " + p("bad1.txt") + " line 3: 'abc' is not an unsigned decimal integer",
                "encrypt", "--keys", p("keys"), "--words", p("bad1.txt"), "--out", p("x.ct"));
        assertError(2, "--words " + p("bad2.txt") + " line 2: 65536 is out of range for 16-bit words (max 65535)",
                "encrypt", "--keys", p("keys"), "--words", p("bad2.txt"), "--out", p("x.ct"));
        assertError(2, "--words " + p("bad3.txt") + " line 2: '-4' is not an unsigned decimal integer",
                "encrypt", "--keys", p("keys"), "--words", p("bad3.txt"), "--out", p("x.ct"));
        assertError(2, "--words " + p("bad4.txt") + ": no words (one unsigned decimal word per line)",
                "encrypt", "--keys", p("keys"), "--words", p("bad4.txt"), "--out", p("x.ct"));
        assertError(2, "--words " + p("bad5.txt") + " line 1: 99999999999999999999999 is out of range for 16-bit "
                + "words (max 65535)", "encrypt", "--keys", p("keys"), "--words", p("bad5.txt"), "--out", p("x.ct"));
        assertError(2, "--words " + p("none.txt") + ": no such file",
                "encrypt", "--keys", p("keys"), "--words", p("none.txt"), "--out", p("x.ct"));
        assertError(2, "--word-bits 32 differs from the keys' 16-bit words (the width is fixed at keygen: run keygen "
                + "--word-bits 32)", "encrypt", "--keys", p("keys"), "--words", p("a.txt"), "--out", p("x.ct"),
                "--word-bits", "32");
        assertThat(dir.resolve("x.ct")).doesNotExist();
    }

    @Test
    void corruptTruncatedForeignAndMissingInputsGetOneLineErrors() throws IOException {
        Path a = encrypt("a.txt", "a2.ct");
        byte[] bytes = Files.readAllBytes(a);
        Files.write(dir.resolve("truncated.ct"), Arrays.copyOf(bytes, bytes.length / 2));
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 3] ^= 1;
        Files.write(dir.resolve("flipped.ct"), flipped);
        Files.writeString(dir.resolve("text.ct"), "not a ciphertext at all, just some text");
        String[] server = {"compare", "--eval-keys", p("server"), "--out", p("x.ct"), "--in"};
        assertError(2, "--in " + p("truncated.ct") + ": truncated: the header announces " + (bytes.length) + " bytes, "
                + "the data has " + bytes.length / 2, concat(server, p("truncated.ct"), p("a2.ct")));
        assertError(2, "--in " + p("flipped.ct") + ": corrupted: CRC-32 mismatch over " + (bytes.length - 4)
                + " bytes", concat(server, p("a2.ct"), p("flipped.ct")));
        assertError(2, "--in " + p("text.ct") + ": not serialized wisekit BGV data: the first bytes are not \"WKBG\"",
                concat(server, p("a2.ct"), p("text.ct")));
        assertError(2, "--in " + p("missing.ct") + ": no such file", concat(server, p("a2.ct"), p("missing.ct")));

        // a ciphertext under other parameters (T1) than the evaluation keys (T0)
        BgvParameters t1 = ParameterTier.T1.insecureParameters();
        KeyGenerator generator = KeyGenerator.withRandomness(t1, new SplittableRandom(4));
        SecretKey secret = generator.secretKey();
        WordEncryptor foreign = new WordEncryptor(t1, new Encryptor(generator.publicKey(secret), new SplittableRandom(5)),
                WordFormat.of(t1, 16));
        Files.write(dir.resolve("t1.ct"), CompareCodec.write(foreign.encrypt(1, 2, 3)));
        ToolRunner.Run other = ToolRunner.run(TOOL, concat(server, p("a2.ct"), p("t1.ct")));
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.errors()).singleElement().asString()
                .startsWith("--in " + p("t1.ct") + ": encrypted words made for other parameters (fingerprint")
                .contains("not for m = 307");

        // keys: a directory without eval.keys, a truncated eval.keys, a corrupt secret key, a server without secret
        Files.createDirectories(dir.resolve("empty"));
        assertError(2, "--eval-keys " + p("empty") + ": no eval.keys (run wisekit fhe keygen)",
                "compare", "--eval-keys", p("empty"), "--in", p("a2.ct"), p("a2.ct"), "--out", p("x.ct"));
        Path cut = Files.createDirectories(dir.resolve("cut"));
        byte[] evaluation = Files.readAllBytes(dir.resolve("keys/eval.keys"));
        Files.write(cut.resolve("eval.keys"), Arrays.copyOf(evaluation, 1000));
        ToolRunner.Run truncatedKeys = ToolRunner.run(TOOL, "compare", "--eval-keys", p("cut"), "--in", p("a2.ct"),
                p("a2.ct"), "--out", p("x.ct"));
        assertThat(truncatedKeys.errors()).singleElement().asString()
                .startsWith("--eval-keys " + cut.resolve("eval.keys") + ": truncated: the header announces");
        Files.write(cut.resolve("secret.key"), Arrays.copyOf(Files.readAllBytes(dir.resolve("keys/secret.key")), 50));
        Files.copy(dir.resolve("keys/eval.keys"), cut.resolve("eval.keys"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ToolRunner.Run truncatedSecret = ToolRunner.run(TOOL, "decrypt", "--keys", p("cut"), "--in", p("a2.ct"));
        assertThat(truncatedSecret.errors()).singleElement().asString()
                .startsWith("--keys " + cut.resolve("secret.key") + ": truncated: the header announces");
        assertError(2, "--keys " + p("server") + ": no secret.key (the secret key stays with the client that ran "
                + "keygen)", "decrypt", "--keys", p("server"), "--in", p("a2.ct"));
        assertError(2, "--in " + p("keys/eval.keys") + " holds comparison keys (parameters, word format, public and "
                + "evaluation keys), not a ciphertext file (comparison result, encrypted words or array)",
                "decrypt", "--keys", p("keys"), "--in", p("keys/eval.keys"));
        assertError(2, "--in " + p("a2.ct") + " holds encrypted words, not an array (encrypt with --array for "
                + "min/sort of one array, or give two word files for pairwise min)",
                "sort", "--eval-keys", p("server"), "--in", p("a2.ct"), "--out", p("x.ct"));
        assertThat(dir.resolve("x.ct")).doesNotExist();
    }

    @Test
    void aCiphertextUnderAnotherKeyIsRefusedByTheServerAndTheClient() throws IOException {
        Path otherKeys = dir.resolve("other-keys");
        ToolRunner.Run keygen = ToolRunner.run(TOOL, "keygen", "--tier", "T0", "--out", otherKeys.toString(), "--seed",
                "99", "--json");
        assertThat(keygen.exitCode()).as(keygen.err()).isZero();
        ToolRunner.Run encrypted = ToolRunner.run(TOOL, "encrypt", "--keys", otherKeys.toString(), "--words", p("a.txt"),
                "--out", p("other.ct"));
        assertThat(encrypted.exitCode()).as(encrypted.err()).isZero();
        Path mine = encrypt("b.txt", "b3.ct");
        String myKey = ToolRunner.run(TOOL, "encrypt", "--keys", p("keys"), "--words", p("b.txt"), "--out",
                mine.toString(), "--json").json().get("keyId").asText();
        String otherKey = keygen.json().get("keyId").asText();
        assertError(2, "--in " + p("other.ct") + " was encrypted under key id " + otherKey + ", the evaluation keys are "
                + "key id " + myKey, "compare", "--eval-keys", p("server"), "--in", p("other.ct"), p("b3.ct"),
                "--out", p("x.ct"));
        assertError(2, "--in " + p("other.ct") + " was encrypted under key id " + otherKey + ", the keys in "
                + p("keys") + " are key id " + myKey, "decrypt", "--keys", p("keys"), "--in", p("other.ct"));
    }

    @Test
    void aCircuitDeeperThanTheChainIsAOneLineErrorNamingTheTier() throws IOException {
        // T0's ring with 4 chain primes instead of 21: the comparison cannot fit
        org.wisekit.fhe.bgv.ParametersLiteral t0 = org.wisekit.fhe.compare.ComparisonTier.T0.literal();
        BgvParameters shallow = BgvParameters.createInsecure(new org.wisekit.fhe.bgv.ParametersLiteral(t0.m(),
                t0.plaintextModulus(), t0.logQ().subList(0, 4), t0.logP(), 2, t0.smallPrimes()));
        WordFormat format = WordFormat.of(shallow, 16);
        KeyGenerator generator = KeyGenerator.withRandomness(shallow, new SplittableRandom(6));
        SecretKey secret = generator.secretKey();
        org.wisekit.fhe.compare.ComparisonKeys keys = new org.wisekit.fhe.compare.ComparisonKeys(shallow, 0, format,
                generator.publicKey(secret), generator.evaluationKeys(secret,
                        org.wisekit.fhe.compare.ComparisonSetup.galoisElements(shallow, format, new int[0], new int[0])));
        Path shallowKeys = Files.createDirectories(dir.resolve("shallow"));
        Files.write(shallowKeys.resolve("eval.keys"), CompareCodec.write(keys));
        WordEncryptor encryptor = new WordEncryptor(shallow, new Encryptor(keys.publicKey(), new SplittableRandom(7)),
                format);
        Files.write(dir.resolve("shallow-a.ct"), CompareCodec.write(encryptor.encrypt(1, 2)));
        Files.write(dir.resolve("shallow-b.ct"), CompareCodec.write(encryptor.encrypt(2, 2)));
        ToolRunner.Run run = ToolRunner.run(TOOL, "compare", "--eval-keys", shallowKeys.toString(), "--in",
                p("shallow-a.ct"), p("shallow-b.ct"), "--out", p("x.ct"));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errors()).singleElement().asString()
                .startsWith("the circuit does not fit tier custom's modulus chain (").endsWith("use a deeper tier (B3_128)");
        assertThat(dir.resolve("x.ct")).doesNotExist();
    }

    private static void assertError(int status, String message, String... args) {
        ToolRunner.Run run = ToolRunner.run(TOOL, args);
        assertThat(run.exitCode()).as("exit status of %s; stderr %s", String.join(" ", args), run.err())
                .isEqualTo(status);
        assertThat(run.errors()).containsExactly(message);
        assertThat(run.out()).isEmpty();
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
