/**
 * Trace readers and Gavel's throughput table: {@link org.wisekit.sched.trace.ThroughputTable} (the
 * {@link org.wisekit.sched.Interference} from Gavel's measurements), readers for the Gavel, Muri, Tiresias and
 * Alibaba v2023 traces ({@link org.wisekit.sched.trace.TraceFormat}), cluster specs, Alibaba node lists and an
 * empirical duration distribution (Alibaba v2020 {@code philly_runtime.csv}) for synthetic traces. Traces
 * without Gavel job types are mapped onto them by documented rules ({@link org.wisekit.sched.trace.ModelMapping},
 * {@link org.wisekit.sched.trace.AlibabaPods}), stated in {@link org.wisekit.sched.Trace#mapping()}. Malformed
 * input gets an IllegalArgumentException with a one-line message naming {@code file:line}.
 */
package org.wisekit.sched.trace;
