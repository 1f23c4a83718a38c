package org.wisekit.eeg.dl4j;

import java.util.List;

/**
 * Parameter counts and per-inference operation counts of a network, layer by layer, computed from its
 * {@link Architecture} (not by running it). There is one entry per DL4J layer, in the network's order, so entry
 * {@code i} describes {@code network.getLayer(i)}.
 *
 * <p>Conventions, for one input (batch 1) at inference:
 * <ul>
 *   <li>{@code parameters}: what DL4J stores ({@code numParams()}); batch normalisation has four per map (gain,
 *   shift, running mean and running log-std), of which two are {@code trainableParameters}.</li>
 *   <li>{@code multiplyAdds} (the FLOP figure of the module: one multiply-add counts once), with
 *   {@code Ho x Wo} the output size: convolution {@code Ho Wo Cout Cin kh kw}; depthwise
 *   {@code Ho Wo Cin D kh kw}; separable {@code Ho Wo Cin D kh kw + Ho Wo Cin D Cout} (depthwise then pointwise);
 *   dense {@code in x out}.</li>
 *   <li>{@code elementOps}: bias additions (one per output element); batch normalisation 2 per element (scale and
 *   shift folded); activations 1 per element (ReLU, ELU); pooling {@code kh kw} per output element; global average
 *   pooling 1 per input element; softmax 3 per class; dropout 0 (identity at inference).</li>
 * </ul>
 * Immutable.
 *
 * @param layers one entry per DL4J layer
 */
public record ModelStats(List<Layer> layers) {

    /** What a layer computes. */
    public enum Kind {
        /** Dense 2-D convolution. */
        CONVOLUTION,
        /** Depthwise 2-D convolution. */
        DEPTHWISE,
        /** Depthwise-separable 2-D convolution (depthwise, then pointwise). */
        SEPARABLE,
        /** Batch normalisation. */
        BATCH_NORM,
        /** Element-wise activation. */
        ACTIVATION,
        /** Max pooling. */
        MAX_POOL,
        /** Average pooling. */
        AVG_POOL,
        /** Global average pooling. */
        GLOBAL_AVG_POOL,
        /** Dropout (training only). */
        DROPOUT,
        /** Dense layer with softmax (the output layer). */
        DENSE
    }

    /**
     * One layer's figures.
     *
     * @param name                the layer's name in the DL4J configuration
     * @param kind                what it computes
     * @param outputShape         its output for one input: {@code [channels, height, width]}, or {@code [features]}
     * @param parameters          stored parameters (DL4J's {@code numParams()})
     * @param trainableParameters parameters changed by the optimizer
     * @param multiplyAdds        multiply-adds per input
     * @param elementOps          other arithmetic per input (see the class comment)
     */
    public record Layer(String name, Kind kind, List<Integer> outputShape, long parameters, long trainableParameters,
                        long multiplyAdds, long elementOps) {

        /** Validates and copies. */
        public Layer {
            if (name == null || kind == null || outputShape == null) {
                throw new IllegalArgumentException("name, kind and outputShape must not be null");
            }
            outputShape = List.copyOf(outputShape);
            if (parameters < 0 || trainableParameters < 0 || trainableParameters > parameters || multiplyAdds < 0
                    || elementOps < 0) {
                throw new IllegalArgumentException("layer " + name + ": counts must be non-negative with trainable "
                        + "<= parameters, got " + parameters + ", " + trainableParameters + ", " + multiplyAdds
                        + ", " + elementOps);
            }
        }
    }

    /** Validates and copies. */
    public ModelStats {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("layers must not be null or empty");
        }
        layers = List.copyOf(layers);
    }

    /** Parameters of the whole network (DL4J's {@code numParams()}). */
    public long parameters() {
        return layers.stream().mapToLong(Layer::parameters).sum();
    }

    /** Parameters the optimizer changes (without batch normalisation's running statistics). */
    public long trainableParameters() {
        return layers.stream().mapToLong(Layer::trainableParameters).sum();
    }

    /** Multiply-adds per input. */
    public long multiplyAdds() {
        return layers.stream().mapToLong(Layer::multiplyAdds).sum();
    }

    /** Other arithmetic per input (see the class comment). */
    public long elementOps() {
        return layers.stream().mapToLong(Layer::elementOps).sum();
    }

    /** A Markdown table: one row per layer, then the totals. */
    public String toMarkdown() {
        StringBuilder s = new StringBuilder("| layer | kind | output | params | trainable | multiply-adds | element ops |\n"
                + "|---|---|---|---:|---:|---:|---:|\n");
        for (Layer l : layers) {
            s.append("| ").append(l.name()).append(" | ").append(l.kind()).append(" | ")
                    .append(String.join("x", l.outputShape().stream().map(String::valueOf).toList())).append(" | ")
                    .append(l.parameters()).append(" | ").append(l.trainableParameters()).append(" | ")
                    .append(l.multiplyAdds()).append(" | ").append(l.elementOps()).append(" |\n");
        }
        s.append("| total | | | ").append(parameters()).append(" | ").append(trainableParameters()).append(" | ")
                .append(multiplyAdds()).append(" | ").append(elementOps()).append(" |\n");
        return s.toString();
    }
}
