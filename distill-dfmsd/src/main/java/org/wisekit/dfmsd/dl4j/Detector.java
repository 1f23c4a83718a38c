package org.wisekit.dfmsd.dl4j;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.wisekit.dfmsd.data.DetectionSet;
import org.wisekit.dfmsd.eval.Detection;

/**
 * A dense detector with a two-level FPN (strides 4 and 8) built on SameDiff: its parameters live in the detector
 * and every graph built from it (training with or without distillation, evaluation) uses the same arrays.
 * Train it with {@link DetectorTrainer}; {@link FcosLite} and {@link CenterNetDetector} are the two families.
 */
public abstract sealed class Detector permits FcosLite, CenterNetDetector {

    /** Strides of the FPN levels, finest first. */
    static final int[] STRIDES = {4, 8};

    private final int classes;
    private final int inputChannels;
    private final int canvas;
    private final int width;
    private final int fpnChannels;
    private final Blocks.Params params;

    Detector(int classes, int inputChannels, int canvas, int width, int fpnChannels, long seed) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
        if (inputChannels != 1 && inputChannels != 3) {
            throw new IllegalArgumentException("inputChannels must be 1 or 3, got " + inputChannels);
        }
        if (canvas < 16 || canvas % 8 != 0) {
            throw new IllegalArgumentException("canvas must be a multiple of 8 of at least 16, got " + canvas);
        }
        if (width < 1 || width > 8) {
            throw new IllegalArgumentException("width must be in [1, 8], got " + width);
        }
        if (fpnChannels < 4) {
            throw new IllegalArgumentException("fpnChannels must be at least 4, got " + fpnChannels);
        }
        this.classes = classes;
        this.inputChannels = inputChannels;
        this.canvas = canvas;
        this.width = width;
        this.fpnChannels = fpnChannels;
        this.params = new Blocks.Params(seed, DataType.FLOAT);
    }

    /** A short description: family and widths. */
    public abstract String describe();

    /** Channels of each FPN level's feature map and of the heads (the features distillation matches). */
    public int fpnChannels() {
        return fpnChannels;
    }

    /** Backbone width multiplier. */
    public int width() {
        return width;
    }

    /** Number of classes. */
    public int classes() {
        return classes;
    }

    /** Input channels (1 grey, 3 colour). */
    public int inputChannels() {
        return inputChannels;
    }

    /** Input canvas side in pixels. */
    public int canvas() {
        return canvas;
    }

    /** Strides of the FPN levels, finest first (4 and 8). */
    public int[] strides() {
        return STRIDES.clone();
    }

    /** Number of trainable values (0 before the first graph is built). */
    public long parameterCount() {
        return params.parameters.values().stream().mapToLong(INDArray::length).sum();
    }

    /** The graph's pieces a trainer needs: FPN features per level and the detection loss. */
    record Built(SDVariable[] features, SDVariable loss) {
    }

    /** Builds the detector into {@code blocks}' graph: features, head and loss (its target placeholders included). */
    abstract Built build(Blocks blocks, SDVariable images);

    /** Adds the detection-loss targets of the images {@code index} of {@code data} to {@code feed}. */
    abstract void targets(DetectionSet data, int[] index, Map<String, INDArray> feed);

    /** Names of the graph outputs {@link #decode} reads. */
    abstract List<String> predictionOutputs();

    /** Detections (score-ordered, after NMS) of image {@code i} of a batch from the evaluation outputs. */
    abstract List<Detection> decode(Map<String, INDArray> outputs, int i, long imageId, int categoryOffset);

    Blocks.Params params() {
        return params;
    }

    /** Level side in cells for {@code stride}. */
    int side(int stride) {
        return canvas / stride;
    }
}
