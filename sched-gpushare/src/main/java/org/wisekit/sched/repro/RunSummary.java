package org.wisekit.sched.repro;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wisekit.sched.Interference;
import org.wisekit.sched.sim.JobResult;
import org.wisekit.sched.sim.Policies;
import org.wisekit.sched.sim.Policy;
import org.wisekit.sched.sim.ShareDecision;
import org.wisekit.sched.sim.SimulationResult;

/**
 * The metrics of one simulated run, as the report tables and {@code wisekit sched simulate} show them.
 *
 * @param policy                  policy id
 * @param knowsDurations          whether the policy reads job durations (an oracle the non-clairvoyant ones lack)
 * @param preemptive              whether it may stop a started job
 * @param loadFactor              the factor the inter-arrival times were divided by
 * @param jobs                    jobs simulated
 * @param averageJct              mean job completion time (s)
 * @param p99Jct                  99th-percentile JCT (s)
 * @param makespan                last finish minus first arrival (s)
 * @param averageQueueingDelay    mean first start minus arrival (s)
 * @param utilisation             busy GPU share over the makespan, as the simulator defines it
 * @param sharedPlacements        placements onto a GPU that already held a job
 * @param sharedJobs              jobs that ever shared a GPU
 * @param subBatchedJobs          jobs that ran at least once at a smaller sub-batch than their global batch
 * @param smallestSubBatchRatio   the smallest sub-batch over global batch seen (1 when none was reduced)
 * @param shareDecisions          sharing decisions logged (BSBF variants)
 * @param badShareDecisions       logged decisions with t_con >= t_seq (must be 0)
 * @param events                  simulated events
 * @param wallSeconds             wall-clock time of the simulation
 */
public record RunSummary(String policy, boolean knowsDurations, boolean preemptive, double loadFactor, int jobs,
                         double averageJct, double p99Jct, double makespan, double averageQueueingDelay,
                         double utilisation, int sharedPlacements, int sharedJobs, int subBatchedJobs,
                         double smallestSubBatchRatio, int shareDecisions, int badShareDecisions, long events,
                         double wallSeconds) {

    /** Summarises {@code result}; {@code table} gives the global batch of each job type. */
    public static RunSummary of(SimulationResult result, Interference table, double loadFactor) {
        Policy policy = Policies.byId(result.policy());
        int shared = 0;
        int subBatched = 0;
        double smallest = 1;
        for (JobResult job : result.jobs()) {
            if (job.everShared()) {
                shared++;
            }
            int batch = table.batchSize(job.type());
            if (job.smallestSubBatch() > 0 && job.smallestSubBatch() < batch) {
                subBatched++;
                smallest = Math.min(smallest, job.smallestSubBatch() / (double) batch);
            }
        }
        int bad = 0;
        for (ShareDecision d : result.shareDecisions()) {
            if (!(d.tCon() < d.tSeq())) {
                bad++;
            }
        }
        return new RunSummary(result.policy(), policy.knowsDurations(), policy.preemptive(), loadFactor,
                result.jobs().size(), result.averageJct(), result.p99Jct(), result.makespanSeconds(),
                result.averageQueueingDelay(), result.utilisation(), result.sharedPlacements(), shared, subBatched,
                smallest, result.shareDecisions().size(), bad, result.events(), result.wallSeconds());
    }

    /** Simulated events per wall-clock second. */
    public double eventsPerSecond() {
        return wallSeconds > 0 ? events / wallSeconds : Double.NaN;
    }

    /** The fields as an ordered map for {@code Json.write} (NaN as null). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", policy);
        m.put("knowsDurations", knowsDurations);
        m.put("preemptive", preemptive);
        m.put("loadFactor", finite(loadFactor));
        m.put("jobs", jobs);
        m.put("averageJctSeconds", finite(averageJct));
        m.put("p99JctSeconds", finite(p99Jct));
        m.put("makespanSeconds", finite(makespan));
        m.put("averageQueueingDelaySeconds", finite(averageQueueingDelay));
        m.put("utilisation", finite(utilisation));
        m.put("sharedPlacements", sharedPlacements);
        m.put("sharedJobs", sharedJobs);
        m.put("subBatchedJobs", subBatchedJobs);
        m.put("smallestSubBatchRatio", finite(smallestSubBatchRatio));
        m.put("shareDecisions", shareDecisions);
        m.put("shareDecisionsWithTconAtLeastTseq", badShareDecisions);
        m.put("events", events);
        m.put("wallSeconds", finite(wallSeconds));
        return m;
    }

    /** The share of the makespan during which at least one arrived job had not started yet (in [0, 1]). */
    public static double queuedShare(SimulationResult result) {
        double[][] intervals = result.jobs().stream()
                .filter(j -> j.startSeconds() > j.arrivalSeconds())
                .map(j -> new double[] {j.arrivalSeconds(), j.startSeconds()})
                .sorted((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]))
                .toArray(double[][]::new);
        double covered = 0;
        double start = Double.NaN;
        double end = Double.NaN;
        for (double[] iv : intervals) {
            if (Double.isNaN(start) || iv[0] > end) {
                if (!Double.isNaN(start)) {
                    covered += end - start;
                }
                start = iv[0];
                end = iv[1];
            } else {
                end = Math.max(end, iv[1]);
            }
        }
        if (!Double.isNaN(start)) {
            covered += end - start;
        }
        return result.makespanSeconds() > 0 ? Math.min(1, covered / result.makespanSeconds()) : 0;
    }

    /** The JCTs of a run, ascending. */
    public static double[] sortedJcts(SimulationResult result) {
        double[] jct = result.jobs().stream().mapToDouble(JobResult::jct).toArray();
        Arrays.sort(jct);
        return jct;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
