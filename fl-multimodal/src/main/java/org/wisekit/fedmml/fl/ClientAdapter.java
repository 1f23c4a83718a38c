package org.wisekit.fedmml.fl;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a user's {@link Client} behind the task protocol: keeps the client's copy of the model (every tensor the
 * server has sent; frozen ones arrive once), adds {@link Client#ROUND} and {@link Client#TRAINABLE} to the
 * settings, and checks that {@code fit} returned every trainable tensor with its shape. Not thread-safe.
 */
final class ClientAdapter implements FederatedClient {

    private final String id;
    private final Client client;
    private final NamedTensors local = new NamedTensors();

    ClientAdapter(String id, Client client) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("client id must be non-empty, got " + id);
        }
        if (client == null) {
            throw new IllegalArgumentException("client must not be null");
        }
        this.id = id;
        this.client = client;
    }

    @Override
    public ClientUpdate fit(FitTask task) {
        local.overwrite(task.tensors());
        for (String n : task.trainable()) {
            if (n.contains(",")) {
                throw new IllegalArgumentException("tensor name " + n + " contains a comma; the trainable setting cannot carry it");
            }
            if (!local.contains(n)) {
                throw new IllegalStateException("client " + id + " was asked to train " + n + ", which it was never sent");
            }
        }
        Map<String, String> config = new LinkedHashMap<>(task.config());
        config.put(Client.ROUND, Integer.toString(task.round()));
        config.put(Client.TRAINABLE, String.join(",", task.trainable()));
        FitResult result = client.fit(local.copy(), config);
        Set<String> missing = new LinkedHashSet<>(task.trainable());
        missing.removeAll(result.parameters().names());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("client " + id + ": fit did not return the trainable tensors " + missing);
        }
        List<String> trainable = task.trainable();
        for (String n : trainable) {
            if (!java.util.Arrays.equals(result.parameters().shape(n), local.shape(n))) {
                throw new IllegalStateException("client " + id + ": fit returned " + n + " with shape "
                        + java.util.Arrays.toString(result.parameters().shape(n)) + ", expected "
                        + java.util.Arrays.toString(local.shape(n)));
            }
        }
        NamedTensors trained = result.parameters().subset(trainable);
        local.overwrite(trained);
        return new ClientUpdate(id, task.round(), result.numExamples(), trained, result.metrics());
    }

    @Override
    public ClientEvaluation evaluate(EvaluateTask task) {
        local.overwrite(task.tensors());
        Map<String, String> config = new LinkedHashMap<>(task.config());
        config.put(Client.ROUND, Integer.toString(task.round()));
        EvaluateResult result = client.evaluate(local.copy(), config);
        return new ClientEvaluation(id, task.round(), result.numExamples(), result.loss(), result.metrics());
    }
}
