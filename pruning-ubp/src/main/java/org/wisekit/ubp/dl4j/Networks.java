package org.wisekit.ubp.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The two Fashion-MNIST networks of the reproductions. */
public final class Networks {

    /** Fashion-MNIST image side. */
    public static final int SIDE = 28;
    private static final int CLASSES = 10;
    private static final double LEARNING_RATE = 1e-3;

    private Networks() {
    }

    /**
     * MLP 784-300-100-10 with ReLU and Adam; fc1 (300 x 784) and fc2 (100 x 300) are pruned, the
     * classifier stays dense. Fully connected layers are the 1 x 1 convolution's analogue.
     */
    public static PrunableNetwork mlp(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Adam(LEARNING_RATE)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(SIDE * SIDE).nOut(300).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(300).nOut(100).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(100).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return new PrunableNetwork(net, List.of(
                new PrunableLayer(0, "fc1", PrunableLayer.Kind.FULLY_CONNECTED, 300, SIDE * SIDE),
                new PrunableLayer(1, "fc2", PrunableLayer.Kind.FULLY_CONNECTED, 100, 300)));
    }

    /**
     * A small MobileNetV1: a dense 3 x 3 stride-2 convolution to {@code width} channels, then four
     * depthwise-separable blocks (3 x 3 depthwise, then 1 x 1 pointwise to 2, 4, 4 and 8 times
     * {@code width} channels; the second and fourth depthwise convolutions have stride 2), global average
     * pooling and a dense classifier. Only the four pointwise convolutions are pruned.
     *
     * @param width the first layer's channels, a multiple of 4 (8 gives 11 k parameters)
     */
    public static PrunableNetwork tinyMobileNet(long seed, int width) {
        if (width < 4 || width % 4 != 0) {
            throw new IllegalArgumentException("width must be a positive multiple of 4, got " + width);
        }
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Adam(2 * LEARNING_RATE)).weightInit(WeightInit.RELU).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(width).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build());
        int[][] blocks = {{2 * width, 1}, {4 * width, 2}, {4 * width, 1}, {8 * width, 2}};   // {out channels, stride}
        List<PrunableLayer> pointwise = new ArrayList<>();
        int channels = width;
        int index = 1;
        for (int[] block : blocks) {
            b.layer(new DepthwiseConvolution2D.Builder(3, 3).stride(block[1], block[1]).depthMultiplier(1)
                    .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build());
            b.layer(new ConvolutionLayer.Builder(1, 1).nOut(block[0]).activation(Activation.RELU).build());
            pointwise.add(new PrunableLayer(index + 1, "pw" + (pointwise.size() + 1), PrunableLayer.Kind.POINTWISE,
                    block[0], channels));
            channels = block[0];
            index += 2;
        }
        b.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                .activation(Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.setInputType(InputType.convolutionalFlat(SIDE, SIDE, 1)).build());
        net.init();
        return new PrunableNetwork(net, pointwise);
    }
}
