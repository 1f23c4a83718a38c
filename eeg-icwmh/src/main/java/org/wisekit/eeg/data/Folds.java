package org.wisekit.eeg.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.wisekit.tensor.Shuffles;

/**
 * Cross-validation splits that do not leak, and checks that measure leakage:
 * <ul>
 * <li>{@link #leaveOneGroupOut}: one fold per group (e.g. leave-one-run-out over PhysioNet runs);</li>
 * <li>{@link #contiguousBlocks}: {@code k} blocks of consecutive windows in time order, each window wholly in one
 * block, optionally with a gap of windows left out of training on both sides of the test block;</li>
 * <li>{@link #repeatedStratifiedKFold}: seeded stratified k-fold (for when no groups exist): in each repeat every
 * class's indices are shuffled (Fisher-Yates, {@link Shuffles}, one {@link SplittableRandom} seeded once) and dealt
 * round-robin to the folds, class after class, so fold sizes and per-class counts differ by at most one.</li>
 * </ul>
 * The checks return the overlap ({@link #sharedGroups}, {@link #sharedSamples}, {@link #testCounts}) or throw
 * ({@link #requireNoGroupLeak}). Thread-safe (no state).
 */
public final class Folds {

    private Folds() {
    }

    /**
     * One fold per distinct group, in ascending group order: the group's indices are the test set, all others
     * train.
     *
     * @param groups the group of each index (e.g. its run), at least two distinct values
     * @return the folds
     */
    public static List<Fold> leaveOneGroupOut(int[] groups) {
        Objects.requireNonNull(groups, "groups");
        TreeSet<Integer> distinct = new TreeSet<>();
        for (int g : groups) {
            distinct.add(g);
        }
        if (distinct.size() < 2) {
            throw new IllegalArgumentException("groups must hold at least two distinct values, got " + distinct);
        }
        List<Fold> folds = new ArrayList<>();
        for (int g : distinct) {
            int nTest = 0;
            for (int x : groups) {
                if (x == g) {
                    nTest++;
                }
            }
            int[] test = new int[nTest];
            int[] train = new int[groups.length - nTest];
            for (int i = 0, a = 0, b = 0; i < groups.length; i++) {
                if (groups[i] == g) {
                    test[a++] = i;
                } else {
                    train[b++] = i;
                }
            }
            folds.add(new Fold(train, test));
        }
        return folds;
    }

    /**
     * {@code k} contiguous blocks of the indices {@code 0..n-1} (windows in time order), block {@code b} covering
     * {@code [floor(b n / k), floor((b + 1) n / k))}; each block is the test set once, all other windows train.
     *
     * @param n the number of windows
     * @param k the number of blocks, in {@code [2, n]}
     * @return the folds, in time order of their test blocks
     */
    public static List<Fold> contiguousBlocks(int n, int k) {
        return contiguousBlocks(n, k, 0);
    }

