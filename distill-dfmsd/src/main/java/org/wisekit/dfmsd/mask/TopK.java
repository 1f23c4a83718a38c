package org.wisekit.dfmsd.mask;

import java.util.Arrays;

/**
 * Top-k masking by selection: the {@code k} highest scores (ties broken by lower index) in expected O(n) with a
 * three-way quickselect (median-of-three pivot), falling back to a sort of the remaining range after too many
 * rounds so that the worst case stays O(n log n). Not API.
 */
final class TopK {

    private TopK() {
    }

    /**
     * {@code out[p] = 0} at the {@code k} highest of {@code score[0..n)} (among equal scores the lower indices
     * first), 1 elsewhere. {@code scratch} holds at least {@code n} floats and is overwritten.
     *
     * @throws IllegalArgumentException when a score is NaN
     */
    static void mask(float[] score, int n, int k, float[] scratch, float[] out) {
        for (int p = 0; p < n; p++) {
            float s = score[p];
            if (s != s) {
                throw new IllegalArgumentException("score[" + p + "] is NaN");
            }
            scratch[p] = s;
        }
        float v = kthLargest(scratch, n, k - 1);
        int greater = 0;
        for (int p = 0; p < n; p++) {
            if (score[p] > v) {
                greater++;
            }
        }
        int equalLeft = k - greater;
        for (int p = 0; p < n; p++) {
            float s = score[p];
            if (s > v) {
                out[p] = 0f;
            } else if (s == v && equalLeft > 0) {
                out[p] = 0f;
                equalLeft--;
            } else {
                out[p] = 1f;
            }
        }
    }

    /** The value at 0-based position {@code rank} of {@code a[0..n)} sorted descending; reorders {@code a}. */
    static float kthLargest(float[] a, int n, int rank) {
        int lo = 0;
        int hi = n - 1;
        int rounds = 0;
        int limit = 2 * (32 - Integer.numberOfLeadingZeros(n)) + 8;
        while (lo < hi) {
            if (++rounds > limit) {
                Arrays.sort(a, lo, hi + 1); // ascending: position rank from the top is hi - (rank - lo)
                return a[hi - (rank - lo)];
            }
            float pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int lt = lo;
            int i = lo;
            int gt = hi;
            while (i <= gt) {
                float x = a[i];
                if (x > pivot) {
                    a[i++] = a[lt];
                    a[lt++] = x;
                } else if (x < pivot) {
                    a[i] = a[gt];
                    a[gt--] = x;
                } else {
                    i++;
                }
            }
            // a[lo..lt) > pivot, a[lt..gt] == pivot, a(gt..hi] < pivot
            if (rank < lt) {
                hi = lt - 1;
            } else if (rank > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return a[lo];
    }

    private static float medianOfThree(float a, float b, float c) {
        if (a > b) {
            float t = a;
            a = b;
            b = t;
        }
        if (b > c) {
            b = c;
        }
        return Math.max(a, b);
    }
}
