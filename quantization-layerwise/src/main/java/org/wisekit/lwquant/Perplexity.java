package org.wisekit.lwquant;

import java.util.List;
import org.wisekit.lwquant.llama.LlamaModel;

/** Perplexity of a decoder on windows of text: exp of the mean next-token negative log-likelihood. */
public final class Perplexity {

    private Perplexity() {
    }

    /**
     * @param skip blocks to leave out (layer pruning), or {@code null}
     */
    public static double of(LlamaModel model, List<int[]> windows, boolean[] skip) {
        int v = model.config().vocabSize();
        double nll = 0;
        long count = 0;
        for (int[] w : windows) {
            float[] logits = model.logits(w, skip, org.wisekit.lwquant.llama.ForwardTrace.NONE);
            for (int i = 0; i + 1 < w.length; i++) {
                int off = i * v;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < v; j++) {
                    max = Math.max(max, logits[off + j]);
                }
                double sum = 0;
                for (int j = 0; j < v; j++) {
                    sum += Math.exp(logits[off + j] - max);
                }
                nll += max + Math.log(sum) - logits[off + w[i + 1]];
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("windows: need windows of at least 2 tokens");
        }
        return Math.exp(nll / count);
    }
}
