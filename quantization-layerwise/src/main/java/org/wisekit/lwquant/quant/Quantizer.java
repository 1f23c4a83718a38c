package org.wisekit.lwquant.quant;

/**
 * Quantizes one linear layer's weight matrix to a given bit width. The layer-wise method is agnostic to
 * the quantizer: it only decides {@code bits} per transformer block.
 */
public interface Quantizer {

    /**
     * @param weights row-major rows x cols (rows = output features, cols = input features); not modified
     * @param bits    code width, one of {@link #supportsBits}
     * @param hessian the cols x cols proxy Hessian {@code 2 X X^T / n} of the layer's calibration inputs,
     *                or {@code null}; only quantizers that {@link #usesHessian()} read it
     */
    QuantizedMatrix quantize(float[] weights, int rows, int cols, int bits, double[] hessian);

    /** Whether {@link #quantize} needs calibration statistics. */
    default boolean usesHessian() {
        return false;
    }

    /** Whether {@code bits} is a width this quantizer can produce. */
    boolean supportsBits(int bits);

    /** A short label for reports ("rtn-sym-g32", "gptq-g32", "q4_0"). */
    String name();

    /** Throws when {@code bits} is not supported, naming the quantizer. */
    default void checkBits(int bits) {
        if (!supportsBits(bits)) {
            throw new IllegalArgumentException("bits " + bits + " not supported by " + name());
        }
    }

    /** Throws when the arrays do not match the shape. */
    static void checkShape(float[] weights, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("shape must be positive, got " + rows + " x " + cols);
        }
        if (weights == null || weights.length != rows * cols) {
            throw new IllegalArgumentException("weights: expected " + rows * cols + " values for " + rows + " x " + cols
                    + ", got " + (weights == null ? "null" : weights.length));
        }
    }
}
