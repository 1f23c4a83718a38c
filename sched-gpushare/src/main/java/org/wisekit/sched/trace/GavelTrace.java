package org.wisekit.sched.trace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wisekit.sched.Job;
import org.wisekit.sched.Trace;

/**
 * Gavel's MSR simulation traces ({@code scheduler/traces/msr/seed=N/*.trace}, the 2019 format): one job per
 * line, 7 tab-separated fields {@code job_type, command, num_steps_arg, needs_data_dir, total_steps,
 * arrival_time, scale_factor}. Job ids are the 0-based line order; arrival in seconds; iterations =
 * {@code total_steps}; GPUs = {@code scale_factor}. The job types are the throughput table's, so no mapping.
 */
public final class GavelTrace {

    public static final int FIELDS = 7;

    private GavelTrace() {
    }

    /** Reads {@code file}; every job type must be in {@code table}. */
    public static Trace read(Path file, ThroughputTable table) {
        List<Job> jobs = new ArrayList<>();
        for (Rows.Row row : Rows.read(file, "\t")) {
            String[] f = row.fields();
            if (f.length != FIELDS) {
                throw row.error("expected " + FIELDS + " tab-separated fields (job_type, command, num_steps_arg,"
                        + " needs_data_dir, total_steps, arrival_time, scale_factor), got " + f.length);
            }
            String type = f[0].trim();
            if (!table.knows(type)) {
                throw row.error("unknown job type '" + type + "' (not in the " + table.gpuType() + " throughput table)");
            }
            double steps = Rows.number(row, "total_steps", f[4]);
            double arrival = Rows.number(row, "arrival_time", f[5]);
            int scale = Rows.integer(row, "scale_factor", f[6]);
            if (steps < 0) {
                throw row.error("negative total_steps: " + f[4].trim());
            }
            if (steps < 1 || steps != Math.rint(steps)) {
                throw row.error("total_steps must be a whole number >= 1, got " + f[4].trim());
            }
            if (arrival < 0) {
                throw row.error("negative arrival_time: " + f[5].trim());
            }
            if (scale < 1) {
                throw row.error("scale_factor must be >= 1, got " + f[6].trim());
            }
            jobs.add(new Job(jobs.size(), type, scale, arrival, (long) steps));
        }
        return new Trace(file.getFileName().toString(), jobs, "");
    }
}
