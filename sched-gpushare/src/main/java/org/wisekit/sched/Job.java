package org.wisekit.sched;

/**
 * One data-parallel training job of a trace: what it runs, how many GPUs it needs, when it arrives and how
 * many iterations (steps) of its global batch it must complete.
 *
 * @param id             unique within the trace; also the final tie-breaker everywhere (never hash order)
 * @param type           the job type as the throughput table names it, e.g. {@code "ResNet-18 (batch size 64)"};
 *                       the batch size in the name is the job's global batch
 * @param gpus           GPUs the job needs (>= 1); all of them at once (gang scheduling)
 * @param arrivalSeconds submission time in seconds from the start of the trace (>= 0)
 * @param iterations     iterations of the global batch to complete (>= 1)
 */
public record Job(int id, String type, int gpus, double arrivalSeconds, long iterations) {

    public Job {
        if (id < 0) {
            throw new IllegalArgumentException("id must be >= 0, got " + id);
        }
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("type must not be blank (job " + id + ")");
        }
        if (gpus < 1) {
            throw new IllegalArgumentException("gpus must be >= 1, got " + gpus + " (job " + id + ")");
        }
        if (!(arrivalSeconds >= 0) || Double.isInfinite(arrivalSeconds)) {
            throw new IllegalArgumentException("arrivalSeconds must be finite and >= 0, got " + arrivalSeconds + " (job " + id + ")");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations + " (job " + id + ")");
        }
    }

    /** The same job arriving at {@code seconds} (load scaling). */
    public Job arrivingAt(double seconds) {
        return new Job(id, type, gpus, seconds, iterations);
    }
}
