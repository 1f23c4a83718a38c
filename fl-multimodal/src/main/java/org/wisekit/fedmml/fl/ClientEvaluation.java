package org.wisekit.fedmml.fl;

import java.util.Map;

/** A client's answer to an {@link EvaluateTask}: its loss on its data, weighted by {@code numExamples}. */
public record ClientEvaluation(String clientId, int round, long numExamples, double loss, Map<String, Double> metrics) {

    public ClientEvaluation {
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("clientId must be non-empty");
        }
        metrics = Map.copyOf(metrics);
    }
}
