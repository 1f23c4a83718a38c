package org.wisekit.asr.ctc;

/** Levenshtein distance between label sequences (insertions, deletions and substitutions each cost 1). */
public final class EditDistance {

    private EditDistance() {
    }

    /**
     * The minimum number of single-label insertions, deletions and substitutions that turn {@code reference}
     * into {@code hypothesis}.
     *
     * @param reference  the reference labels
     * @param hypothesis the hypothesis labels
     * @return the distance, between {@code |len(reference) - len(hypothesis)|} and the longer length
     */
    public static int levenshtein(int[] reference, int[] hypothesis) {
        if (reference == null || hypothesis == null) {
            throw new IllegalArgumentException("reference and hypothesis must not be null");
        }
        int m = hypothesis.length;
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= reference.length; i++) {
            current[0] = i;
            int r = reference[i - 1];
            for (int j = 1; j <= m; j++) {
                int substitution = previous[j - 1] + (r == hypothesis[j - 1] ? 0 : 1);
                int deletion = previous[j] + 1;
                int insertion = current[j - 1] + 1;
                current[j] = Math.min(substitution, Math.min(deletion, insertion));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[m];
    }
}
