package org.wisekit.fedmml.fl;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one federated evaluation.
 *
 * @param round   round number
 * @param results the clients' answers, sorted by client id
 * @param dropped client id -> why it gave no answer (failed, does not evaluate, missed the deadline)
 * @param loss    {@code sum_k n_k loss_k / sum_k n_k} over the answers (NaN when there are none)
 * @param metrics each metric every answer reported, averaged with the same weights
 */
public record EvaluationRound(int round, List<ClientEvaluation> results, Map<String, String> dropped, double loss,
                              Map<String, Double> metrics) {

    public EvaluationRound {
        results = List.copyOf(results);
        dropped = Map.copyOf(dropped);
        metrics = Map.copyOf(metrics);
    }

    /** Weighted means of the loss and of every metric all results carry. */
    static EvaluationRound of(int round, List<ClientEvaluation> results, Map<String, String> dropped) {
        double total = 0;
        double loss = 0;
        for (ClientEvaluation e : results) {
            total += e.numExamples();
        }
        java.util.Map<String, Double> metrics = new java.util.TreeMap<>();
        if (!results.isEmpty()) {
            java.util.Set<String> common = new java.util.TreeSet<>(results.get(0).metrics().keySet());
            results.forEach(e -> common.retainAll(e.metrics().keySet()));
            for (String m : common) {
                metrics.put(m, 0.0);
            }
            for (ClientEvaluation e : results) {
                double w = e.numExamples() / total;
                loss += w * e.loss();
                for (String m : common) {
                    metrics.merge(m, w * e.metrics().get(m), Double::sum);
                }
            }
        }
        return new EvaluationRound(round, results, dropped, results.isEmpty() ? Double.NaN : loss, metrics);
    }
}
