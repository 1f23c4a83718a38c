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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wisekit.lutmm.KernelPath;
import org.wisekit.lutmm.baseline.Int8Matmul;
import org.wisekit.tensor.Gemm;
import org.wisekit.tensor.Tensor;

/**
 * The baselines MADDNESS is set against, once per shape: ND4J's OpenBLAS sgemm with column-major operands
 * (the call the C++ reference's speed-ups are measured against), sgemm with row-major operands (the faster
 * layout for these shapes on some machines; reported as the stronger baseline), the project's own GEMM and
 * the int8 GEMM (quantize A, int8 products with int32 accumulation, rescale). One thread
 * ({@code OMP_NUM_THREADS} is set by the bench runner); sgemm writes into preallocated outputs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExactBenchmark {

    @Param({"10000x512x10", "10000x512x100", "49284x27x2"})
    String shape;

    @Param("1")
    int threads;

    int n;
    int d;
    int m;
    float[] a;
    float[] b;
    float[] out;
    Int8Matmul int8;
    INDArray colA;
    INDArray colB;
    INDArray colC;
    INDArray rowA;
    INDArray rowB;
    INDArray rowC;

    /** Builds A, B and the baselines of this trial. */
    @Setup
    public void setUp() {
        int[] nDm = Shapes.parse(shape);
        n = nDm[0];
        d = nDm[1];
        m = nDm[2];
        Tensor ta = Tensor.normal(42, 0f, 1f, n, d);
        Tensor tb = Tensor.normal(43, 0f, 1f, d, m);
        a = ta.data();
        b = tb.data();
        out = new float[n * m];
        int8 = new Int8Matmul(ta.slice(0, 2000), tb, KernelPath.defaultPath());
        colA = Nd4j.create(Shapes.transpose(a, n, d), new long[]{n, d}, 'f');
        colB = Nd4j.create(Shapes.transpose(b, d, m), new long[]{d, m}, 'f');
        colC = Nd4j.create(DataType.FLOAT, new long[]{n, m}, 'f');
        rowA = Nd4j.create(a, new long[]{n, d}, 'c');
        rowB = Nd4j.create(b, new long[]{d, m}, 'c');
        rowC = Nd4j.create(DataType.FLOAT, new long[]{n, m}, 'c');
    }

    /** ND4J sgemm, column-major A, B and C. */
    @Benchmark
    public INDArray sgemm() {
        return Nd4j.gemm(colA, colB, colC, false, false, 1.0, 0.0);
    }

    /** ND4J sgemm, row-major A, B and C. */
    @Benchmark
    public INDArray sgemmRows() {
        return Nd4j.gemm(rowA, rowB, rowC, false, false, 1.0, 0.0);
    }

    /** The project's blocked Vector API GEMM (row-major). */
    @Benchmark
    public float[] exactOwn() {
        Gemm.multiply(a, b, out, n, d, m, Gemm.Path.VECTOR, threads);
        return out;
    }

    /** int8: quantize A, int8 GEMM with int32 accumulation, rescale (row-major). */
    @Benchmark
    public float[] int8() {
        int8.multiply(a, n, out);
        return out;
    }
}
