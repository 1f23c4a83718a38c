package org.wisekit.sched.trace;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.wisekit.sched.Cluster;

/**
 * Alibaba v2023 node lists ({@code openb_node_list_*.csv}: {@code sn, cpu_milli, memory_mib, gpu, model}),
 * summarised: node and GPU counts by GPUs per node and by GPU model (empty model = CPU-only node).
 *
 * @param nodes            all nodes in the file
 * @param gpuNodes         nodes with at least one GPU
 * @param totalGpus        GPUs over all nodes
 * @param nodesByGpuCount  GPUs per node -> nodes (sorted)
 * @param gpusByModel      GPU model -> GPUs (sorted; CPU-only nodes omitted)
 */
public record AlibabaNodes(String file, int nodes, int gpuNodes, int totalGpus, Map<Integer, Integer> nodesByGpuCount,
        Map<String, Integer> gpusByModel) {

    public AlibabaNodes {
        nodesByGpuCount = Collections.unmodifiableMap(new TreeMap<>(nodesByGpuCount));
        gpusByModel = Collections.unmodifiableMap(new TreeMap<>(gpusByModel));
    }

    public static AlibabaNodes read(Path file) {
        Rows.Csv csv = Rows.csv(file, "sn", "gpu", "model");
        TreeMap<Integer, Integer> byCount = new TreeMap<>();
        TreeMap<String, Integer> byModel = new TreeMap<>();
        int gpuNodes = 0;
        int total = 0;
        for (Rows.Row row : csv.rows()) {
            int gpus = csv.integer(row, "gpu");
            if (gpus < 0) {
                throw row.error("negative gpu count: " + gpus);
            }
            byCount.merge(gpus, 1, Integer::sum);
            if (gpus > 0) {
                gpuNodes++;
                total += gpus;
                String model = csv.text(row, "model");
                byModel.merge(model.isEmpty() ? "unknown" : model, gpus, Integer::sum);
            }
        }
        return new AlibabaNodes(file.getFileName().toString(), csv.rows().size(), gpuNodes, total, byCount, byModel);
    }

    /**
     * A homogeneous stand-in with the same number of GPUs [reconstructed]: nodes of the size that holds the
     * most GPUs in the list (ties: the larger size), as many as needed to hold {@link #totalGpus()}.
     */
    public Cluster homogeneous(String gpuType) {
        if (totalGpus == 0) {
            throw new IllegalArgumentException(file + ": no GPU nodes");
        }
        int bestSize = 0;
        long bestGpus = -1;
        for (Map.Entry<Integer, Integer> e : nodesByGpuCount.entrySet()) {
            long gpus = (long) e.getKey() * e.getValue();
            if (e.getKey() > 0 && gpus >= bestGpus) {
                bestGpus = gpus;
                bestSize = e.getKey();
            }
        }
        return new Cluster((totalGpus + bestSize - 1) / bestSize, bestSize, gpuType);
    }
}
