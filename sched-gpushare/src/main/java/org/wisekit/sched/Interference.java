package org.wisekit.sched;

import java.util.List;

/**
 * Measured throughputs on one GPU type: each job type alone, and two job types co-located on the same GPUs.
 * Implemented by {@code org.wisekit.sched.trace.ThroughputTable} (Gavel's measurements); tests use small
 * synthetic tables.
 */
public interface Interference {

    /** Iterations per second of {@code type} alone on {@code gpus} GPUs; IllegalArgumentException if unknown. */
    double isolated(String type, int gpus);

    /**
     * Iterations per second of {@code a} and of {@code b} when they share the same GPUs, as {@code {tputA,
     * tputB}}; {@code {0, 0}} (any zero) when the pair does not fit together (out of memory): never "no
     * slowdown". IllegalArgumentException when either type is unknown.
     */
    double[] colocated(String a, int gpusA, String b, int gpusB);

    /**
     * The job types that run the same model with a smaller per-step batch, largest first (the sub-batches
     * {@code type} can fall back to with gradient accumulation; the global batch stays {@code type}'s).
     * Empty when there is none.
     */
    List<String> subBatches(String type);

    /** The global batch of {@code type} (the number in "(batch size N)"; 1 for types without one). */
    int batchSize(String type);
}
