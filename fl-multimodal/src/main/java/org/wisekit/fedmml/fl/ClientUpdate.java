package org.wisekit.fedmml.fl;

import java.util.Map;

/** A client's answer to a {@link FitTask}: its trained tensors, weighted by {@code numSamples} in FedAvg. */
public record ClientUpdate(String clientId, int round, long numSamples, NamedTensors tensors, Map<String, Double> metrics) {

    public ClientUpdate {
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("clientId must be non-empty");
        }
        metrics = Map.copyOf(metrics);
    }
}
