package org.wisekit.ubp.internal;

/**
 * Indices of the k largest values, ties broken towards the smaller index, so that selections are
 * deterministic. O(n) expected: a quickselect finds the k-th largest value, then one pass collects
 * the indices.
 */
public final class TopK {

    private TopK() {
    }

    /** The indices of the {@code k} largest values, in ascending index order. */
    public static int[] largest(float[] values, int k) {
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        return largest(wide, k);
    }

    /** The indices of the {@code k} largest values, in ascending index order. */
    public static int[] largest(double[] values, int k) {
        int n = values.length;
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("k must be in [0, " + n + "], got " + k);
        }
        if (k == 0) {
            return new int[0];
        }
        double threshold = select(values.clone(), n - k);
        int above = 0;
        for (double v : values) {
            above += v > threshold ? 1 : 0;
        }
        int equalsWanted = k - above;
        int[] picked = new int[k];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (values[i] > threshold || (values[i] == threshold && equalsWanted-- > 0)) {
                picked[count++] = i;
            }
        }
        return picked;
    }

    /** The value that would sit at {@code rank} if {@code a} were sorted ascending; reorders {@code a}. */
    static double select(double[] a, int rank) {
        int lo = 0;
        int hi = a.length - 1;
        while (lo < hi) {
            double pivot = medianOf(a[lo], a[(lo + hi) >>> 1], a[hi]);
            // Hoare partition; stopping on equal values keeps the split balanced when many values tie.
            int i = lo - 1;
            int j = hi + 1;
            while (true) {
                do {
                    i++;
                } while (a[i] < pivot);
                do {
                    j--;
                } while (a[j] > pivot);
                if (i >= j) {
                    break;
                }
                double t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
            // Now a[lo..j] <= pivot <= a[j+1..hi].
            if (rank <= j) {
                hi = j;
            } else {
                lo = j + 1;
            }
        }
        return a[rank];
    }

    private static double medianOf(double x, double y, double z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }
}
