package org.wisekit.eeg.dl4j;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A classifier network of this module: {@link LightCnn} (on EEG-encoded images) or {@link EegNetLike} (on raw
 * trials). An architecture is an immutable value; {@link #network} builds a fresh DL4J network from it and
 * {@link #stats} counts its parameters and operations from the same description.
 */
public sealed interface Architecture permits LightCnn, EegNetLike {

    /** The shape of one input, {@code [channels, height, width]} (a new array). */
    int[] inputShape();

    /** The number of classes of the softmax output. */
    int classes();

    /** Parameters and per-inference operations, layer by layer. */
    ModelStats stats();

    /**
     * The DL4J configuration: float32 parameters initialised by DL4J from {@code seed}, Adam with
     * {@code learningRate}, softmax cross-entropy loss.
     *
     * @param seed         the seed of the initial weights (and of DL4J's random numbers, e.g. dropout masks)
     * @param learningRate Adam's step size, finite and positive
     * @return a new configuration
     */
    MultiLayerConfiguration configuration(long seed, double learningRate);

    /**
     * A new, initialised network of {@link #configuration}.
     *
     * @param seed         the seed of the initial weights
     * @param learningRate Adam's step size, finite and positive
     * @return a new network, ready to train
     */
    default MultiLayerNetwork network(long seed, double learningRate) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(seed, learningRate));
        net.init();
        return net;
    }
}
