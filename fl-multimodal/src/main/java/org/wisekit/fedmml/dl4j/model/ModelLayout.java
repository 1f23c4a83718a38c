package org.wisekit.fedmml.dl4j.model;

import java.util.ArrayList;
import java.util.List;
import org.wisekit.fedmml.fl.NamedTensors;
import org.wisekit.fedmml.fl.TensorSpec;
import org.wisekit.tensor.nd4j.SeededInit;

/**
 * The names and shapes of every parameter, grouped the way the schemes grow and freeze them: per modality
 * ({@code img}, {@code aud}) the embedding, each transformer layer {@code L0, L1, ...}, the final LayerNorm and
 * the projection head; then the fusion head. Initial values depend only on the seed and the tensor's name, so
 * layer k starts from the same weights whichever stage appends it.
 */
public final class ModelLayout {

    public static final String IMAGE = "img";
    public static final String AUDIO = "aud";

    private final ModelConfig config;

    public ModelLayout(ModelConfig config) {
        this.config = config;
    }

    public ModelConfig config() {
        return config;
    }

    public List<TensorSpec> embedding(String modality) {
        int in = modality.equals(IMAGE) ? config.patchDim() : config.frameDim();
        int tokens = modality.equals(IMAGE) ? config.imageTokens() : config.audioTokens();
        int d = config.dim();
        return List.of(spec(modality + ".embed.w", in, d), spec(modality + ".embed.b", d), spec(modality + ".pos", tokens, d));
    }

    public List<TensorSpec> layer(String modality, int k) {
        String p = modality + ".L" + k + ".";
        int d = config.dim();
        int h = config.mlpHidden();
        return List.of(spec(p + "ln1.g", d), spec(p + "ln1.b", d),
                spec(p + "attn.wqkv", d, 3 * d), spec(p + "attn.bqkv", 3 * d), spec(p + "attn.wo", d, d),
                spec(p + "attn.bo", d),
                spec(p + "ln2.g", d), spec(p + "ln2.b", d),
                spec(p + "mlp.w1", d, h), spec(p + "mlp.b1", h), spec(p + "mlp.w2", h, d), spec(p + "mlp.b2", d));
    }

    public List<TensorSpec> finalNorm(String modality) {
        return List.of(spec(modality + ".lnf.g", config.dim()), spec(modality + ".lnf.b", config.dim()));
    }

    public List<TensorSpec> projection(String modality) {
        String p = modality + ".proj.";
        int ph = config.projHidden();
        return List.of(spec(p + "w1", config.dim(), ph), spec(p + "b1", ph), spec(p + "ln.g", ph), spec(p + "ln.b", ph),
                spec(p + "w2", ph, config.projDim()), spec(p + "b2", config.projDim()));
    }

    /** The prediction head of the fusion task (empty for the contrastive task). */
    public List<TensorSpec> fusionHead(Task task) {
        if (task != Task.FUSION) {
            return List.of();
        }
        int in = 2 * config.projDim();
        return List.of(spec("fuse.w1", in, in), spec("fuse.b1", in), spec("fuse.w2", in, config.classes()),
                spec("fuse.b2", config.classes()));
    }

    /** Everything outside the encoders' layer stacks: final norms, projection heads, fusion head. */
    public List<TensorSpec> heads(Task task) {
        List<TensorSpec> out = new ArrayList<>();
        for (String m : List.of(IMAGE, AUDIO)) {
            out.addAll(finalNorm(m));
            out.addAll(projection(m));
        }
        out.addAll(fusionHead(task));
        return out;
    }

    /** All parameters of a model with the given encoder depths. */
    public List<TensorSpec> all(Task task, int imageDepth, int audioDepth) {
        List<TensorSpec> out = new ArrayList<>(encoder(IMAGE, 0, imageDepth, true));
        out.addAll(encoder(AUDIO, 0, audioDepth, true));
        out.addAll(heads(task));
        return out;
    }

    /** The layers {@code [from, to)} of one encoder, with its embedding first when asked. */
    public List<TensorSpec> encoder(String modality, int from, int to, boolean withEmbedding) {
        List<TensorSpec> out = new ArrayList<>();
        if (withEmbedding) {
            out.addAll(embedding(modality));
        }
        for (int k = from; k < to; k++) {
            out.addAll(layer(modality, k));
        }
        return out;
    }

    /**
     * Initial values: weight matrices N(0, 1/fan_in), positional embeddings N(0, 0.02^2), LayerNorm gains 1,
     * biases 0, each from a generator seeded by {@code seed} and the tensor's name ({@link SeededInit} with
     * {@link SeededInit.Mixing#SUM}).
     */
    public static NamedTensors initialise(List<TensorSpec> specs, long seed) {
        SeededInit init = new SeededInit(seed, SeededInit.Mixing.SUM);
        NamedTensors out = new NamedTensors();
        for (TensorSpec s : specs) {
            float[] v = new float[(int) s.elements()];
            String leaf = s.name().substring(s.name().lastIndexOf('.') + 1);
            if (leaf.equals("g")) {
                java.util.Arrays.fill(v, 1f);
            } else if (s.shape().length == 2) {
                double std = leaf.equals("pos") ? 0.02 : 1 / Math.sqrt(s.shape()[0]);
                double[] normal = init.normal(s.name(), std, v.length);
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) normal[i];
                }
            }
            out.put(s.name(), s.shape(), v);
        }
        return out;
    }

    private static TensorSpec spec(String name, int... shape) {
        return new TensorSpec(name, shape);
    }
}
