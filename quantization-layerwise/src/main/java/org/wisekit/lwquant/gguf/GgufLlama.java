package org.wisekit.lwquant.gguf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wisekit.lwquant.llama.Linear;
import org.wisekit.lwquant.llama.LlamaConfig;
import org.wisekit.lwquant.llama.LlamaModel;

/**
 * A llama model as a GGUF file, its block matrices stored in the ggml type the layer-wise allocation gives
 * each block, everything else (embeddings, LM head, norms) in F32.
 *
 * <p><b>From bits to ggml types.</b> GGUF has no fractional or per-group-size bit widths, only fixed block
 * formats, so a block's allocated width maps to a type ({@link #typeFor}): 8 bits or more to {@code Q8_0}
 * (8.5 bits per weight), 4 bits or fewer to {@code Q4_0} (4.5 bits per weight; ggml has no 2- or 3-bit
 * format with the same block layout), 16 to {@code F16}. When the allocation has two widths (hi and lo) that
 * would map to the same type, {@link #types(int[], int, int)} keeps the distinction the method made: the
 * blocks at hi bits get {@code Q8_0} and the blocks at lo bits {@code Q4_0}. The average bits per weight of
 * the file then lies between 4.5 and 8.5, at the fraction the allocation chose. The weights are quantized
 * from float32 by ggml's reference functions ({@link GgmlType}), not by GPTQ. A matrix whose rows (input
 * features) are not a multiple of 32 values cannot be stored in 32-value blocks and is written as
 * {@code F16} instead.
 *
 * <p><b>Layout.</b> Tensor names, metadata keys and the q/k row order follow llama.cpp's converter for
 * Hugging Face llama checkpoints: {@code token_embd}, {@code blk.N.attn_norm}, {@code blk.N.attn_q},
 * {@code attn_k}, {@code attn_v}, {@code attn_output}, {@code ffn_norm}, {@code ffn_gate}, {@code ffn_up},
 * {@code ffn_down}, {@code output_norm}, {@code output} (absent when the embeddings are tied), q and k rows
 * permuted from the "rotate half" layout to ggml's interleaved pairs, {@code general.architecture = llama}
 * and the {@code llama.*} hyperparameters. {@link #read} undoes the permutation. Not written: the
 * {@code tokenizer.ggml.*} vocabulary that llama.cpp needs to run the file (this module stores no
 * tokenizer in GGUF); the files were not tested with llama.cpp.
 */
public final class GgufLlama {

    private GgufLlama() {
    }

    /** The ggml type of a block allocated {@code bits} bits (see the class comment). */
    public static GgmlType typeFor(int bits) {
        if (bits >= 32) {
            return GgmlType.F32;
        }
        if (bits >= 16) {
            return GgmlType.F16;
        }
        if (bits >= 8) {
            return GgmlType.Q8_0;
        }
        if (bits >= 2) {
            return GgmlType.Q4_0;
        }
        throw new IllegalArgumentException("bits " + bits + " cannot be stored in GGUF");
    }

    /**
     * Per-block types of an allocation with widths {@code hi} and {@code lo}: {@link #typeFor} of each, except
     * that when hi and lo (hi &gt; lo) map to the same type the hi blocks get {@code Q8_0} and the lo blocks
     * {@code Q4_0}.
     */
    public static GgmlType[] types(int[] bits, int hi, int lo) {
        GgmlType[] t = new GgmlType[bits.length];
        boolean collapse = hi > lo && typeFor(hi) == typeFor(lo);
        for (int l = 0; l < bits.length; l++) {
            t[l] = collapse ? (bits[l] == hi ? GgmlType.Q8_0 : GgmlType.Q4_0) : typeFor(bits[l]);
        }
        return t;
    }

    /** The GGUF tensor name of a Hugging Face llama tensor name. */
    public static String ggufName(String hfName) {
        if (hfName.equals(LlamaModel.EMBED)) {
            return "token_embd.weight";
        }
        if (hfName.equals(LlamaModel.FINAL_NORM)) {
            return "output_norm.weight";
        }
        if (hfName.equals(LlamaModel.LM_HEAD)) {
            return "output.weight";
        }
        String prefix = "model.layers.";
        if (hfName.startsWith(prefix)) {
            int dot = hfName.indexOf('.', prefix.length());
            String layer = hfName.substring(prefix.length(), dot);
            String rest = hfName.substring(dot + 1);
            String g = switch (rest) {
                case "input_layernorm.weight" -> "attn_norm";
                case "post_attention_layernorm.weight" -> "ffn_norm";
                case "self_attn.q_proj.weight" -> "attn_q";
                case "self_attn.k_proj.weight" -> "attn_k";
                case "self_attn.v_proj.weight" -> "attn_v";
                case "self_attn.o_proj.weight" -> "attn_output";
                case "mlp.gate_proj.weight" -> "ffn_gate";
                case "mlp.up_proj.weight" -> "ffn_up";
                case "mlp.down_proj.weight" -> "ffn_down";
                default -> throw new IllegalArgumentException("no GGUF name for tensor '" + hfName + "'");
            };
            return "blk." + layer + "." + g + ".weight";
        }
        throw new IllegalArgumentException("no GGUF name for tensor '" + hfName + "'");
    }

