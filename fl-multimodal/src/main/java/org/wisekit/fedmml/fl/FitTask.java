package org.wisekit.fedmml.fl;

import java.util.List;
import java.util.Map;

/**
 * What the server sends a client for one round: the tensors it must overwrite in its local model (the
 * trainable ones, plus any frozen tensor whose copy on that client is stale), the names it must train and send
 * back, and string settings (stage, learning rate, FedProx mu, ...).
 */
public record FitTask(int round, Map<String, String> config, NamedTensors tensors, List<String> trainable) {

    public FitTask {
        if (round < 0) {
            throw new IllegalArgumentException("round must be >= 0, got " + round);
        }
        config = Map.copyOf(config);
        trainable = List.copyOf(trainable);
    }
}
