package org.wisekit.sched.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import org.wisekit.sched.Trace;

/** Bad input gets a one-line IllegalArgumentException naming file:line; uses a small synthetic table. */
class MalformedTraceTest {

    @TempDir
    Path dir;
    ThroughputTable table;

    @BeforeEach
    void table() throws Exception {
        Path f = dir.resolve("tput.json");
        StringBuilder sb = new StringBuilder("{\"v100\": {");
        String[] types = {"A3C", "ResNet-18 (batch size 64)", "ResNet-18 (batch size 128)", "ResNet-50 (batch size 64)",
            "Transformer (batch size 16)", "LM (batch size 5)"};
        for (int i = 0; i < types.length; i++) {
            sb.append(i > 0 ? "," : "").append("\"('").append(types[i]).append("', 1)\": {\"null\": ").append(i + 1).append(".0");
            for (String p : types) {
                sb.append(", \"('").append(p).append("', 1)\": [0.5, 0.5]");
            }
            sb.append("}");
        }
        sb.append(", \"('ResNet-18 (batch size 64)', 4)\": {\"null\": 7.0}");
        sb.append("}}");
        Files.writeString(f, sb.toString());
        table = ThroughputTable.load(f, "v100");
    }

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private void fails(Executable e, Path file, int line, String fragment) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        String m = x.getMessage();
        assertTrue(m.startsWith(file + ":" + line + ": "), m);
        assertTrue(m.contains(fragment), m);
        assertFalse(m.contains("\n"), m);
    }

    private static final String GOOD = "A3C\tcmd\t-n\t1\t100\t0.0\t1\n";

    @Test
    void gavel() throws Exception {
        Path ok = write("ok.trace", GOOD + "\nResNet-18 (batch size 64)\tcmd\t-n\t1\t50\t10.5\t4\n");
        Trace t = GavelTrace.read(ok, table);
        assertEquals(2, t.jobs().size());
        assertEquals(7.0, table.isolated("ResNet-18 (batch size 64)", 4));
        Path f1 = write("a.trace", GOOD + "A3C\tcmd\t-n\t1\t100\t0.0\n");
        fails(() -> GavelTrace.read(f1, table), f1, 2, "expected 7 tab-separated fields");
        Path f2 = write("b.trace", GOOD + "A3C\tcmd\t-n\t1\tmany\t0.0\t1\n");
        fails(() -> GavelTrace.read(f2, table), f2, 2, "total_steps is not a finite number");
        Path f3 = write("c.trace", GOOD + GOOD + "A3C\tcmd\t-n\t1\t100\t-5\t1\n");
        fails(() -> GavelTrace.read(f3, table), f3, 3, "negative arrival_time");
        Path f4 = write("d.trace", "VGG-16\tcmd\t-n\t1\t100\t0.0\t1\n");
        fails(() -> GavelTrace.read(f4, table), f4, 1, "unknown job type 'VGG-16'");
        Path f5 = write("e.trace", "A3C\tcmd\t-n\t1\t-100\t0.0\t1\n");
        fails(() -> GavelTrace.read(f5, table), f5, 1, "negative total_steps");
        Path f6 = write("f.trace", "A3C\tcmd\t-n\t1\t100\t0.0\t0\n");
        fails(() -> GavelTrace.read(f6, table), f6, 1, "scale_factor must be >= 1");
        Path missing = dir.resolve("missing.trace");
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> GavelTrace.read(missing, table));
        assertTrue(x.getMessage().contains("no such file"));
    }

    private static final String MURI_HEADER = "job_id,num_gpu,submit_time,iterations,model_name,batch_size,duration,interval,"
            + "iteration_time,resource_time_0,resource_time_1,resource_time_2,priority\n";

    @Test
    void muri() throws Exception {
        Path ok = write("ok.csv", MURI_HEADER + "0,1,2000,10,gpt2,4,10000,0,1,1,1,0,1\n3,4,0,10,resnet18,100,5000,0,1,1,1,0,1\n");
        Trace t = MuriTrace.read(ok, table);
        assertEquals(2, t.jobs().size());
        assertEquals("LM (batch size 5)", t.jobs().get(1).type());
        assertEquals(2.0, t.jobs().get(1).arrivalSeconds());
        assertEquals(Math.round(10.0 * 6.0), t.jobs().get(1).iterations()); // LM isolated = 6 in this table
        assertEquals("ResNet-18 (batch size 128)", t.jobs().get(0).type()); // 100 is nearer 128 than 64 (log scale)
        Path f1 = write("a.csv", MURI_HEADER + "0,1,0,10,gpt2,4,10000\n");
        fails(() -> MuriTrace.read(f1, table), f1, 2, "expected 13 comma-separated fields");
        Path f2 = write("b.csv", MURI_HEADER + "0,1,0,10,gpt2,4,10000,0,1,1,1,0,1\n1,1,0,10,gpt2,4,-3,0,1,1,1,0,1\n");
        fails(() -> MuriTrace.read(f2, table), f2, 3, "negative duration");
        Path f3 = write("c.csv", MURI_HEADER + "0,1,0,10,mystery,4,10,0,1,1,1,0,1\n");
        fails(() -> MuriTrace.read(f3, table), f3, 2, "unknown model 'mystery'");
        Path f4 = write("d.csv", MURI_HEADER + "0,x,0,10,gpt2,4,10,0,1,1,1,0,1\n");
        fails(() -> MuriTrace.read(f4, table), f4, 2, "num_gpu is not a finite number: 'x'");
        Path f5 = write("e.csv", MURI_HEADER + "0,1,0,10,gpt2,4,10,0,1,1,1,0,1\n0,1,0,10,gpt2,4,10,0,1,1,1,0,1\n");
        fails(() -> MuriTrace.read(f5, table), f5, 3, "duplicate job_id 0");
        Path f6 = write("f.csv", "job_id,num_gpu\n0,1\n");
        fails(() -> MuriTrace.read(f6, table), f6, 1, "missing column 'submit_time'");
    }

    @Test
    void tiresias() throws Exception {
        String h = "job_id,num_gpu,submit_time,iterations,model_name,duration,interval\n";
        Path ok = write("ok.csv", h + "0,1,0,606,vgg19,164,30\n");
        assertEquals("ResNet-50 (batch size 64)", TiresiasTrace.read(ok, table).jobs().get(0).type());
        Path f1 = write("a.csv", h + "0,1,-1,606,vgg19,164,30\n");
        fails(() -> TiresiasTrace.read(f1, table), f1, 2, "negative submit_time");
        Path f2 = write("b.csv", h + "0,0,1,606,vgg19,164,30\n");
        fails(() -> TiresiasTrace.read(f2, table), f2, 2, "num_gpu must be >= 1");
        Path spec = write("spec.csv", "num_switch,num_node_p_switch,num_gpu_p_node,num_cpu_p_node,mem_p_node\n1,0,4,1,1");
        fails(() -> ClusterSpec.read(spec, "v100"), spec, 2, "must be >= 1");
    }

    private static final String POD_HEADER = "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,"
            + "deletion_time,scheduled_time\n";

    @Test
    void alibaba() throws Exception {
        Path ok = write("ok.csv", POD_HEADER + "p0,1000,1,0,0,,LS,Running,0,10,0\np1,1000,1,1,500,,LS,Running,5,25,5\n"
                + "p2,1000,1,4,1000,,LS,Running,6,7,6\np3,1000,1,1,1000,V100M16|V100M32,BE,Pending,8,8,\n");
        Trace t = AlibabaPods.read(ok, table, 1);
        assertEquals(3, t.jobs().size());
        assertTrue(t.mapping().contains("1 CPU-only pods skipped"), t.mapping());
        assertEquals(1, t.jobs().get(0).id());
        assertTrue(AlibabaPods.candidates(AlibabaPods.Bucket.FRACTIONAL, table).contains(t.jobs().get(0).type()));
        assertEquals("ResNet-18 (batch size 64)", t.jobs().get(1).type()); // the only type measured on > 1 GPU
        assertEquals(1L, t.jobs().get(2).iterations()); // zero lifetime -> at least 1 iteration
        Path f1 = write("a.csv", POD_HEADER + "p0,1000,1,1,1000,,LS,Running,20,10,0\n");
        fails(() -> AlibabaPods.read(f1, table, 0), f1, 2, "negative duration");
        Path f2 = write("b.csv", POD_HEADER + "p0,1000,1,1,1000,,LS,Running,0,10\n");
        fails(() -> AlibabaPods.read(f2, table, 0), f2, 2, "expected 11 comma-separated fields");
        Path f3 = write("c.csv", POD_HEADER + "p0,1000,1,1,1500,,LS,Running,0,10,0\n");
        fails(() -> AlibabaPods.read(f3, table, 0), f3, 2, "gpu_milli must be in 1..1000");
        Path f4 = write("d.csv", POD_HEADER + "p0,1000,1,1,1000,,LS,Running,0,,0\n");
        fails(() -> AlibabaPods.read(f4, table, 0), f4, 2, "deletion_time is not a finite number");
        Path nodes = write("n.csv", "sn,cpu_milli,memory_mib,gpu,model\nn0,1,1,8,V100\nn1,1,1,-2,V100\n");
        fails(() -> AlibabaNodes.read(nodes), nodes, 3, "negative gpu count");
    }

    @Test
    void durations() throws Exception {
        Path f = write("r.csv", "runtime\n1.0\n2.0\n-3\n");
        fails(() -> DurationDistribution.read(f), f, 4, "negative duration");
        Path g = write("s.csv", "runtime\n1.0\nabc\n");
        fails(() -> DurationDistribution.read(g), g, 3, "runtime is not a finite number");
    }

    @Test
    void formats() {
        assertEquals(TraceFormat.ALIBABA2023, TraceFormat.byId("alibaba2023"));
        assertEquals(TraceFormat.GAVEL, TraceFormat.byId("GAVEL"));
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> TraceFormat.byId("philly"));
        assertTrue(x.getMessage().contains("--format") && x.getMessage().contains("muri"), x.getMessage());
    }
}
