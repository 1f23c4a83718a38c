package org.wisekit.lwquant;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.wisekit.tensor.Shuffles;

/**
 * An order of the blocks from least to most important: the first k blocks are the ones moved to the low
 * bit width (or pruned). Built from a score with its direction, at random, reversed, or by llama.cpp's
 * {@code use_more_bits} rule. Immutable.
 */
public record Ordering(String name, int[] leastImportantFirst) {

    public Ordering {
        int[] sorted = leastImportantFirst.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != i) {
                throw new IllegalArgumentException("leastImportantFirst: not a permutation of 0.." + (sorted.length - 1)
                        + ": " + Arrays.toString(leastImportantFirst));
            }
        }
        leastImportantFirst = leastImportantFirst.clone();
    }

    /**
     * @param higherIsMoreImportant true for LIM and BI; for ZD the paper's reading is false (smaller ZD =
     *                              more important)
     */
    public static Ordering byScore(String name, double[] scores, boolean higherIsMoreImportant) {
        Comparator<Integer> ascending = Comparator.comparingDouble((Integer l) -> scores[l]).thenComparingInt(l -> l);
        Comparator<Integer> c = higherIsMoreImportant ? ascending : Comparator.comparingDouble((Integer l) -> -scores[l])
                .thenComparingInt(l -> l);
        return new Ordering(name, IntStream.range(0, scores.length).boxed().sorted(c).mapToInt(Integer::intValue).toArray());
    }

    /** A seeded uniformly random order (Fisher-Yates). */
    public static Ordering random(int layers, long seed) {
        return new Ordering("random-" + seed, Shuffles.permutation(layers, new SplittableRandom(seed)));
    }

    /**
     * llama.cpp's heuristic: layer i gets more bits iff {@code i < n/8 || i >= 7n/8 || (i - n/8) % 3 == 2};
     * those are the most important, the others follow in layer order.
     */
    public static Ordering llamaCpp(int layers) {
        int[] low = IntStream.range(0, layers).filter(i -> !useMoreBits(i, layers)).toArray();
        int[] high = IntStream.range(0, layers).filter(i -> useMoreBits(i, layers)).toArray();
        return new Ordering("llama.cpp", IntStream.concat(Arrays.stream(low), Arrays.stream(high)).toArray());
    }

    static boolean useMoreBits(int i, int n) {
        return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2;
    }

    /** The same blocks in the opposite order (most important first). */
    public Ordering reversed() {
        int n = leastImportantFirst.length;
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = leastImportantFirst[n - 1 - i];
        }
        return new Ordering("reverse-" + name, r);
    }

    public int layers() {
        return leastImportantFirst.length;
    }

    /** Number of blocks moved for fraction f: {@code round(f * layers)}. */
    public static int movedBlocks(double fraction, int layers) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1], got " + fraction);
        }
        return (int) Math.round(fraction * layers);
    }

    /** Bits per block: the {@code movedBlocks(f)} least important get {@code lo}, the rest {@code hi}. */
    public int[] allocate(double fraction, int hi, int lo) {
        int n = layers();
        int k = movedBlocks(fraction, n);
        int[] bits = new int[n];
        Arrays.fill(bits, hi);
        for (int i = 0; i < k; i++) {
            bits[leastImportantFirst[i]] = lo;
        }
        return bits;
    }

    /** Which blocks layer pruning drops: the {@code k} least important. */
    public boolean[] prune(int k) {
        if (k < 0 || k > layers()) {
            throw new IllegalArgumentException("k must be in [0, " + layers() + "], got " + k);
        }
        boolean[] skip = new boolean[layers()];
        for (int i = 0; i < k; i++) {
            skip[leastImportantFirst[i]] = true;
        }
        return skip;
    }
}
