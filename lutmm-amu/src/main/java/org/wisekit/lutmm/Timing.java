package org.wisekit.lutmm;

import java.util.Arrays;

/**
 * Wall-clock timing for the reproduction's report (the JMH suite is the reference measurement): the
 * task runs untimed until half of the budget has passed (at least once more after the caller's own
 * first run, so the JIT has compiled it), then timed repeatedly until the budget is spent (at least
 * once; tasks slower than the budget, such as PQ's encoder, are timed once); the median is returned.
 */
public final class Timing {

    private Timing() {
    }

    /** Runs {@code task} repeatedly for about {@code seconds} (JIT warm-up on a small input). */
    public static void warmUp(Runnable task, double seconds) {
        long start = System.nanoTime();
        do {
            task.run();
        } while (System.nanoTime() - start < seconds * 1e9);
    }

    /** Median seconds of one run of {@code task}. */
    public static double median(Runnable task, double budgetSeconds) {
        long start = System.nanoTime();
        int warm = 0;
        while (warm < 1 || System.nanoTime() - start < budgetSeconds * 0.5e9) {
            task.run();
            warm++;
        }
        double[] times = new double[1024];
        int reps = 0;
        long measureStart = System.nanoTime();
        while (reps < times.length && (reps < 1 || System.nanoTime() - measureStart < budgetSeconds * 0.5e9)) {
            long t0 = System.nanoTime();
            task.run();
            times[reps++] = (System.nanoTime() - t0) * 1e-9;
        }
        double[] used = Arrays.copyOf(times, reps);
        Arrays.sort(used);
        return reps % 2 == 1 ? used[reps / 2] : (used[reps / 2 - 1] + used[reps / 2]) / 2;
    }
}
