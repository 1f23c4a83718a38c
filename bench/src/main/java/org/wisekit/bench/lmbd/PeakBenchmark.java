package org.wisekit.bench.lmbd;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's achievable double-precision rate on one core: {@value #ACCUMULATORS} independent
 * {@code DoubleVector} accumulators of the preferred species, each updated {@code acc = acc * scale + shift} by a
 * fused multiply-add per iteration, all in registers (enough chains to hide the FMA latency on two FMA pipes). The
 * score is in operations per nanosecond with one operation per flop, i.e. GFLOP/s (an FMA counts 2 flops).
 *
 * <p>The other benchmarks of the suite set the same loop ({@link #fma}) beside each kernel, run for the kernel's flop
 * count ({@link #iterationsFor}), so that peak-loop time / kernel time is the kernel's GFLOP/s over the peak's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PeakBenchmark {

    /** Independent FMA chains: 4-cycle latency times two pipes needs at least 8; 12 also fit 16 AVX2 registers. */
    static final int ACCUMULATORS = 12;

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** Flops of one loop iteration: one FMA (2 flops) per lane per accumulator. */
    static final int FLOPS_PER_ITERATION = 2 * ACCUMULATORS * SPECIES.length();

    /** Flops per {@link #peak} call, 3 * 2^22: a multiple of {@link #FLOPS_PER_ITERATION} for power-of-two lanes. */
    static final int PEAK_FLOPS = 3 << 22;

    /** Declared for the runner; the loop runs on the benchmark thread (the peak of one core). */
    @Param("1")
    int threads;

    /** Non-final, so the JIT cannot fold the loop. */
    double scale = 0.999;
    double shift = 1e-3;

    /** {@link #PEAK_FLOPS} flops of register-only FMAs; the score is GFLOP/s. */
    @Benchmark
    @OperationsPerInvocation(PEAK_FLOPS)
    public double peak() {
        return fma(PEAK_FLOPS / FLOPS_PER_ITERATION, scale, shift);
    }

    /** Loop iterations of {@link #fma} that do {@code flops} flops (at least one). */
    static long iterationsFor(double flops) {
        return Math.max(1, Math.round(flops / FLOPS_PER_ITERATION));
    }

    /**
     * {@code iterations} rounds of {@value #ACCUMULATORS} vector FMAs, {@code acc = acc * scale + shift} (bounded for
     * {@code |scale| < 1}); returns the sum of every lane so that nothing is dead.
     */
    static double fma(long iterations, double scale, double shift) {
        DoubleVector s = DoubleVector.broadcast(SPECIES, scale);
        DoubleVector t = DoubleVector.broadcast(SPECIES, shift);
        DoubleVector a0 = DoubleVector.broadcast(SPECIES, 0.1);
        DoubleVector a1 = DoubleVector.broadcast(SPECIES, 0.2);
        DoubleVector a2 = DoubleVector.broadcast(SPECIES, 0.3);
        DoubleVector a3 = DoubleVector.broadcast(SPECIES, 0.4);
        DoubleVector a4 = DoubleVector.broadcast(SPECIES, 0.5);
        DoubleVector a5 = DoubleVector.broadcast(SPECIES, 0.6);
        DoubleVector a6 = DoubleVector.broadcast(SPECIES, 0.7);
        DoubleVector a7 = DoubleVector.broadcast(SPECIES, 0.8);
        DoubleVector a8 = DoubleVector.broadcast(SPECIES, 0.9);
        DoubleVector a9 = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector a10 = DoubleVector.broadcast(SPECIES, 1.1);
        DoubleVector a11 = DoubleVector.broadcast(SPECIES, 1.2);
        for (long k = 0; k < iterations; k++) {
            a0 = a0.fma(s, t);
            a1 = a1.fma(s, t);
            a2 = a2.fma(s, t);
            a3 = a3.fma(s, t);
            a4 = a4.fma(s, t);
            a5 = a5.fma(s, t);
            a6 = a6.fma(s, t);
            a7 = a7.fma(s, t);
            a8 = a8.fma(s, t);
            a9 = a9.fma(s, t);
            a10 = a10.fma(s, t);
            a11 = a11.fma(s, t);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }
}
