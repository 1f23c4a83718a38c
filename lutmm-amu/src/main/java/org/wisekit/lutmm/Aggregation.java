package org.wisekit.lutmm;

/** How the C looked-up bytes of one output are combined (implementation note section 2.5). */
public enum Aggregation {
    /** Exact sum in 16-bit lanes: {@code S = sum_c table[c][code_c]}. */
    SUM,
    /**
     * MADDNESS's default ({@code accumulate_how='mean'}, U = min(C, 16)): rounding-up averages within
     * groups of U codebooks, group results widened and added, times U, minus the reference code's
     * empirical bias {@code int(C / 4 * log2 U)}. Needs C to be a power of two.
     */
    AVERAGE
}
