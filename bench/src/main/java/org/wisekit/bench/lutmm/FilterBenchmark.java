package org.wisekit.bench.lutmm;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * MADDNESS ({@link MaddnessBenchmarkBase}) at the Caltech101 Sobel shape (N, D, M) = (49284, 27, 2),
 * C = 8 and 16 (the C++ reference's table; with D = 27, C stops at 16).
 */
public class FilterBenchmark extends MaddnessBenchmarkBase {

    @Param({"49284x27x2"})
    String shape;

    @Param({"8", "16"})
    int codebooks;

    @Param("1")
    int threads;

    /** Builds the inputs and products of this trial. */
    @Setup
    public void setUp() {
        prepare(shape, codebooks);
    }
}
