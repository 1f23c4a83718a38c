package org.wisekit.sched.trace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.wisekit.sched.Job;
import org.wisekit.sched.Trace;

/**
 * Alibaba's GPU-sharing pod lists (cluster-trace-gpu-v2023 {@code openb_pod_list_*.csv}): {@code name,
 * cpu_milli, memory_mib, num_gpu, gpu_milli[, gpu_spec, qos, pod_phase, creation_time, deletion_time,
 * scheduled_time]}, times in seconds. The {@code multigpu*} lists carry no times: {@link #pods} reads them,
 * {@link #read} refuses them.
 *
 * <p><b>Job-type mapping [reconstructed, seeded].</b> The pods name no model. Each GPU pod (CPU-only pods,
 * {@code num_gpu = 0}, are skipped and counted in {@code Trace.mapping()}) is put into a bucket by its GPU
 * request, then given a type drawn uniformly from the bucket with one {@code SplittableRandom(seed)} consumed
 * in file order:
 * <ul>
 * <li>{@link Bucket#FRACTIONAL} ({@code num_gpu = 1, gpu_milli < 1000}, a GPU-sharing pod): the smaller half
 *     of each model's batch sizes (ceil(n/2) smallest) plus the types without a batch size;</li>
 * <li>{@link Bucket#WHOLE} ({@code num_gpu = 1, gpu_milli = 1000}): every type;</li>
 * <li>{@link Bucket#MULTI} ({@code num_gpu >= 2}): the types the table measures on more than one GPU.</li>
 * </ul>
 * Arrival = {@code creation_time}; duration = {@code deletion_time - creation_time} (the pod's lifetime,
 * whatever its phase); iterations = duration x the mapped type's isolated throughput (at least 1).
 */
public final class AlibabaPods {

    /** The GPU-request buckets of the mapping rule. */
    public enum Bucket { FRACTIONAL, WHOLE, MULTI }

    /**
     * One pod. {@code creationSeconds}/{@code deletionSeconds} are NaN in lists without times.
     *
     * @param line 1-based line in the file
     */
    public record Pod(String name, int line, int numGpu, int gpuMilli, double creationSeconds, double deletionSeconds) {

        public boolean cpuOnly() {
            return numGpu == 0;
        }

        public Bucket bucket() {
            if (numGpu == 0) {
                throw new IllegalStateException("CPU-only pod " + name);
            }
            return numGpu >= 2 ? Bucket.MULTI : gpuMilli < 1000 ? Bucket.FRACTIONAL : Bucket.WHOLE;
        }
    }

    private AlibabaPods() {
    }

    /** Every pod of {@code file}, CPU-only ones included, in file order. */
    public static List<Pod> pods(Path file) {
        Rows.Csv csv = Rows.csv(file, "name", "num_gpu", "gpu_milli");
        boolean timed = csv.has("creation_time") && csv.has("deletion_time");
        List<Pod> pods = new ArrayList<>(csv.rows().size());
        for (Rows.Row row : csv.rows()) {
            int gpus = csv.integer(row, "num_gpu");
            int milli = csv.integer(row, "gpu_milli");
            if (gpus < 0) {
                throw row.error("negative num_gpu: " + gpus);
            }
            if (gpus > 0 && (milli < 1 || milli > 1000)) {
                throw row.error("gpu_milli must be in 1..1000 for a GPU pod, got " + milli);
            }
            double created = Double.NaN;
            double deleted = Double.NaN;
            if (timed) {
                created = csv.nonNegative(row, "creation_time");
                deleted = csv.nonNegative(row, "deletion_time");
                if (deleted < created) {
                    throw row.error("negative duration: deletion_time " + csv.text(row, "deletion_time")
                            + " < creation_time " + csv.text(row, "creation_time"));
                }
            }
            pods.add(new Pod(csv.text(row, "name"), row.line(), gpus, milli, created, deleted));
        }
        return pods;
    }

    /** The candidate types of {@code bucket} in {@code table}, sorted. */
    public static List<String> candidates(Bucket bucket, ThroughputTable table) {
        List<String> out = new ArrayList<>();
        switch (bucket) {
            case WHOLE -> out.addAll(table.types());
            case MULTI -> {
                for (String t : table.types()) {
                    if (table.measuredGpuCounts(t).stream().anyMatch(g -> g > 1)) {
                        out.add(t);
                    }
                }
                if (out.isEmpty()) {
                    out.addAll(table.types());
                }
            }
            case FRACTIONAL -> {
                for (String model : table.models()) {
                    List<String> types = table.typesOfModel(model);
                    out.addAll(types.subList(0, (types.size() + 1) / 2));
                }
            }
        }
        out.sort(null);
        return List.copyOf(out);
    }

    /** The GPU pods of {@code file} as a trace, types drawn with {@code seed} (see the class comment). */
    public static Trace read(Path file, ThroughputTable table, long seed) {
        List<Pod> pods = pods(file);
        if (!pods.isEmpty() && Double.isNaN(pods.get(0).creationSeconds())) {
            throw new IllegalArgumentException(file + ":1: no creation_time/deletion_time columns (the multigpu*"
                    + " lists carry no times), so it cannot be replayed as a trace");
        }
        TreeMap<Bucket, List<String>> buckets = new TreeMap<>();
        for (Bucket b : Bucket.values()) {
            buckets.put(b, candidates(b, table));
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Job> jobs = new ArrayList<>();
        TreeMap<Bucket, Integer> perBucket = new TreeMap<>();
        int cpuOnly = 0;
        int index = -1;
        for (Pod pod : pods) {
            index++;
            if (pod.cpuOnly()) {
                cpuOnly++;
                continue;
            }
            List<String> candidates = buckets.get(pod.bucket());
            String type = candidates.get(rng.nextInt(candidates.size()));
            perBucket.merge(pod.bucket(), 1, Integer::sum);
            double duration = pod.deletionSeconds() - pod.creationSeconds();
            jobs.add(new Job(index, type, pod.numGpu(), pod.creationSeconds(),
                    DurationTraces.iterations(duration, type, pod.numGpu(), table)));
        }
        String mapping = "Alibaba v2023 pods mapped onto Gavel types by a seeded rule [reconstructed] (seed " + seed
                + "): bucket by GPU request (fractional = 1 GPU with gpu_milli < 1000 -> the smaller half of each"
                + " model's batch sizes and unbatched types; whole = 1 full GPU -> every type; multi = num_gpu >= 2 ->"
                + " types measured on several GPUs), then a uniform draw per pod in file order; job id = 0-based pod"
                + " row; arrival = creation_time, duration = deletion_time - creation_time (s); "
                + ModelMapping.DURATION_NOTE + " Pods per bucket: " + perBucket + "; " + cpuOnly
                + " CPU-only pods skipped.";
        return new Trace(file.getFileName().toString(), jobs, mapping);
    }
}
