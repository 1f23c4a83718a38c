package org.wisekit.asr.ctc;

/**
 * Accumulates the digit (label) error rate over many utterances: the summed edit distances divided by the
 * summed reference lengths (a corpus-level rate, not a mean of per-utterance rates). Also counts utterances
 * and utterances with at least one error. Not thread-safe.
 */
public final class DigitErrorRate {

    private long errors;
    private long referenceLabels;
    private int sequences;
    private int wrongSequences;

    /** An empty accumulator. */
    public DigitErrorRate() {
    }

    /**
     * Adds one utterance.
     *
     * @param reference  the reference labels
     * @param hypothesis the decoded labels
     * @return this utterance's edit distance
     */
    public int add(int[] reference, int[] hypothesis) {
        int distance = EditDistance.levenshtein(reference, hypothesis);
        errors += distance;
        referenceLabels += reference.length;
        sequences++;
        if (distance > 0) {
            wrongSequences++;
        }
        return distance;
    }

    /**
     * The error rate: summed edit distances / summed reference lengths (may exceed 1 with many insertions).
     *
     * @throws IllegalStateException if no reference label has been added
     */
    public double rate() {
        if (referenceLabels == 0) {
            throw new IllegalStateException("no reference labels added; the error rate is undefined");
        }
        return (double) errors / referenceLabels;
    }

    /** The summed edit distances. */
    public long errors() {
        return errors;
    }

    /** The summed reference lengths. */
    public long referenceLabels() {
        return referenceLabels;
    }

    /** The number of utterances added. */
    public int sequences() {
        return sequences;
    }

    /** The number of utterances whose hypothesis differs from the reference. */
    public int wrongSequences() {
        return wrongSequences;
    }
}
