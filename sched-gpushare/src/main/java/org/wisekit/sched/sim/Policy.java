package org.wisekit.sched.sim;

/**
 * A scheduling policy: how pending jobs are ordered, whether running jobs may be preempted and how a job is
 * placed on GPUs (exclusively, or sharing a GPU with one running job). The simulator runs any policy from
 * these four answers plus {@link #order()} and {@link #placement()}; {@link Policies} has the built-in ones.
 */
public interface Policy {

    /** The order in which jobs are considered at each scheduling tick (ties: arrival time, then job id). */
    enum Order {
        /** First come, first served (arrival time). Needs no job durations. */
        ARRIVAL,
        /** Shortest remaining exclusive time first (an oracle: knows every job's duration). */
        REMAINING_TIME,
        /**
         * Tiresias-like discretised 2-queue least-attained-service: jobs whose attained GPU service (GPUs x
         * executed seconds) is below {@link SimulationOptions#tiresiasThresholdGpuSeconds()} come first, FIFO
         * within each queue. Needs no job durations.
         */
        TWO_QUEUE_LAS
    }

    /** How a job is put on GPUs. */
    enum Placement {
        /** Idle GPUs only. */
        EXCLUSIVE,
        /** Idle GPUs first, then GPUs holding exactly one job, first fit, whenever memory allows (SJF-FFS). */
        FIRST_FIT_SHARING,
        /** Idle GPUs first, then partners with t_con &lt; t_seq, smallest t_con first (SJF-BSBF). */
        BEST_BENEFIT_SHARING,
        /** As {@link #BEST_BENEFIT_SHARING} but first tries to fit the job inside one node. */
        BEST_BENEFIT_SHARING_CONSOLIDATED
    }

    /** Short id, e.g. {@code "sjf-bsbf"}. */
    String id();

    /** Whether the policy uses job durations (remaining exclusive time) that a real scheduler would not know. */
    boolean knowsDurations();

    /** Whether running jobs may be stopped (and restarted later, paying the preemption overhead). */
    boolean preemptive();

    /** Whether two jobs may share a GPU. */
    boolean shares();

    /** The order of jobs at each tick. */
    Order order();

    /** The placement rule. */
    Placement placement();
}