    /**
     * As {@link #contiguousBlocks(int, int)}, with {@code gap} windows on each side of the test block left out of
     * the training set (a purge against correlation between neighbouring windows).
     *
     * @param n   the number of windows
     * @param k   the number of blocks, in {@code [2, n]}
     * @param gap windows dropped from training on each side of the test block, at least 0
     * @return the folds, in time order of their test blocks
     */
    public static List<Fold> contiguousBlocks(int n, int k, int gap) {
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("k = " + k + " must be in [2, n = " + n + "]");
        }
        if (gap < 0) {
            throw new IllegalArgumentException("gap must be >= 0, got " + gap);
        }
        List<Fold> folds = new ArrayList<>();
        for (int b = 0; b < k; b++) {
            int lo = (int) ((long) b * n / k);
            int hi = (int) ((long) (b + 1) * n / k);
            int[] test = new int[hi - lo];
            for (int i = lo; i < hi; i++) {
                test[i - lo] = i;
            }
            int trainLo = Math.max(0, lo - gap);
            int trainHi = Math.min(n, hi + gap);
            int[] train = new int[trainLo + (n - trainHi)];
            int t = 0;
            for (int i = 0; i < trainLo; i++) {
                train[t++] = i;
            }
            for (int i = trainHi; i < n; i++) {
                train[t++] = i;
            }
            if (train.length == 0) {
                throw new IllegalArgumentException("gap = " + gap + " leaves no training window for block " + b
                        + " of " + k + " (n = " + n + ")");
            }
            folds.add(new Fold(train, test));
        }
        return folds;
    }

    /**
     * Seeded stratified k-fold, one repeat.
     *
     * @param labels the class label (at least 0) of each index
     * @param k      the number of folds, in {@code [2, labels.length]}
     * @param seed   the seed
     * @return {@code k} folds; every index is tested exactly once
     */
    public static List<Fold> stratifiedKFold(int[] labels, int k, long seed) {
        return repeatedStratifiedKFold(labels, k, 1, seed);
    }

    /**
     * Seeded repeated stratified k-fold: {@code repeats} independent shuffles, {@code k} folds each (fold
     * {@code f} of repeat {@code r} at position {@code r * k + f}). Within a repeat every index is tested once.
     *
     * @param labels  the class label (at least 0) of each index
     * @param k       the number of folds, in {@code [2, labels.length]}
     * @param repeats at least 1
     * @param seed    the seed
     * @return {@code k * repeats} folds
     */
    public static List<Fold> repeatedStratifiedKFold(int[] labels, int k, int repeats, long seed) {
        Objects.requireNonNull(labels, "labels");
        int n = labels.length;
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("k = " + k + " must be in [2, " + n + "] (the number of labels)");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        int classes = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is negative");
            }
            classes = Math.max(classes, labels[i] + 1);
        }
        int[][] byClass = new int[classes][];
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        for (int c = 0; c < classes; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] fill = new int[classes];
        for (int i = 0; i < n; i++) {
            byClass[labels[i]][fill[labels[i]]++] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Fold> folds = new ArrayList<>();
        int[] foldOf = new int[n];
        for (int r = 0; r < repeats; r++) {
            int position = 0;
            for (int c = 0; c < classes; c++) {
                int[] idx = byClass[c].clone();
                Shuffles.shuffle(idx, rng);
                for (int i : idx) {
                    foldOf[i] = position++ % k;
                }
            }
            for (int f = 0; f < k; f++) {
                int nTest = 0;
                for (int i = 0; i < n; i++) {
                    if (foldOf[i] == f) {
                        nTest++;
                    }
                }
                int[] test = new int[nTest];
                int[] train = new int[n - nTest];
                for (int i = 0, a = 0, b = 0; i < n; i++) {
                    if (foldOf[i] == f) {
                        test[a++] = i;
                    } else {
                        train[b++] = i;
                    }
                }
                folds.add(new Fold(train, test));
            }
        }
        return folds;
    }

    /**
     * The number of distinct groups that occur in both the training and the test set of a fold (0: no group leak).
     *
     * @param fold   the fold
     * @param groups the group of each index
     * @return the count
     */
    public static int sharedGroups(Fold fold, int[] groups) {
        TreeSet<Integer> train = new TreeSet<>();
        for (int i : fold.train()) {
            train.add(group(groups, i));
        }
        TreeSet<Integer> shared = new TreeSet<>();
        for (int i : fold.test()) {
            int g = group(groups, i);
            if (train.contains(g)) {
                shared.add(g);
            }
        }
        return shared.size();
    }

    /**
     * Throws when any fold shares a group between training and test.
     *
     * @param folds  the folds
     * @param groups the group of each index
     * @throws IllegalStateException naming the first leaking fold
     */
    public static void requireNoGroupLeak(List<Fold> folds, int[] groups) {
        for (int f = 0; f < folds.size(); f++) {
            int shared = sharedGroups(folds.get(f), groups);
            if (shared > 0) {
                throw new IllegalStateException("fold " + f + " has " + shared + " group(s) in both train and test");
            }
        }
    }

    /**
     * The number of recording samples that lie in both a training window and a test window of a fold (0: the
     * windows of the two sets never overlap in time).
     *
     * @param fold   the fold (indices into the windows)
     * @param starts the first sample of each window
     * @param length samples per window
     * @return the count of shared samples
     */
    public static long sharedSamples(Fold fold, int[] starts, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, got " + length);
        }
        long[][] train = merged(fold.train(), starts, length);
        long[][] test = merged(fold.test(), starts, length);
        long shared = 0;
        int i = 0;
        int j = 0;
        while (i < train.length && j < test.length) {
            long lo = Math.max(train[i][0], test[j][0]);
            long hi = Math.min(train[i][1], test[j][1]);
            if (hi > lo) {
                shared += hi - lo;
            }
            if (train[i][1] < test[j][1]) {
                i++;
            } else {
                j++;
            }
        }
        return shared;
    }

    /** The union of the windows' sample ranges {@code [start, start + length)} as sorted disjoint intervals. */
    private static long[][] merged(int[] indices, int[] starts, int length) {
        long[] s = new long[indices.length];
        for (int k = 0; k < s.length; k++) {
            if (indices[k] >= starts.length) {
                throw new IllegalArgumentException("index " + indices[k] + " has no window start (" + starts.length
                        + " windows)");
            }
            s[k] = starts[indices[k]];
        }
        Arrays.sort(s);
        List<long[]> out = new ArrayList<>();
        for (long a : s) {
            long b = a + length;
            if (!out.isEmpty() && a <= out.get(out.size() - 1)[1]) {
                long[] last = out.get(out.size() - 1);
                last[1] = Math.max(last[1], b);
            } else {
                out.add(new long[] {a, b});
            }
        }
        return out.toArray(new long[0][]);
    }

    /**
     * How often each index {@code 0..n-1} is in a test set across the folds (all 1 for a k-fold partition).
     *
     * @param folds the folds
     * @param n     the number of indices
     * @return {@code counts[i]}
     */
    public static int[] testCounts(List<Fold> folds, int n) {
        int[] counts = new int[n];
        for (Fold f : folds) {
            for (int i : f.test()) {
                if (i >= n) {
                    throw new IllegalArgumentException("fold holds index " + i + " >= n = " + n);
                }
                counts[i]++;
            }
        }
        return counts;
    }

    private static int group(int[] groups, int i) {
        if (i >= groups.length) {
            throw new IllegalArgumentException("index " + i + " has no group (" + groups.length + " groups given)");
        }
        return groups[i];
    }
}
