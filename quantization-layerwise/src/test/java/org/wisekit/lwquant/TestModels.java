package org.wisekit.lwquant;

import java.util.Map;
import org.wisekit.lwquant.dl4j.DecoderTrainer;
import org.wisekit.lwquant.dl4j.TrainingConfig;
import org.wisekit.lwquant.llama.LlamaConfig;
import org.wisekit.lwquant.llama.LlamaModel;

/** Seeded random llama models for the tests. */
public final class TestModels {

    private TestModels() {
    }

    public static LlamaModel randomModel(LlamaConfig c, long seed) {
        Map<String, float[]> w = new DecoderTrainer(c, new TrainingConfig(1, 1, c.maxContext(), 1e-3, seed)).initialWeights();
        // Larger weights than the training init, so the check is not dominated by the residual stream.
        w.replaceAll((k, v) -> {
            float[] s = v.clone();
            if (!k.endsWith("norm.weight")) {
                for (int i = 0; i < s.length; i++) {
                    s[i] *= 10;
                }
            }
            return s;
        });
        return new LlamaModel(c, w);
    }
}
