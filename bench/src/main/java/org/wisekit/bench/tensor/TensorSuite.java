package org.wisekit.bench.tensor;

import java.util.List;
import org.wisekit.bench.BenchSuite;

/** The {@code tensor} suite: own GEMM (vector and scalar paths) against ND4J sgemm. */
public final class TensorSuite implements BenchSuite {

    @Override
    public String name() {
        return "tensor";
    }

    @Override
    public String description() {
        return "Square sgemm at 256/512/1024: own blocked GEMM (Vector API and scalar) vs ND4J (OpenBLAS), 1 and 2 threads";
    }

    @Override
    public String includePattern() {
        return "org\\.wisekit\\.bench\\.tensor\\.MatmulBenchmark\\..*";
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(new Ratio("own / ND4J", "own", "nd4j"),
                new Ratio("own scalar / ND4J", "ownScalar", "nd4j"));
    }
}
