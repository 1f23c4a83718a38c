package org.wisekit.bench.lutmm;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wisekit.lutmm.KernelPath;
import org.wisekit.lutmm.MaddnessConfig;
import org.wisekit.lutmm.MaddnessMatmul;
import org.wisekit.lutmm.MaddnessModel;
import org.wisekit.lutmm.baseline.Int8Matmul;
import org.wisekit.tensor.Gemm;
import org.wisekit.tensor.Tensor;

/**
 * What {@link LutmmBenchmark} and {@link FilterBenchmark} share: the set-up and the benchmarks. MADDNESS
 * (B fixed: tables built in the set-up) against exact GEMM (own, ND4J sgemm) and the int8 GEMM, the two
 * MADDNESS kernels alone ({@code encode}, {@code scan}) and the full product on the scalar path. Timing does
 * not depend on the values, so A and B are seeded Gaussians and the model is learned on 2000 of A's rows.
 * All MADDNESS and int8 methods run on one thread; the {@code threads} parameter goes to the own GEMM and,
 * through {@code OMP_NUM_THREADS}, to ND4J. A subclass declares the {@code @Param}s (shape "NxDxM",
 * codebooks, threads) and a {@code @Setup} that calls {@link #prepare}; JMH runs the inherited benchmarks
 * (and these annotations) under the subclass's name.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class MaddnessBenchmarkBase {

    int n;
    int d;
    int m;
    float[] a;
    float[] b;
    float[] out;
    byte[] codes;
    int[] sums;
    MaddnessMatmul maddness;
    Int8Matmul int8;
    INDArray nA;
    INDArray nB;
    INDArray nC;
    int gemmThreads;

    /** Builds A, B and every method for one trial: {@code shape} "NxDxM", C codebooks, the own GEMM's threads. */
    void prepare(String shape, int codebooks, int threads) {
        gemmThreads = threads;
        String[] parts = shape.split("x");
        n = Integer.parseInt(parts[0]);
        d = Integer.parseInt(parts[1]);
        m = Integer.parseInt(parts[2]);
        Tensor ta = Tensor.normal(42, 0f, 1f, n, d);
        Tensor tb = Tensor.normal(43, 0f, 1f, d, m);
        a = ta.data();
        b = tb.data();
        out = new float[n * m];
        maddness = MaddnessModel.fit(ta.slice(0, 2000), MaddnessConfig.maddness(codebooks)).bind(tb);
        codes = maddness.encoder().newCodes(n);
        sums = new int[m * n];
        maddness.encoder().encode(a, n, codes, KernelPath.defaultPath());
        int8 = new Int8Matmul(ta.slice(0, 2000), tb, KernelPath.defaultPath());
        nA = Nd4j.create(a, new long[]{n, d}, 'c');
        nB = Nd4j.create(b, new long[]{d, m}, 'c');
        nC = Nd4j.create(DataType.FLOAT, new long[]{n, m}, 'c');
    }

    /** Full approximate product: encode, scan, decode (vector kernels). */
    @Benchmark
    public float[] maddness() {
        maddness.multiply(a, n, codes, sums, out, KernelPath.VECTOR);
        return out;
    }

    /** Full approximate product on the scalar kernels. */
    @Benchmark
    public float[] maddnessScalar() {
        maddness.multiply(a, n, codes, sums, out, KernelPath.SCALAR);
        return out;
    }

    /** Encoding alone (4C quantize-and-compare steps per row). */
    @Benchmark
    public byte[] encode() {
        maddness.encoder().encode(a, n, codes, KernelPath.VECTOR);
        return codes;
    }

    /** Scan alone (M · C byte lookups per row, averaging aggregation). */
    @Benchmark
    public int[] scan() {
        maddness.lut().scan(codes, n, sums, KernelPath.VECTOR);
        return sums;
    }

    /** Exact product, own blocked GEMM. */
    @Benchmark
    public float[] exactOwn() {
        Gemm.multiply(a, b, out, n, d, m, Gemm.Path.VECTOR, gemmThreads);
        return out;
    }

    /** Exact product, ND4J sgemm into a preallocated C. */
    @Benchmark
    public INDArray nd4j() {
        return Nd4j.gemm(nA, nB, nC, false, false, 1.0, 0.0);
    }

    /** int8 scalar quantization: quantize A, int8 GEMM with int32 accumulation, rescale. */
    @Benchmark
    public float[] int8() {
        int8.multiply(a, n, out);
        return out;
    }
}
