package org.wisekit.bench.fhe;

import java.util.List;
import org.wisekit.bench.BenchSuite;

/**
 * The {@code fhe} suite: ring transforms and BGV multiply/key switch, absolute times only. The comparison
 * circuits against their single-thread baseline are the {@code fhe-compare} suite ({@link FheCompareSuite}).
 */
public final class FheSuite implements BenchSuite {

    @Override
    public String name() {
        return "fhe";
    }

    @Override
    public String description() {
        return "BGV building blocks: NTT 2^16, Bluestein m = 17293, multiply + relinearize and key switch at tiers B1/B2";
    }

    @Override
    public String includePattern() {
        return "org\\.wisekit\\.bench\\.fhe\\.(TransformBenchmark|BgvBenchmark)\\..*";
    }

    @Override
    public List<Integer> threadCounts() {
        return List.of(1);
    }

    @Override
    public List<Ratio> ratios() {
        return List.of();
    }
}
