package org.wisekit.lwquant.llama;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shape of a llama-style decoder: pre-norm blocks of RMSNorm, multi-head attention with rotary positions
 * (the Hugging Face "rotate half" layout, grouped-query when {@code kvHeads < heads}) and a SwiGLU MLP.
 * Field names follow Hugging Face's {@code config.json} ({@link #toHfMap}).
 */
public record LlamaConfig(int vocabSize, int dim, int layers, int heads, int kvHeads, int hidden, int maxContext,
                          double ropeTheta, double normEps, boolean tiedEmbeddings) {

    public LlamaConfig {
        positive("vocabSize", vocabSize);
        positive("dim", dim);
        positive("layers", layers);
        positive("heads", heads);
        positive("kvHeads", kvHeads);
        positive("hidden", hidden);
        positive("maxContext", maxContext);
        if (dim % heads != 0 || (dim / heads) % 2 != 0) {
            throw new IllegalArgumentException("dim " + dim + " must be heads (" + heads + ") x an even head size");
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("heads " + heads + " must be a multiple of kvHeads " + kvHeads);
        }
        if (!(ropeTheta > 0) || !(normEps > 0)) {
            throw new IllegalArgumentException("ropeTheta and normEps must be > 0, got " + ropeTheta + ", " + normEps);
        }
    }

    public int headDim() {
        return dim / heads;
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
    }

    /** The Hugging Face config.json keys. */
    public Map<String, Object> toHfMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architectures", java.util.List.of("LlamaForCausalLM"));
        m.put("vocab_size", vocabSize);
        m.put("hidden_size", dim);
        m.put("num_hidden_layers", layers);
        m.put("num_attention_heads", heads);
        m.put("num_key_value_heads", kvHeads);
        m.put("intermediate_size", hidden);
        m.put("max_position_embeddings", maxContext);
        m.put("rope_theta", ropeTheta);
        m.put("rms_norm_eps", normEps);
        m.put("tie_word_embeddings", tiedEmbeddings);
        return m;
    }

    /** Reads the Hugging Face config.json keys (values may be numbers or numeric strings). */
    public static LlamaConfig fromHfMap(Map<String, ?> m) {
        int heads = intKey(m, "num_attention_heads", null);
        return new LlamaConfig(intKey(m, "vocab_size", null), intKey(m, "hidden_size", null),
                intKey(m, "num_hidden_layers", null), heads, intKey(m, "num_key_value_heads", heads),
                intKey(m, "intermediate_size", null), intKey(m, "max_position_embeddings", 2048),
                doubleKey(m, "rope_theta", 10000.0), doubleKey(m, "rms_norm_eps", 1e-5),
                Boolean.parseBoolean(String.valueOf(m.containsKey("tie_word_embeddings") ? m.get("tie_word_embeddings") : "false")));
    }

    private static int intKey(Map<String, ?> m, String key, Integer dflt) {
        Object v = m.get(key);
        if (v == null) {
            if (dflt == null) {
                throw new IllegalArgumentException("config: missing key '" + key + "'");
            }
            return dflt;
        }
        try {
            return (int) Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config: key '" + key + "' is not a number: " + v);
        }
    }

    private static double doubleKey(Map<String, ?> m, String key, double dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config: key '" + key + "' is not a number: " + v);
        }
    }
}
