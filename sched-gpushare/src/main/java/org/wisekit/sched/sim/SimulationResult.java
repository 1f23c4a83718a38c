package org.wisekit.sched.sim;

import java.util.List;

/**
 * The outcome of one simulation.
 *
 * @param jobs              per job, sorted by id
 * @param makespanSeconds   last completion - first arrival
 * @param utilisation       busy GPU-seconds (a GPU holding at least one job) / (GPUs x makespan)
 * @param sharedPlacements  placements of a job onto at least one GPU that already held a job
 * @param shareDecisions    every such placement, per partner
 * @param events            arrivals + completions + scheduling ticks processed
 * @param wallSeconds       wall-clock time of the simulation
 */
public record SimulationResult(String policy, List<JobResult> jobs, double makespanSeconds, double averageJct,
        double p99Jct, double averageQueueingDelay, double utilisation, int sharedPlacements,
        List<ShareDecision> shareDecisions, long events, double wallSeconds) {

    public SimulationResult {
        jobs = List.copyOf(jobs);
        shareDecisions = List.copyOf(shareDecisions);
    }

    /** Simulated events per wall-clock second. */
    public double eventsPerSecond() {
        return wallSeconds > 0 ? events / wallSeconds : Double.POSITIVE_INFINITY;
    }
}
