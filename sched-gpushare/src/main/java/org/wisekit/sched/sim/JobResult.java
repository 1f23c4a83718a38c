package org.wisekit.sched.sim;

/**
 * What happened to one job.
 *
 * @param startSeconds     first time it ran
 * @param finishSeconds    when it completed
 * @param exclusiveSeconds its duration alone on its GPUs at its global batch (iterations / isolated throughput)
 * @param everShared       whether it ever shared a GPU with another job
 * @param smallestSubBatch the smallest per-step batch it ran with (its global batch when never reduced)
 */
public record JobResult(int id, String type, int gpus, double arrivalSeconds, double startSeconds,
        double finishSeconds, double exclusiveSeconds, boolean everShared, int smallestSubBatch) {

    /** Job completion time: finish - arrival. */
    public double jct() {
        return finishSeconds - arrivalSeconds;
    }

    /** start - arrival. */
    public double queueingDelay() {
        return startSeconds - arrivalSeconds;
    }
}
