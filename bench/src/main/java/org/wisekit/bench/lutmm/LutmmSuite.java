package org.wisekit.bench.lutmm;

import java.util.List;
import org.wisekit.bench.BenchSuite;

/**
 * The {@code lutmm} suite: MADDNESS approximate matmul (lutmm-amu) against exact GEMM (own, ND4J) and
 * int8 GEMM, with its encode and scan kernels alone, one thread.
 */
public final class LutmmSuite implements BenchSuite {

    @Override
    public String name() {
        return "lutmm";
    }

    @Override
    public String description() {
        return "MADDNESS (B fixed) vs own GEMM, ND4J sgemm and int8 GEMM at (10000,512,10), (10000,512,100),"
                + " (49284,27,2) and the stacked-MLP layers, C = 4..64, 1 thread; encode and scan alone";
    }

    @Override
    public String includePattern() {
        return "org\\.wisekit\\.bench\\.lutmm\\.(Lutmm|Filter)Benchmark\\..*";
    }

    @Override
    public List<Integer> threadCounts() {
        return List.of(1);
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(
                new Ratio("MADDNESS / own GEMM", "maddness", "exactOwn"),
                new Ratio("MADDNESS / ND4J", "maddness", "nd4j"),
                new Ratio("MADDNESS / int8", "maddness", "int8"),
                new Ratio("encode / own GEMM", "encode", "exactOwn"),
                new Ratio("scan / own GEMM", "scan", "exactOwn"),
                new Ratio("int8 / own GEMM", "int8", "exactOwn"),
                new Ratio("MADDNESS vector / scalar", "maddness", "maddnessScalar"));
    }
}
