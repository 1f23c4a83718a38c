package org.wisekit.fedmml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.harness.testing.ToolRunner;

/**
 * {@code wisekit fedmml} under the CLI convention: every subcommand at the smallest size (2 clients, one
 * end-to-end round, 16 training and 10 test pairs) with {@code --json}, and one-line errors for bad input.
 */
class FedMmlCommandTest {

    @TempDir
    Path dir;

    private static final String[] SMALL = {"--clients", "2", "--per-round", "2", "--scheme", "e2e", "--stages", "1",
            "--rounds-per-stage", "1", "--train-pairs", "16", "--test-pairs", "10", "--batch", "8"};

    private static String[] args(String command, String... more) {
        String[] out = new String[1 + SMALL.length + more.length];
        out[0] = command;
        System.arraycopy(SMALL, 0, out, 1, SMALL.length);
        System.arraycopy(more, 0, out, 1 + SMALL.length, more.length);
        return out;
    }

    /** A client takes only the options server and clients must agree on. */
    private static String[] clientArgs(String... more) {
        String[] shared = {"client", "--clients", "2", "--train-pairs", "16", "--test-pairs", "10"};
        String[] out = java.util.Arrays.copyOf(shared, shared.length + more.length);
        System.arraycopy(more, 0, out, shared.length, more.length);
        return out;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void needData() {
        RealData.load(d -> d.fsdd());
        RealData.load(d -> d.mnistDigits());
    }

    @Test
    void simulatePrintsOneJsonObjectAndWritesNothing() {
        needData();
        // SameDiff prints "Added differentiated op ..." on System.out: the command sends it to stderr
        java.io.PrintStream systemOut = System.out;
        java.io.ByteArrayOutputStream stray = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(stray, true));
        ToolRunner.Run run;
        try {
            run = ToolRunner.assertConvention(new FedMmlTool(), dir, List.of(), args("simulate", "--json"));
        } finally {
            System.setOut(systemOut);
        }
        assertThat(stray.toString()).isEmpty();
        JsonNode j = run.json();
        assertThat(j.get("scheme").asText()).isEqualTo("FedMML");
        assertThat(j.get("trainPairs").asInt()).isEqualTo(16);
        assertThat(j.get("rounds")).hasSize(1);
        JsonNode round = j.get("rounds").get(0);
        assertThat(round.get("accepted")).hasSize(2);
        assertThat(round.get("accuracy").asDouble()).isBetween(0.0, 100.0);
        assertThat(round.get("testLoss").asDouble()).isPositive();
        assertThat(round.get("gflopPerClient").asDouble()).isPositive();
    }

    @Test
    void serverAndClientsOverGrpcFollowTheConvention() throws Exception {
        needData();
        // the server under the convention check, two clients beside it (started first: they wait for it)
        int port = freePort();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<ToolRunner.Run> c0 = pool.submit(() -> ToolRunner.run(new FedMmlTool(),
                    clientArgs("--server", "127.0.0.1:" + port, "--index", "0", "--json", "--join-timeout", "150")));
            Future<ToolRunner.Run> c1 = pool.submit(() -> ToolRunner.run(new FedMmlTool(),
                    clientArgs("--server", "127.0.0.1:" + port, "--index", "1", "--join-timeout", "150")));
            ToolRunner.Run server = ToolRunner.assertConvention(new FedMmlTool(), dir, List.of(),
                    args("server", "--port", Integer.toString(port), "--json", "--join-timeout", "150"));
            assertThat(server.json().get("transport").asText()).isEqualTo("gRPC");
            assertThat(server.json().get("rounds").get(0).get("accepted")).hasSize(2);
            assertThat(server.err()).contains("listening on 127.0.0.1:" + port);
            // the client's side of the convention (it ran while the check above watched the folder)
            ToolRunner.Run first = c0.get(300, TimeUnit.SECONDS);
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.json().isObject()).isTrue();
            assertThat(first.json().get("client").asText()).isEqualTo("client-00");
            assertThat(first.json().get("roundsTrained").asInt()).isEqualTo(1);
            assertThat(c1.get(300, TimeUnit.SECONDS).out()).contains("client-01 trained 1 rounds");
            for (String sub : List.of("client", "server", "simulate")) {
                assertThat(ToolRunner.run(new FedMmlTool(), sub, "-h").out()).contains("Usage:", "--json");
                ToolRunner.Run version = ToolRunner.run(new FedMmlTool(), sub, "--version");
                assertThat(version.exitCode()).isZero();
                assertThat(version.out()).contains("wisekit");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void helpAndVersionOnTheToolAndBadInputIsAOneLineError() {
        ToolRunner.Run help = ToolRunner.run(new FedMmlTool(), "-h");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("simulate", "server", "client");
        assertThat(ToolRunner.run(new FedMmlTool(), "--version").exitCode()).isZero();
        assertThat(ToolRunner.run(new FedMmlTool()).errors()).containsExactly("missing subcommand; try 'wisekit fedmml simulate --help'");

        expectError("--server must be HOST:PORT, got nohost", "client", "--server", "nohost", "--index", "0");
        expectError("--index must be in [0, 10), got 12", "client", "--server", "127.0.0.1:1", "--index", "12");
        expectError("--server port must be in [1, 65535], got h:0", "client", "--server", "h:0", "--index", "0");
        expectError("task must be fusion or contrastive", "simulate", "--task", "captioning");
        expectError("--round-timeout must be >= 1, got 0", "server", "--port", "1", "--scheme", "lw", "--round-timeout", "0");
        expectError("--train-pairs must be 0 or at least 2 per client (20), got 5", "simulate", "--train-pairs", "5");
        expectError("--test-pairs must be 0 or >= 2, got 1", "simulate", "--test-pairs", "1");
        expectError("--join-timeout must be >= 1, got 0", "server", "--port", "1", "--join-timeout", "0");
        expectError("partition must be iid or dirichlet, got skewed", "simulate", "--partition", "skewed");
        ToolRunner.Run unknown = ToolRunner.run(new FedMmlTool(), "simulate", "--no-such-option");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
    }

    private static void expectError(String message, String... args) {
        ToolRunner.Run run = ToolRunner.run(new FedMmlTool(), args);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errors()).hasSize(1);
        assertThat(run.errors().get(0)).contains(message);
    }
}
