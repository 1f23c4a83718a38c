package org.wisekit.sched;

/**
 * A homogeneous cluster: {@code nodes} machines with {@code gpusPerNode} GPUs of one type each.
 *
 * @param nodes       machines (>= 1)
 * @param gpusPerNode GPUs per machine (>= 1)
 * @param gpuType     the throughput table's GPU type, e.g. {@code "v100"}
 */
public record Cluster(int nodes, int gpusPerNode, String gpuType) {

    public Cluster {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be >= 1, got " + nodes);
        }
        if (gpusPerNode < 1) {
            throw new IllegalArgumentException("gpusPerNode must be >= 1, got " + gpusPerNode);
        }
        if (gpuType == null || gpuType.isBlank()) {
            throw new IllegalArgumentException("gpuType must not be blank");
        }
    }

    /** Parses {@code "8x8"} (nodes x GPUs per node) on {@code gpuType}. */
    public static Cluster parse(String spec, String gpuType) {
        String[] parts = spec == null ? new String[0] : spec.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new Cluster(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), gpuType);
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("cluster must be NODESxGPUS (e.g. 8x8), got '" + spec + "'");
    }

    public int totalGpus() {
        return nodes * gpusPerNode;
    }
}
