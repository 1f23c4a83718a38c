package org.wisekit.sched.trace;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.testing.RealData;

/** The shipped gpu-traces files, verified against the manifest (skip locally without data, fail in CI). */
final class Data {

    private Data() {
    }

    private static final Map<String, Path> PATHS = new ConcurrentHashMap<>();
    private static volatile ThroughputTable v100;

    /** The verified path (checksummed once per test JVM). */
    static Path file(String relative) {
        Path cached = PATHS.get(relative);
        if (cached == null) {
            cached = RealData.load(d -> d.verifiedPath(Dataset.GPU_TRACES, "gpu-traces/" + relative));
            PATHS.put(relative, cached);
        }
        return cached;
    }

    static ThroughputTable v100() {
        ThroughputTable t = v100;
        if (t == null) {
            t = ThroughputTable.load(file("gavel/simulation_throughputs.json"), "v100");
            v100 = t;
        }
        return t;
    }
}
