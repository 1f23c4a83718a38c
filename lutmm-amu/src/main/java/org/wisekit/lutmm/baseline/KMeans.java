package org.wisekit.lutmm.baseline;

import java.util.SplittableRandom;

/**
 * k-means on one column slice of row-major data: k-means++ seeding, then a fixed number of Lloyd
 * iterations; an emptied cluster keeps its centre. Returns centres {@code [k * width + j]}. Written on
 * primitive arrays because the PQ baselines run it on tens of thousands of rows per slice.
 */
final class KMeans {

    private KMeans() {
    }

    static float[] fit(float[] x, int n, int d, int start, int width, int k, int iterations, SplittableRandom rng) {
        float[] centres = new float[k * width];
        double[] nearest = new double[n];
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        int first = rng.nextInt(n);
        System.arraycopy(x, first * d + start, centres, 0, width);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], dist(x, i * d + start, centres, (c - 1) * width, width));
                total += nearest[i];
            }
            int pick = n - 1;
            double target = rng.nextDouble() * total;
            for (int i = 0; i < n; i++) {
                target -= nearest[i];
                if (target < 0) {
                    pick = i;
                    break;
                }
            }
            System.arraycopy(x, pick * d + start, centres, c * width, width);
        }
        int[] assign = new int[n];
        double[] sum = new double[k * width];
        int[] count = new int[k];
        for (int it = 0; it < iterations; it++) {
            for (int i = 0; i < n; i++) {
                assign[i] = closest(x, i * d + start, centres, k, width);
            }
            java.util.Arrays.fill(sum, 0);
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[assign[i]]++;
                for (int j = 0; j < width; j++) {
                    sum[assign[i] * width + j] += x[i * d + start + j];
                }
            }
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < width && count[c] > 0; j++) {
                    centres[c * width + j] = (float) (sum[c * width + j] / count[c]);
                }
            }
        }
        return centres;
    }

    static int closest(float[] x, int off, float[] centres, int k, int width) {
        int best = 0;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double dd = dist(x, off, centres, c * width, width);
            if (dd < bestDist) {
                bestDist = dd;
                best = c;
            }
        }
        return best;
    }

    private static double dist(float[] x, int off, float[] centres, int cOff, int width) {
        double s = 0;
        for (int j = 0; j < width; j++) {
            double e = x[off + j] - centres[cOff + j];
            s += e * e;
        }
        return s;
    }
}
