package org.wisekit.text.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.wisekit.text.Tokenizer;

/** Argument checks and batching order shared by the sentence encoders. Not API. */
public final class Texts {

    private Texts() {
    }

    /**
     * Checks the texts an encoder receives and tokenizes them.
     *
     * @param texts     the texts
     * @param tokenizer the tokenizer (adds the special tokens, truncates)
     * @return one id array per text
     * @throws IllegalArgumentException naming {@code texts}, or the index of the first {@code null} text
     */
    public static int[][] tokenize(List<String> texts, Tokenizer tokenizer) {
        if (texts == null) {
            throw new IllegalArgumentException("texts: must not be null");
        }
        int[][] ids = new int[texts.size()][];
        int i = 0;
        for (String t : texts) {
            if (t == null) {
                throw new IllegalArgumentException("texts[" + i + "]: is null");
            }
            ids[i++] = tokenizer.encode(t);
        }
        return ids;
    }

    /**
     * The indices of {@code ids} from the shortest sequence to the longest, ties in index order (a stable,
     * input-determined order).
     *
     * @param ids the sequences
     * @return a permutation of {@code 0 .. ids.length - 1}
     */
    public static int[] byLength(int[][] ids) {
        Integer[] order = new Integer[ids.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> ids[i].length).thenComparingInt(i -> i));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
}
