package org.wisekit.fedmml.dl4j.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Loss functions built into SameDiff graphs. */
public final class Losses {

    private Losses() {
    }

    /**
     * Symmetric InfoNCE (CLIP loss) of the official code:
     * {@code L = (CE(S, I) + CE(S^T, I)) / 2} with {@code S = zi za^T / tau}, where row i of {@code zi} and
     * {@code za} are a positive pair, {@code CE(S, I) = -1/B sum_i log softmax(S_i)_i} and {@code eye} is the
     * B x B identity (a placeholder, so the batch size may vary). The embeddings must already be L2-normalised.
     */
    public static SDVariable symmetricInfoNce(SameDiff sd, SDVariable zi, SDVariable za, SDVariable eye,
                                              double temperature) {
        SDVariable logits = sd.mmul(zi, za, false, true, false).div(temperature);
        // Row-wise log-softmax is image->audio; column-wise is audio->image (the transpose's rows).
        SDVariable imageToAudio = eye.mul(logSoftmax(logits, 1)).sum(1).mean();
        SDVariable audioToImage = eye.mul(logSoftmax(logits, 0)).sum(0).mean();
        return imageToAudio.add(audioToImage).mul(-0.5);
    }

    /**
     * log softmax along {@code dim}, as {@code x - max - log(sum(exp(x - max)))}. (SameDiff's own log_softmax op
     * cannot be differentiated in ND4J 1.0.0-M2.1: cloning it for the gradient graph fails.)
     */
    public static SDVariable logSoftmax(SDVariable x, int dim) {
        SDVariable shifted = x.sub(x.max(true, dim));
        return shifted.sub(shifted.getSameDiff().math.log(shifted.getSameDiff().math.exp(shifted).sum(true, dim)));
    }
}
