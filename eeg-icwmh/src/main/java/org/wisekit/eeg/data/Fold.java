package org.wisekit.eeg.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One train/test split: indices into a dataset (trials or windows). Both arrays are sorted copies without
 * duplicates, and no index is in both (the constructor rejects any overlap). Immutable.
 *
 * @param train the training indices, ascending
 * @param test  the test indices, ascending, not empty
 */
public record Fold(int[] train, int[] test) {

    /** Sorts copies of the arrays and checks that they hold distinct non-negative indices and do not overlap. */
    public Fold {
        train = sortedDistinct(Objects.requireNonNull(train, "train"), "train");
        test = sortedDistinct(Objects.requireNonNull(test, "test"), "test");
        if (test.length == 0) {
            throw new IllegalArgumentException("test must not be empty");
        }
        for (int i = 0, j = 0; i < train.length && j < test.length;) {
            if (train[i] == test[j]) {
                throw new IllegalArgumentException("index " + train[i] + " is in both train and test");
            }
            if (train[i] < test[j]) {
                i++;
            } else {
                j++;
            }
        }
    }

    private static int[] sortedDistinct(int[] a, String name) {
        int[] s = a.clone();
        Arrays.sort(s);
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 0) {
                throw new IllegalArgumentException(name + " holds the negative index " + s[i]);
            }
            if (i > 0 && s[i] == s[i - 1]) {
                throw new IllegalArgumentException(name + " holds index " + s[i] + " twice");
            }
        }
        return s;
    }

    /**
     * The training indices.
     *
     * @return a copy
     */
    @Override
    public int[] train() {
        return train.clone();
    }

    /**
     * The test indices.
     *
     * @return a copy
     */
    @Override
    public int[] test() {
        return test.clone();
    }

    /** Equal when both index sets are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Fold f && Arrays.equals(train, f.train) && Arrays.equals(test, f.test);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Fold[train " + train.length + ", test " + test.length + "]";
    }
}
