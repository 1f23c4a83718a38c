package org.wisekit.bench.ubp;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.wisekit.ubp.AlignedSelector;
import org.wisekit.ubp.BedSelector;
import org.wisekit.ubp.BlockSelection;
import org.wisekit.ubp.Budget;
import org.wisekit.ubp.Importance;
import org.wisekit.ubp.KernelPath;
import org.wisekit.ubp.PointwiseShape;
import org.wisekit.ubp.ScoreMatrix;
import org.wisekit.ubp.SparseKernel;
import org.wisekit.ubp.SparseMatrix;
import org.wisekit.ubp.UnstructuredSelector;

/**
 * Y = W X for MobileNetV1's nine pointwise shapes (Y: Co x P, W: Co x Ci, X: Ci x P, CHW) at 50-90 %
 * sparsity with V x 1 blocks: the UBP kernels (sliding window and WROS, on the BED selection), the ABP
 * kernel (best aligned blocks, same budget), CSR (unstructured, same number of weights), the project's
 * dense GEMM and ND4J sgemm on the dense W. The sparse kernels are single-threaded; {@link #threads} goes
 * to the own GEMM, and ND4J's BLAS threads come from {@code OMP_NUM_THREADS}, which the bench runner sets.
 * Packing and selection happen in the set-up, not in the timed methods.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SpmmBenchmark {

    @Param({"pw1", "pw2", "pw3", "pw4", "pw5", "pw6", "pw7", "pw12", "pw13"})
    String shape;

    @Param({"0.5", "0.7", "0.8", "0.9"})
    double sparsity;

    @Param("4")
    int block;

    @Param("1")
    int threads;

    int rows;
    int cols;
    int pixels;
    float[] w;
    float[] x;
    float[] y;
    SparseMatrix csr;
    SparseMatrix abp;
    SparseMatrix ubpSliding;
    SparseMatrix ubpWros;
    INDArray nW;
    INDArray nX;
    INDArray nY;

    @Setup
    public void setUp() {
        PointwiseShape s = PointwiseShape.MOBILENET_V1.stream().filter(p -> p.name().equals(shape)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown shape " + shape));
        rows = s.outputs();
        cols = s.inputs();
        pixels = s.pixels();
        SplittableRandom rng = new SplittableRandom(42);
        w = gaussian(rng, rows * cols);
        x = gaussian(rng, cols * pixels);
        y = new float[rows * pixels];
        ScoreMatrix scores = ScoreMatrix.of(w, rows, cols, Importance.L1);
        Budget budget = Budget.forSparsity(rows, cols, block, sparsity);
        csr = SparseMatrix.pack(w, new UnstructuredSelector().select(scores, budget), SparseKernel.CSR);
        abp = SparseMatrix.pack(w, new AlignedSelector().select(scores, budget), SparseKernel.ABP);
        BlockSelection unaligned = new BedSelector().select(scores, budget);
        ubpSliding = SparseMatrix.pack(w, unaligned, SparseKernel.UBP_SLIDING);
        ubpWros = SparseMatrix.pack(w, unaligned, SparseKernel.UBP_WROS);
        nW = Nd4j.create(w, new long[] {rows, cols}, 'c');
        nX = Nd4j.create(x, new long[] {cols, pixels}, 'c');
        nY = Nd4j.create(new float[rows * pixels], new long[] {rows, pixels}, 'c');
    }

    private static float[] gaussian(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            double u = 1 - rng.nextDouble();
            v[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble()));
        }
        return v;
    }

    /** UBP, sliding output window (the authors' U-XNNPACK dataflow). */
    @Benchmark
    public float[] ubpSliding() {
        ubpSliding.multiply(x, pixels, y, KernelPath.VECTOR);
        return y;
    }

    /** UBP, ring accumulators with pre-rotated weights (WROS, reconstructed). */
    @Benchmark
    public float[] ubpWros() {
        ubpWros.multiply(x, pixels, y, KernelPath.VECTOR);
        return y;
    }

    /** Aligned blocks (BSR), same block budget. */
    @Benchmark
    public float[] abp() {
        abp.multiply(x, pixels, y, KernelPath.VECTOR);
        return y;
    }

    /** Unstructured CSR, same number of kept weights. */
    @Benchmark
    public float[] csr() {
        csr.multiply(x, pixels, y, KernelPath.VECTOR);
        return y;
    }

    /** The project's dense GEMM on the unpruned W. */
    @Benchmark
    public float[] denseGemm() {
        Gemm.multiply(w, x, y, rows, cols, pixels, Gemm.Path.VECTOR, threads);
        return y;
    }

    /** ND4J sgemm (OpenBLAS) on the unpruned W into a preallocated Y. */
    @Benchmark
    public INDArray nd4j() {
        return Nd4j.gemm(nW, nX, nY, false, false, 1.0, 0.0);
    }
}
