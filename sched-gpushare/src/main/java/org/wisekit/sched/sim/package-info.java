/**
 * The discrete-event GPU-cluster simulator and its policies.
 *
 * <p>{@link org.wisekit.sched.sim.Simulator#run} replays a {@link org.wisekit.sched.Trace} on a
 * {@link org.wisekit.sched.Cluster} with an {@link org.wisekit.sched.Interference} table under a
 * {@link org.wisekit.sched.sim.Policy} from {@link org.wisekit.sched.sim.Policies}: fifo, sjf, srtf, tiresias,
 * sjf-ffs, sjf-bsbf, sjf-bsbf-consolidated. Which policies know job durations: sjf, srtf and the three sjf-*
 * policies use each job's remaining exclusive time (an oracle); fifo and tiresias do not. srtf and tiresias
 * preempt (paying {@link org.wisekit.sched.sim.SimulationOptions#preemptionOverheadSeconds()} on restart); the
 * others never stop a started job. {@link org.wisekit.sched.sim.SharingRule} is SJF-BSBF's pair rule (t_con vs
 * t_seq). [reconstructed] parts, configurable where they are numbers: the Tiresias threshold (GPU-seconds), the
 * preemption overhead, the per-GPU slowdown of multi-GPU jobs (maximum over their GPUs, from single-GPU pair
 * entries), the sub-batch choice (largest that fits; per pair the (sub-batch, partner) with the smallest t_con;
 * a multi-GPU job takes the smallest sub-batch any of its partners needs) and the Tiresias simplifications
 * (two queues, FIFO within a queue, no starvation guard, decisions at ticks only).
 */
package org.wisekit.sched.sim;
