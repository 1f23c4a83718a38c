/**
 * {@code wisekit sched}: {@code simulate} replays a trace under several policies and prints the metric table;
 * {@code pair} explains one SJF-BSBF sharing decision (t_con, t_seq, the choice).
 */
package org.wisekit.sched.cli;
