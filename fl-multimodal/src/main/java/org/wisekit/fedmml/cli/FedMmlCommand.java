package org.wisekit.fedmml.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.wisekit.fedmml.data.AvDigits;
import org.wisekit.fedmml.dl4j.FederatedRun;
import org.wisekit.fedmml.dl4j.MultimodalClient;
import org.wisekit.fedmml.dl4j.MultimodalTrainer;
import org.wisekit.fedmml.dl4j.Scheme;
import org.wisekit.fedmml.dl4j.model.ModelConfig;
import org.wisekit.fedmml.dl4j.model.Task;
import org.wisekit.fedmml.fl.ClientConnection;
import org.wisekit.fedmml.fl.FedAvg;
import org.wisekit.fedmml.fl.FedProx;
import org.wisekit.fedmml.fl.FederatedClient;
import org.wisekit.fedmml.fl.ServerConfig;
import org.wisekit.fedmml.fl.Strategy;
import org.wisekit.fedmml.grpc.GrpcFederationClient;
import org.wisekit.fedmml.grpc.GrpcFederationServer;
import org.wisekit.fedmml.repro.Simulation;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import org.wisekit.harness.QuietStdout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit fedmml}: federated multimodal training on audio-visual digits. {@code simulate} runs server
 * and clients in one process; {@code server} and {@code client} run them as separate processes over gRPC.
 * Bad input throws {@link IllegalArgumentException} with a one-line message.
 */
@Command(name = "fedmml", mixinStandardHelpOptions = true, subcommands = {FedMmlCommand.Simulate.class, FedMmlCommand.Server.class,
        FedMmlCommand.Client.class},
        description = {"Layer-wise / progressive federated multimodal learning (Tun et al., arXiv 2407.15426).",
                "Run 'wisekit fedmml simulate|server|client --help' for the options."})
public final class FedMmlCommand implements Callable<Integer> {

    final Progress progress;

    public FedMmlCommand() {
        this(Progress.SILENT);
    }

    /** Long runs report their rounds to {@code progress} (stderr in the CLI). */
    public FedMmlCommand(Progress progress) {
        this.progress = progress;
    }

    @Override
    public Integer call() {
        throw new IllegalArgumentException("missing subcommand; try 'wisekit fedmml simulate --help'");
    }

    /** Options that server, client and simulation must agree on. */
    static final class Shared {
        @Option(names = "--task", defaultValue = "fusion", paramLabel = "T",
                description = "fusion or contrastive (default: ${DEFAULT-VALUE}).")
        String task;

        @Option(names = "--clients", defaultValue = "10", paramLabel = "N", description = "Number of clients (default: ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--partition", defaultValue = "iid", paramLabel = "P",
                description = "iid or dirichlet (alpha 0.5) (default: ${DEFAULT-VALUE}).")
        String partition;

        @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Seed of data pairing, partition, "
                + "initialisation and sampling (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (else WISEKIT_DATA).")
        Path dataDir;

        @Option(names = "--train-pairs", defaultValue = "0", paramLabel = "N",
                description = "Use N training pairs spread over the set (0: all 2,700) (default: ${DEFAULT-VALUE}).")
        int trainPairs;

        @Option(names = "--test-pairs", defaultValue = "0", paramLabel = "N",
                description = "Evaluate on N test pairs spread over the set (0: all 300) (default: ${DEFAULT-VALUE}).")
        int testPairs;

        @Option(names = "--json", description = "Print one JSON object on stdout instead of text.")
        boolean json;

        /** The paired data, thinned to --train-pairs / --test-pairs. */
        AvDigits.Split data() {
            AvDigits.Split d = Simulation.data(dataDir, seed);
            return new AvDigits.Split(trainPairs == 0 ? d.train() : Simulation.thin(d.train(), trainPairs),
                    testPairs == 0 ? d.test() : Simulation.thin(d.test(), testPairs));
        }

        Task task() {
            return Task.parse(task);
        }

