package org.wisekit.tensor;

import java.util.random.RandomGenerator;

/**
 * Seeded permutations for minibatch training: every trainer in wisekit draws its example order here, so
 * that one seed gives one order whichever module trains. The Fisher-Yates walk runs from the last index
 * down, drawing {@code rng.nextInt(i + 1)}; with the same generator the order is the same on every JVM.
 */
public final class Shuffles {

    private Shuffles() {
    }

    /** {@code 0, 1, ..., n - 1}. */
    public static int[] identity(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Shuffles {@code a} in place (Fisher-Yates) with {@code rng}. */
    public static void shuffle(int[] a, RandomGenerator rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A random permutation of {@code 0..n-1}: {@link #identity} shuffled with {@code rng}. */
    public static int[] permutation(int n, RandomGenerator rng) {
        int[] p = identity(n);
        shuffle(p, rng);
        return p;
    }
}
