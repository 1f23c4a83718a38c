package org.wisekit.lutmm.amu;

import java.util.List;
import org.wisekit.tensor.Gemm;

/** The float reference network: own GEMM, bias, ReLU per {@link DenseLayer}. */
public final class FloatMlp {

    private final List<DenseLayer> layers;

    public FloatMlp(List<DenseLayer> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("layers must not be empty");
        }
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).inputs() != layers.get(l - 1).outputs()) {
                throw new IllegalArgumentException("layer " + l + " takes " + layers.get(l).inputs()
                        + " inputs but layer " + (l - 1) + " gives " + layers.get(l - 1).outputs());
            }
        }
        this.layers = List.copyOf(layers);
    }

    public List<DenseLayer> layers() {
        return layers;
    }

    /** The activations after the first {@code count} layers for n row-major rows. */
    public float[] forward(float[] x, int n, int count) {
        float[] h = x;
        for (int l = 0; l < count; l++) {
            h = apply(layers.get(l), h, n);
        }
        return h;
    }

    /** The network's outputs (logits). */
    public float[] forward(float[] x, int n) {
        return forward(x, n, layers.size());
    }

    /** {@code x · W + b}, then ReLU when the layer has it. */
    public static float[] apply(DenseLayer layer, float[] x, int n) {
        int out = layer.outputs();
        float[] y = new float[n * out];
        Gemm.multiply(x, layer.weights().data(), y, n, layer.inputs(), out, Gemm.defaultPath(), 1);
        addBias(y, n, layer.bias(), layer.relu());
        return y;
    }

    static void addBias(float[] y, int n, float[] bias, boolean relu) {
        int out = bias.length;
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < out; m++) {
                float v = y[i * out + m] + bias[m];
                y[i * out + m] = relu ? Math.max(v, 0f) : v;
            }
        }
    }

    /** Index of the largest of each row's {@code classes} values. */
    public static int[] argmax(float[] logits, int n, int classes) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (logits[i * classes + k] > logits[i * classes + best]) {
                    best = k;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
