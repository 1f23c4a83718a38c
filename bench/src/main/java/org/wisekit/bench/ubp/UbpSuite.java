package org.wisekit.bench.ubp;

import java.util.List;
import org.wisekit.bench.BenchSuite;

/**
 * The {@code ubp} suite: the pruning-ubp sparse kernels on MobileNetV1's pointwise shapes at 50-90 %
 * sparsity, V = 4, one thread; UBP against ABP (the paper's latency claim), and the sparse kernels against
 * the own dense GEMM and ND4J sgemm.
 */
public final class UbpSuite implements BenchSuite {

    @Override
    public String name() {
        return "ubp";
    }

    @Override
    public String description() {
        return "Sparse W x X on MobileNetV1 1x1 shapes at 50-90 % sparsity, V = 4, 1 thread: UBP (sliding, WROS) vs ABP,"
                + " CSR, own dense GEMM, ND4J sgemm";
    }

    @Override
    public String includePattern() {
        return "org\\.wisekit\\.bench\\.ubp\\.SpmmBenchmark\\..*";
    }

    @Override
    public List<Integer> threadCounts() {
        return List.of(1);
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(
                new Ratio("UBP-WROS / ABP", "ubpWros", "abp"),
                new Ratio("UBP-sliding / ABP", "ubpSliding", "abp"),
                new Ratio("UBP / dense GEMM", "ubpWros", "denseGemm"),
                new Ratio("ABP / dense GEMM", "abp", "denseGemm"),
                new Ratio("CSR / dense GEMM", "csr", "denseGemm"),
                new Ratio("UBP / ND4J", "ubpWros", "nd4j"),
                new Ratio("ABP / ND4J", "abp", "nd4j"));
    }
}
