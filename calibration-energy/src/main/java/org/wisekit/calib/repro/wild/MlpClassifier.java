package org.wisekit.calib.repro.wild;

import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.wisekit.harness.Progress;
import org.wisekit.tensor.Shuffles;

/**
 * A DL4J MLP on 28 x 28 grey images (see {@link MlpConfig}), deterministic for a seed: the seed fixes the
 * weight initialisation and the per-epoch shuffles. It exposes logits, the pre-softmax outputs, because
 * the energy score {@code -LSE(z)} depends on their absolute level, not only on the probabilities.
 */
public final class MlpClassifier {

    static final int INPUTS = 28 * 28;
    static final int CLASSES = 10;
    private static final int INFERENCE_BATCH = 4096;

    private final MultiLayerNetwork network;

    private MlpClassifier(MultiLayerNetwork network) {
        this.network = network;
    }

    /**
     * Trains on images {@code 0 .. count-1} ({@value #INPUTS} floats each), stepping {@code task} once per
     * epoch.
     */
    public static MlpClassifier train(float[] images, int[] labels, int count, MlpConfig config, long seed,
                                      Progress.Task task) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(config.learningRate()))
                .weightInit(WeightInit.RELU)
                .list();
        int in = INPUTS;
        for (int l = 0; l < config.layers(); l++) {
            layers.layer(new DenseLayer.Builder().nIn(in).nOut(config.hidden()).activation(Activation.RELU).build());
            in = config.hidden();
        }
        layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(in).nOut(CLASSES).activation(Activation.SOFTMAX).build());
        MultiLayerConfiguration conf = layers.build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();

        SplittableRandom shuffler = new SplittableRandom(seed);
        int[] order = Shuffles.identity(count);
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            Shuffles.shuffle(order, shuffler);
            for (int start = 0; start < count; start += config.batchSize()) {
                int size = Math.min(config.batchSize(), count - start);
                float[] x = new float[size * INPUTS];
                float[] y = new float[size * CLASSES];
                for (int r = 0; r < size; r++) {
                    int example = order[start + r];
                    System.arraycopy(images, example * INPUTS, x, r * INPUTS, INPUTS);
                    y[r * CLASSES + labels[example]] = 1;
                }
                network.fit(new DataSet(Nd4j.create(x, new long[] {size, INPUTS}), Nd4j.create(y, new long[] {size, CLASSES})));
            }
            task.step();
            task.status(String.format(java.util.Locale.ROOT, "epoch %d loss %.4f", epoch + 1, network.score()));
        }
        return new MlpClassifier(network);
    }

    /** The logits of images {@code 0 .. count-1}, row-major {@code count x 10}, as computed in float32. */
    public double[] logits(float[] images, int count) {
        double[] out = new double[count * CLASSES];
        int outputLayer = network.getnLayers() - 1;
        INDArray weights = network.getLayer(outputLayer).getParam("W");
        INDArray bias = network.getLayer(outputLayer).getParam("b");
        for (int start = 0; start < count; start += INFERENCE_BATCH) {
            int size = Math.min(INFERENCE_BATCH, count - start);
            float[] x = new float[size * INPUTS];
            System.arraycopy(images, start * INPUTS, x, 0, size * INPUTS);
            List<INDArray> activations = network.feedForward(Nd4j.create(x, new long[] {size, INPUTS}), false);
            INDArray lastHidden = activations.get(activations.size() - 2);
            float[] z = lastHidden.mmul(weights).addiRowVector(bias).data().asFloat();
            for (int i = 0; i < z.length; i++) {
                out[start * CLASSES + i] = z[i];
            }
        }
        return out;
    }
}
