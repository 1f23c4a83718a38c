package org.wisekit.fedmml.fl;

import java.util.Map;

/**
 * FedProx (Li et al. 2020): FedAvg aggregation; clients add the proximal term {@code mu/2 ||w - w_global||^2}
 * to their loss. The server passes {@code mu} to the clients as the setting {@value #MU}.
 */
public final class FedProx extends FedAvg {

    /** The setting that carries mu. */
    public static final String MU = "proximal-mu";

    private final double mu;

    public FedProx(double mu) {
        if (!(mu >= 0)) {
            throw new IllegalArgumentException("mu must be >= 0, got " + mu);
        }
        this.mu = mu;
    }

    @Override
    public Map<String, String> fitConfig(int round) {
        return Map.of(MU, Double.toString(mu));
    }
}
