package org.wisekit.lwquant;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.wisekit.datasets.io.Safetensors;
import org.wisekit.datasets.io.Safetensors.Tensor;
import org.wisekit.lwquant.llama.Linear;
import org.wisekit.lwquant.llama.LlamaConfig;
import org.wisekit.lwquant.llama.LlamaModel;
import org.wisekit.lwquant.quant.QuantizedMatrix;
import org.wisekit.lwquant.quant.Quantizer;

/**
 * A llama model whose block linear layers are quantized with a per-block bit width; embeddings, norms and
 * the LM head stay float32. Written as a safetensors file (format {@code lwquant-1}, see the module
 * README): for each quantized matrix {@code NAME} (e.g. {@code model.layers.3.mlp.up_proj.weight}) the
 * tensors {@code NAME.qcodes} (U8, packed little-endian bit stream of row-major codes), {@code NAME.scales}
 * (F16, [rows, groups]) and, for asymmetric grids, {@code NAME.qzeros} (U8, packed zero points); the
 * metadata holds the llama config, {@code lwquant.format}, {@code lwquant.bits} (per block),
 * {@code lwquant.quantizer} and per matrix {@code NAME = bits,groupSize,rows,cols,sym|asym}.
 */
public final class QuantizedLlama {

    /** Bit widths a block can be given. */
    public static final Set<Integer> SUPPORTED_BITS = Set.of(2, 3, 4, 8);
    public static final String FORMAT = "lwquant-1";

    private final LlamaModel base;
    private final int[] bits;
    private final String quantizer;
    private final Map<String, QuantizedMatrix> matrices;

    private QuantizedLlama(LlamaModel base, int[] bits, String quantizer, Map<String, QuantizedMatrix> matrices) {
        this.base = base;
        this.bits = bits.clone();
        this.quantizer = quantizer;
        this.matrices = matrices;
    }

    /**
     * @param calibration GPTQ statistics, or {@code null} for quantizers that need none
     */
    public static QuantizedLlama quantize(LlamaModel model, int[] bitsPerBlock, Quantizer quantizer,
                                          Calibration calibration) {
        return quantize(model, bitsPerBlock, quantizer, calibration, (layer, linear) -> { });
    }

    /**
     * As {@link #quantize(LlamaModel, int[], Quantizer, Calibration)}, calling {@code onMatrix} after each of
     * the {@code 7 * layers} matrices (for progress reports; GPTQ takes seconds per matrix on real models).
     */
    public static QuantizedLlama quantize(LlamaModel model, int[] bitsPerBlock, Quantizer quantizer,
                                          Calibration calibration,
                                          java.util.function.BiConsumer<Integer, Linear> onMatrix) {
        LlamaConfig c = model.config();
        checkBits(bitsPerBlock, c.layers());
        if (quantizer.usesHessian() && calibration == null) {
            throw new IllegalArgumentException("quantizer " + quantizer.name() + " needs calibration data");
        }
        Map<String, QuantizedMatrix> m = new LinkedHashMap<>();
        for (int l = 0; l < c.layers(); l++) {
            for (Linear lin : Linear.values()) {
                double[] h = quantizer.usesHessian() ? calibration.hessian(l, lin) : null;
                m.put(lin.tensorName(l), quantizer.quantize(model.matrix(l, lin), lin.rows(c), lin.cols(c),
                        bitsPerBlock[l], h));
                onMatrix.accept(l, lin);
            }
        }
        return new QuantizedLlama(model, bitsPerBlock, quantizer.name(), m);
    }