    /**
     * The GGUF tensors and metadata of {@code model} with block l's seven matrices stored as
     * {@code blockTypes[l]}.
     *
     * @param extra further metadata (e.g. {@code lwquant.*} keys), written after the llama keys
     */
    public static Gguf.Contents toGguf(LlamaModel model, GgmlType[] blockTypes, Map<String, Object> extra) {
        LlamaConfig c = model.config();
        if (blockTypes.length != c.layers()) {
            throw new IllegalArgumentException("blockTypes: " + blockTypes.length + " entries for " + c.layers() + " blocks");
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("general.architecture", "llama");
        meta.put("general.name", "wisekit lwquant");
        meta.put("general.quantization_version", 2);
        meta.put("general.alignment", Gguf.DEFAULT_ALIGNMENT);
        meta.put("general.file_type", fileType(blockTypes));
        meta.put("llama.vocab_size", c.vocabSize());
        meta.put("llama.context_length", c.maxContext());
        meta.put("llama.embedding_length", c.dim());
        meta.put("llama.block_count", c.layers());
        meta.put("llama.feed_forward_length", c.hidden());
        meta.put("llama.attention.head_count", c.heads());
        meta.put("llama.attention.head_count_kv", c.kvHeads());
        meta.put("llama.rope.dimension_count", c.headDim());
        meta.put("llama.rope.freq_base", (float) c.ropeTheta());
        meta.put("llama.attention.layer_norm_rms_epsilon", (float) c.normEps());
        meta.putAll(extra);
        List<Gguf.Tensor> tensors = new ArrayList<>();
        for (Map.Entry<String, float[]> e : model.weights().entrySet()) {
            String name = e.getKey();
            int[] shape = LlamaModel.shapeOf(c, name);
            GgmlType type = GgmlType.F32;
            float[] values = e.getValue();
            for (int l = 0; l < c.layers(); l++) {
                for (Linear lin : Linear.values()) {
                    if (lin.tensorName(l).equals(name)) {
                        type = blockTypes[l];
                        if (lin == Linear.Q) {
                            values = permute(values, shape[0], shape[1], c.heads(), false);
                        } else if (lin == Linear.K) {
                            values = permute(values, shape[0], shape[1], c.kvHeads(), false);
                        }
                    }
                }
            }
            long[] dims = shape.length == 1 ? new long[] {shape[0]} : new long[] {shape[1], shape[0]};
            if (dims[0] % type.blockSize != 0) {
                type = GgmlType.F16; // rows that are not whole blocks of 32 (llama.cpp falls back the same way)
            }
            tensors.add(Gguf.Tensor.of(ggufName(name), values, type, dims));
        }
        Map<String, Gguf.Tensor> byName = new LinkedHashMap<>();
        tensors.forEach(t -> byName.put(t.name(), t));
        return new Gguf.Contents(Gguf.VERSION, meta, byName);
    }

    /** Writes {@link #toGguf} to {@code file} (atomically). */
    public static void write(Path file, LlamaModel model, GgmlType[] blockTypes, Map<String, Object> extra) {
        Gguf.Contents g = toGguf(model, blockTypes, extra);
        Gguf.write(file, g.metadata(), new ArrayList<>(g.tensors().values()));
    }

    /** llama.cpp's {@code general.file_type}: that of the lowest-precision type among the block matrices. */
    static int fileType(GgmlType[] blockTypes) {
        List<GgmlType> t = Arrays.asList(blockTypes);
        return t.contains(GgmlType.Q4_0) ? 2 : t.contains(GgmlType.Q8_0) ? 7 : t.contains(GgmlType.F16) ? 1 : 0;
    }

    /** Reads a file written by {@link #write} (or any llama GGUF of these types) as a float32 model. */
    public static LlamaModel read(Path file) {
        Gguf.Contents g = Gguf.read(file);
        try {
            return fromGguf(g);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The float32 model of parsed GGUF contents (dequantized, q/k rows back in Hugging Face order). */
    public static LlamaModel fromGguf(Gguf.Contents g) {
        String arch = g.get("general.architecture", String.class);
        if (!arch.equals("llama")) {
            throw new IllegalArgumentException("general.architecture is '" + arch + "', only llama is supported");
        }
        int heads = intKey(g, "llama.attention.head_count");
        int kvHeads = g.metadata().containsKey("llama.attention.head_count_kv")
                ? intKey(g, "llama.attention.head_count_kv") : heads;
        Gguf.Tensor embed = g.tensors().get("token_embd.weight");
        if (embed == null) {
            throw new IllegalArgumentException("tensor 'token_embd.weight' is missing");
        }
        int vocab = g.metadata().containsKey("llama.vocab_size") ? intKey(g, "llama.vocab_size")
                : (int) embed.dims()[embed.dims().length - 1];
        boolean tied = !g.tensors().containsKey("output.weight");
        LlamaConfig c = new LlamaConfig(vocab, intKey(g, "llama.embedding_length"), intKey(g, "llama.block_count"), heads,
                kvHeads, intKey(g, "llama.feed_forward_length"), intKey(g, "llama.context_length"),
                floatKey(g, "llama.rope.freq_base", 10000), floatKey(g, "llama.attention.layer_norm_rms_epsilon", 1e-5),
                tied);
        Map<String, float[]> w = new LinkedHashMap<>();
        for (String name : LlamaModel.expectedSizes(c).keySet()) {
            String gname = ggufName(name);
            Gguf.Tensor t = g.tensors().get(gname);
            if (t == null) {
                throw new IllegalArgumentException("tensor '" + gname + "' is missing");
            }
            int[] shape = LlamaModel.shapeOf(c, name);
            long[] dims = shape.length == 1 ? new long[] {shape[0]} : new long[] {shape[1], shape[0]};
            if (!Arrays.equals(t.dims(), dims)) {
                throw new IllegalArgumentException("tensor '" + gname + "' has dims " + Arrays.toString(t.dims())
                        + ", the metadata needs " + Arrays.toString(dims));
            }
            float[] v = t.toFloats();
            if (name.endsWith("self_attn.q_proj.weight")) {
                v = permute(v, shape[0], shape[1], heads, true);
            } else if (name.endsWith("self_attn.k_proj.weight")) {
                v = permute(v, shape[0], shape[1], kvHeads, true);
            }
            w.put(name, v);
        }
        return new LlamaModel(c, w);
    }

    /** The ggml type of each block's matrices in parsed contents (that of its q matrix). */
    public static GgmlType[] blockTypes(Gguf.Contents g) {
        int layers = intKey(g, "llama.block_count");
        GgmlType[] t = new GgmlType[layers];
        for (int l = 0; l < layers; l++) {
            Gguf.Tensor q = g.tensors().get("blk." + l + ".attn_q.weight");
            if (q == null) {
                throw new IllegalArgumentException("tensor 'blk." + l + ".attn_q.weight' is missing");
            }
            t[l] = q.type();
        }
        return t;
    }

    private static int intKey(Gguf.Contents g, String key) {
        Object v = g.metadata().get(key);
        if (!(v instanceof Integer i) || i < 1) {
            throw new IllegalArgumentException("metadata '" + key + "' is " + (v == null ? "missing" : "not a positive"
                    + " integer: " + v));
        }
        return i;
    }

    private static double floatKey(Gguf.Contents g, String key, double dflt) {
        Object v = g.metadata().get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("metadata '" + key + "' is not a number: " + v);
        }
        return n.doubleValue();
    }

    /**
     * Reorders the rows of a q or k matrix: within each head of {@code rows / heads} rows, Hugging Face row
     * {@code half * hd/2 + i} becomes GGUF row {@code 2 i + half} (llama.cpp's converter); {@code inverse}
     * undoes it.
     */
    static float[] permute(float[] w, int rows, int cols, int heads, boolean inverse) {
        int hd = rows / heads;
        int half = hd / 2;
        float[] out = new float[w.length];
        for (int h = 0; h < heads; h++) {
            for (int s = 0; s < 2; s++) {
                for (int i = 0; i < half; i++) {
                    int hf = h * hd + s * half + i;
                    int gg = h * hd + 2 * i + s;
                    int from = inverse ? gg : hf;
                    int to = inverse ? hf : gg;
                    System.arraycopy(w, from * cols, out, to * cols, cols);
                }
            }
        }
        return out;
    }
}
