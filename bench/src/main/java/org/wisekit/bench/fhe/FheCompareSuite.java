package org.wisekit.bench.fhe;

import java.util.List;
import org.wisekit.bench.BenchSuite;

/**
 * The {@code fhe-compare} suite (FheCompare): the single-thread Iliashenko-Zucca comparison against BoostCom-CPU
 * (compaction + non-blocking at 1 thread; plus RNS- and circuit-level parallelism at 2), on a fully packed
 * comparison and an under-filled array minimum, same ciphertexts.
 */
public final class FheCompareSuite implements BenchSuite {

    @Override
    public String name() {
        return "fhe-compare";
    }

    @Override
    public String description() {
        return "IZ word comparison (baseline) vs BoostCom-CPU: packed 32-bit compare and array minimum N = 8 at T1";
    }

    @Override
    public String includePattern() {
        return "org\\.wisekit\\.bench\\.fhe\\.FheCompareBenchmark\\..*";
    }

    @Override
    public List<Integer> threadCounts() {
        return List.of(1, 2);
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(new Ratio("BoostCom / IZ, packed compare", "packedBoostCom", "packedBaseline"),
                new Ratio("BoostCom / IZ, array minimum", "arrayMinBoostCom", "arrayMinBaseline"));
    }
}
