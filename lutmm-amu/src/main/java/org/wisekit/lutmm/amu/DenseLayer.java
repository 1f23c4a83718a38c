package org.wisekit.lutmm.amu;

import java.util.Arrays;
import org.wisekit.tensor.Tensor;

/**
 * One trained fully connected layer {@code y = x · W + b}, optionally followed by ReLU.
 *
 * @param weights [in, out]
 * @param bias    out values
 * @param relu    whether ReLU follows
 */
public record DenseLayer(Tensor weights, float[] bias, boolean relu) {

    public DenseLayer {
        if (weights == null || weights.rank() != 2 || bias == null || bias.length != weights.dim(1)) {
            throw new IllegalArgumentException("weights must be [in, out] and bias must have out values, got "
                    + (weights == null ? "null" : Arrays.toString(weights.shape())) + " and "
                    + (bias == null ? "null" : bias.length + " values"));
        }
    }

    public int inputs() {
        return weights.dim(0);
    }

    public int outputs() {
        return weights.dim(1);
    }
}
