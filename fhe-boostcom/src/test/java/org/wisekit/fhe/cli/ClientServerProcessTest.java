package org.wisekit.fhe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.harness.testing.ToolRunner;

/**
 * The client/server flow as separate processes: the client runs keygen and encrypt, the server runs compare in a
 * directory that holds only eval.keys and the two ciphertexts, the client decrypts; at the T0 research tier.
 */
class ClientServerProcessTest {

    private static final Duration LIMIT = Duration.ofSeconds(120);

    @Test
    void keygenEncryptCompareDecryptInSeparateProcesses(@TempDir Path root) throws IOException {
        Path client = Files.createDirectories(root.resolve("client"));
        Path server = Files.createDirectories(root.resolve("server"));
        long[] a = {40000, 7, 65535, 0, 12345};
        long[] b = {39999, 7, 0, 1, 12346};
        Files.writeString(client.resolve("a.txt"), "# first operands\n40000\n7\n65535\n0\n12345\n");
        Files.writeString(client.resolve("b.txt"), "39999\n7\n\n0\n1\n12346\n");

        ok(client, "fhe", "keygen", "--tier", "T0", "--out", "keys", "--seed", "11", "--json");
        ok(client, "fhe", "encrypt", "--keys", "keys", "--words", "a.txt", "--out", "a.ct");
        ok(client, "fhe", "encrypt", "--keys", "keys", "--words", "b.txt", "--out", "b.ct");

        // what the client sends: eval.keys (no secret.key) and the two ciphertexts
        Files.createDirectories(server.resolve("keys"));
        Files.copy(client.resolve("keys/eval.keys"), server.resolve("keys/eval.keys"));
        Files.copy(client.resolve("a.ct"), server.resolve("a.ct"));
        Files.copy(client.resolve("b.ct"), server.resolve("b.ct"));
        ToolRunner.Run compared = ok(server, "fhe", "compare", "--eval-keys", "keys", "--in", "a.ct", "--in", "b.ct",
                "--out", "result.ct", "--json");
        assertThat(compared.json().get("count").asInt()).isEqualTo(5);
        assertThat(ToolRunner.files(server)).as("the server wrote only --out")
                .containsExactlyInAnyOrder(Path.of("keys/eval.keys"), Path.of("a.ct"), Path.of("b.ct"),
                        Path.of("result.ct"));

        Files.copy(server.resolve("result.ct"), client.resolve("result.ct"));
        JsonNode decrypted = ok(client, "fhe", "decrypt", "--keys", "keys", "--in", "result.ct", "--json").json();
        assertThat(decrypted.get("kind").asText()).isEqualTo("comparison");
        List<Boolean> lessThan = new ArrayList<>();
        List<Boolean> equal = new ArrayList<>();
        decrypted.get("lessThan").forEach(node -> lessThan.add(node.asBoolean()));
        decrypted.get("equal").forEach(node -> equal.add(node.asBoolean()));
        List<Boolean> expectedLess = new ArrayList<>();
        List<Boolean> expectedEqual = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            expectedLess.add(Long.compareUnsigned(a[i], b[i]) < 0);
            expectedEqual.add(a[i] == b[i]);
        }
        assertThat(lessThan).isEqualTo(expectedLess);
        assertThat(equal).isEqualTo(expectedEqual);
        assertThat(ToolRunner.files(client)).isEqualTo(Set.of(Path.of("a.txt"), Path.of("b.txt"),
                Path.of("keys/secret.key"), Path.of("keys/eval.keys"), Path.of("a.ct"), Path.of("b.ct"),
                Path.of("result.ct")));
    }

    private static ToolRunner.Run ok(Path dir, String... args) {
        ToolRunner.Run run = ToolRunner.runProcess(FheTool.class, dir, LIMIT, subcommand(args));
        assertThat(run.exitCode()).as("%s; stderr: %s", String.join(" ", args), run.err()).isZero();
        return run;
    }

    /** The tool's arguments without the leading tool name. */
    private static String[] subcommand(String[] args) {
        return java.util.Arrays.copyOfRange(args, 1, args.length);
    }
}
