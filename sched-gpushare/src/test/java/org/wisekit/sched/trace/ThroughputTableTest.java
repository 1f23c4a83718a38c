package org.wisekit.sched.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThroughputTableTest {

    // Values read independently with python3's json module from gavel/simulation_throughputs.json.
    @Test
    void lookupsMatchTheFile() {
        ThroughputTable t = Data.v100();
        assertEquals(26, t.types().size());
        assertEquals(4.394774823323071, t.isolated("ResNet-50 (batch size 64)", 1), 0);
        assertEquals(14.17451716526748, t.isolated("Transformer (batch size 128)", 4), 0);
        assertEquals(81.5065873273903, t.isolated("ResNet-18 (batch size 256)", 8), 0);
        assertEquals(7.175767179667988, t.isolated("A3C", 1), 0);
        assertArrayEquals(new double[] {3.0214759821669617, 24.79801703692631},
                t.colocated("ResNet-50 (batch size 64)", 1, "LM (batch size 20)", 1), 0);
        assertArrayEquals(new double[] {24.79801703692631, 3.0214759821669617},
                t.colocated("LM (batch size 20)", 1, "ResNet-50 (batch size 64)", 1), 0);
        assertArrayEquals(new double[] {4.562135656281291, 3.1632656249608218}, t.colocated("A3C", 1, "CycleGAN", 1), 0);
        assertEquals(7.052080666695425, ThroughputTable.load(Data.file("gavel/simulation_throughputs.json"), "k80")
                .isolated("ResNet-18 (batch size 64)", 1), 0);
    }

    @Test
    void zeroEntryIsInfeasibleNeverNoSlowdown() {
        ThroughputTable t = Data.v100();
        assertArrayEquals(new double[] {0, 0},
                t.colocated("ResNet-50 (batch size 128)", 1, "Transformer (batch size 256)", 1), 0);
        assertEquals(Double.POSITIVE_INFINITY, t.slowdown("ResNet-50 (batch size 128)", "Transformer (batch size 256)"));
        // infeasible on one GPU -> infeasible per GPU for multi-GPU jobs too
        assertArrayEquals(new double[] {0, 0},
                t.colocated("ResNet-50 (batch size 128)", 4, "Transformer (batch size 256)", 2), 0);
    }

    @Test
    void singleGpuSlowdownsAreAtLeastOneAndFortyPairsAreInfeasible() {
        ThroughputTable t = Data.v100();
        int infeasible = 0;
        for (String a : t.types()) {
            for (String b : t.types()) {
                double xi = t.slowdown(a, b);
                if (Double.isInfinite(xi)) {
                    infeasible++;
                } else {
                    assertTrue(xi >= 1 - 1e-12, a + " next to " + b + ": " + xi);
                }
            }
        }
        assertEquals(40, infeasible); // python: single-GPU pair entries holding a 0
    }

    @Test
    void multiGpuPairsUseSingleGpuSlowdownsPerGpu() {
        ThroughputTable t = Data.v100();
        String a = "ResNet-50 (batch size 64)";
        String b = "LM (batch size 20)";
        double[] one = t.colocated(a, 1, b, 1);
        double[] multi = t.colocated(a, 4, b, 2);
        assertEquals(t.isolated(a, 4) * one[0] / t.isolated(a, 1), multi[0], 1e-12);
        assertEquals(t.isolated(b, 2) * one[1] / t.isolated(b, 1), multi[1], 1e-12);
        // same slowdown as on one GPU
        assertEquals(t.isolated(a, 1) / one[0], t.isolated(a, 4) / multi[0], 1e-12);
        // the table's own (4,4) entries are all zero: TABLE mode makes multi-GPU sharing infeasible
        ThroughputTable strict = ThroughputTable.load(Data.file("gavel/simulation_throughputs.json"), "v100",
                ThroughputTable.MultiGpuPairs.TABLE);
        assertArrayEquals(new double[] {0, 0}, strict.colocated(a, 4, b, 4), 0);
        assertArrayEquals(multi, strict.colocated(a, 4, b, 2), 1e-12);
    }

    @Test
    void isolatedExtrapolatesLinearlyFromTheLargestMeasuredScale() {
        ThroughputTable t = Data.v100();
        assertEquals(List.of(1), t.measuredGpuCounts("A3C"));
        assertEquals(8 * 7.175767179667988, t.isolated("A3C", 8), 1e-9);
        assertEquals(81.5065873273903 * 32 / 8, t.isolated("ResNet-18 (batch size 256)", 32), 1e-9);
        assertEquals(81.5065873273903 * 12 / 8, t.isolated("ResNet-18 (batch size 256)", 12), 1e-9);
        assertFalse(t.measured("A3C", 2));
    }

    @Test
    void subBatchesAndBatchSizes() {
        ThroughputTable t = Data.v100();
        assertEquals(List.of("ResNet-18 (batch size 128)", "ResNet-18 (batch size 64)", "ResNet-18 (batch size 32)",
                "ResNet-18 (batch size 16)"), t.subBatches("ResNet-18 (batch size 256)"));
        assertEquals(List.of(), t.subBatches("ResNet-18 (batch size 16)"));
        assertEquals(List.of(), t.subBatches("A3C"));
        assertEquals(List.of("LM (batch size 5)"), t.subBatches("LM (batch size 10)"));
        assertEquals(8192, t.batchSize("Recommendation (batch size 8192)"));
        assertEquals(1, t.batchSize("CycleGAN"));
        assertEquals("LM (batch size 5)", t.nearestBatch("LM", 4));
        assertEquals("Transformer (batch size 16)", t.nearestBatch("Transformer", 4));
        assertEquals("ResNet-50 (batch size 16)", t.nearestBatch("ResNet-50", 16));
        assertEquals("A3C", t.nearestBatch("A3C", 128));
    }

    @Test
    void unknownTypesAndGpuTypesAreOneLineErrors() {
        ThroughputTable t = Data.v100();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.isolated("VGG-16", 1));
        assertTrue(e.getMessage().contains("unknown job type 'VGG-16'") && e.getMessage().contains("A3C"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertThrows(IllegalArgumentException.class, () -> t.colocated("A3C", 1, "nope", 1));
        assertThrows(IllegalArgumentException.class, () -> t.subBatches("nope"));
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> ThroughputTable.load(Data.file("gavel/simulation_throughputs.json"), "h100"));
        assertTrue(g.getMessage().contains("v100"), g.getMessage());
    }

    @Test
    void smallSyntheticFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.json");
        Files.writeString(f, """
                {"v100": {
                  "('M (batch size 32)', 1)": {"null": 10.0, "('M (batch size 32)', 1)": [6.0, 6.0], "('M (batch size 16)', 1)": [0.0, 0.0]},
                  "('M (batch size 16)', 1)": {"null": 12.0, "('M (batch size 16)', 1)": [8.0, 8.0]}
                }}""");
        ThroughputTable t = ThroughputTable.load(f, "v100");
        assertArrayEquals(new double[] {0, 0}, t.colocated("M (batch size 16)", 1, "M (batch size 32)", 1), 0);
        assertEquals(10.0 / 6.0, t.slowdown("M (batch size 32)", "M (batch size 32)"), 1e-12);
        assertEquals(List.of("M (batch size 16)"), t.subBatches("M (batch size 32)"));
        Files.writeString(f, "{\"v100\": {\"bad key\": {\"null\": 1.0}}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThroughputTable.load(f, "v100"));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        Files.writeString(f, "{not json");
        assertThrows(IllegalArgumentException.class, () -> ThroughputTable.load(f, "v100"));
    }
}
