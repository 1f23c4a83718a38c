package org.wisekit.dfmsd.internal;

/**
 * Stable sorts of index arrays by a {@code double} key, highest key first: the order of
 * {@code numpy.argsort(-key, kind="mergesort")}, which pycocotools uses for detections. Equal keys keep their
 * input order. Not API.
 */
public final class EvalSort {

    private EvalSort() {
    }

    /** The indices {@code 0..key.length-1} ordered by {@code key} descending, ties by lower index. */
    public static int[] argsortDescending(double[] key) {
        int[] idx = new int[key.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        sortDescending(idx, 0, idx.length, key, new int[idx.length]);
        return idx;
    }

    /**
     * Sorts {@code idx[from..to)} in place by {@code key[idx[j]]} descending, stably (bottom-up merge sort);
     * {@code tmp} holds at least {@code to - from} ints and is overwritten.
     */
    public static void sortDescending(int[] idx, int from, int to, double[] key, int[] tmp) {
        int n = to - from;
        if (n < 2) {
            return;
        }
        // insertion sort on runs of 16, then merges; both stable
        final int run = 16;
        for (int lo = from; lo < to; lo += run) {
            int hi = Math.min(lo + run, to);
            for (int j = lo + 1; j < hi; j++) {
                int v = idx[j];
                double kv = key[v];
                int p = j - 1;
                while (p >= lo && key[idx[p]] < kv) {
                    idx[p + 1] = idx[p];
                    p--;
                }
                idx[p + 1] = v;
            }
        }
        int[] src = idx;
        int[] dst = tmp;
        int srcOff = from;
        int dstOff = 0;
        for (int width = run; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                int o = lo;
                while (a < mid && b < hi) {
                    // take from the right run only when strictly greater: stability
                    if (key[src[srcOff + b]] > key[src[srcOff + a]]) {
                        dst[dstOff + o++] = src[srcOff + b++];
                    } else {
                        dst[dstOff + o++] = src[srcOff + a++];
                    }
                }
                while (a < mid) {
                    dst[dstOff + o++] = src[srcOff + a++];
                }
                while (b < hi) {
                    dst[dstOff + o++] = src[srcOff + b++];
                }
            }
            int[] s = src;
            src = dst;
            dst = s;
            int so = srcOff;
            srcOff = dstOff;
            dstOff = so;
        }
        if (src != idx) {
            System.arraycopy(src, srcOff, idx, from, n);
        }
    }
}
