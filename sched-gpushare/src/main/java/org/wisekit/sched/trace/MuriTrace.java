package org.wisekit.sched.trace;

import java.nio.file.Path;
import org.wisekit.sched.Trace;

/**
 * The Muri simulator's traces ({@code simulator/trace-data/trace*.csv}): header {@code job_id, num_gpu,
 * submit_time, iterations, model_name, batch_size, duration, interval, iteration_time, resource_time_0..2,
 * priority}. Times are milliseconds (Muri's {@code jobs.py} divides {@code submit_time} and {@code duration}
 * by 1000), converted here to seconds. Model names are mapped by {@link ModelMapping}; Muri's own iteration
 * counts belong to its models, so iterations = duration x the mapped type's isolated throughput. Pair the
 * trace with {@link ClusterSpec} ({@code cluster_spec_n8g8.csv}).
 */
public final class MuriTrace {

    static final String[] COLUMNS = {"job_id", "num_gpu", "submit_time", "model_name", "batch_size", "duration"};

    private MuriTrace() {
    }

    public static Trace read(Path file, ThroughputTable table) {
        return DurationTraces.read(file, table, 1e-3, true, COLUMNS);
    }
}
