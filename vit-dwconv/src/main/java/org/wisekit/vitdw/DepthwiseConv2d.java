package org.wisekit.vitdw;

import java.util.Arrays;

/**
 * Depth-wise 2-D convolution in plain Java on NHWC arrays (channels innermost), stride 1, zero padding
 * {@code k / 2} so that the output has the input's height and width: the DW module's convolution
 * ({@code groups = channels}). The weights are laid out {@code [k, k, channels]}, tap-major, which is
 * ND4J's {@code [kH, kW, C, 1]} depth-wise layout; so the same arrays feed both implementations.
 *
 * <p>Every loop nest ends in a loop over the contiguous channels, which the JIT vectorises; nothing is
 * allocated inside. Instances are immutable descriptions of a shape; the arrays are passed per call.
 *
 * @param batch    images per call
 * @param height   grid height
 * @param width    grid width
 * @param channels channels (the ViT width)
 * @param kernel   odd kernel size
 */
public record DepthwiseConv2d(int batch, int height, int width, int channels, int kernel) {

    public DepthwiseConv2d {
        positive(batch, "batch");
        positive(height, "height");
        positive(width, "width");
        positive(channels, "channels");
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel must be odd and >= 1, got " + kernel);
        }
    }

    /** Number of activation values, {@code batch * height * width * channels}. */
    public int activationSize() {
        return batch * height * width * channels;
    }

    /** Number of weights, {@code kernel * kernel * channels}. */
    public int weightSize() {
        return kernel * kernel * channels;
    }

    /** {@code out = conv(in, weights) + bias}; {@code out} is overwritten. */
    public void forward(float[] in, float[] weights, float[] bias, float[] out) {
        check(in, activationSize(), "in");
        check(weights, weightSize(), "weights");
        check(bias, channels, "bias");
        check(out, activationSize(), "out");
        int pad = kernel / 2;
        int c = channels;
        for (int b = 0; b < batch; b++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int o = ((b * height + y) * width + x) * c;
                    System.arraycopy(bias, 0, out, o, c);
                    for (int dy = 0; dy < kernel; dy++) {
                        int iy = y + dy - pad;
                        if (iy < 0 || iy >= height) {
                            continue;
                        }
                        for (int dx = 0; dx < kernel; dx++) {
                            int ix = x + dx - pad;
                            if (ix < 0 || ix >= width) {
                                continue;
                            }
                            int i = ((b * height + iy) * width + ix) * c;
                            int w = (dy * kernel + dx) * c;
                            for (int ch = 0; ch < c; ch++) {
                                out[o + ch] += in[i + ch] * weights[w + ch];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Gradients of a scalar loss given {@code gradOut} = dL/dout: {@code gradIn}, {@code gradWeights} and
     * {@code gradBias} are overwritten.
     */
    public void backward(float[] in, float[] weights, float[] gradOut, float[] gradIn, float[] gradWeights,
                         float[] gradBias) {
        check(in, activationSize(), "in");
        check(weights, weightSize(), "weights");
        check(gradOut, activationSize(), "gradOut");
        check(gradIn, activationSize(), "gradIn");
        check(gradWeights, weightSize(), "gradWeights");
        check(gradBias, channels, "gradBias");
        Arrays.fill(gradIn, 0f);
        Arrays.fill(gradWeights, 0f);
        Arrays.fill(gradBias, 0f);
        int pad = kernel / 2;
        int c = channels;
        for (int b = 0; b < batch; b++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int o = ((b * height + y) * width + x) * c;
                    for (int ch = 0; ch < c; ch++) {
                        gradBias[ch] += gradOut[o + ch];
                    }
                    for (int dy = 0; dy < kernel; dy++) {
                        int iy = y + dy - pad;
                        if (iy < 0 || iy >= height) {
                            continue;
                        }
                        for (int dx = 0; dx < kernel; dx++) {
                            int ix = x + dx - pad;
                            if (ix < 0 || ix >= width) {
                                continue;
                            }
                            int i = ((b * height + iy) * width + ix) * c;
                            int w = (dy * kernel + dx) * c;
                            for (int ch = 0; ch < c; ch++) {
                                float g = gradOut[o + ch];
                                gradIn[i + ch] += g * weights[w + ch];
                                gradWeights[w + ch] += g * in[i + ch];
                            }
                        }
                    }
                }
            }
        }
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    private static void check(float[] array, int length, String name) {
        if (array == null || array.length != length) {
            throw new IllegalArgumentException(name + " must have length " + length + ", got "
                    + (array == null ? "null" : array.length));
        }
    }
}
