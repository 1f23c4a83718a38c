package org.wisekit.ubp.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.ubp.BlockSelection;

/**
 * A layer of a DL4J network whose weights are pruned: a fully connected layer (DL4J stores W as
 * [in, out]) or a 1 x 1 convolution (W is [out, in, 1, 1]). Either way the pruning sees W as the
 * paper does: Co x Ci, blocks along the output channels.
 *
 * @param index   the layer's index in the network
 * @param name    a short name for reports ("fc1", "pw3")
 * @param kind    how DL4J stores the weights
 * @param outputs Co
 * @param inputs  Ci
 */
public record PrunableLayer(int index, String name, Kind kind, int outputs, int inputs) {

    /** The two layer types the authors prune ({@code param_check}: 1 x 1 convolutions; Linear in the Transformer variant). */
    public enum Kind {
        /** DL4J {@code DenseLayer}: W is [in, out]. */
        FULLY_CONNECTED,
        /** DL4J 1 x 1 {@code ConvolutionLayer}: W is [out, in, 1, 1]. */
        POINTWISE
    }

    public PrunableLayer {
        if (index < 0 || outputs < 1 || inputs < 1 || name == null || name.isBlank() || kind == null) {
            throw new IllegalArgumentException("layer needs index >= 0, a name, a kind and positive sizes, got "
                    + index + ", '" + name + "', " + kind + ", " + outputs + " x " + inputs);
        }
    }

    /** The weights as a row-major Co x Ci copy. */
    public float[] weights(MultiLayerNetwork network) {
        float[] stored = param(network).dup('c').data().asFloat();
        if (kind == Kind.POINTWISE) {
            return stored;
        }
        float[] w = new float[outputs * inputs];
        for (int i = 0; i < inputs; i++) {
            for (int o = 0; o < outputs; o++) {
                w[o * inputs + i] = stored[i * outputs + o];
            }
        }
        return w;
    }

    /** A 0/1 array of the stored weights' shape that keeps exactly {@code selection}'s weights. */
    public INDArray maskArray(MultiLayerNetwork network, BlockSelection selection) {
        if (selection.rows() != outputs || selection.cols() != inputs) {
            throw new IllegalArgumentException("selection is " + selection.rows() + " x " + selection.cols()
                    + " but layer " + name + " is " + outputs + " x " + inputs);
        }
        boolean[] keep = selection.mask();
        float[] stored = new float[keep.length];
        for (int o = 0; o < outputs; o++) {
            for (int i = 0; i < inputs; i++) {
                int at = kind == Kind.POINTWISE ? o * inputs + i : i * outputs + o;
                stored[at] = keep[o * inputs + i] ? 1f : 0f;
            }
        }
        return Nd4j.create(stored, param(network).shape(), 'c');
    }

    /** The live weight parameter (a view into the network's parameters). */
    public INDArray param(MultiLayerNetwork network) {
        return network.getLayer(index).getParam("W");
    }
}
