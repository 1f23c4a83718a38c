package org.wisekit.sched.sim;

/**
 * The average JCT of a pair (new job a, running job b) if a starts now sharing b's GPU ({@code tCon}) or waits
 * until b finishes ({@code tSeq}), both measured from now; {@code share} iff tCon &lt; tSeq.
 */
public record PairTimes(double tCon, double tSeq, boolean share) {
}
