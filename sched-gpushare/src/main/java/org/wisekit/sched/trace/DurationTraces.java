package org.wisekit.sched.trace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.wisekit.sched.Job;
import org.wisekit.sched.Trace;

/** The shared reader of Muri- and Tiresias-style CSVs (model names and durations instead of Gavel steps). */
final class DurationTraces {

    private DurationTraces() {
    }

    static Trace read(Path file, ThroughputTable table, double secondsPerUnit, boolean hasBatch, String[] columns) {
        Rows.Csv csv = Rows.csv(file, columns);
        List<Job> jobs = new ArrayList<>();
        TreeMap<Integer, Integer> lineOfId = new TreeMap<>();
        TreeMap<String, String> used = new TreeMap<>();
        for (Rows.Row row : csv.rows()) {
            int id = csv.integer(row, "job_id");
            if (id < 0) {
                throw row.error("negative job_id: " + id);
            }
            Integer previous = lineOfId.put(id, row.line());
            if (previous != null) {
                throw row.error("duplicate job_id " + id + " (also on line " + previous + ")");
            }
            int gpus = csv.integer(row, "num_gpu");
            if (gpus < 1) {
                throw row.error("num_gpu must be >= 1, got " + gpus);
            }
            double submit = csv.nonNegative(row, "submit_time") * secondsPerUnit;
            double duration = csv.nonNegative(row, "duration") * secondsPerUnit;
            String model = csv.text(row, "model_name");
            int batch = hasBatch ? csv.integer(row, "batch_size") : 0;
            if (hasBatch && batch < 1) {
                throw row.error("batch_size must be >= 1, got " + batch);
            }
            String type;
            try {
                type = ModelMapping.gavelType(model, batch, table);
            } catch (IllegalArgumentException e) {
                throw row.error(e.getMessage());
            }
            used.put(model + (hasBatch ? " (batch " + batch + ")" : ""), type);
            jobs.add(new Job(id, type, gpus, submit, iterations(duration, type, gpus, table)));
        }
        String units = secondsPerUnit == 1.0 ? "times in seconds" : "times in milliseconds, converted to seconds";
        return new Trace(file.getFileName().toString(), jobs, ModelMapping.describe(used, units + "; " + ModelMapping.DURATION_NOTE));
    }

    /** Iterations whose exclusive time on {@code gpus} GPUs is {@code seconds} (rounded, at least 1). */
    static long iterations(double seconds, String type, int gpus, ThroughputTable table) {
        return Math.max(1L, Math.round(seconds * table.isolated(type, gpus)));
    }
}
