package org.wisekit.fedmml.fl;

import java.time.Duration;

/**
 * Round policy of a {@link FederatedServer}.
 *
 * @param clientsPerRound clients sampled per round (all when at least the number connected)
 * @param minResults      quorum: the round aggregates only with at least this many accepted updates
 * @param roundTimeout    updates arriving later are discarded (the client counts as dropped)
 * @param seed            seed of client sampling
 */
public record ServerConfig(int clientsPerRound, int minResults, Duration roundTimeout, long seed) {

    public ServerConfig {
        if (clientsPerRound < 1) {
            throw new IllegalArgumentException("clientsPerRound must be >= 1, got " + clientsPerRound);
        }
        if (minResults < 1 || minResults > clientsPerRound) {
            throw new IllegalArgumentException("minResults must be in [1, clientsPerRound=" + clientsPerRound + "], got "
                    + minResults);
        }
        if (roundTimeout == null || roundTimeout.isNegative() || roundTimeout.isZero()) {
            throw new IllegalArgumentException("roundTimeout must be positive, got " + roundTimeout);
        }
    }
}
