package org.wisekit.bench.lutmm;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The same comparison as {@link LutmmBenchmark} ({@link MaddnessBenchmarkBase}) at MADDNESS's Caltech101
 * Sobel shape (N, D, M) = (49284, 27, 2); with D = 27, C stops at 16 (a codebook needs at least one input
 * column).
 */
public class FilterBenchmark extends MaddnessBenchmarkBase {

    @Param({"49284x27x2"})
    String shape;

    @Param({"4", "8", "16"})
    int codebooks;

    @Param("1")
    int threads;

    /** Builds the inputs and methods of this trial. */
    @Setup
    public void setUp() {
        prepare(shape, codebooks, threads);
    }
}
