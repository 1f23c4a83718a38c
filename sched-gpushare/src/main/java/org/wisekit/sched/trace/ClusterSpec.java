package org.wisekit.sched.trace;

import java.nio.file.Path;
import org.wisekit.sched.Cluster;

/**
 * The cluster-spec CSVs of the Tiresias and Muri simulators ({@code num_switch, num_node_p_switch,
 * num_gpu_p_node, num_cpu_p_node, mem_p_node}; one data row): {@code num_switch x num_node_p_switch} nodes
 * of {@code num_gpu_p_node} GPUs. CPUs and host memory are not modelled.
 */
public final class ClusterSpec {

    private ClusterSpec() {
    }

    /** Reads {@code file} as a cluster of {@code gpuType} GPUs. */
    public static Cluster read(Path file, String gpuType) {
        Rows.Csv csv = Rows.csv(file, "num_switch", "num_node_p_switch", "num_gpu_p_node");
        if (csv.rows().size() != 1) {
            throw new IllegalArgumentException(file + ": expected one data row, got " + csv.rows().size());
        }
        Rows.Row row = csv.rows().get(0);
        int switches = csv.integer(row, "num_switch");
        int nodes = csv.integer(row, "num_node_p_switch");
        int gpus = csv.integer(row, "num_gpu_p_node");
        if (switches < 1 || nodes < 1 || gpus < 1) {
            throw row.error("num_switch, num_node_p_switch and num_gpu_p_node must be >= 1");
        }
        return new Cluster(switches * nodes, gpus, gpuType);
    }
}
