package org.wisekit.sched.trace;

import java.nio.file.Path;
import org.wisekit.sched.Trace;

/**
 * The Tiresias simulator's job list ({@code simulator/60_job.csv}): header {@code job_id, num_gpu,
 * submit_time, iterations, model_name, duration, interval}, times in seconds, no batch size. Model names are
 * mapped by {@link ModelMapping} (batch {@value ModelMapping#DEFAULT_BATCH}); iterations = duration x the
 * mapped type's isolated throughput. Pair it with {@link ClusterSpec} ({@code cluster_spec.csv}).
 */
public final class TiresiasTrace {

    static final String[] COLUMNS = {"job_id", "num_gpu", "submit_time", "model_name", "duration"};

    private TiresiasTrace() {
    }

    public static Trace read(Path file, ThroughputTable table) {
        return DurationTraces.read(file, table, 1.0, false, COLUMNS);
    }
}
