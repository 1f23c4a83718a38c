package org.wisekit.fedmml.fl;

import java.util.Map;

/** What {@link Client#evaluate} returns: the loss, the number of examples behind it, and metrics. */
public record EvaluateResult(double loss, long numExamples, Map<String, Double> metrics) {

    public EvaluateResult {
        if (numExamples <= 0) {
            throw new IllegalArgumentException("numExamples must be > 0, got " + numExamples);
        }
        metrics = Map.copyOf(metrics);
    }
}
