package org.wisekit.sched.sim;

/**
 * One placement of job {@code jobId} onto GPUs held by {@code partnerId}, with the pair times at that moment
 * (see {@link SharingRule}) and the per-step batches both jobs run with while together.
 */
public record ShareDecision(double timeSeconds, int jobId, int partnerId, double tCon, double tSeq,
        int subBatchJob, int subBatchPartner) {
}