        void check() {
            if (clients < 1 || clients > 1000) {
                throw new IllegalArgumentException("--clients must be in [1, 1000], got " + clients);
            }
            if (trainPairs < 0 || (trainPairs > 0 && trainPairs < 2 * clients)) {
                throw new IllegalArgumentException("--train-pairs must be 0 or at least 2 per client (" + 2 * clients
                        + "), got " + trainPairs);
            }
            if (testPairs < 0 || testPairs == 1) {
                throw new IllegalArgumentException("--test-pairs must be 0 or >= 2, got " + testPairs);
            }
            Simulation.Partition.parse(partition);
            task();
        }
    }

    /** Options of the side that runs the rounds. */
    static final class Rounds {
        @Option(names = "--scheme", defaultValue = "lw", paramLabel = "S", description = "e2e, lw or prog (default: ${DEFAULT-VALUE}).")
        String scheme;

        @Option(names = "--stages", defaultValue = "3", description = "Stages; must divide 6 and 3 (default: ${DEFAULT-VALUE}).")
        int stages;

        @Option(names = "--rounds-per-stage", defaultValue = "4", description = "Rounds per stage (default: ${DEFAULT-VALUE}).")
        int roundsPerStage;

        @Option(names = "--per-round", defaultValue = "5", description = "Clients sampled per round (default: ${DEFAULT-VALUE}).")
        int perRound;

        @Option(names = "--min-results", defaultValue = "1", description = "Quorum of valid updates (default: ${DEFAULT-VALUE}).")
        int minResults;

        @Option(names = "--round-timeout", defaultValue = "600", description = "Seconds to wait for updates (default: ${DEFAULT-VALUE}).")
        int roundTimeout;

        @Option(names = "--epochs", defaultValue = "1", description = "Local epochs (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--batch", defaultValue = "32", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--lr", defaultValue = "1e-3", description = "AdamW learning rate (default: ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--fedprox-mu", defaultValue = "0", description = "FedProx mu; 0 = FedAvg (default: ${DEFAULT-VALUE}).")
        double mu;

        FederatedRun.Config config(int clients, long seed) {
            if (roundTimeout < 1) {
                throw new IllegalArgumentException("--round-timeout must be >= 1, got " + roundTimeout);
            }
            return new FederatedRun.Config(Scheme.parse(scheme), stages, roundsPerStage,
                    new MultimodalTrainer.Settings(epochs, batch, lr, 1e-4, 0),
                    new ServerConfig(Math.min(perRound, clients), minResults, Duration.ofSeconds(roundTimeout), seed), seed);
        }

        Strategy strategy() {
            return mu > 0 ? new FedProx(mu) : new FedAvg();
        }
    }

    static void printRound(PrintWriter out, Task task, FederatedRun.Round r) {
        double flops = r.costs().stream().mapToDouble(FederatedRun.ClientCost::flops).average().orElse(Double.NaN);
        double peak = r.costs().stream().mapToDouble(FederatedRun.ClientCost::peakBytes).max().orElse(Double.NaN);
        double bytes = r.costs().stream().mapToDouble(c -> c.bytesDown() + c.bytesUp()).average().orElse(Double.NaN);
        String metric = task == Task.FUSION ? String.format(Locale.ROOT, "accuracy %.1f %%", r.evaluation().accuracy())
                : String.format(Locale.ROOT, "R@1 %.1f %%, R@5 %.1f %%, zero-shot %.1f %%", r.evaluation().recallAt1(),
                r.evaluation().recallAt5(), r.evaluation().zeroShotAccuracy());
        out.printf(Locale.ROOT, "round %d (stage %d): %s | %d accepted, %d dropped, %d rejected | per client: %.3f GFLOP,"
                        + " peak %.1f MB, %.1f kB sent+received%n", r.round() + 1, r.stage(), metric, r.result().accepted().size(),
                r.result().dropped().size(), r.result().rejected().size(), flops / 1e9, peak / 1e6, bytes / 1e3);
        r.result().dropped().forEach((id, why) -> out.println("  dropped " + id + ": " + why));
        r.result().rejected().forEach((id, why) -> out.println("  rejected " + id + ": " + why));
        out.flush();
    }

    /** One round as JSON fields (NaN means not measured: null). */
    static Map<String, Object> roundJson(Task task, FederatedRun.Round r) {
        double flops = r.costs().stream().mapToDouble(FederatedRun.ClientCost::flops).average().orElse(Double.NaN);
        double peak = r.costs().stream().mapToDouble(FederatedRun.ClientCost::peakBytes).max().orElse(Double.NaN);
        double bytes = r.costs().stream().mapToDouble(c -> c.bytesDown() + c.bytesUp()).average().orElse(Double.NaN);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("round", r.round() + 1);
        j.put("stage", r.stage());
        if (task == Task.FUSION) {
            j.put("accuracy", finite(r.evaluation().accuracy()));
        } else {
            j.put("recallAt1", finite(r.evaluation().recallAt1()));
            j.put("recallAt5", finite(r.evaluation().recallAt5()));
            j.put("zeroShotAccuracy", finite(r.evaluation().zeroShotAccuracy()));
        }
        j.put("testLoss", finite(r.evaluation().loss()));
        j.put("accepted", r.result().accepted().stream().map(u -> u.clientId()).toList());
        j.put("dropped", new TreeMap<>(r.result().dropped()));
        j.put("rejected", new TreeMap<>(r.result().rejected()));
        j.put("gflopPerClient", finite(flops / 1e9));
        j.put("peakMegabytes", finite(peak / 1e6));
        j.put("kilobytesPerClient", finite(bytes / 1e3));
        return j;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Runs the rounds, printing each (text) or collecting them (JSON); progress per round. */
    static int runRounds(CommandSpec spec, Progress progress, Shared shared, FederatedRun.Config config, Strategy strategy,
                         List<ClientConnection> clients, MultimodalTrainer evaluator, AvDigits.Split data, String mode) {
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> rounds = new ArrayList<>();
        if (!shared.json) {
            out.println(config.scheme().label() + ", " + shared.task + ", " + shared.clients + " " + mode + " clients");
            out.flush();
        }
        long start = System.nanoTime();
        try (Progress.Task bar = progress.start("fedmml " + config.scheme().label(), (long) config.stages() * config.roundsPerStage())) {
            FederatedRun.run(config, strategy, clients, evaluator, data.test(), r -> {
                bar.step();
                bar.status("round " + (r.round() + 1) + ", stage " + r.stage());
                if (shared.json) {
                    rounds.add(roundJson(shared.task(), r));
                } else {
                    printRound(out, shared.task(), r);
                }
            });
        }
        if (shared.json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("scheme", config.scheme().label());
            j.put("task", shared.task().name().toLowerCase(Locale.ROOT));
            j.put("transport", mode);
            j.put("clients", shared.clients);
            j.put("partition", shared.partition);
            j.put("seed", shared.seed);
            j.put("trainPairs", data.train().size());
            j.put("testPairs", data.test().size());
            j.put("seconds", (System.nanoTime() - start) / 1e9);
            j.put("rounds", rounds);
            out.println(Json.write(j));
            out.flush();
        }
        return 0;
    }

    /** {@code wisekit fedmml simulate}. */
    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "Run server and clients in this process (same wire format and byte counts).")
    public static final class Simulate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @ParentCommand
        FedMmlCommand parent;
        @Mixin
        Shared shared = new Shared();
        @Mixin
        Rounds rounds = new Rounds();

        @Override
        public Integer call() throws Exception {
            return QuietStdout.call(this::run);
        }

        private Integer run() {
            shared.check();
            FederatedRun.Config config = rounds.config(shared.clients, shared.seed);
            AvDigits.Split data = shared.data();
            int[][] shards = Simulation.partition(data.train(), Simulation.Partition.parse(shared.partition), shared.clients,
                    shared.seed);
            MultimodalTrainer trainer = new MultimodalTrainer(ModelConfig.avDigits(), shared.task());
            return runRounds(spec, parent.progress, shared, config, rounds.strategy(),
                    Simulation.inProcessClients(trainer, data.train(), shards), trainer, data, "in-process");
        }
    }

    /** {@code wisekit fedmml server}. */
    @Command(name = "server", mixinStandardHelpOptions = true,
            description = "Serve rounds over gRPC to clients started with 'wisekit fedmml client'.")
    public static final class Server implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @ParentCommand
        FedMmlCommand parent;
        @Mixin
        Shared shared = new Shared();
        @Mixin
        Rounds rounds = new Rounds();
        @Option(names = "--port", required = true, description = "Port to listen on (0: any free port, printed on stderr).")
        int port;
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
        String host;
        @Option(names = "--join-timeout", defaultValue = "600", description = "Seconds to wait for all clients (default: ${DEFAULT-VALUE}).")
        int joinTimeout;

        @Override
        public Integer call() throws Exception {
            return QuietStdout.call(this::run);
        }

        private Integer run() throws Exception {
            shared.check();
            if (joinTimeout < 1) {
                throw new IllegalArgumentException("--join-timeout must be >= 1, got " + joinTimeout);
            }
            FederatedRun.Config config = rounds.config(shared.clients, shared.seed);
            AvDigits.Split data = shared.data();
            MultimodalTrainer evaluator = new MultimodalTrainer(ModelConfig.avDigits(), shared.task());
            try (GrpcFederationServer server = new GrpcFederationServer(host, port)) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("listening on " + host + ":" + server.port() + ", waiting for " + shared.clients + " clients");
                err.flush();
                List<ClientConnection> clients = server.awaitClients(shared.clients, Duration.ofSeconds(joinTimeout));
                runRounds(spec, parent.progress, shared, config, rounds.strategy(), clients, evaluator, data, "gRPC");
                server.finish();
                Thread.sleep(1000);   // let the clients' next poll see DONE
            }
            return 0;
        }
    }

    /** {@code wisekit fedmml client}. */
    @Command(name = "client", mixinStandardHelpOptions = true,
            description = "Join a 'wisekit fedmml server' and train on this client's share of the data.")
    public static final class Client implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Shared shared = new Shared();
        @Option(names = "--server", required = true, paramLabel = "HOST:PORT", description = "The server's address.")
        String server;
        @Option(names = "--index", required = true, paramLabel = "K", description = "This client's shard, 0 .. clients-1.")
        int index;
        @Option(names = "--join-timeout", defaultValue = "600",
                description = "Seconds to wait for the server to come up (default: ${DEFAULT-VALUE}).")
        int joinTimeout;

        @Override
        public Integer call() throws Exception {
            return QuietStdout.call(this::run);
        }

        private Integer run() throws Exception {
            shared.check();
            if (index < 0 || index >= shared.clients) {
                throw new IllegalArgumentException("--index must be in [0, " + shared.clients + "), got " + index);
            }
            if (joinTimeout < 1) {
                throw new IllegalArgumentException("--join-timeout must be >= 1, got " + joinTimeout);
            }
            int colon = server.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--server must be HOST:PORT, got " + server);
            }
            int port;
            try {
                port = Integer.parseInt(server.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--server must be HOST:PORT, got " + server);
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--server port must be in [1, 65535], got " + server);
            }
            AvDigits.Split data = shared.data();
            int[][] shards = Simulation.partition(data.train(), Simulation.Partition.parse(shared.partition), shared.clients,
                    shared.seed);
            String id = Simulation.clientId(index);
            MultimodalClient client = new MultimodalClient(id, new MultimodalTrainer(ModelConfig.avDigits(), shared.task()),
                    data.train().subset(shards[index]));
            int trained;
            try (GrpcFederationClient channel = new GrpcFederationClient(server.substring(0, colon), port, id)) {
                trained = channel.serve(FederatedClient.of(id, client), client.numSamples(), Duration.ofSeconds(joinTimeout));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (shared.json) {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("client", id);
                j.put("examples", client.numSamples());
                j.put("roundsTrained", trained);
                out.println(Json.write(j));
            } else {
                out.println(id + " trained " + trained + " rounds");
            }
            out.flush();
            return 0;
        }
    }
}
