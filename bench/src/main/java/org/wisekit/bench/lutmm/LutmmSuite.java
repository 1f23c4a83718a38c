package org.wisekit.bench.lutmm;

import java.util.List;
import org.wisekit.bench.BenchSuite;

/**
 * The {@code lutmm} suite: MADDNESS approximate matmul (lutmm-amu, B fixed) against ND4J's OpenBLAS sgemm,
 * the own GEMM and the int8 GEMM, one thread, with the speed-ups over sgemm set beside those of the C++
 * reference (bolt's mithral) measured against the same OpenBLAS call on a machine of this kind.
 */
public final class LutmmSuite implements BenchSuite {

    @Override
    public String name() {
        return "lutmm";
    }

    @Override
    public String description() {
        return "MADDNESS (B fixed) vs ND4J OpenBLAS sgemm, own GEMM and int8 GEMM at (10000,512,10), (10000,512,100)"
                + " and (49284,27,2), C = 8..32, 1 thread; ratios above 1 in the first rows are speed-ups over sgemm";
    }

    @Override
    public String includePattern() {
        return "org\\.wisekit\\.bench\\.lutmm\\.(Lutmm|Filter|Exact)Benchmark\\..*";
    }

    @Override
    public List<Integer> threadCounts() {
        return List.of(1);
    }

    /** {@code gc}: the kernels must allocate nothing per call once warm. */
    @Override
    public List<String> profilers() {
        return List.of("gc");
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(
                new Ratio("sgemm / MADDNESS (speed-up)", "sgemm", "maddness"),
                new Ratio("sgemm / MADDNESS exact sum (speed-up)", "sgemm", "maddnessSum"),
                new Ratio("sgemm row-major / MADDNESS row-major (speed-up)", "sgemmRows", "maddnessRows"),
                new Ratio("sgemm row-major / MADDNESS (speed-up)", "sgemmRows", "maddness"),
                new Ratio("own GEMM / MADDNESS (speed-up)", "exactOwn", "maddness"),
                new Ratio("int8 / MADDNESS (speed-up)", "int8", "maddness"),
                new Ratio("encode / MADDNESS (share)", "encode", "maddness"),
                new Ratio("scan / MADDNESS (share)", "scan", "maddness"),
                new Ratio("int8 / sgemm", "int8", "sgemm"),
                new Ratio("own GEMM / sgemm", "exactOwn", "sgemm"));
    }

    @Override
    public String notes() {
        return """
                `maddness` is the product as the C++ reference times it ("enc+scan", B fixed): column-major A in, \
                column-major output, averaging aggregation; ours also decodes to float. `sgemm` is ND4J's bundled \
                OpenBLAS with column-major operands, one thread, the call the reference's "x sgemm" column uses; \
                `sgemmRows` the same product with row-major operands (faster for these shapes on some machines).

                The C++ reference, bolt's mithral (`-O3 -march=native`, AVX2 kernels), measured against OpenBLAS \
                `cblas_sgemm` (1 thread, SkylakeX kernel) on an Intel Xeon (2.6 GHz, AVX-512), 2026-12-06, median of \
                101 calls; speed-up = sgemm time / enc+scan time:

                | (N, D, M) | C | mithral enc+scan | OpenBLAS sgemm | mithral x sgemm | target for Java (x sgemm, 1/1.5 of mithral's) |
                |---|---|---|---|---|---|
                | 10000, 512, 10 | 8 | 0.028 ms | 2.40 ms | 86x | |
                | 10000, 512, 10 | 16 | 0.099 ms | 2.40 ms | 24x | 16x |
                | 10000, 512, 10 | 32 | 0.230 ms | 2.40 ms | 10.4x | 6.9x |
                | 10000, 512, 100 | 8 | 0.098 ms | 8.78 ms | 90x | |
                | 10000, 512, 100 | 16 | 0.245 ms | 8.78 ms | 36x | 24x |
                | 10000, 512, 100 | 32 | 0.494 ms | 8.78 ms | 17.8x | 11.9x |
                | 49284, 27, 2 | 8 | 0.208 ms | 0.49 ms | 2.4x | |
                | 49284, 27, 2 | 16 | 0.378 ms | 0.49 ms | 1.3x | 0.87x |

                Times on different machines are not comparable; the speed-ups over the same sgemm call are.
                """;
    }
}
