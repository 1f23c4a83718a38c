package org.wisekit.eeg.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The light CNN that classifies EEG-encoded images (Ngo et al., arXiv 2407.20247, section "classifier": "a light
 * CNN (conv-BN-ReLU-pool x 3, GAP, FC), cross-entropy, Adam"; the widths and kernel sizes are not published and
 * are <b>reconstructed</b> here as switches).
 *
 * <p>Input {@code [channels, height, width]}: one channel for an image (or the Hadamard / additive fusions),
 * two for the concatenated fusion {@code [I, E]}. Per block {@code b}: a {@code kernel x kernel} convolution to
 * {@code widths[b]} maps with zero padding that keeps the size and no bias (batch normalisation's shift replaces
 * it), batch normalisation (DL4J's defaults, decay 0.9 and eps 1e-5, i.e. PyTorch's momentum 0.1), ReLU, 2 x 2
 * max pooling with stride 2 (sizes rounded down). Then global average pooling, optional dropout, and a dense
 * softmax layer. Weights: He-normal ({@code WeightInit.RELU}) in the convolutions, Xavier in the output layer.
 * The default widths 16, 32, 64 give 23,762 parameters and about 20 M multiply-adds for a 1 x 64 x 128 image and
 * 2 classes ({@link #stats}).
 *
 * <p>Immutable.
 *
 * @param channels input channels (1, or 2 for the concatenated fusion)
 * @param height   input height (electrode axis after resizing), at least {@code 2^blocks}
 * @param width    input width (time axis after resizing), at least {@code 2^blocks}
 * @param classes  output classes, at least 2
 * @param widths   convolution maps per block, one entry per block, each at least 1
 * @param kernel   odd convolution kernel side
 * @param dropout  dropout rate before the output layer, in {@code [0, 1)}; 0 builds no dropout layer
 */
public record LightCnn(int channels, int height, int width, int classes, List<Integer> widths, int kernel,
                       double dropout) implements Architecture {

    /** The default image height (the module's resized EEG image, 64 x 128). */
    public static final int DEFAULT_HEIGHT = 64;
    /** The default image width. */
    public static final int DEFAULT_WIDTH = 128;
    /** The default maps per block. */
    public static final List<Integer> DEFAULT_WIDTHS = List.of(16, 32, 64);
    /** The default kernel side. */
    public static final int DEFAULT_KERNEL = 3;

    /** Validates and copies. */
    public LightCnn {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, got " + classes);
        }
        if (widths == null || widths.isEmpty()) {
            throw new IllegalArgumentException("widths must name at least one block, got " + widths);
        }
        widths = List.copyOf(widths);
        for (int wb : widths) {
            if (wb < 1) {
                throw new IllegalArgumentException("widths must be >= 1 each, got " + widths);
            }
        }
        long min = 1L << Math.min(widths.size(), 31);
        if (height < min) {
            throw new IllegalArgumentException("height must be >= " + min + " for " + widths.size()
                    + " pooling blocks, got " + height);
        }
        if (width < min) {
            throw new IllegalArgumentException("width must be >= " + min + " for " + widths.size()
                    + " pooling blocks, got " + width);
        }
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel must be odd and >= 1, got " + kernel);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }

    /**
     * The default network (widths 16, 32, 64; 3 x 3 kernels; no dropout) for inputs of the given shape.
     *
     * @param channels input channels (1, or 2 for the concatenated fusion)
     * @param height   input height
     * @param width    input width
     * @param classes  output classes
     * @return the architecture
     */
    public static LightCnn of(int channels, int height, int width, int classes) {
        return new LightCnn(channels, height, width, classes, DEFAULT_WIDTHS, DEFAULT_KERNEL, 0);
    }

    /** This network with {@code widths} maps per block (one block per entry). */
    public LightCnn withWidths(int... widths) {
        if (widths == null) {
            throw new IllegalArgumentException("widths must not be null");
        }
        return new LightCnn(channels, height, width, classes, Arrays.stream(widths).boxed().toList(), kernel, dropout);
    }

    /** This network with {@code kernel x kernel} convolutions. */
    public LightCnn withKernel(int kernel) {
        return new LightCnn(channels, height, width, classes, widths, kernel, dropout);
    }

    /** This network with dropout {@code rate} before the output layer. */
    public LightCnn withDropout(double rate) {
        return new LightCnn(channels, height, width, classes, widths, kernel, rate);
    }

    @Override
    public int[] inputShape() {
        return new int[] {channels, height, width};
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
        for (int b = 0; b < widths.size(); b++) {
            String block = "block" + (b + 1);
            layers.add(new LayerSpec.Conv(block + "-conv", widths.get(b), kernel, kernel, true, false));
            layers.add(new LayerSpec.BatchNorm(block + "-bn", 0.9, 1e-5));
            layers.add(new LayerSpec.Act(block + "-relu", Activation.RELU));
            layers.add(new LayerSpec.Pool(block + "-maxpool", true, 2, 2));
        }
        layers.add(new LayerSpec.GlobalAvgPool("gap"));
        if (dropout > 0) {
            layers.add(new LayerSpec.Dropout("dropout", dropout));
        }
        layers.add(new LayerSpec.Output("dense-softmax", classes, 0));
        return new Plans.Plan(inputShape(), layers, WeightInit.RELU, WeightInit.XAVIER);
    }
}