    static void checkBits(int[] bitsPerBlock, int layers) {
        if (bitsPerBlock.length != layers) {
            throw new IllegalArgumentException("bits: " + bitsPerBlock.length + " entries for " + layers + " blocks");
        }
        for (int b : bitsPerBlock) {
            if (!SUPPORTED_BITS.contains(b)) {
                throw new IllegalArgumentException("bits " + b + " not supported; use one of "
                        + SUPPORTED_BITS.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")));
            }
        }
    }

    public int[] bitsPerBlock() {
        return bits.clone();
    }

    public String quantizerName() {
        return quantizer;
    }

    public Map<String, QuantizedMatrix> matrices() {
        return java.util.Collections.unmodifiableMap(matrices);
    }

    /** Bytes of codes, scales and zero points of all block matrices. */
    public long quantizedBytes() {
        return matrices.values().stream().mapToLong(QuantizedMatrix::storageBytes).sum();
    }

    /** Stored bits per block-matrix weight, scales and zero points included. */
    public double averageBits() {
        long weights = matrices.values().stream().mapToLong(q -> (long) q.rows() * q.cols()).sum();
        return 8.0 * quantizedBytes() / weights;
    }

    /** The float model with every block matrix replaced by its dequantized value. */
    public LlamaModel dequantized() {
        Map<String, float[]> r = new LinkedHashMap<>();
        matrices.forEach((name, q) -> r.put(name, q.dequantize()));
        return base.withTensors(r);
    }

    public void write(Path file) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        base.config().toHfMap().forEach((k, v) -> meta.put(k, String.valueOf(v)));
        meta.put("lwquant.format", FORMAT);
        meta.put("lwquant.bits", Arrays.stream(bits).mapToObj(String::valueOf).collect(Collectors.joining(",")));
        meta.put("lwquant.quantizer", quantizer);
        for (Map.Entry<String, float[]> e : base.weights().entrySet()) {
            QuantizedMatrix q = matrices.get(e.getKey());
            if (q == null) {
                int[] shape = LlamaModel.shapeOf(base.config(), e.getKey());
                tensors.put(e.getKey(), Tensor.ofFloats(e.getValue(), Arrays.stream(shape).asLongStream().toArray()));
                continue;
            }
            String name = e.getKey();
            int groups = q.scales().length / q.rows();
            tensors.put(name + ".qcodes", Tensor.ofBytes(q.packedCodes(), q.packedCodes().length));
            tensors.put(name + ".scales", Tensor.ofHalves(q.scales(), q.rows(), groups));
            if (!q.symmetric()) {
                tensors.put(name + ".qzeros", Tensor.ofBytes(q.packedZeros(), q.packedZeros().length));
            }
            meta.put(name, q.bits() + "," + q.groupSize() + "," + q.rows() + "," + q.cols() + ","
                    + (q.symmetric() ? "sym" : "asym"));
        }
        new Safetensors(tensors, meta).write(file);
    }

    public static QuantizedLlama read(Path file) {
        Safetensors contents = Safetensors.read(file);
        Map<String, String> meta = contents.metadata();
        if (!FORMAT.equals(meta.get("lwquant.format"))) {
            throw new IllegalArgumentException(file + ": not an " + FORMAT + " file (lwquant.format = "
                    + meta.get("lwquant.format") + ")");
        }
        LlamaConfig config = LlamaConfig.fromHfMap(meta);
        int[] bits;
        try {
            bits = Arrays.stream(meta.getOrDefault("lwquant.bits", "").split(",")).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": bad lwquant.bits '" + meta.get("lwquant.bits") + "'");
        }
        checkBits(bits, config.layers());
        Map<String, float[]> floats = new LinkedHashMap<>();
        Map<String, QuantizedMatrix> m = new LinkedHashMap<>();
        for (String name : LlamaModel.expectedSizes(config).keySet()) {
            Tensor plain = contents.tensors().get(name);
            if (plain != null) {
                floats.put(name, plain.toFloats());
                continue;
            }
            String spec = meta.get(name);
            Tensor codes = contents.tensors().get(name + ".qcodes");
            Tensor scales = contents.tensors().get(name + ".scales");
            if (spec == null || codes == null || scales == null) {
                throw new IllegalArgumentException(file + ": tensor '" + name + "' is missing");
            }
            String[] s = spec.split(",");
            if (s.length != 5) {
                throw new IllegalArgumentException(file + ": bad spec for '" + name + "': " + spec);
            }
            int b = Integer.parseInt(s[0]);
            int rows = Integer.parseInt(s[2]);
            int cols = Integer.parseInt(s[3]);
            int[] expected = LlamaModel.shapeOf(config, name);
            if (rows != expected[0] || cols != expected[1]) {
                throw new IllegalArgumentException(file + ": tensor '" + name + "' is " + rows + " x " + cols
                        + ", the config needs " + expected[0] + " x " + expected[1]);
            }
            Tensor zeros = contents.tensors().get(name + ".qzeros");
            QuantizedMatrix q = new QuantizedMatrix(rows, cols, b, Integer.parseInt(s[1]), codes.data(),
                    scales.toHalves(), s[4].equals("asym") ? zeros == null ? new byte[0] : zeros.data() : null);
            m.put(name, q);
            floats.put(name, new float[rows * cols]); // placeholder until dequantized
        }
        LlamaModel base = new LlamaModel(config, floats);
        return new QuantizedLlama(base, bits, meta.getOrDefault("lwquant.quantizer", "unknown"), m);
    }
}
