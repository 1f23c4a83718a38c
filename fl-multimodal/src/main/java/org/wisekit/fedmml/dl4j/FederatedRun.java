package org.wisekit.fedmml.dl4j;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.wisekit.fedmml.data.AvSamples;
import org.wisekit.fedmml.dl4j.model.ModelLayout;
import org.wisekit.fedmml.fl.ClientConnection;
import org.wisekit.fedmml.fl.ClientUpdate;
import org.wisekit.fedmml.fl.FederatedServer;
import org.wisekit.fedmml.fl.NamedTensors;
import org.wisekit.fedmml.fl.RoundResult;
import org.wisekit.fedmml.fl.ServerConfig;
import org.wisekit.fedmml.fl.Strategy;
import org.wisekit.fedmml.fl.TensorSpec;

/**
 * Server side of one training run of a scheme, over whatever connections it is given (in-process or gRPC):
 * stages of rounds; at each stage the new layers are added to the global model (seeded initial values), the
 * stage's trainable set is chosen, rounds run, and the global model is evaluated after every round.
 */
public final class FederatedRun {

    /** Schedule and settings of a run. */
    public record Config(Scheme scheme, int stages, int roundsPerStage, MultimodalTrainer.Settings settings,
                         ServerConfig server, long seed) {

        public Config {
            if (stages < 1 || roundsPerStage < 1) {
                throw new IllegalArgumentException("stages and roundsPerStage must be >= 1, got " + stages + ", "
                        + roundsPerStage);
            }
        }
    }

    /** One round's outcome: the global model after it (a copy), its test metrics, the costs its clients reported. */
    public record Round(int round, int stage, NamedTensors global, MultimodalTrainer.Evaluation evaluation,
                        RoundResult result, List<ClientCost> costs) {
    }

    /** One client's measured costs in one round. */
    public record ClientCost(String client, double flops, double peakBytes, long bytesDown, long bytesUp) {
    }

    public record Result(List<Round> rounds, NamedTensors global) {

        public Round last() {
            return rounds.get(rounds.size() - 1);
        }
    }

    private FederatedRun() {
    }

    /** Runs all stages; {@code trainer} evaluates the global model on {@code test}; {@code onRound} sees each round. */
    public static Result run(Config c, Strategy strategy, List<ClientConnection> clients, MultimodalTrainer trainer,
                             AvSamples test, Consumer<Round> onRound) {
        ModelLayout layout = trainer.layout();
        FederatedServer server = new FederatedServer(strategy, c.server(), new NamedTensors());
        List<Round> rounds = new ArrayList<>();
        int round = 0;
        for (int stage = 1; stage <= c.stages(); stage++) {
            StagePlan plan = StagePlan.of(c.scheme(), stage, c.stages(), layout.config());
            List<TensorSpec> added = new ArrayList<>();
            for (TensorSpec s : plan.allTensors(layout, trainer.task())) {
                if (!server.global().contains(s.name())) {
                    added.add(s);
                }
            }
            server.addTensors(ModelLayout.initialise(added, c.seed()));
            List<String> trainable = plan.trainable(layout, trainer.task()).stream().map(TensorSpec::name).toList();
            Map<String, String> settings = FitSettings.of(plan, c.stages(), c.settings(), c.seed());
            for (int r = 0; r < c.roundsPerStage(); r++, round++) {
                RoundResult result = server.round(round, new LinkedHashSet<>(trainable), settings, clients);
                List<ClientCost> costs = new ArrayList<>();
                for (ClientUpdate u : result.accepted()) {
                    costs.add(new ClientCost(u.clientId(), u.metrics().getOrDefault("flops", 0.0),
                            u.metrics().getOrDefault("peak-bytes", 0.0), result.bytesDown().get(u.clientId()),
                            result.bytesUp().get(u.clientId())));
                }
                Round done = new Round(round, stage, server.global().copy(), trainer.evaluate(server.global(), plan, test), result, costs);
                rounds.add(done);
                onRound.accept(done);
            }
        }
        return new Result(rounds, server.global().copy());
    }
}
