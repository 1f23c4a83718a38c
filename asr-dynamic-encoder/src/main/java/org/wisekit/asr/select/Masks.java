package org.wisekit.asr.select;

import java.util.Arrays;

/**
 * Keep-masks of the subnets: {@code masks[i][m]} is true when module m is kept (executed) in the subnet of
 * {@code sizes[i]} modules. A size set is strictly increasing, each size in {@code 1..L}, the last equal to L
 * (the supernet), e.g. {4, 8, 12, 16} for L = 16.
 *
 * <p>The data-driven masks ({@link #fromScores}) keep the top-k of the raw scores for each size, as the
 * official stage-2 and inference code does ({@code topk(scores, L - k, largest=False)} removed). Ties are broken
 * by the lower module index (the earlier module is kept), so the masks are a deterministic function of the
 * scores and nested by construction. The naive masks of the ablation, {@link #firstK} and
 * {@link #everyOther}, are nested too.
 */
public final class Masks {

    private Masks() {
    }

    /**
     * Checks a size set.
     *
     * @param sizes   the subnet sizes
     * @param modules L, the number of prunable modules
     * @return {@code sizes} itself
     * @throws IllegalArgumentException if the sizes are not strictly increasing, lie outside {@code 1..L}, or
     *                                  do not end with L
     */
    public static int[] validateSizes(int[] sizes, int modules) {
        if (modules < 1) {
            throw new IllegalArgumentException("modules must be >= 1, got " + modules);
        }
        if (sizes == null || sizes.length == 0) {
            throw new IllegalArgumentException("sizes must name at least one size");
        }
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 1 || sizes[i] > modules) {
                throw new IllegalArgumentException("size " + sizes[i] + " is outside 1.." + modules);
            }
            if (i > 0 && sizes[i] <= sizes[i - 1]) {
                throw new IllegalArgumentException("sizes " + Arrays.toString(sizes)
                        + " are not strictly increasing (" + sizes[i - 1] + " then " + sizes[i] + ")");
            }
        }
        if (sizes[sizes.length - 1] != modules) {
            throw new IllegalArgumentException("the last size is " + sizes[sizes.length - 1] + "; it must be "
                    + modules + " (the supernet)");
        }
        return sizes;
    }

    /**
     * The top-k keep-mask of the scores: the k largest scores, ties broken by the lower module index.
     *
     * @param scores one finite score per module
     * @param k      number of modules to keep, in {@code 0..scores.length}
     * @return the keep-mask
     */
    public static boolean[] topK(double[] scores, int k) {
        if (scores == null) {
            throw new IllegalArgumentException("scores must not be null");
        }
        if (k < 0 || k > scores.length) {
            throw new IllegalArgumentException("k is " + k + ", outside 0.." + scores.length);
        }
        int[] order = ranking(scores);
        boolean[] keep = new boolean[scores.length];
        for (int i = 0; i < k; i++) {
            keep[order[i]] = true;
        }
        return keep;
    }

    /**
     * The module indices ordered from the highest score to the lowest (ties: lower index first).
     *
     * @param scores one finite score per module
     * @return a permutation of {@code 0..scores.length-1}
     */
    public static int[] ranking(double[] scores) {
        if (scores == null) {
            throw new IllegalArgumentException("scores must not be null");
        }
        for (int m = 0; m < scores.length; m++) {
            if (!Double.isFinite(scores[m])) {
                throw new IllegalArgumentException("scores[" + m + "] is " + scores[m] + "; scores must be finite");
            }
        }
        Integer[] boxed = new Integer[scores.length];
        for (int m = 0; m < boxed.length; m++) {
            boxed[m] = m;
        }
        Arrays.sort(boxed, (a, b) -> {
            int c = Double.compare(scores[b], scores[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] order = new int[boxed.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = boxed[i];
        }
        return order;
    }

    /**
     * The data-driven masks: for each size k, the top-k of the raw scores (never of the relaxed gates).
     *
     * @param scores the learned scores, one per module
     * @param sizes  a size set for {@code L = scores.length} (see {@link #validateSizes})
     * @return one keep-mask per size, nested
     */
    public static boolean[][] fromScores(double[] scores, int[] sizes) {
        if (scores == null) {
            throw new IllegalArgumentException("scores must not be null");
        }
        validateSizes(sizes, scores.length);
        int[] order = ranking(scores);
        boolean[][] masks = new boolean[sizes.length][scores.length];
        for (int i = 0; i < sizes.length; i++) {
            for (int r = 0; r < sizes[i]; r++) {
                masks[i][order[r]] = true;
            }
        }
        return masks;
    }

    /**
     * Naive masks: the first k modules (the lowest indices, i.e. the bottom of the encoder) for each size.
     * Nested.
     *
     * @param modules L
     * @param sizes   a size set for L
     * @return one keep-mask per size
     */
    public static boolean[][] firstK(int modules, int[] sizes) {
        validateSizes(sizes, modules);
        boolean[][] masks = new boolean[sizes.length][modules];
        for (int i = 0; i < sizes.length; i++) {
            Arrays.fill(masks[i], 0, sizes[i], true);
        }
        return masks;
    }

    /**
     * Naive masks: "every other module", generalised to every size by one fixed ranking, so that the family is
     * nested: modules are ranked by their bit-reversed index (the van der Corput order; with
     * {@code b = ceil(log2 L)} bits, module m ranks by the reverse of its b-bit binary form, ties impossible) and
     * size k keeps the first k. Even indices reverse to values below {@code 2^(b-1)}, so {@code k = L/2} keeps
     * exactly the even modules 0, 2, 4, ...; likewise {@code k = L/4} keeps every fourth module when 4 divides
     * L, and the sizes in between add modules evenly spread (L = 16, k = 12: the even modules and 1, 5, 9, 13).
     *
     * @param modules L
     * @param sizes   a size set for L
     * @return one keep-mask per size, nested
     */
    public static boolean[][] everyOther(int modules, int[] sizes) {
        validateSizes(sizes, modules);
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, modules - 1));
        double[] priority = new double[modules];
        for (int m = 0; m < modules; m++) {
            int reversed = bits == 0 ? 0 : Integer.reverse(m) >>> (32 - bits);
            priority[m] = -reversed;                 // a higher priority is a smaller reversed index
        }
        return fromScores(priority, sizes);
    }

    /**
     * A one-line description of masks, e.g. {@code "4: [0, 4, 8, 12]; 16: all"}.
     *
     * @param masks keep-masks, one per size
     * @param sizes the sizes, one per mask
     * @return each size with the indices of its kept modules
     */
    public static String describe(boolean[][] masks, int[] sizes) {
        if (masks == null || sizes == null || masks.length != sizes.length) {
            throw new IllegalArgumentException("masks and sizes must both be given, one mask per size");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < masks.length; i++) {
            if (i > 0) {
                out.append("; ");
            }
            out.append(sizes[i]).append(": ");
            if (count(masks[i]) == masks[i].length) {
                out.append("all");
                continue;
            }
            out.append('[');
            boolean first = true;
            for (int m = 0; m < masks[i].length; m++) {
                if (masks[i][m]) {
                    out.append(first ? "" : ", ").append(m);
                    first = false;
                }
            }
            out.append(']');
        }
        return out.toString();
    }

    /**
     * Whether each mask keeps every module that the previous (smaller) one keeps.
     *
     * @param masks keep-masks ordered by size, all of one length
     * @return true when {@code masks[i]} is a subset of {@code masks[i + 1]} for every i
     */
    public static boolean nested(boolean[][] masks) {
        if (masks == null) {
            throw new IllegalArgumentException("masks must not be null");
        }
        for (int i = 1; i < masks.length; i++) {
            if (masks[i].length != masks[0].length) {
                throw new IllegalArgumentException("mask " + i + " has " + masks[i].length + " modules, mask 0 has "
                        + masks[0].length);
            }
            for (int m = 0; m < masks[i].length; m++) {
                if (masks[i - 1][m] && !masks[i][m]) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The number of kept modules of a mask.
     *
     * @param mask a keep-mask
     * @return how many entries are true
     */
    public static int count(boolean[] mask) {
        if (mask == null) {
            throw new IllegalArgumentException("mask must not be null");
        }
        int n = 0;
        for (boolean keep : mask) {
            if (keep) {
                n++;
            }
        }
        return n;
    }
}
