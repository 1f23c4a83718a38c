package org.wisekit.fedmml.fl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs federated rounds over any transport. It holds the global model and, per client, which version of each
 * tensor that client holds: a round sends a client the trainable tensors plus the frozen tensors it has not
 * seen in their latest version (once, at a stage change), and receives only the trainable tensors back. A client
 * is recorded as holding what it was sent only when it answers (with a valid or a rejected update): one that
 * drops (fails or misses the deadline) may never have received its task, so it is sent those tensors again. Updates
 * with other names, other shapes, non-finite values or no samples are rejected; the round aggregates with the
 * strategy when at least {@link ServerConfig#minResults()} updates arrived valid before the deadline.
 * Not thread-safe: one round at a time.
 */
public final class FederatedServer {

    private final Strategy strategy;
    private final ServerConfig config;
    private final Random sampling;
    private final NamedTensors global;
    private final Map<String, Integer> versions = new HashMap<>();
    private final Map<String, Map<String, Integer>> clientVersions = new HashMap<>();

    /** {@code initial} is copied. */
    public FederatedServer(Strategy strategy, ServerConfig config, NamedTensors initial) {
        this.strategy = strategy;
        this.config = config;
        this.sampling = new Random(config.seed());
        this.global = initial.copy();
        for (String n : global.names()) {
            versions.put(n, 0);
        }
    }

    /** The global model (live; do not modify). */
    public NamedTensors global() {
        return global;
    }

    /** Adds tensors to the global model (new layers of a stage); existing names are rejected. */
    public void addTensors(NamedTensors added) {
        for (String n : added.names()) {
            if (global.contains(n)) {
                throw new IllegalArgumentException("tensor " + n + " is already in the global model");
            }
        }
        global.overwrite(added);
        for (String n : added.names()) {
            versions.put(n, 0);
        }
    }

    /** One round: sample, send, wait until all answer or the deadline passes, validate, aggregate. */
    public RoundResult round(int round, Collection<String> trainable, Map<String, String> settings,
                             List<ClientConnection> clients) {
        Set<String> train = new LinkedHashSet<>(trainable);
        for (String n : train) {
            if (!global.contains(n)) {
                throw new IllegalArgumentException("trainable tensor " + n + " is not in the global model");
            }
        }
        Map<String, ClientConnection> byId = new TreeMap<>();
        clients.forEach(c -> byId.put(c.id(), c));
        List<String> sampled = strategy.sample(new ArrayList<>(byId.keySet()),
                Math.min(config.clientsPerRound(), byId.size()), sampling);
        Map<String, String> taskConfig = new LinkedHashMap<>(settings);
        taskConfig.putAll(strategy.fitConfig(round));

        Map<String, Long> down = new TreeMap<>();
        Map<String, Long> up = new TreeMap<>();
        Map<String, Long> before = new HashMap<>();
        Map<String, CompletableFuture<ClientUpdate>> pending = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> sentVersions = new HashMap<>();
        for (String id : sampled) {
            ClientConnection c = byId.get(id);
            before.put(id, c.bytesReceived());
            long sentBefore = c.bytesSent();
            Map<String, Integer> sent = new HashMap<>();
            sentVersions.put(id, sent);
            pending.put(id, c.fit(new FitTask(round, taskConfig, tensorsFor(id, train, sent), List.copyOf(train))));
            down.put(id, c.bytesSent() - sentBefore);
        }

        long deadline = System.nanoTime() + config.roundTimeout().toNanos();
        List<ClientUpdate> accepted = new ArrayList<>();
        Map<String, String> rejected = new TreeMap<>();
        Map<String, String> dropped = new TreeMap<>();
        for (var e : pending.entrySet()) {
            String id = e.getKey();
            ClientUpdate update;
            try {
                long wait = Math.max(0, deadline - System.nanoTime());
                update = e.getValue().get(wait, TimeUnit.NANOSECONDS);
            } catch (TimeoutException ex) {
                e.getValue().cancel(true);
                dropped.put(id, "no update within " + config.roundTimeout());
                continue;
            } catch (ExecutionException ex) {
                dropped.put(id, "failed: " + ex.getCause());
                continue;
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for client " + id, ex);
            }
            // the client answered, so it received its task: it now holds what was sent
            clientVersions.computeIfAbsent(id, k -> new HashMap<>()).putAll(sentVersions.get(id));
            up.put(id, byId.get(id).bytesReceived() - before.get(id));
            String problem = validate(update, id, round, train);
            if (problem == null) {
                accepted.add(update);
            } else {
                rejected.put(id, problem);
            }
        }
        accepted.sort(java.util.Comparator.comparing(ClientUpdate::clientId));
        boolean aggregate = accepted.size() >= config.minResults();
        if (aggregate) {
            NamedTensors mean = strategy.aggregate(accepted);
            global.overwrite(mean);
            for (String n : mean.names()) {
                versions.merge(n, 1, Integer::sum);
            }
        }
        return new RoundResult(round, sampled, accepted, rejected, dropped, aggregate, down, up);
    }

    /**
     * Federated evaluation of the global model: every client in {@code clients} is sent the tensors whose latest
     * version it does not hold, evaluates the model on its own data, and answers with its loss; the result holds
     * the losses and their mean weighted by the clients' example counts. Clients that fail, do not evaluate, or
     * miss {@link ServerConfig#roundTimeout()} are listed as dropped. The global model does not change.
     */
    public EvaluationRound evaluate(int round, Map<String, String> settings, List<ClientConnection> clients) {
        Map<String, ClientConnection> byId = new TreeMap<>();
        clients.forEach(c -> byId.put(c.id(), c));
        Map<String, CompletableFuture<ClientEvaluation>> pending = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> sentVersions = new HashMap<>();
        for (ClientConnection c : byId.values()) {
            Map<String, Integer> sent = new HashMap<>();
            sentVersions.put(c.id(), sent);
            pending.put(c.id(), c.evaluate(new EvaluateTask(round, settings, tensorsFor(c.id(), Set.of(), sent))));
        }
        long deadline = System.nanoTime() + config.roundTimeout().toNanos();
        List<ClientEvaluation> results = new ArrayList<>();
        Map<String, String> dropped = new TreeMap<>();
        for (var e : pending.entrySet()) {
            String id = e.getKey();
            ClientEvaluation result;
            try {
                result = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException ex) {
                e.getValue().cancel(true);
                dropped.put(id, "no evaluation within " + config.roundTimeout());
                continue;
            } catch (ExecutionException ex) {
                dropped.put(id, "failed: " + ex.getCause());
                continue;
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for client " + id, ex);
            }
            clientVersions.computeIfAbsent(id, k -> new HashMap<>()).putAll(sentVersions.get(id));
            if (!result.clientId().equals(id) || result.round() != round || result.numExamples() <= 0
                    || !Double.isFinite(result.loss())) {
                dropped.put(id, "invalid evaluation: client " + result.clientId() + ", round " + result.round()
                        + ", " + result.numExamples() + " examples, loss " + result.loss());
                continue;
            }
            results.add(result);
        }
        return EvaluationRound.of(round, results, dropped);
    }

    /**
     * Trainable tensors plus every tensor whose latest version this client is not known to hold; the versions
     * sent go into {@code sent}, recorded as held only once the client answers.
     */
    private NamedTensors tensorsFor(String clientId, Set<String> trainable, Map<String, Integer> sent) {
        Map<String, Integer> held = clientVersions.getOrDefault(clientId, Map.of());
        List<String> send = new ArrayList<>();
        for (String n : global.names()) {
            if (trainable.contains(n) || !versions.get(n).equals(held.get(n))) {
                send.add(n);
                sent.put(n, versions.get(n));
            }
        }
        return global.subset(send);
    }

    private String validate(ClientUpdate u, String expectedId, int round, Set<String> trainable) {
        if (!u.clientId().equals(expectedId)) {
            return "update names client " + u.clientId() + ", expected " + expectedId;
        }
        if (u.round() != round) {
            return "update is for round " + u.round() + ", expected " + round;
        }
        if (u.numSamples() <= 0) {
            return "numSamples must be > 0, got " + u.numSamples();
        }
        if (!u.tensors().names().equals(trainable)) {
            Set<String> missing = new LinkedHashSet<>(trainable);
            missing.removeAll(u.tensors().names());
            Set<String> extra = new LinkedHashSet<>(u.tensors().names());
            extra.removeAll(trainable);
            return "tensor names differ from the trainable set: missing " + missing + ", unexpected " + extra;
        }
        for (String n : trainable) {
            if (!java.util.Arrays.equals(u.tensors().shape(n), global.shape(n))) {
                return "tensor " + n + " has shape " + java.util.Arrays.toString(u.tensors().shape(n)) + ", expected "
                        + java.util.Arrays.toString(global.shape(n));
            }
            for (float v : u.tensors().get(n)) {
                if (!Float.isFinite(v)) {
                    return "tensor " + n + " holds a non-finite value";
                }
            }
        }
        return null;
    }
}
