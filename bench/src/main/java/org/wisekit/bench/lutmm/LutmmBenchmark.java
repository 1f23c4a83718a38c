package org.wisekit.bench.lutmm;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * MADDNESS ({@link MaddnessBenchmarkBase}) at the paper's CIFAR shapes (N, D, M) = (10000, 512, 10) and
 * (10000, 512, 100), C = 8, 16, 32 (the C++ reference's table). The reproduction also runs it at its
 * stacked-MLP layer shape with {@code -p shape=10000x784x256}.
 */
public class LutmmBenchmark extends MaddnessBenchmarkBase {

    @Param({"10000x512x10", "10000x512x100"})
    String shape;

    @Param({"8", "16", "32"})
    int codebooks;

    @Param("1")
    int threads;

    /** Builds the inputs and products of this trial. */
    @Setup
    public void setUp() {
        prepare(shape, codebooks);
    }
}
