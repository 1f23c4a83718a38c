package org.wisekit.fedmml.fl;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one round.
 *
 * @param round      round number
 * @param sampled    clients asked to train
 * @param accepted   updates that passed validation, sorted by client id
 * @param rejected   client id -> why its update was rejected
 * @param dropped    client id -> why it dropped out (it failed, or missed the deadline)
 * @param aggregated whether the quorum was met and the global model updated
 * @param bytesDown  client id -> bytes sent to it this round
 * @param bytesUp    client id -> bytes received from it this round
 */
public record RoundResult(int round, List<String> sampled, List<ClientUpdate> accepted, Map<String, String> rejected,
                          Map<String, String> dropped, boolean aggregated, Map<String, Long> bytesDown, Map<String, Long> bytesUp) {

    public RoundResult {
        sampled = List.copyOf(sampled);
        accepted = List.copyOf(accepted);
        rejected = Map.copyOf(rejected);
        dropped = Map.copyOf(dropped);
        bytesDown = Map.copyOf(bytesDown);
        bytesUp = Map.copyOf(bytesUp);
    }
}
