package org.wisekit.lwquant.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wisekit.lwquant.Perplexity;
import org.wisekit.lwquant.TestModels;
import org.wisekit.lwquant.TextCorpus;
import org.wisekit.lwquant.llama.Linear;
import org.wisekit.lwquant.llama.LlamaConfig;
import org.wisekit.lwquant.llama.LlamaModel;

/** The SameDiff decoder graph against the Java forward pass, and deterministic training. */
class DecoderTrainerTest {

    static final LlamaConfig TINY = new LlamaConfig(256, 32, 2, 4, 2, 64, 16, 10000, 1e-5, false);

    @Test
    void javaForwardEqualsSameDiffGraph() {
        LlamaModel model = TestModels.randomModel(TINY, 3);
        int[][] tokens = new int[2][16];
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < 16; i++) {
                tokens[s][i] = (s * 77 + i * 31) % 256;
            }
        }
        float[] sd = DecoderTrainer.sameDiffLogits(model, tokens);
        for (int s = 0; s < 2; s++) {
            float[] java = model.logits(tokens[s]);
            for (int i = 0; i < java.length; i++) {
                assertThat(java[i]).isCloseTo(sd[s * java.length + i], org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void trainingLowersTheLossDeterministically() {
        int[] text = TextCorpus.bytes(List.of("the cat sat on the mat and the dog sat on the log. ".repeat(40)));
        LlamaConfig c = new LlamaConfig(256, 32, 2, 4, 4, 64, 16, 10000, 1e-5, false);
        DecoderTrainer.Result a = new DecoderTrainer(c, new TrainingConfig(40, 8, 16, 1e-2, 7)).train(text, s -> { });
        assertThat(a.finalLoss()).isLessThan(Math.log(256) / 2);
        TrainingConfig shortRun = new TrainingConfig(3, 4, 16, 1e-2, 7);
        float[] first = new DecoderTrainer(c, shortRun).train(text, s -> { }).model().matrix(1, Linear.UP);
        float[] second = new DecoderTrainer(c, shortRun).train(text, s -> { }).model().matrix(1, Linear.UP);
        assertThat(first).containsExactly(second);
        double ppl = Perplexity.of(a.model(), TextCorpus.windows(text, 16, 10), null);
        assertThat(ppl).isLessThan(20);
    }
}
