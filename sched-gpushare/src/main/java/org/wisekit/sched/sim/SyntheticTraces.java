package org.wisekit.sched.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.wisekit.sched.Job;
import org.wisekit.sched.Interference;
import org.wisekit.sched.Trace;

/** Seeded synthetic traces (scale tests and the events/s measurement). */
public final class SyntheticTraces {

    private SyntheticTraces() {
    }

    /**
     * {@code jobs} jobs with exponential inter-arrival times of mean {@code meanInterArrivalSeconds}, types drawn
     * uniformly from {@code types}, GPUs from {1: 70 %, 2: 10 %, 4: 15 %, 8: 5 %} capped at {@code maxGpus}, and
     * exclusive durations log-normal with median {@code medianDurationSeconds} (sigma 1, clipped to [60 s, 100 x
     * median]) turned into iterations with {@code table.isolated(type, gpus)}. Ids 0..jobs-1.
     */
    public static Trace poisson(int jobs, double meanInterArrivalSeconds, List<String> types, long seed,
            Interference table, double medianDurationSeconds, int maxGpus) {
        if (jobs < 0) {
            throw new IllegalArgumentException("jobs must be >= 0, got " + jobs);
        }
        if (!(meanInterArrivalSeconds > 0) || !(medianDurationSeconds > 0) || maxGpus < 1) {
            throw new IllegalArgumentException("meanInterArrivalSeconds, medianDurationSeconds and maxGpus must be > 0");
        }
        if (types == null || types.isEmpty()) {
            throw new IllegalArgumentException("types must not be empty");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] widths = {1, 2, 4, 8};
        double[] cumulative = {0.70, 0.80, 0.95, 1.0};
        List<Job> out = new ArrayList<>(jobs);
        double t = 0;
        for (int i = 0; i < jobs; i++) {
            if (i > 0) {
                t += -meanInterArrivalSeconds * Math.log(1 - rng.nextDouble());
            }
            String type = types.get(rng.nextInt(types.size()));
            double u = rng.nextDouble();
            int gpus = 1;
            for (int k = 0; k < widths.length; k++) {
                if (u < cumulative[k]) {
                    gpus = widths[k];
                    break;
                }
            }
            gpus = Math.min(gpus, maxGpus);
            double duration = medianDurationSeconds * Math.exp(gaussian(rng));
            duration = Math.max(60, Math.min(100 * medianDurationSeconds, duration));
            long iterations = Math.max(1, (long) Math.ceil(duration * table.isolated(type, gpus)));
            out.add(new Job(i, type, gpus, t, iterations));
        }
        return new Trace("synthetic-poisson-" + jobs + "-seed" + seed, out, "");
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
