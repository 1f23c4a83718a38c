package org.wisekit.fedmml.dl4j.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.fedmml.fl.TensorSpec;
import org.wisekit.tensor.nd4j.TransformerBlock;
import org.wisekit.tensor.nd4j.TransformerBlock.Param;

/**
 * Builds the SameDiff graphs of the model. Every graph reads its inputs from placeholders
 * ({@code img.in}, {@code aud.in}, and {@code labels} or {@code eye}) and holds as variables exactly the
 * parameters it uses, so a training graph's variables are the trainable set: a frozen prefix is not part of
 * it and runs in its own forward-only graph.
 */
public final class Graphs {

    /** Where each parameter of the shared transformer block sits in {@link ModelLayout#layer}'s list. */
    private static final Map<Param, Integer> LAYER_INDEX = new EnumMap<>(Map.ofEntries(
            Map.entry(Param.LN1_GAIN, 0), Map.entry(Param.LN1_BIAS, 1), Map.entry(Param.QKV, 2),
            Map.entry(Param.QKV_BIAS, 3), Map.entry(Param.OUT_WEIGHT, 4), Map.entry(Param.OUT_BIAS, 5),
            Map.entry(Param.LN2_GAIN, 6), Map.entry(Param.LN2_BIAS, 7), Map.entry(Param.MLP1_WEIGHT, 8),
            Map.entry(Param.MLP1_BIAS, 9), Map.entry(Param.MLP2_WEIGHT, 10), Map.entry(Param.MLP2_BIAS, 11)));

    private Graphs() {
    }

    /** A training graph: the two segments, the final norms, the heads and the task's loss ({@code loss}). */
    public static ModelGraph training(ModelLayout layout, Task task, Segment image, Segment audio) {
        SameDiff sd = SameDiff.create();
        List<TensorSpec> specs = new ArrayList<>();
        SDVariable zi = projection(sd, layout, specs, ModelLayout.IMAGE, pooled(sd, layout, specs, image));
        SDVariable za = projection(sd, layout, specs, ModelLayout.AUDIO, pooled(sd, layout, specs, audio));
        if (task == Task.FUSION) {
            SDVariable logits = fusionLogits(sd, layout, specs, zi, za);
            SDVariable labels = sd.placeHolder("labels", DataType.FLOAT, -1, layout.config().classes());
            SDVariable nll = labels.mul(Losses.logSoftmax(logits, 1)).sum(1).neg();
            nll.mean().rename("loss");
        } else {
            SDVariable eye = sd.placeHolder("eye", DataType.FLOAT, -1, -1);
            Losses.symmetricInfoNce(sd, normalise(sd, zi), normalise(sd, za), eye, layout.config().temperature())
                    .rename("loss");
        }
        return new ModelGraph(sd, specs, "loss");
    }

    /** The full model in inference: {@code logits} (fusion) or the normalised {@code img.z}, {@code aud.z}. */
    public static ModelGraph evaluation(ModelLayout layout, Task task, int imageDepth, int audioDepth) {
        SameDiff sd = SameDiff.create();
        List<TensorSpec> specs = new ArrayList<>();
        SDVariable zi = projection(sd, layout, specs, ModelLayout.IMAGE,
                pooled(sd, layout, specs, new Segment(ModelLayout.IMAGE, true, 0, imageDepth)));
        SDVariable za = projection(sd, layout, specs, ModelLayout.AUDIO,
                pooled(sd, layout, specs, new Segment(ModelLayout.AUDIO, true, 0, audioDepth)));
        if (task == Task.FUSION) {
            fusionLogits(sd, layout, specs, zi, za).rename("logits");
            return new ModelGraph(sd, specs, "logits");
        }
        normalise(sd, zi).rename("img.z");
        normalise(sd, za).rename("aud.z");
        return new ModelGraph(sd, specs, "img.z", "aud.z");
    }

    /**
     * A frozen prefix: embedding and layers {@code [0, depth)} of each encoder with depth > 0, outputs
     * {@code img.tokens} and/or {@code aud.tokens} ([B * T, d]).
     */
    public static ModelGraph prefix(ModelLayout layout, int imageDepth, int audioDepth) {
        SameDiff sd = SameDiff.create();
        List<TensorSpec> specs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        if (imageDepth > 0) {
            tokens(sd, layout, specs, new Segment(ModelLayout.IMAGE, true, 0, imageDepth)).rename("img.tokens");
            outputs.add("img.tokens");
        }
        if (audioDepth > 0) {
            tokens(sd, layout, specs, new Segment(ModelLayout.AUDIO, true, 0, audioDepth)).rename("aud.tokens");
            outputs.add("aud.tokens");
        }
        return new ModelGraph(sd, specs, outputs.toArray(String[]::new));
    }

    // ------------------------------------------------------------------ building blocks

