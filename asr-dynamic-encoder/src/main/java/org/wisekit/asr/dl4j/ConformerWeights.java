package org.wisekit.asr.dl4j;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.wisekit.asr.EncoderConfig;
import org.wisekit.asr.ModuleType;
import org.wisekit.tensor.nd4j.SeededInit;

/**
 * The parameters of a Conformer-CTC supernet, by name, as float arrays that every graph built on them shares
 * (a graph holds the same {@link INDArray}s, so an in-place optimiser update is seen by all of them).
 *
 * <p>Names: {@code front.w}, {@code front.b} (stacked frames to width d); per module {@code i} the prefix
 * {@code m<i>.} ({@link #modulePrefix}); per block {@code j} its final LayerNorm {@code blk<j>.ln.g/.b}; per
 * deployable size {@code k} its own CTC output layer {@code head<k>.w/.b} (the code's {@code final_linear_list}).
 * Initialisation is PyTorch's default (uniform within {@code 1/sqrt(fan-in)} for weights and biases, LayerNorm
 * gains 1 and biases 0), seeded per name.
 */
public final class ConformerWeights {

    private final EncoderConfig config;
    private final int[] sizes;
    private final Map<String, INDArray> arrays;

    private ConformerWeights(EncoderConfig config, int[] sizes, Map<String, INDArray> arrays) {
        this.config = config;
        this.sizes = sizes.clone();
        this.arrays = arrays;
    }

    /**
     * Freshly initialised weights for an encoder with one output layer per size.
     *
     * @param config the encoder's shape
     * @param sizes  the deployable sizes (numbers of kept modules), strictly increasing, the last = all modules
     * @param seed   initialisation seed
     * @return the weights
     */
    public static ConformerWeights init(EncoderConfig config, int[] sizes, long seed) {
        checkSizes(config, sizes, true);
        SeededInit init = new SeededInit(seed, SeededInit.Mixing.XOR_PRODUCT);
        Map<String, INDArray> a = new LinkedHashMap<>();
        int d = config.dim();
        linear(a, init, "front.", config.inputDim(), d);
        for (int i = 0; i < config.modules(); i++) {
            String p = modulePrefix(i);
            norm(a, p + "ln", d);
            switch (ModuleType.of(i)) {
                case FEED_FORWARD_1, FEED_FORWARD_2 -> {
                    linear(a, init, p + "ff1.", d, config.ffDim());
                    linear(a, init, p + "ff2.", config.ffDim(), d);
                }
                case CONVOLUTION -> {
                    // pointwise conv to 2d channels split by the GLU: value half a, gate half g
                    linear(a, init, p + "glu.a.", d, d);
                    linear(a, init, p + "glu.g.", d, d);
                    a.put(p + "dw", init.uniformFanIn(p + "dw", config.convKernel(), DataType.FLOAT, d,
                            config.convKernel()));
                    a.put(p + "dwb", init.uniformFanIn(p + "dwb", config.convKernel(), DataType.FLOAT, d));
                    norm(a, p + "ln2", d);
                    linear(a, init, p + "pw.", d, d);
                }
                case SELF_ATTENTION -> {
                    linear(a, init, p + "qkv.", d, 3 * d);
                    linear(a, init, p + "out.", d, d);
                }
            }
            if (i % 4 == 3) {
                norm(a, "blk" + i / 4 + ".ln", d);
            }
        }
        for (int k : sizes) {
            linear(a, init, "head" + k + ".", d, config.vocab());
        }
        return new ConformerWeights(config, sizes, a);
    }

    /**
     * Weights from named arrays (a saved model or a subnet export, which holds only its kept modules and the
     * output layer of its size).
     *
     * @param config the encoder's shape
     * @param sizes  the sizes whose output layers are present, strictly increasing
     * @param arrays the arrays by name (kept, not copied)
     * @return the weights
     */
    public static ConformerWeights of(EncoderConfig config, int[] sizes, Map<String, INDArray> arrays) {
        checkSizes(config, sizes, false);
        for (int k : sizes) {
            if (!arrays.containsKey("head" + k + ".w")) {
                throw new IllegalArgumentException("no output layer head" + k + " for size " + k);
            }
        }
        return new ConformerWeights(config, sizes, new LinkedHashMap<>(arrays));
    }

    /** The prefix of module {@code i}'s parameter names, {@code m<i>.}. */
    public static String modulePrefix(int i) {
        return "m" + i + ".";
    }

    /** The encoder's shape. */
    public EncoderConfig config() {
        return config;
    }

    /** The deployable sizes, increasing (a copy). */
    public int[] sizes() {
        return sizes.clone();
    }

    /** Whether module {@code i}'s parameters are present (a subnet export holds only its kept modules). */
    public boolean hasModule(int i) {
        return arrays.containsKey(modulePrefix(i) + "ln.g");
    }

    /** The named parameter, or an exception naming it. */
    public INDArray get(String name) {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return a;
    }

    /** Every parameter by name, in creation order (read-only view of the shared arrays). */
    public Map<String, INDArray> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    /** Number of scalar parameters in module {@code i}. */
    public long moduleParameters(int i) {
        String p = modulePrefix(i);
        return arrays.entrySet().stream().filter(e -> e.getKey().startsWith(p)).mapToLong(e -> e.getValue().length())
                .sum();
    }

    static void checkSizes(EncoderConfig config, int[] sizes, boolean full) {
        if (sizes == null || sizes.length == 0) {
            throw new IllegalArgumentException("sizes must name at least one size, got " + Arrays.toString(sizes));
        }
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 1 || sizes[i] > config.modules() || (i > 0 && sizes[i] <= sizes[i - 1])) {
                throw new IllegalArgumentException("sizes must increase strictly within 1.." + config.modules()
                        + ", got " + Arrays.toString(sizes));
            }
        }
        if (full && sizes[sizes.length - 1] != config.modules()) {
            throw new IllegalArgumentException("the last size must be the full encoder (" + config.modules()
                    + " modules), got " + Arrays.toString(sizes));
        }
    }

    private static void linear(Map<String, INDArray> a, SeededInit init, String prefix, int in, int out) {
        a.put(prefix + "w", init.uniformFanIn(prefix + "w", in, DataType.FLOAT, in, out));
        a.put(prefix + "b", init.uniformFanIn(prefix + "b", in, DataType.FLOAT, out));
    }

    private static void norm(Map<String, INDArray> a, String prefix, int d) {
        a.put(prefix + ".g", SeededInit.filled(1, DataType.FLOAT, d));
        a.put(prefix + ".b", SeededInit.filled(0, DataType.FLOAT, d));
    }
}
