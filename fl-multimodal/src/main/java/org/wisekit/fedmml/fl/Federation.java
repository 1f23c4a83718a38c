package org.wisekit.fedmml.fl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A whole federated run of any model over any transport: a {@link FederatedServer} driven through the stages of a
 * {@link Schedule}, optionally with a federated evaluation of the global model before training and after every
 * round. The clients are {@link ClientConnection}s: in-process ({@code new InProcessConnection(id, client)}) for a
 * simulation, or those of a {@code GrpcFederationServer} for clients in other processes; either way each one runs
 * a user's {@link Client}.
 *
 * <pre>{@code
 * Federation.Result result = new Federation(initial, new FedAvg(), new ServerConfig(3, 3, Duration.ofMinutes(1), 42))
 *         .schedule(Schedule.endToEnd(5)).evaluate(true)
 *         .onRound(r -> System.out.println(r.round() + " " + r.evaluation().loss()))
 *         .run(clients);
 * }</pre>
 *
 * Rounds are numbered from 1; the evaluation of the initial model is round 0. Not thread-safe.
 */
public final class Federation {

    /**
     * One round's outcome.
     *
     * @param round      1-based round number
     * @param stage      1-based stage of the schedule
     * @param fit        the training round (accepted updates, rejected and dropped clients, bytes)
     * @param evaluation the federated evaluation after the round, or null when evaluation is off
     * @param global     a copy of the global model after the round
     */
    public record Round(int round, int stage, RoundResult fit, EvaluationRound evaluation, NamedTensors global) {
    }

    /** All rounds, the evaluation of the initial model (null when evaluation is off) and the final model. */
    public record Result(EvaluationRound initial, List<Round> rounds, NamedTensors global) {

        public Round last() {
            return rounds.get(rounds.size() - 1);
        }
    }

    private final NamedTensors initial;
    private final Strategy strategy;
    private final ServerConfig server;
    private Schedule schedule = Schedule.endToEnd(1);
    private Map<String, String> settings = Map.of();
    private boolean evaluate;
    private Consumer<Round> onRound = r -> {
    };

    /**
     * @param initial  initial values of every tensor of the model (copied; under LW and Prog the groups of later
     *                 stages join the global model when their stage starts)
     * @param strategy aggregation ({@link FedAvg}, {@link FedProx}, ...)
     * @param server   sampling, quorum and deadline per round
     */
    public Federation(NamedTensors initial, Strategy strategy, ServerConfig server) {
        if (initial == null || initial.size() == 0) {
            throw new IllegalArgumentException("initial model must hold at least one tensor");
        }
        this.initial = initial.copy();
        this.strategy = strategy;
        this.server = server;
    }

    /** The stages and rounds (default: one end-to-end round). */
    public Federation schedule(Schedule schedule) {
        schedule.check(initial);
        this.schedule = schedule;
        return this;
    }

    /** String settings sent to every client with every task (learning rate, epochs, ...). */
    public Federation settings(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
        return this;
    }

    /** Whether to evaluate the global model on the clients before training and after every round (default off). */
    public Federation evaluate(boolean evaluate) {
        this.evaluate = evaluate;
        return this;
    }

    /** Called after every round (e.g. to print progress). */
    public Federation onRound(Consumer<Round> onRound) {
        this.onRound = onRound;
        return this;
    }

    /** Runs every stage and round of the schedule over {@code clients}. */
    public Result run(List<ClientConnection> clients) {
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("clients must not be empty");
        }
        FederatedServer fl = new FederatedServer(strategy, server, new NamedTensors());
        List<Round> rounds = new ArrayList<>();
        EvaluationRound first = null;
        int round = 1;
        for (int stage = 1; stage <= schedule.stages(); stage++) {
            List<String> added = new ArrayList<>(schedule.present(initial, stage));
            added.removeIf(fl.global()::contains);
            fl.addTensors(initial.subset(added));
            Map<String, String> config = new LinkedHashMap<>(settings);
            config.put(Client.STAGE, Integer.toString(stage));
            config.put(Client.STAGES, Integer.toString(schedule.stages()));
            if (evaluate && stage == 1) {
                first = fl.evaluate(0, config, clients);
            }
            List<String> trainable = schedule.trainable(initial, stage);
            for (int r = 0; r < schedule.roundsPerStage(); r++, round++) {
                RoundResult fit = fl.round(round, new LinkedHashSet<>(trainable), config, clients);
                EvaluationRound eval = evaluate ? fl.evaluate(round, config, clients) : null;
                Round done = new Round(round, stage, fit, eval, fl.global().copy());
                rounds.add(done);
                onRound.accept(done);
            }
        }
        return new Result(first, rounds, fl.global().copy());
    }
}
