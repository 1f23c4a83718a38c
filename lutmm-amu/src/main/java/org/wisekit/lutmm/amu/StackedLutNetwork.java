package org.wisekit.lutmm.amu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.wisekit.lutmm.Aggregation;
import org.wisekit.lutmm.KernelPath;
import org.wisekit.lutmm.MaddnessConfig;
import org.wisekit.lutmm.MaddnessEncoder;
import org.wisekit.lutmm.MaddnessModel;
import org.wisekit.lutmm.QuantizedLut;
import org.wisekit.lutmm.kernel.PackedCodes;
import org.wisekit.lutmm.kernel.ScalarKernels;
import org.wisekit.lutmm.kernel.VectorKernels;
import org.wisekit.tensor.Tensor;

/**
 * AMU-style stacked LUT network (reconstructed from the abstract of Zhu et al., arXiv 2407.02362; see
 * the module README): every dense layer of a trained MLP becomes a MADDNESS layer, fitted layer-wise on
 * the approximate activations of the LUT layers before it. Layers use exact-sum aggregation, so each
 * output is an integer accumulator S decoded as {@code S / scale + offset + bias}, then ReLU.
 *
 * <p>{@link #forward} runs the unfused pipeline (float activations between layers). {@link #forwardFused}
 * runs the inter-layer-streamlined one: layer ℓ+1's encoder compares layer ℓ's raw integer accumulators
 * with integer thresholds into which layer ℓ's decode, bias, ReLU and layer ℓ+1's input quantization are
 * folded, and layer ℓ only computes the outputs that layer ℓ+1 splits on (at most 4C of them). Both give
 * the same codes at every layer and the same logits, bit for bit. Immutable and thread-safe.
 */
public final class StackedLutNetwork {

    /** One fitted LUT layer. */
    public record LutLayer(DenseLayer dense, MaddnessEncoder encoder, QuantizedLut lut) {
    }

    /** Logits and each layer's codes ({@code codes.get(l)[c * n + i]}). */
    public record Forward(float[] logits, List<byte[]> codes) {
    }

    private final List<LutLayer> layers;
    // fused path: per layer l >= 1, the columns of layer l-1 it reads, its split index into them and integer thresholds
    private final List<int[]> neededColumns = new ArrayList<>();
    private final List<int[]> splitColumns = new ArrayList<>();
    private final List<int[]> integerThresholds = new ArrayList<>();
    private final List<QuantizedLut> reducedLuts = new ArrayList<>();

    private StackedLutNetwork(List<LutLayer> layers) {
        this.layers = List.copyOf(layers);
        for (int l = 0; l < layers.size(); l++) {
            if (l + 1 < layers.size()) {
                LutLayer next = layers.get(l + 1);
                int[] dims = next.encoder().splitDims();
                int[] cols = new TreeSet<>(Arrays.stream(dims).boxed().toList()).stream().mapToInt(Integer::intValue).toArray();
                int[] index = new int[dims.length];
                for (int k = 0; k < dims.length; k++) {
                    index[k] = Arrays.binarySearch(cols, dims[k]);
                }
                neededColumns.add(cols);
                splitColumns.add(index);
                integerThresholds.add(foldThresholds(layers.get(l), next.encoder()));
                reducedLuts.add(layers.get(l).lut().selectColumns(cols));
            } else {
                reducedLuts.add(layers.get(l).lut());
            }
        }
    }

    /**
     * Fits the LUT layers one after another: layer 0 on {@code inputs}, layer ℓ on the approximate
     * activations that the fitted layers 0..ℓ-1 give for those inputs.
     *
     * @param codebooks C per layer
     */
    public static StackedLutNetwork fit(FloatMlp network, Tensor inputs, int[] codebooks, double ridgeLambda) {
        List<DenseLayer> dense = network.layers();
        if (codebooks == null || codebooks.length != dense.size()) {
            throw new IllegalArgumentException("need one codebook count per layer (" + dense.size() + "), got "
                    + (codebooks == null ? "null" : Arrays.toString(codebooks)));
        }
        if (inputs == null || inputs.rank() != 2 || inputs.dim(1) != dense.get(0).inputs()) {
            throw new IllegalArgumentException("inputs must be [n, " + dense.get(0).inputs() + "], got "
                    + (inputs == null ? "null" : Arrays.toString(inputs.shape())));
        }
        int n = inputs.dim(0);
        List<LutLayer> fitted = new ArrayList<>();
        float[] h = inputs.data();
        for (int l = 0; l < dense.size(); l++) {
            DenseLayer layer = dense.get(l);
            MaddnessModel model = MaddnessModel.fit(Tensor.wrap(h, n, layer.inputs()),
                    new MaddnessConfig(codebooks[l], Aggregation.SUM, true, ridgeLambda));
            LutLayer lut = new LutLayer(layer, model.encoder(), model.lut(layer.weights()));
            fitted.add(lut);
            h = apply(lut, h, n, KernelPath.defaultPath(), null);
        }
        return new StackedLutNetwork(fitted);
    }

    public List<LutLayer> layers() {
        return layers;
    }

    /** Bytes of all tables (M · C · 16 per layer). */
    public long tableBytes() {
        return layers.stream().mapToLong(l -> l.lut().bytes()).sum();
    }

    /** Unfused pipeline: each layer encodes float activations; returns logits and every layer's codes. */
    public Forward forward(float[] x, int n, KernelPath path) {
        List<byte[]> codes = new ArrayList<>();
        float[] h = x;
        for (LutLayer layer : layers) {
            byte[] c = layer.encoder().newCodes(n);
            h = apply(layer, h, n, path, c);
            codes.add(c);
        }
        return new Forward(h, codes);
    }

