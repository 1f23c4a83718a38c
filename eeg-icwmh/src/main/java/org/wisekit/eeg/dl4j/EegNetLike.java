package org.wisekit.eeg.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * EEGNet (Lawhern et al., "EEGNet: a compact convolutional neural network for EEG-based brain-computer
 * interfaces", J. Neural Eng. 15 056013, 2018), the compact CNN baseline on raw trials, by default in its
 * EEGNet-4,2 size (F1 = 4 temporal filters, depth multiplier D = 2, F2 = F1 D = 8).
 *
 * <p>Input {@code [1, C, T]} (C electrodes, T samples). The block structure of the paper (its Table 2) and of the
 * authors' Keras code:
 * <ol>
 *   <li>temporal convolution {@code 1 x kernelLength} to F1 maps, zero padding that keeps T, no bias; batch
 *   normalisation;</li>
 *   <li>depthwise convolution {@code C x 1} with depth multiplier D (one spatial filter per temporal map and
 *   multiplier, no padding, so the electrode axis becomes 1), no bias, each filter's L2 norm at most 1; batch
 *   normalisation; ELU; average pooling {@code 1 x pool1}; dropout;</li>
 *   <li>separable convolution {@code 1 x separableKernel} (depthwise, multiplier 1, then pointwise to F2 maps),
 *   keeping the length, no bias; batch normalisation; ELU; average pooling {@code 1 x pool2}; dropout;</li>
 *   <li>flatten and a dense softmax layer whose weights into each class have L2 norm at most 0.25.</li>
 * </ol>
 * Defaults as in the paper: kernelLength 64 (half a second at 128 Hz; {@code fs / 2} in general, e.g. 80 at
 * 160 Hz: set it with {@link #withKernels}), separableKernel 16, pools 4 and 8, dropout 0.5 (the paper's
 * within-subject rate; 0.25 cross-subject). Batch normalisation uses Keras's defaults (decay 0.99, eps 1e-3; the
 * decay is a switch, {@link #withBatchNormDecay}),
 * weights Glorot-uniform ({@code WeightInit.XAVIER_UNIFORM}, Keras's default).
 *
 * <p>What differs from the Keras original, and why: the layout is DL4J's NCHW ({@code [1, C, T]}) instead of
 * channels-last (same arithmetic); DL4J's batch normalisation stores the running log-std instead of the running
 * variance (same normalisation); the max-norm constraints are applied by DL4J after each optimizer step over the
 * same axes as Keras's ({@code MaxNormConstraint} over the filter's kernel for the depthwise layer, over the inputs
 * of each class for the dense layer); dropout is DL4J's inverted dropout (Keras's too). The default size is
 * EEGNet-4,2 rather than the Keras code's EEGNet-8,2, as this module's comparison asks for the smaller one.
 * Any C and T with {@code floor(floor(T / pool1) / pool2) >= 1} work (the default comparison: 64 x 656).
 *
 * <p>Immutable.
 *
 * @param electrodes      EEG channels C (the input height)
 * @param samples         samples per trial T (the input width)
 * @param classes         output classes, at least 2
 * @param f1              temporal filters F1
 * @param depth           depth multiplier D of the spatial (depthwise) convolution
 * @param f2              pointwise filters F2 of the separable convolution
 * @param kernelLength    temporal kernel length
 * @param separableKernel separable convolution kernel length
 * @param pool1           first average pooling length
 * @param pool2           second average pooling length
 * @param dropout         dropout rate in {@code [0, 1)}; 0 builds no dropout layers
 * @param maxNorm         whether the max-norm constraints (1 on the spatial filters, 0.25 on the dense layer) apply
 * @param batchNormDecay  decay of batch normalisation's running statistics, in {@code [0, 1)} (Keras's momentum)
 */
public record EegNetLike(int electrodes, int samples, int classes, int f1, int depth, int f2, int kernelLength,
                         int separableKernel, int pool1, int pool2, double dropout, boolean maxNorm,
                         double batchNormDecay) implements Architecture {

    /** Default temporal filters F1 (EEGNet-4,2). */
    public static final int DEFAULT_F1 = 4;
    /** Default depth multiplier D. */
    public static final int DEFAULT_DEPTH = 2;
    /** Default temporal kernel length (half a second at 128 Hz). */
    public static final int DEFAULT_KERNEL_LENGTH = 64;
    /** Default separable kernel length. */
    public static final int DEFAULT_SEPARABLE_KERNEL = 16;
    /** Default dropout rate (within-subject). */
    public static final double DEFAULT_DROPOUT = 0.5;
    /** Default decay of batch normalisation's running statistics (Keras's default momentum). */
    public static final double DEFAULT_BATCH_NORM_DECAY = 0.99;
    private static final double SPATIAL_MAX_NORM = 1.0;
    private static final double DENSE_MAX_NORM = 0.25;

    /** Validates. */
    public EegNetLike {
        positive("electrodes", electrodes);
        positive("samples", samples);
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, got " + classes);
        }
        positive("f1", f1);
        positive("depth", depth);
        positive("f2", f2);
        positive("kernelLength", kernelLength);
        positive("separableKernel", separableKernel);
        positive("pool1", pool1);
        positive("pool2", pool2);
        if (samples / pool1 / pool2 < 1) {
            throw new IllegalArgumentException("samples must be >= pool1 * pool2 = " + (long) pool1 * pool2
                    + ", got " + samples);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(batchNormDecay >= 0 && batchNormDecay < 1)) {
            throw new IllegalArgumentException("batchNormDecay must be in [0, 1), got " + batchNormDecay);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    /**
     * EEGNet-4,2 with the paper's defaults for trials of {@code electrodes x samples}.
     *
     * @param electrodes EEG channels
     * @param samples    samples per trial, at least 32
     * @param classes    output classes
     * @return the architecture
     */
    public static EegNetLike of(int electrodes, int samples, int classes) {
        return new EegNetLike(electrodes, samples, classes, DEFAULT_F1, DEFAULT_DEPTH, DEFAULT_F1 * DEFAULT_DEPTH,
                DEFAULT_KERNEL_LENGTH, DEFAULT_SEPARABLE_KERNEL, 4, 8, DEFAULT_DROPOUT, true, DEFAULT_BATCH_NORM_DECAY);
    }

    /** This network with F1 temporal filters, depth multiplier D and F2 pointwise filters (EEGNet-F1,D). */
    public EegNetLike withFilters(int f1, int depth, int f2) {
        return new EegNetLike(electrodes, samples, classes, f1, depth, f2, kernelLength, separableKernel, pool1, pool2,
                dropout, maxNorm, batchNormDecay);
    }

    /** This network with the given temporal and separable kernel lengths. */
    public EegNetLike withKernels(int kernelLength, int separableKernel) {
        return new EegNetLike(electrodes, samples, classes, f1, depth, f2, kernelLength, separableKernel, pool1, pool2,
                dropout, maxNorm, batchNormDecay);
    }

    /** This network with the given average pooling lengths. */
    public EegNetLike withPools(int pool1, int pool2) {
        return new EegNetLike(electrodes, samples, classes, f1, depth, f2, kernelLength, separableKernel, pool1, pool2,
                dropout, maxNorm, batchNormDecay);
    }

    /** This network with dropout {@code rate} (0: no dropout layers). */
    public EegNetLike withDropout(double rate) {
        return new EegNetLike(electrodes, samples, classes, f1, depth, f2, kernelLength, separableKernel, pool1, pool2,
                rate, maxNorm, batchNormDecay);
    }

    /** This network with or without the max-norm constraints. */
    public EegNetLike withMaxNorm(boolean maxNorm) {
        return new EegNetLike(electrodes, samples, classes, f1, depth, f2, kernelLength, separableKernel, pool1, pool2,
                dropout, maxNorm, batchNormDecay);
    }

    /**
     * This network with batch normalisation's running statistics decaying by {@code decay} per step. Keras's 0.99
     * needs a few hundred optimizer steps before inference matches training (on 60 steps of a toy task, train
     * accuracy at inference was 0.5 with 0.99 and 1.0 with 0.9): use 0.9 (PyTorch's default) for short runs.
     */
    public EegNetLike withBatchNormDecay(double decay) {
        return new EegNetLike(electrodes, samples, classes, f1, depth, f2, kernelLength, separableKernel, pool1, pool2,
                dropout, maxNorm, decay);
    }

    @Override
    public int[] inputShape() {
        return new int[] {1, electrodes, samples};
    }

    @Override
    public ModelStats stats() {
        return Plans.stats(plan());
    }

    @Override
    public MultiLayerConfiguration configuration(long seed, double learningRate) {
        return Plans.configuration(plan(), seed, new Plans.Build(new Adam(TrainSettings.checkLearningRate(learningRate)),
                DataType.FLOAT, true));
    }

    Plans.Plan plan() {
        List<LayerSpec> layers = new ArrayList<>();
        layers.add(new LayerSpec.Conv("temporal-conv", f1, 1, kernelLength, true, false));
        layers.add(new LayerSpec.BatchNorm("temporal-bn", batchNormDecay, 1e-3));
        layers.add(new LayerSpec.Depthwise("spatial-depthwise", depth, electrodes, 1, false, false,
                maxNorm ? SPATIAL_MAX_NORM : 0));
        layers.add(new LayerSpec.BatchNorm("spatial-bn", batchNormDecay, 1e-3));
        layers.add(new LayerSpec.Act("spatial-elu", Activation.ELU));
        layers.add(new LayerSpec.Pool("spatial-avgpool", false, 1, pool1));
        if (dropout > 0) {
            layers.add(new LayerSpec.Dropout("spatial-dropout", dropout));
        }
        layers.add(new LayerSpec.Separable("separable-conv", f2, 1, 1, separableKernel, true, false));
        layers.add(new LayerSpec.BatchNorm("separable-bn", batchNormDecay, 1e-3));
        layers.add(new LayerSpec.Act("separable-elu", Activation.ELU));
        layers.add(new LayerSpec.Pool("separable-avgpool", false, 1, pool2));
        if (dropout > 0) {
            layers.add(new LayerSpec.Dropout("separable-dropout", dropout));
        }
        layers.add(new LayerSpec.Output("dense-softmax", classes, maxNorm ? DENSE_MAX_NORM : 0));
        return new Plans.Plan(inputShape(), layers, WeightInit.XAVIER_UNIFORM, WeightInit.XAVIER_UNIFORM);
    }
}
