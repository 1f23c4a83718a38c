package org.wisekit.bench.fedmml;

import java.util.List;
import org.wisekit.bench.BenchSuite;

/**
 * The {@code fedmml} suite: the federated server's per-round work on the reproduction's model size (107,082
 * floats): FedAvg of 5 and 10 client updates against a STREAM-like weighted sum over the same arrays, and the
 * wire round trip (protobuf encode + parse + decode) of one update against a raw float-to-bytes copy.
 */
public final class FedMmlSuite implements BenchSuite {

    @Override
    public String name() {
        return "fedmml";
    }

    @Override
    public String description() {
        return "FedAvg of N updates vs a plain weighted sum; wire encode/decode of an update vs a raw byte copy";
    }

    @Override
    public String includePattern() {
        return "org\\.wisekit\\.bench\\.fedmml\\.FedMmlBenchmark\\..*";
    }

    @Override
    public List<Integer> threadCounts() {
        return List.of(1);
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(new Ratio("FedAvg / weighted sum", "fedAvg", "weightedSum"),
                new Ratio("wire round trip / raw copy", "wireRoundTrip", "rawCopy"));
    }
}
