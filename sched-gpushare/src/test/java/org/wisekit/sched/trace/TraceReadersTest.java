package org.wisekit.sched.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.sched.Cluster;
import org.wisekit.sched.Job;
import org.wisekit.sched.Trace;

/** Every shipped trace parses with the row count counted independently (wc -l / python csv). */
class TraceReadersTest {

    private static Job byId(Trace t, int id) {
        return t.jobs().stream().filter(j -> j.id() == id).findFirst().orElseThrow();
    }

    @Test
    void gavelTraces() {
        ThroughputTable table = Data.v100();
        Map<String, Integer> expected = Map.of("2869ce", 533, "e13805", 607, "23dbec", 9, "51b7ef", 18, "795a4c", 3, "925e2b", 4);
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            Trace t = TraceFormat.GAVEL.read(Data.file("gavel/msr/seed=0/" + e.getKey() + ".trace"), table, 0);
            assertEquals(e.getValue(), t.jobs().size(), e.getKey());
            assertEquals("", t.mapping());
        }
        Trace t = GavelTrace.read(Data.file("gavel/msr/seed=0/2869ce.trace"), table);
        Job first = byId(t, 0);
        assertEquals("Transformer (batch size 128)", first.type());
        assertEquals(4, first.gpus());
        assertEquals(0.0, first.arrivalSeconds());
        assertEquals(5352613L, first.iterations());
        Job second = byId(t, 1);
        assertEquals("Recommendation (batch size 8192)", second.type());
        assertEquals(1456.0, second.arrivalSeconds());
        assertEquals(557847L, second.iterations());
    }

    @Test
    void muriTracesInSeconds() {
        ThroughputTable table = Data.v100();
        Map<String, Integer> expected = Map.of("trace1", 1494, "trace2", 5755, "trace3", 992, "trace4", 2638);
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            Trace t = TraceFormat.MURI.read(Data.file("muri/" + e.getKey() + ".csv"), table, 0);
            assertEquals(e.getValue(), t.jobs().size(), e.getKey());
            assertTrue(t.mapping().contains("milliseconds") && t.mapping().contains("dqn (batch 128) -> A3C"), t.mapping());
        }
        Trace t = MuriTrace.read(Data.file("muri/trace1.csv"), table);
        Job j0 = byId(t, 0);
        assertEquals("A3C", j0.type());
        assertEquals(Math.round(2868294.0 * table.isolated("A3C", 1)), j0.iterations());
        Job j1 = byId(t, 1);
        assertEquals(201694.0, j1.arrivalSeconds(), 0);
        assertEquals(8, j1.gpus());
        Job j2 = byId(t, 2); // vgg16, batch 16, 8 GPUs, duration 4472933000 ms
        assertEquals("ResNet-50 (batch size 16)", j2.type());
        assertEquals(Math.round(4472933.0 * table.isolated("ResNet-50 (batch size 16)", 8)), j2.iterations());
        assertEquals(new Cluster(8, 8, "v100"), ClusterSpec.read(Data.file("muri/cluster_spec_n8g8.csv"), "v100"));
    }

    @Test
    void tiresias() {
        ThroughputTable table = Data.v100();
        Trace t = TraceFormat.TIRESIAS.read(Data.file("tiresias/60_job.csv"), table, 0);
        assertEquals(60, t.jobs().size());
        Job j0 = byId(t, 0); // vgg19, 1 GPU, submit 0, duration 164 s
        assertEquals("ResNet-50 (batch size 64)", j0.type());
        assertEquals(Math.round(164 * 4.394774823323071), j0.iterations());
        Job j1 = byId(t, 1);
        assertEquals(30.0, j1.arrivalSeconds(), 0);
        assertEquals(8, j1.gpus());
        assertEquals(new Cluster(16, 4, "v100"), ClusterSpec.read(Data.file("tiresias/cluster_spec.csv"), "v100"));
    }

    @Test
    void alibabaPodLists() {
        ThroughputTable table = Data.v100();
        // rows and GPU pods per list, counted with python's csv module
        Map<String, int[]> expected = new java.util.TreeMap<>(Map.ofEntries(
                Map.entry("cpu0", new int[] {7064, 7064}), Map.entry("cpu037", new int[] {7336, 7064}),
                Map.entry("cpu050", new int[] {7439, 7064}), Map.entry("cpu072", new int[] {7608, 7064}),
                Map.entry("cpu100", new int[] {7853, 7064}), Map.entry("cpu200", new int[] {8832, 7064}),
                Map.entry("cpu235", new int[] {9240, 7064}), Map.entry("cpu250", new int[] {9420, 7064}),
                Map.entry("cpu300", new int[] {10094, 7064}), Map.entry("default", new int[] {8152, 7064}),
                Map.entry("gpushare100", new int[] {8152, 7064}), Map.entry("gpushare20", new int[] {8152, 7064}),
                Map.entry("gpushare40", new int[] {8152, 7064}), Map.entry("gpushare60", new int[] {8152, 7064}),
                Map.entry("gpushare80", new int[] {8152, 7064}), Map.entry("gpuspec05", new int[] {8152, 7064}),
                Map.entry("gpuspec10", new int[] {8152, 7064}), Map.entry("gpuspec20", new int[] {8152, 7064}),
                Map.entry("gpuspec25", new int[] {8152, 7064}), Map.entry("gpuspec33", new int[] {8152, 7064}),
                Map.entry("multigpu20", new int[] {8324, 7236}), Map.entry("multigpu30", new int[] {8508, 7420}),
                Map.entry("multigpu40", new int[] {8746, 7658}), Map.entry("multigpu50", new int[] {9061, 7973})));
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            Path f = Data.file("alibaba-gpu-v2023/openb_pod_list_" + e.getKey() + ".csv");
            if (e.getKey().startsWith("multigpu") || e.getKey().equals("default")) {
                var pods = AlibabaPods.pods(f);
                assertEquals(e.getValue()[0], pods.size(), e.getKey());
                assertEquals(e.getValue()[1], pods.stream().filter(p -> !p.cpuOnly()).count(), e.getKey());
            }
            if (e.getKey().startsWith("multigpu")) {
                IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> AlibabaPods.read(f, table, 0));
                assertTrue(x.getMessage().contains("no creation_time"), x.getMessage());
            } else {
                Trace t = TraceFormat.ALIBABA2023.read(f, table, 0);
                assertEquals(e.getValue()[1], t.jobs().size(), e.getKey());
                int skipped = e.getValue()[0] - e.getValue()[1];
                assertTrue(t.mapping().contains(skipped + " CPU-only pods skipped"), t.mapping());
            }
        }
        Trace t = AlibabaPods.read(Data.file("alibaba-gpu-v2023/openb_pod_list_default.csv"), table, 0);
        Job first = byId(t, 0); // openb-pod-0000: 1 GPU, 1000 milli, created 0, deleted 12537496
        assertEquals(1, first.gpus());
        assertEquals(0.0, first.arrivalSeconds());
        assertEquals(Math.round(12537496.0 * table.isolated(first.type(), 1)), first.iterations());
        for (Job j : t.jobs()) {
            if (j.gpus() > 1) {
                assertTrue(AlibabaPods.candidates(AlibabaPods.Bucket.MULTI, table).contains(j.type()), j.type());
            }
        }
    }

    @Test
    void alibabaMappingIsDeterministicForASeed() {
        ThroughputTable table = Data.v100();
        Path f = Data.file("alibaba-gpu-v2023/openb_pod_list_gpushare40.csv");
        Trace a = AlibabaPods.read(f, table, 7);
        Trace b = AlibabaPods.read(f, table, 7);
        Trace c = AlibabaPods.read(f, table, 8);
        assertEquals(a, b);
        assertNotEquals(a.jobs(), c.jobs());
        assertEquals(a.jobs().stream().map(Job::arrivalSeconds).toList(), c.jobs().stream().map(Job::arrivalSeconds).toList());
    }

    @Test
    void alibabaNodeLists() {
        AlibabaNodes gpu = AlibabaNodes.read(Data.file("alibaba-gpu-v2023/openb_node_list_gpu_node.csv"));
        assertEquals(1213, gpu.nodes());
        assertEquals(1213, gpu.gpuNodes());
        assertEquals(617 * 8 + 518 * 2 + 54 * 4 + 24, gpu.totalGpus());
        assertEquals(Map.of(1, 24, 2, 518, 4, 54, 8, 617), gpu.nodesByGpuCount());
        AlibabaNodes all = AlibabaNodes.read(Data.file("alibaba-gpu-v2023/openb_node_list_all_node.csv"));
        assertEquals(1523, all.nodes());
        assertEquals(1213, all.gpuNodes());
        assertEquals(310, all.nodesByGpuCount().get(0));
        Cluster c = all.homogeneous("v100");
        assertEquals(8, c.gpusPerNode());
        assertEquals((6212 + 7) / 8, c.nodes());
    }

    @Test
    void phillyDurationDistribution() {
        DurationDistribution d = DurationDistribution.read(Data.file("alibaba-gpu-v2020/philly_runtime.csv"));
        assertEquals(83154, d.size());
        assertEquals(0.0, d.min());
        assertEquals(4628239.0, d.max());
        assertEquals(1186.0, d.quantile(0.5)); // python: sorted(v)[len(v)//2]
        SplittableRandom r1 = new SplittableRandom(3);
        SplittableRandom r2 = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            assertEquals(d.sample(r1), d.sample(r2));
        }
        ThroughputTable table = Data.v100();
        Trace s1 = d.synthesize("synthetic", 2000, 60, table, 11);
        Trace s2 = d.synthesize("synthetic", 2000, 60, table, 11);
        assertEquals(s1, s2);
        assertEquals(2000, s1.jobs().size());
        assertTrue(s1.mapping().contains("philly_runtime.csv"), s1.mapping());
        double meanGap = s1.jobs().get(1999).arrivalSeconds() / 1999;
        assertEquals(60, meanGap, 6);
    }
}
