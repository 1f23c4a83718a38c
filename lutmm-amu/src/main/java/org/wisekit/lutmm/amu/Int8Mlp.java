package org.wisekit.lutmm.amu;

import java.util.ArrayList;
import java.util.List;
import org.wisekit.lutmm.KernelPath;
import org.wisekit.lutmm.baseline.Int8Matmul;
import org.wisekit.tensor.Tensor;

/**
 * The Java int8 QNN baseline: every layer quantizes its input (per-tensor symmetric, scale calibrated on
 * the float network's activations of the calibration rows) and its weights to int8, accumulates in int32
 * (Vector API kernel), rescales once, adds the bias and applies ReLU.
 */
public final class Int8Mlp {

    private final List<DenseLayer> layers;
    private final List<Int8Matmul> products;

    public Int8Mlp(FloatMlp reference, Tensor calibration, KernelPath path) {
        this.layers = reference.layers();
        this.products = new ArrayList<>();
        int n = calibration.dim(0);
        float[] h = calibration.data();
        for (DenseLayer layer : layers) {
            products.add(new Int8Matmul(Tensor.wrap(h, n, layer.inputs()), layer.weights(), path));
            h = FloatMlp.apply(layer, h, n);
        }
    }

    /** One layer: int8 product, bias, ReLU; {@code out} holds n x outputs floats. */
    public void layer(int index, float[] x, int n, float[] out) {
        DenseLayer layer = layers.get(index);
        products.get(index).multiply(x, n, out);
        FloatMlp.addBias(out, n, layer.bias(), layer.relu());
    }

    /** The network's outputs (logits). */
    public float[] forward(float[] x, int n) {
        float[] h = x;
        for (int l = 0; l < layers.size(); l++) {
            float[] y = new float[n * layers.get(l).outputs()];
            layer(l, h, n, y);
            h = y;
        }
        return h;
    }
}
