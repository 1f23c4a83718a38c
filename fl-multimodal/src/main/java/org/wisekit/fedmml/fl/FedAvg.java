package org.wisekit.fedmml.fl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * FedAvg (McMahan et al. 2017) as in the paper's {@code weighted_averaging}: each tensor becomes
 * {@code sum_k n_k w_k / sum_k n_k} over the accepted updates, {@code n_k} the client's sample count. The sum
 * runs in double over the updates sorted by client id, so the result does not depend on arrival order.
 */
public class FedAvg implements Strategy {

    @Override
    public NamedTensors aggregate(List<ClientUpdate> updates) {
        if (updates.isEmpty()) {
            throw new IllegalArgumentException("updates must not be empty");
        }
        List<ClientUpdate> sorted = new ArrayList<>(updates);
        sorted.sort(Comparator.comparing(ClientUpdate::clientId));
        double total = 0;
        for (ClientUpdate u : sorted) {
            if (u.numSamples() <= 0) {
                throw new IllegalArgumentException("numSamples must be > 0, got " + u.numSamples() + " from " + u.clientId());
            }
            total += u.numSamples();
        }
        NamedTensors first = sorted.get(0).tensors();
        NamedTensors out = new NamedTensors();
        for (String name : first.names()) {
            int n = first.get(name).length;
            double[] sum = new double[n];
            for (ClientUpdate u : sorted) {
                float[] w = u.tensors().get(name);
                if (w.length != n) {
                    throw new IllegalArgumentException("tensor " + name + " has " + w.length + " values from "
                            + u.clientId() + ", expected " + n);
                }
                double weight = u.numSamples() / total;
                for (int i = 0; i < n; i++) {
                    sum[i] += weight * w[i];
                }
            }
            float[] mean = new float[n];
            for (int i = 0; i < n; i++) {
                mean[i] = (float) sum[i];
            }
            out.put(name, first.shape(name), mean);
        }
        return out;
    }
}
