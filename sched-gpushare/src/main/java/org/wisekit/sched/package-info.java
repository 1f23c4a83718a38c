/**
 * SJF-BSBF GPU sharing (Luo et al., "Scheduling Deep Learning Jobs in Multi-Tenant GPU Clusters via Wise
 * Resource Sharing", arXiv 2407.13088): the trace and cluster types shared by the simulator
 * ({@code org.wisekit.sched.sim}) and the trace readers ({@code org.wisekit.sched.trace}).
 */
package org.wisekit.sched;
