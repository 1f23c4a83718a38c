package org.wisekit.ubp.dl4j;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A DL4J network and the layers that are pruned in it (the pointwise / fully connected ones; the first
 * convolution, the depthwise convolutions and the classifier stay dense, as in the authors' code).
 */
public record PrunableNetwork(MultiLayerNetwork network, List<PrunableLayer> layers) {

    public PrunableNetwork {
        if (network == null || layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a network and at least one prunable layer are required");
        }
        layers = List.copyOf(layers);
    }

    /** A deep copy: parameters and optimizer state. */
    public PrunableNetwork copy() {
        return new PrunableNetwork(network.clone(), layers);
    }
}
