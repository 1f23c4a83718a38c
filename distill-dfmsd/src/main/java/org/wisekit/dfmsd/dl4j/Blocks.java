package org.wisekit.dfmsd.dl4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.tensor.nd4j.SeededInit;

/**
 * Builds convolutional layers into a SameDiff graph (NCHW) from a detector's parameter store: the same arrays
 * are used by every graph built from the store (training, evaluation, each distillation stage). Weights are
 * created on first use with PyTorch's default initialisation (uniform, bound 1/sqrt(fan-in)) from a per-name
 * seeded stream, so a parameter's start value depends only on (seed, name).
 */
final class Blocks {

    static final double BN_EPS = 1e-5;
    static final double BN_MOMENTUM = 0.1;

    private final SameDiff sd;
    private final Params store;
    private final SDVariable train;
    private final List<String> used = new ArrayList<>();
    private final Map<String, SDVariable> variables = new LinkedHashMap<>();
    private final List<String> batchNorms = new ArrayList<>();

    Blocks(SameDiff sd, Params store, SDVariable train) {
        this.sd = sd;
        this.store = store;
        this.train = train;
    }

    SameDiff graph() {
        return sd;
    }

    /** Trainable parameter names used by this graph, in creation order. */
    List<String> parameters() {
        return used;
    }

    /** Names of the batch-norm layers of this graph (their batch statistics are outputs {@code name.batchMean/Var}). */
    List<String> batchNorms() {
        return batchNorms;
    }

    /** The parameter {@code name} as a graph variable, created with a uniform(-bound, bound) start if new. */
    SDVariable param(String name, double bound, long... shape) {
        SDVariable existing = variables.get(name);
        if (existing != null) {
            return existing; // shared across FPN levels (one detection head)
        }
        INDArray value = store.parameters.computeIfAbsent(name,
                n -> store.init.uniform(n, bound, store.dataType, shape));
        used.add(name);
        SDVariable v = sd.var(name, value);
        variables.put(name, v);
        return v;
    }

    /** A parameter filled with {@code value} on creation (norm scales and shifts, biases with a prior). */
    SDVariable filledParam(String name, double value, long... shape) {
        SDVariable existing = variables.get(name);
        if (existing != null) {
            return existing;
        }
        INDArray array = store.parameters.computeIfAbsent(name, n -> Nd4j.valueArrayOf(shape, value, store.dataType));
        used.add(name);
        SDVariable v = sd.var(name, array);
        variables.put(name, v);
        return v;
    }

    /** {@code k x k} convolution, stride {@code stride}, zero padding {@code k/2}, with bias. */
    SDVariable conv(String name, SDVariable x, int in, int out, int k, int stride) {
        double bound = 1.0 / Math.sqrt((double) in * k * k);
        SDVariable w = param(name + ".w", bound, k, k, in, out);
        SDVariable b = param(name + ".b", bound, out);
        return sd.cnn().conv2d(x, w, b, config(k, stride));
    }

    /** Convolution whose bias starts at {@code biasValue} (focal-loss prior of classification layers). */
    SDVariable conv(String name, SDVariable x, int in, int out, int k, double biasValue) {
        double bound = 1.0 / Math.sqrt((double) in * k * k);
        SDVariable w = param(name + ".w", bound, k, k, in, out);
        SDVariable b = filledParam(name + ".b", biasValue, out);
        return sd.cnn().conv2d(x, w, b, config(k, 1));
    }

    /** Depthwise {@code k x k} convolution without bias (a batch norm follows). */
    SDVariable depthwise(String name, SDVariable x, int channels, int k, int stride) {
        SDVariable w = param(name + ".w", 1.0 / Math.sqrt(k * k), k, k, channels, 1);
        return sd.cnn().depthWiseConv2d(x, w, config(k, stride));
    }

    /** Convolution without bias (a batch norm follows). */
    SDVariable convNoBias(String name, SDVariable x, int in, int out, int k, int stride) {
        SDVariable w = param(name + ".w", 1.0 / Math.sqrt((double) in * k * k), k, k, in, out);
        return sd.cnn().conv2d(x, w, config(k, stride));
    }

    /**
     * Batch norm over (n, h, w): batch statistics when the graph's {@code train} placeholder is 1, the running
     * statistics (kept in the store, updated by the trainer) when it is 0.
     */
    SDVariable batchNorm(String name, SDVariable x, int channels) {
        batchNorms.add(name);
        SDVariable gamma = filledParam(name + ".gamma", 1.0, 1, channels, 1, 1);
        SDVariable beta = filledParam(name + ".beta", 0.0, 1, channels, 1, 1);
        INDArray runMean = store.running.computeIfAbsent(name + ".runMean",
                n -> Nd4j.zeros(store.dataType, 1, channels, 1, 1));
        INDArray runVar = store.running.computeIfAbsent(name + ".runVar",
                n -> Nd4j.ones(store.dataType, 1, channels, 1, 1));
        SDVariable mean = x.mean(name + ".batchMean", true, 0, 2, 3);
        SDVariable centred = x.sub(mean);
        SDVariable variance = centred.mul(centred).mean(name + ".batchVar", true, 0, 2, 3);
        SDVariable notTrain = train.rsub(1.0);
        SDVariable useMean = mean.mul(train).add(sd.constant(name + ".runMean", runMean).mul(notTrain));
        SDVariable useVar = variance.mul(train).add(sd.constant(name + ".runVar", runVar).mul(notTrain));
        return x.sub(useMean).div(sd.math().sqrt(useVar.add(BN_EPS))).mul(gamma).add(beta);
    }

    SDVariable relu(SDVariable x) {
        return sd.nn().relu(x, 0);
    }

    /** Nearest-neighbour 2x upsampling (NCHW). */
    SDVariable upsample2(SDVariable x) {
        return sd.cnn().upsampling2d(x, 2, 2, true);
    }

    static Conv2DConfig config(int k, int stride) {
        return Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(k / 2).pW(k / 2).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
    }

    /**
     * A detector's arrays: trainable parameters and batch-norm running statistics, by name, shared by every graph
     * built from it.
     */
    static final class Params {
        final Map<String, INDArray> parameters = new LinkedHashMap<>();
        final Map<String, INDArray> running = new LinkedHashMap<>();
        final SeededInit init;
        final DataType dataType;

        Params(long seed, DataType dataType) {
            this.init = new SeededInit(seed, SeededInit.Mixing.XOR_PRODUCT);
            this.dataType = dataType;
        }

        /** Takes the current arrays of every parameter and running statistic from {@code graph} (after training). */
        void syncFrom(SameDiff graph) {
            for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
                if (graph.hasVariable(e.getKey())) {
                    e.setValue(graph.getArrForVarName(e.getKey()));
                }
            }
            for (Map.Entry<String, INDArray> e : running.entrySet()) {
                if (graph.hasVariable(e.getKey())) {
                    e.setValue(graph.getArrForVarName(e.getKey()));
                }
            }
        }

        /** Updates the running statistics of {@code name} from one training batch's statistics. */
        void updateRunning(String name, INDArray batchMean, INDArray batchVar, long perChannel) {
            double unbias = perChannel > 1 ? perChannel / (perChannel - 1.0) : 1.0;
            running.get(name + ".runMean").muli(1 - BN_MOMENTUM).addi(batchMean.mul(BN_MOMENTUM));
            running.get(name + ".runVar").muli(1 - BN_MOMENTUM).addi(batchVar.mul(BN_MOMENTUM * unbias));
        }
    }
}
