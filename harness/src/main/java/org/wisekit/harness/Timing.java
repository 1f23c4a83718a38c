package org.wisekit.harness;

import java.util.Arrays;

/**
 * In-process wall-clock timing for reproductions and tools (JMH in {@code bench/} is the reference
 * measurement): one-shot timing, a warm-up, the median of repeated runs within a time budget, and
 * interleaved medians for comparing several pieces of work in the same run.
 */
public final class Timing {

    private static final int MAX_SAMPLES = 1024;

    private Timing() {
    }

    /** Seconds one run of {@code work} takes. */
    public static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Runs {@code work} repeatedly for about {@code seconds}, at least once (JIT warm-up). */
    public static void warmUp(Runnable work, double seconds) {
        long start = System.nanoTime();
        do {
            work.run();
        } while (System.nanoTime() - start < seconds * 1e9);
    }

    /**
     * Median seconds of one run of {@code work}: it runs untimed until half of {@code budgetSeconds} has
     * passed (at least once, so the JIT has compiled it), then timed until the budget is spent (at least
     * once, so work slower than the budget is timed once; at most 1024 samples).
     */
    public static double median(Runnable work, double budgetSeconds) {
        long start = System.nanoTime();
        int warm = 0;
        while (warm < 1 || System.nanoTime() - start < budgetSeconds * 0.5e9) {
            work.run();
            warm++;
        }
        double[] times = new double[MAX_SAMPLES];
        int reps = 0;
        long measureStart = System.nanoTime();
        while (reps < times.length && (reps < 1 || System.nanoTime() - measureStart < budgetSeconds * 0.5e9)) {
            long t0 = System.nanoTime();
            work.run();
            times[reps++] = (System.nanoTime() - t0) * 1e-9;
        }
        return Stats.median(Arrays.copyOf(times, reps));
    }

    /**
     * Times several pieces of work in the same run: each is warmed up for {@code warmupSeconds} (at least
     * three calls), given a batch size so that one sample lasts about {@code sampleSeconds}, then sampled
     * {@code repeats} times in interleaved rounds (so drift in the machine's speed hits all alike). Returns
     * the median seconds per call of each.
     */
    public static double[] interleavedMedians(Runnable[] work, int repeats, double sampleSeconds, double warmupSeconds) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
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
            medians[k] = Stats.median(samples[k]);
        }
        return medians;
    }
}
