package org.wisekit.asr.ctc;

import java.util.Arrays;

/**
 * Greedy (best-path) CTC decoding: the most probable symbol of each frame, repeats merged, blanks
 * ({@link Ctc#BLANK}) dropped. For example the frame labels {@code [1,1,0,1,2,2,0,0]} decode to
 * {@code [1,1,2]}: the blank separates the two 1s.
 */
public final class CtcDecoder {

    private CtcDecoder() {
    }

    /**
     * Decodes one sequence.
     *
     * @param logits row-major {@code [frames][vocab]} scores (logits, probabilities or log-probabilities: only
     *               the argmax of each frame matters; ties go to the lower symbol index)
     * @param frames number of frames (at least 0)
     * @param vocab  number of symbols including the blank (at least 1)
     * @return the decoded labels, each in {@code 1..vocab-1}
     */
    public static int[] greedy(float[] logits, int frames, int vocab) {
        return greedy(logits, 0, frames, vocab);
    }

    /**
     * Decodes one sequence stored at {@code offset} of a larger array, e.g. item b of a padded
     * {@code [batch][maxFrames][vocab]} array at {@code offset = b * maxFrames * vocab}.
     *
     * @param logits row-major scores; frame t of the sequence starts at {@code offset + t * vocab}
     * @param offset index of the sequence's first score
     * @param frames number of frames (at least 0)
     * @param vocab  number of symbols including the blank (at least 1)
     * @return the decoded labels, each in {@code 1..vocab-1}
     */
    public static int[] greedy(float[] logits, int offset, int frames, int vocab) {
        if (logits == null) {
            throw new IllegalArgumentException("logits must not be null");
        }
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be >= 0, got " + frames);
        }
        if (vocab < 1) {
            throw new IllegalArgumentException("vocab must be >= 1, got " + vocab);
        }
        if (offset < 0 || (long) offset + (long) frames * vocab > logits.length) {
            throw new IllegalArgumentException("offset " + offset + " + " + frames + " x " + vocab
                    + " scores exceeds logits length " + logits.length);
        }
        int[] out = new int[frames];
        int n = 0;
        int previous = Ctc.BLANK;
        for (int t = 0; t < frames; t++) {
            int row = offset + t * vocab;
            int best = 0;
            float bestScore = logits[row];
            for (int k = 1; k < vocab; k++) {
                if (logits[row + k] > bestScore) {
                    bestScore = logits[row + k];
                    best = k;
                }
            }
            if (best != Ctc.BLANK && best != previous) {
                out[n++] = best;
            }
            previous = best;
        }
        return Arrays.copyOf(out, n);
    }
}
