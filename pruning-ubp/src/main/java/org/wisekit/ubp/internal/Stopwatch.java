package org.wisekit.ubp.internal;

import java.util.Arrays;

/** In-process wall-clock timing for the reproductions: warm-up, then the median of repeated samples. */
public final class Stopwatch {

    private Stopwatch() {
    }

    /** Seconds one run of {@code work} takes. */
    public static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** The median of {@code samples}. */
    private static double median(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Times several pieces of work in the same run: each is warmed up for {@code warmupSeconds}, given a
     * batch size so that one sample lasts about {@code sampleSeconds}, then sampled {@code repeats} times
     * in interleaved rounds (so drift in the machine's speed hits all alike). Returns the median seconds per
     * call of each.
     */
    public static double[] interleavedMedians(Runnable[] work, int repeats, double sampleSeconds, double warmupSeconds) {
        int[] batch = new int[work.length];
        for (int k = 0; k < work.length; k++) {
            int calls = 0;
            long start = System.nanoTime();
            do {
                work[k].run();
                calls++;
            } while (calls < 3 || (System.nanoTime() - start) / 1e9 < warmupSeconds);
            double perCall = seconds(work[k]);
            batch[k] = (int) Math.max(1, Math.min(1_000_000, Math.ceil(sampleSeconds / Math.max(perCall, 1e-9))));
        }
        double[][] samples = new double[work.length][repeats];
        for (int r = 0; r < repeats; r++) {
            for (int k = 0; k < work.length; k++) {
                long start = System.nanoTime();
                for (int i = 0; i < batch[k]; i++) {
                    work[k].run();
                }
                samples[k][r] = (System.nanoTime() - start) / 1e9 / batch[k];
            }
        }
        double[] medians = new double[work.length];
        for (int k = 0; k < work.length; k++) {
            medians[k] = median(samples[k]);
        }
        return medians;
    }
}