    /** Tokens of one segment as a 2-D [B * T, d] array (all per-token ops work on it directly). */
    private static SDVariable tokens(SameDiff sd, ModelLayout layout, List<TensorSpec> specs, Segment s) {
        ModelConfig c = layout.config();
        boolean image = s.modality().equals(ModelLayout.IMAGE);
        int in = s.fromRaw() ? (image ? c.patchDim() : c.frameDim()) : c.dim();
        SDVariable x = sd.placeHolder(s.modality() + ".in", DataType.FLOAT, -1, in);
        if (s.fromRaw()) {
            List<TensorSpec> e = layout.embedding(s.modality());
            int t = image ? c.imageTokens() : c.audioTokens();
            SDVariable embedded = sd.reshape(sd.nn.linear(x, var(sd, specs, e.get(0)), var(sd, specs, e.get(1))), -1, t, c.dim());
            x = sd.reshape(embedded.add(var(sd, specs, e.get(2))), -1, c.dim());
        }
        for (int k = s.from(); k < s.to(); k++) {
            x = block(sd, x, layout.layer(s.modality(), k), specs, c, image ? c.imageTokens() : c.audioTokens());
        }
        return x;
    }

    private static SDVariable pooled(SameDiff sd, ModelLayout layout, List<TensorSpec> specs, Segment s) {
        SDVariable x = tokens(sd, layout, specs, s);
        List<TensorSpec> f = layout.finalNorm(s.modality());
        int t = s.modality().equals(ModelLayout.IMAGE) ? layout.config().imageTokens() : layout.config().audioTokens();
        SDVariable normed = sd.nn.layerNorm(x, var(sd, specs, f.get(0)), var(sd, specs, f.get(1)), false, 1);
        return sd.reshape(normed, -1, t, layout.config().dim()).mean(1);
    }

    /**
     * Pre-LN transformer block on [B * T, d] tokens: x + Attn(LN(x)), then + MLP(LN(.)) with GELU. Q, K and V come
     * from one fused [d, 3d] projection, as in timm's ViT: the shared {@link TransformerBlock} with its defaults
     * (rows, fused QKV with bias, {@code xw_plus_b}, ND4J's gelu, output projection), the layer's tensors of
     * {@link ModelLayout#layer} as its parameters. (No op may depend on variables alone: SameDiff's inference
     * session caches such results across calls, so they would not see reloaded parameters.)
     */
    private static SDVariable block(SameDiff sd, SDVariable x, List<TensorSpec> p, List<TensorSpec> specs, ModelConfig c,
                                    int t) {
        TransformerBlock block = TransformerBlock.builder(c.dim(), t, c.heads(), c.dim() / c.heads(), c.mlpHidden())
                .build();
        return block.apply(sd, x, (param, shape, fanIn) -> {
            TensorSpec spec = p.get(LAYER_INDEX.get(param));
            if (!java.util.Arrays.equals(java.util.Arrays.stream(spec.shape()).asLongStream().toArray(), shape)) {
                throw new IllegalStateException(spec.name() + " has shape " + java.util.Arrays.toString(spec.shape())
                        + ", the block expects " + java.util.Arrays.toString(shape));
            }
            return var(sd, specs, spec);
        }, null);
    }

    private static SDVariable projection(SameDiff sd, ModelLayout layout, List<TensorSpec> specs, String modality,
                                         SDVariable pooled) {
        List<TensorSpec> p = layout.projection(modality);
        SDVariable hidden = sd.nn.linear(pooled, var(sd, specs, p.get(0)), var(sd, specs, p.get(1)));
        hidden = sd.nn.relu(sd.nn.layerNorm(hidden, var(sd, specs, p.get(2)), var(sd, specs, p.get(3)), false, 1), 0);
        return sd.nn.linear(hidden, var(sd, specs, p.get(4)), var(sd, specs, p.get(5)));
    }

    private static SDVariable fusionLogits(SameDiff sd, ModelLayout layout, List<TensorSpec> specs, SDVariable zi,
                                           SDVariable za) {
        List<TensorSpec> p = layout.fusionHead(Task.FUSION);
        SDVariable hidden = sd.nn.relu(sd.nn.linear(sd.concat(1, zi, za), var(sd, specs, p.get(0)), var(sd, specs, p.get(1))), 0);
        return sd.nn.linear(hidden, var(sd, specs, p.get(2)), var(sd, specs, p.get(3)));
    }

    static SDVariable normalise(SameDiff sd, SDVariable z) {
        return z.div(sd.math.sqrt(z.mul(z).sum(true, 1).add(1e-12)));
    }

    private static SDVariable var(SameDiff sd, List<TensorSpec> specs, TensorSpec s) {
        specs.add(s);
        long[] shape = new long[s.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = s.shape()[i];
        }
        return sd.var(s.name(), Nd4j.zeros(DataType.FLOAT, shape));
    }
}
