package org.wisekit.bench.lutmm;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * MADDNESS against exact GEMM (own, ND4J sgemm) and the int8 GEMM ({@link MaddnessBenchmarkBase}) at the
 * paper's CIFAR shapes (N, D, M) = (10000, 512, 10) and (10000, 512, 100) and the reproduction's
 * stacked-MLP layers 784→256 and 256→512 (10000 rows; its 512→10 layer is the first shape), for C = 8..64.
 */
public class LutmmBenchmark extends MaddnessBenchmarkBase {

    @Param({"10000x512x10", "10000x512x100", "10000x784x256", "10000x256x512"})
    String shape;

    @Param({"8", "16", "32", "64"})
    int codebooks;

    @Param("1")
    int threads;

    /** Builds the inputs and methods of this trial. */
    @Setup
    public void setUp() {
        prepare(shape, codebooks, threads);
    }
}
