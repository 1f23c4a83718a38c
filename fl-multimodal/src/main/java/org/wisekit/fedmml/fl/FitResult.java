package org.wisekit.fedmml.fl;

import java.util.Map;

/**
 * What {@link Client#fit} returns: the trained tensors, the number of examples they were trained on (the
 * client's FedAvg weight) and free-form metrics.
 */
public record FitResult(NamedTensors parameters, long numExamples, Map<String, Double> metrics) {

    public FitResult {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        if (numExamples <= 0) {
            throw new IllegalArgumentException("numExamples must be > 0, got " + numExamples);
        }
        metrics = Map.copyOf(metrics);
    }
}
