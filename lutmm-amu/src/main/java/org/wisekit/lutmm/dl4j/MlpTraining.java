package org.wisekit.lutmm.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.wisekit.lutmm.amu.DenseLayer;
import org.wisekit.lutmm.amu.FloatMlp;
import org.wisekit.tensor.Tensor;
import org.wisekit.tensor.nd4j.Nd4jBridge;
import org.wisekit.tensor.Shuffles;

/** Trains a ReLU MLP classifier with DL4J (Adam, softmax cross-entropy) and returns its weights as a {@link FloatMlp}. */
public final class MlpTraining {

    private static final double LEARNING_RATE = 1e-3;

    private MlpTraining() {
    }

    /**
     * Trains a new network on the first {@code n} rows (minibatches of {@code batch} rows in a seeded order;
     * a last partial batch of a pass is skipped) and returns its weights.
     *
     * @param x      row-major inputs [n, sizes[0]]
     * @param labels the class of each row, in [0, sizes[sizes.length - 1])
     * @param n      the number of rows used
     * @param sizes  layer widths, input first, classes last (e.g. 784, 256, 256, 10)
     * @param epochs passes over the rows, reshuffled each pass with {@code seed}
     * @param batch  rows per optimizer step
     * @param seed   the seed of the initial weights and of the row order
     * @return the trained weights, ReLU on every layer but the last
     */
    public static FloatMlp train(float[] x, int[] labels, int n, int[] sizes, int epochs, int batch, long seed) {
        if (sizes.length < 2 || n < 1 || batch < 1 || epochs < 0) {
            throw new IllegalArgumentException("need >= 2 sizes, n >= 1, batch >= 1, epochs >= 0");
        }
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Adam(LEARNING_RATE)).weightInit(WeightInit.RELU).list();
        for (int l = 0; l + 2 < sizes.length; l++) {
            b.layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(sizes[l]).nOut(sizes[l + 1])
                    .activation(Activation.RELU).build());
        }
        int classes = sizes[sizes.length - 1];
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(sizes[sizes.length - 2]).nOut(classes)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        int d = sizes[0];
        int[] order = Shuffles.identity(n);
        SplittableRandom rng = new SplittableRandom(seed);
        int size = Math.min(batch, n);
        float[] features = new float[size * d];
        float[] hot = new float[size * classes];
        for (int e = 0; e < epochs; e++) {
            Shuffles.shuffle(order, rng);
            for (int from = 0; from + size <= n; from += size) {
                java.util.Arrays.fill(hot, 0f);
                for (int r = 0; r < size; r++) {
                    System.arraycopy(x, order[from + r] * d, features, r * d, d);
                    hot[r * classes + labels[order[from + r]]] = 1f;
                }
                net.fit(new DataSet(Nd4j.create(features.clone(), new long[]{size, d}, 'c'),
                        Nd4j.create(hot.clone(), new long[]{size, classes}, 'c')));
            }
        }
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            Tensor w = Nd4jBridge.fromNd4j(net.getLayer(l).getParam("W"));
            float[] bias = Nd4jBridge.fromNd4j(net.getLayer(l).getParam("b")).data();
            layers.add(new DenseLayer(w.reshape(sizes[l], sizes[l + 1]), bias, l + 2 < sizes.length));
        }
        return new FloatMlp(layers);
    }
}