    /** One unfused LUT layer on float rows: encode, scan, then {@link #activation} per output. */
    public static float[] apply(LutLayer layer, float[] x, int n, KernelPath path, byte[] codesOut) {
        byte[] codes = codesOut != null ? codesOut : layer.encoder().newCodes(n);
        int out = layer.dense().outputs();
        int[] sums = new int[out * n];
        layer.encoder().encodeRows(x, n, codes, path);
        layer.lut().scan(codes, n, sums, path);
        float[] y = new float[n * out];
        float[] bias = layer.dense().bias();
        boolean relu = layer.dense().relu();
        for (int m = 0; m < out; m++) {
            for (int i = 0; i < n; i++) {
                y[i * out + m] = activation(layer.lut(), sums[m * n + i], bias[m], relu);
            }
        }
        return y;
    }

    /** A layer output from its integer accumulator: {@code S / scale + offset + bias}, then ReLU (float arithmetic). */
    public static float activation(QuantizedLut lut, int sum, float bias, boolean relu) {
        float y = lut.decode(sum) + bias;
        return relu ? Math.max(y, 0f) : y;
    }

    /** Fused pipeline (same codes and logits as {@link #forward}); only the last layer decodes to float. */
    public Forward forwardFused(float[] x, int n, KernelPath path) {
        List<byte[]> codes = new ArrayList<>();
        int[] sums = null;
        for (int l = 0; l < layers.size(); l++) {
            LutLayer layer = layers.get(l);
            byte[] c = layer.encoder().newCodes(n);
            if (l == 0) {
                layer.encoder().encodeRows(x, n, c, path);
            } else {
                encodeFused(sums, n, layer.encoder().codebooks(), splitColumns.get(l - 1), integerThresholds.get(l - 1),
                        c, path);
            }
            codes.add(c);
            QuantizedLut lut = reducedLuts.get(l);
            sums = new int[lut.outputs() * n];
            lut.scan(c, n, sums, path);
        }
        LutLayer last = layers.get(layers.size() - 1);
        int out = last.dense().outputs();
        float[] logits = new float[n * out];
        for (int m = 0; m < out; m++) {
            for (int i = 0; i < n; i++) {
                logits[i * out + m] = activation(last.lut(), sums[m * n + i], last.dense().bias()[m], last.dense().relu());
            }
        }
        return new Forward(logits, codes);
    }

    /** Encodes n rows from the previous layer's output-major integer sums into {@link PackedCodes}. */
    private static void encodeFused(int[] sums, int n, int codebooks, int[] splitColumns, int[] thresholds, byte[] codes,
                                    KernelPath path) {
        int block = PackedCodes.BLOCK;
        int from = 0;
        if (KernelPath.checked(path) == KernelPath.VECTOR) {
            int[] base = new int[splitColumns.length];
            int stride = PackedCodes.pairs(codebooks) * block;
            int[] nodes = VectorKernels.nodes(codebooks);
            for (int b = 0; b < n / block; b++) {
                for (int k = 0; k < base.length; k++) {
                    base[k] = splitColumns[k] * n + b * block;
                }
                VectorKernels.encodeFusedBlock(sums, base, codebooks, thresholds, nodes, codes, b * stride);
            }
            from = n / block * block;
        }
        if (from < n) {
            PackedCodes.clearFrom(codes, from, n, codebooks);
            ScalarKernels.encodeFused(sums, n, from, n, codebooks, splitColumns, thresholds, codes);
        }
    }

    /** Outputs of layer l that the fused pipeline computes (all of them for the last layer). */
    public int computedOutputs(int l) {
        return reducedLuts.get(l).outputs();
    }

    /**
     * Integer thresholds for the next layer's splits: for split k (input column j of the next layer, i.e.
     * output j of {@code layer}) and node, the largest accumulator S for which the unfused pipeline does
     * <em>not</em> go right, i.e. {@code quantize(activation(S)) <= v_q}. The unfused decision is
     * non-decreasing in S (every float step is monotone), so "go right" is exactly {@code S > T}; T is
     * found by binary search over the accumulator's range [0, 255 C].
     */
    private static int[] foldThresholds(LutLayer layer, MaddnessEncoder next) {
        int[] dims = next.splitDims();
        float[] offsets = next.offsets();
        float[] scales = next.scales();
        byte[] v = next.thresholds();
        int lo = 0;
        int hi = 255 * layer.lut().codebooks();
        int[] out = new int[v.length];
        for (int k = 0; k < dims.length; k++) {
            float bias = layer.dense().bias()[dims[k]];
            boolean relu = layer.dense().relu();
            for (int node = 0; node < 16; node++) {
                int limit = v[k * 16 + node] & 0xFF;
                float offset = offsets[k];
                float scale = scales[k];
                java.util.function.IntPredicate right = s -> ScalarKernels.quantize(
                        activation(layer.lut(), s, bias, relu), offset, scale) > limit;
                if (right.test(lo)) {
                    out[k * 16 + node] = lo - 1;
                } else if (!right.test(hi)) {
                    out[k * 16 + node] = hi;
                } else {
                    int a = lo;       // right(a) false
                    int b = hi;       // right(b) true
                    while (b - a > 1) {
                        int mid = (a + b) >>> 1;
                        if (right.test(mid)) {
                            b = mid;
                        } else {
                            a = mid;
                        }
                    }
                    out[k * 16 + node] = a;
                }
            }
        }
        return out;
    }
}
