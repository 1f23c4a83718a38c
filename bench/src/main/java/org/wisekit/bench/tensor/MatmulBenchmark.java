package org.wisekit.bench.tensor;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.wisekit.tensor.Gemm;

/**
 * Square single-precision C = A * B: the project's own blocked, register-tiled GEMM (Vector API and
 * scalar paths) against ND4J's sgemm (bundled OpenBLAS), at the same thread count. ND4J's BLAS threads
 * come from {@code OMP_NUM_THREADS}, which the bench runner sets to {@link #threads} for the whole JMH
 * process.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MatmulBenchmark {

    @Param({"256", "512", "1024"})
    int size;

    @Param("1")
    int threads;

    float[] a;
    float[] b;
    float[] c;
    INDArray nA;
    INDArray nB;
    INDArray nC;

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(42);
        a = random(rng, size * size);
        b = random(rng, size * size);
        c = new float[size * size];
        nA = Nd4j.create(a, new int[] {size, size}, 'c');
        nB = Nd4j.create(b, new int[] {size, size}, 'c');
        nC = Nd4j.create(DataType.FLOAT, new long[] {size, size}, 'c');
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** The project's GEMM, Vector API path. */
    @Benchmark
    public float[] own() {
        Gemm.multiply(a, b, c, size, size, size, Gemm.Path.VECTOR, threads);
        return c;
    }

    /** The project's GEMM, scalar path (what runs without the Vector API module). */
    @Benchmark
    public float[] ownScalar() {
        Gemm.multiply(a, b, c, size, size, size, Gemm.Path.SCALAR, threads);
        return c;
    }

    /** ND4J sgemm into a preallocated C. */
    @Benchmark
    public INDArray nd4j() {
        return Nd4j.gemm(nA, nB, nC, false, false, 1.0, 0.0);
    }
}
