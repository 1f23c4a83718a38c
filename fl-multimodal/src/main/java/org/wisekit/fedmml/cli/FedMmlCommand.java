package org.wisekit.fedmml.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.wisekit.fedmml.fl.ServerConfig;
import org.wisekit.fedmml.fl.Strategy;
import org.wisekit.fedmml.grpc.GrpcFederationClient;
import org.wisekit.fedmml.grpc.GrpcFederationServer;
import org.wisekit.fedmml.repro.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit fedmml}: federated multimodal training on audio-visual digits. {@code simulate} runs server
 * and clients in one process; {@code server} and {@code client} run them as separate processes over gRPC.
 * Bad input throws {@link IllegalArgumentException} with a one-line message.
 */
@Command(name = "fedmml", subcommands = {FedMmlCommand.Simulate.class, FedMmlCommand.Server.class,
        FedMmlCommand.Client.class},
        description = {"Layer-wise / progressive federated multimodal learning (Tun et al., arXiv 2407.15426).",
                "Run 'wisekit fedmml simulate|server|client --help' for the options."})
public final class FedMmlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
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

        Task task() {
            return Task.parse(task);
        }

        void check() {
            if (clients < 1 || clients > 1000) {
                throw new IllegalArgumentException("--clients must be in [1, 1000], got " + clients);
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

    /** {@code wisekit fedmml simulate}. */
    @Command(name = "simulate", description = "Run server and clients in this process (same wire format and byte counts).")
    public static final class Simulate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Shared shared = new Shared();
        @Mixin
        Rounds rounds = new Rounds();
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Override
        public Integer call() {
            shared.check();
            FederatedRun.Config config = rounds.config(shared.clients, shared.seed);
            PrintWriter out = spec.commandLine().getOut();
            AvDigits.Split data = Simulation.data(shared.dataDir, shared.seed);
            int[][] shards = Simulation.partition(data.train(), Simulation.Partition.parse(shared.partition), shared.clients,
                    shared.seed);
            MultimodalTrainer trainer = new MultimodalTrainer(ModelConfig.avDigits(), shared.task());
            out.println(config.scheme().label() + ", " + shared.task + ", " + shared.clients + " in-process clients");
            FederatedRun.run(config, rounds.strategy(), Simulation.inProcessClients(trainer, data.train(), shards), trainer,
                    data.test(), r -> printRound(out, shared.task(), r));
            return 0;
        }
    }

    /** {@code wisekit fedmml server}. */
    @Command(name = "server", description = "Serve rounds over gRPC to clients started with 'wisekit fedmml client'.")
    public static final class Server implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Shared shared = new Shared();
        @Mixin
        Rounds rounds = new Rounds();
        @Option(names = "--port", required = true, description = "Port to listen on (0: any free port, printed).")
        int port;
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
        String host;
        @Option(names = "--join-timeout", defaultValue = "600", description = "Seconds to wait for all clients (default: ${DEFAULT-VALUE}).")
        int joinTimeout;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Override
        public Integer call() throws Exception {
            shared.check();
            FederatedRun.Config config = rounds.config(shared.clients, shared.seed);
            PrintWriter out = spec.commandLine().getOut();
            AvDigits.Split data = Simulation.data(shared.dataDir, shared.seed);
            MultimodalTrainer evaluator = new MultimodalTrainer(ModelConfig.avDigits(), shared.task());
            try (GrpcFederationServer server = new GrpcFederationServer(host, port)) {
                out.println("listening on " + host + ":" + server.port() + ", waiting for " + shared.clients + " clients");
                out.flush();
                List<ClientConnection> clients = server.awaitClients(shared.clients, Duration.ofSeconds(joinTimeout));
                FederatedRun.run(config, rounds.strategy(), clients, evaluator, data.test(),
                        r -> printRound(out, shared.task(), r));
                server.finish();
                Thread.sleep(1000);   // let the clients' next poll see DONE
            }
            return 0;
        }
    }

    /** {@code wisekit fedmml client}. */
    @Command(name = "client", description = "Join a 'wisekit fedmml server' and train on this client's share of the data.")
    public static final class Client implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Shared shared = new Shared();
        @Option(names = "--server", required = true, paramLabel = "HOST:PORT", description = "The server's address.")
        String server;
        @Option(names = "--index", required = true, paramLabel = "K", description = "This client's shard, 0 .. clients-1.")
        int index;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Override
        public Integer call() throws Exception {
            shared.check();
            if (index < 0 || index >= shared.clients) {
                throw new IllegalArgumentException("--index must be in [0, " + shared.clients + "), got " + index);
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
            AvDigits.Split data = Simulation.data(shared.dataDir, shared.seed);
            int[][] shards = Simulation.partition(data.train(), Simulation.Partition.parse(shared.partition), shared.clients,
                    shared.seed);
            String id = Simulation.clientId(index);
            MultimodalClient client = new MultimodalClient(id, new MultimodalTrainer(ModelConfig.avDigits(), shared.task()),
                    data.train().subset(shards[index]));
            try (GrpcFederationClient channel = new GrpcFederationClient(server.substring(0, colon), port, id)) {
                int trained = channel.serve(client, client.numSamples());
                spec.commandLine().getOut().println(id + " trained " + trained + " rounds");
            }
            return 0;
        }
    }
}
