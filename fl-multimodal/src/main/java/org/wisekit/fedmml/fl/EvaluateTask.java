package org.wisekit.fedmml.fl;

import java.util.Map;

/**
 * What the server sends a client to evaluate the global model: the tensors whose latest version the client does
 * not hold yet, and string settings.
 */
public record EvaluateTask(int round, Map<String, String> config, NamedTensors tensors) {

    public EvaluateTask {
        if (round < 0) {
            throw new IllegalArgumentException("round must be >= 0, got " + round);
        }
        config = Map.copyOf(config);
    }
}
