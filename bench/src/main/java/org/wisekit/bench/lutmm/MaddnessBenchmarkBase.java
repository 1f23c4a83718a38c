package org.wisekit.bench.lutmm;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wisekit.lutmm.Aggregation;
import org.wisekit.lutmm.KernelPath;
import org.wisekit.lutmm.MaddnessConfig;
import org.wisekit.lutmm.MaddnessMatmul;
import org.wisekit.lutmm.MaddnessModel;
import org.wisekit.tensor.Tensor;

/**
 * What {@link LutmmBenchmark} and {@link FilterBenchmark} share: MADDNESS with B fixed (tables built in the
 * set-up), the paper's setting. The main figure, {@code maddness}, is the column-major product as mithral
 * and BLAS take it (A as [D, N], output as [M, N]): encode, scan with the averaging aggregation, decode to
 * float. Also: the exact-sum aggregation, the row-major {@code Tensor}-layout product, and encode and scan
 * alone. Timing does not depend on the values, so A and B are seeded Gaussians and the model is learned on
 * 2000 of A's rows. One thread; {@link ExactBenchmark} holds the baselines (ND4J sgemm, own GEMM, int8).
 * A subclass declares the {@code @Param}s (shape "NxDxM", codebooks, threads) and a {@code @Setup} that
 * calls {@link #prepare}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class MaddnessBenchmarkBase {

    int n;
    float[] a;
    float[] aT;
    float[] out;
    byte[] codes;
    int[] sums;
    MaddnessMatmul maddness;
    MaddnessMatmul maddnessSum;

    /** Builds A (both layouts), B and the two MADDNESS products: {@code shape} "NxDxM", C codebooks. */
    void prepare(String shape, int codebooks) {
        int[] nDm = Shapes.parse(shape);
        n = nDm[0];
        int d = nDm[1];
        int m = nDm[2];
        Tensor ta = Tensor.normal(42, 0f, 1f, n, d);
        Tensor tb = Tensor.normal(43, 0f, 1f, d, m);
        a = ta.data();
        aT = Shapes.transpose(a, n, d);
        out = new float[n * m];
        MaddnessModel model = MaddnessModel.fit(ta.slice(0, 2000), MaddnessConfig.maddness(codebooks));
        maddness = model.bind(tb);
        maddnessSum = model.withAggregation(Aggregation.SUM).bind(tb);
        codes = maddness.encoder().newCodes(n);
        sums = new int[m * n];
        maddness.encoder().encodeColumns(aT, n, codes, KernelPath.VECTOR);
    }

    /** The product as mithral times it: column-major A and output; encode, averaging scan, decode. */
    @Benchmark
    public float[] maddness() {
        maddness.multiplyColumns(aT, n, codes, sums, out, KernelPath.VECTOR);
        return out;
    }

    /** The same with the exact-sum aggregation. */
    @Benchmark
    public float[] maddnessSum() {
        maddnessSum.multiplyColumns(aT, n, codes, sums, out, KernelPath.VECTOR);
        return out;
    }

    /** Row-major A and output (the {@code Tensor} layout): each block's split inputs are gathered first. */
    @Benchmark
    public float[] maddnessRows() {
        maddness.multiply(a, n, codes, sums, out, KernelPath.VECTOR);
        return out;
    }

    /** Encoding alone (column-major A; 4C comparisons per row). */
    @Benchmark
    public byte[] encode() {
        maddness.encoder().encodeColumns(aT, n, codes, KernelPath.VECTOR);
        return codes;
    }

    /** The averaging scan alone (M · C byte lookups per row). */
    @Benchmark
    public int[] scan() {
        maddness.lut().scan(codes, n, sums, KernelPath.VECTOR);
        return sums;
    }
}
