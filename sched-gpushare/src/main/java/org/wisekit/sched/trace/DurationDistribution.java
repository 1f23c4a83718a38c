package org.wisekit.sched.trace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.wisekit.sched.Job;
import org.wisekit.sched.Trace;

/**
 * An empirical job-duration distribution, e.g. Philly job runtimes as shipped with Alibaba's v2020 trace
 * ({@code cluster-trace-gpu-v2020/analysis/philly_runtime.csv}: header {@code runtime}, one value per line,
 * seconds), with a seeded sampler and a synthetic-trace generator.
 */
public final class DurationDistribution {

    /** Default GPU counts of synthetic jobs and their weights [reconstructed]: 70 % 1 GPU, 10 % each 2, 4, 8. */
    public static final int[] DEFAULT_GPUS = {1, 2, 4, 8};
    public static final double[] DEFAULT_GPU_WEIGHTS = {0.7, 0.1, 0.1, 0.1};

    private final String name;
    private final double[] sorted;

    private DurationDistribution(String name, double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException(name + ": no durations");
        }
        this.name = name;
        this.sorted = values.clone();
        Arrays.sort(this.sorted);
    }

    /** Reads a one-column CSV of durations in seconds (header line first); negative values are errors. */
    public static DurationDistribution read(Path file) {
        List<Rows.Row> rows = Rows.read(file, ",");
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ":1: empty file (expected a header line)");
        }
        double[] values = new double[rows.size() - 1];
        for (int i = 1; i < rows.size(); i++) {
            Rows.Row row = rows.get(i);
            if (row.fields().length != 1) {
                throw row.error("expected 1 field, got " + row.fields().length);
            }
            double v = Rows.number(row, "runtime", row.fields()[0]);
            if (v < 0) {
                throw row.error("negative duration: " + row.fields()[0].trim());
            }
            values[i - 1] = v;
        }
        return new DurationDistribution(file.getFileName().toString(), values);
    }

    /** A distribution over the given durations (seconds, >= 0). */
    public static DurationDistribution of(String name, double... seconds) {
        for (double s : seconds) {
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException(name + ": durations must be finite and >= 0, got " + s);
            }
        }
        return new DurationDistribution(name, seconds);
    }

    public String name() {
        return name;
    }

    public int size() {
        return sorted.length;
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public double mean() {
        double s = 0;
        for (double v : sorted) {
            s += v;
        }
        return s / sorted.length;
    }

    /** The empirical quantile (lower, no interpolation) for {@code p} in [0, 1]. */
    public double quantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], got " + p);
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    /** One observed duration drawn uniformly (the empirical distribution). */
    public double sample(SplittableRandom random) {
        return sorted[random.nextInt(sorted.length)];
    }

    /** {@link #synthesize(String, int, double, ThroughputTable, long, int[], double[])} with the default GPU counts. */
    public Trace synthesize(String traceName, int jobs, double meanInterArrivalSeconds, ThroughputTable table, long seed) {
        return synthesize(traceName, jobs, meanInterArrivalSeconds, table, seed, DEFAULT_GPUS, DEFAULT_GPU_WEIGHTS);
    }

    /**
     * A synthetic trace: Poisson arrivals (exponential gaps of the given mean, first job at 0), durations drawn
     * from this distribution, GPU counts drawn with {@code weights}, job types drawn uniformly (multi-GPU
     * jobs among the types the table measures on several GPUs, as {@link AlibabaPods.Bucket#MULTI}); iterations
     * = duration x isolated throughput (at least 1). Deterministic for a seed.
     */
    public Trace synthesize(String traceName, int jobs, double meanInterArrivalSeconds, ThroughputTable table, long seed,
            int[] gpus, double[] weights) {
        if (jobs < 0) {
            throw new IllegalArgumentException("jobs must be >= 0, got " + jobs);
        }
        if (!(meanInterArrivalSeconds >= 0) || Double.isInfinite(meanInterArrivalSeconds)) {
            throw new IllegalArgumentException("meanInterArrivalSeconds must be finite and >= 0, got " + meanInterArrivalSeconds);
        }
        if (gpus.length == 0 || gpus.length != weights.length) {
            throw new IllegalArgumentException("gpus and weights must be non-empty and of equal length");
        }
        double totalWeight = 0;
        for (int i = 0; i < gpus.length; i++) {
            if (gpus[i] < 1 || !(weights[i] >= 0)) {
                throw new IllegalArgumentException("gpu counts must be >= 1 and weights >= 0");
            }
            totalWeight += weights[i];
        }
        if (!(totalWeight > 0)) {
            throw new IllegalArgumentException("weights must not all be 0");
        }
        List<String> single = table.types();
        List<String> multi = AlibabaPods.candidates(AlibabaPods.Bucket.MULTI, table);
        SplittableRandom rng = new SplittableRandom(seed);
        List<Job> out = new ArrayList<>(jobs);
        double t = 0;
        for (int id = 0; id < jobs; id++) {
            if (id > 0) {
                t += -meanInterArrivalSeconds * Math.log(1 - rng.nextDouble());
            }
            double u = rng.nextDouble() * totalWeight;
            int g = gpus[gpus.length - 1];
            for (int i = 0; i < gpus.length; i++) {
                u -= weights[i];
                if (u < 0) {
                    g = gpus[i];
                    break;
                }
            }
            List<String> pool = g > 1 ? multi : single;
            String type = pool.get(rng.nextInt(pool.size()));
            double duration = sample(rng);
            out.add(new Job(id, type, g, t, DurationTraces.iterations(duration, type, g, table)));
        }
        return new Trace(traceName, out, "synthetic (seed " + seed + "): Poisson arrivals, mean gap " + meanInterArrivalSeconds
                + " s; durations drawn from " + name + " (" + size() + " values); GPUs " + Arrays.toString(gpus) + " with weights "
                + Arrays.toString(weights) + "; types uniform (multi-GPU jobs among types measured on several GPUs)"
                + " [reconstructed]; " + ModelMapping.DURATION_NOTE);
    }
}
