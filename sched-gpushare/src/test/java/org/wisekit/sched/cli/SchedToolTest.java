package org.wisekit.sched.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.testing.RealData;
import org.wisekit.harness.testing.ToolRunner;
import org.wisekit.sched.sim.PairTimes;
import org.wisekit.sched.sim.SharingRule;
import org.wisekit.sched.trace.ThroughputTable;

/** {@code wisekit sched simulate} and {@code pair} through the harness ToolRunner (the CLI convention). */
class SchedToolTest {

    @TempDir
    Path dir;

    private static Path throughputs() {
        return RealData.load(d -> d.verifiedPath(Dataset.GPU_TRACES, SimulateCommand.DEFAULT_THROUGHPUTS));
    }

    @Test
    void simulateReplaysATraceAndWritesOneCsvPerPolicyOnlyWithOut() throws Exception {
        Path table = throughputs();
        Path source = RealData.load(d -> d.verifiedPath(Dataset.GPU_TRACES, "gpu-traces/tiresias/60_job.csv"));
        Path trace = Files.copy(source, dir.resolve("60_job.csv"));
        ToolRunner.Run run = ToolRunner.assertConvention(new SchedTool(), dir,
                List.of(Path.of("out/fifo.csv"), Path.of("out/sjf-bsbf.csv")),
                "simulate", "--trace", trace.toString(), "--format", "tiresias", "--cluster", "16x4",
                "--throughputs", table.toString(), "--policies", "fifo,sjf-bsbf", "--load", "2",
                "--out", dir.resolve("out").toString(), "--json");
        JsonNode json = run.json();
        assertThat(json.get("jobs").asInt()).isEqualTo(60);
        assertThat(json.get("loadFactor").asDouble()).isEqualTo(2.0);
        assertThat(json.get("policies")).hasSize(2);
        JsonNode bsbf = json.get("policies").get(1);
        assertThat(bsbf.get("policy").asText()).isEqualTo("sjf-bsbf");
        assertThat(bsbf.get("knowsDurations").asBoolean()).isTrue();
        assertThat(json.get("policies").get(0).get("knowsDurations").asBoolean()).isFalse();
        assertThat(bsbf.get("averageJctSeconds").asDouble()).isPositive();
        assertThat(bsbf.get("shareDecisionsWithTconAtLeastTseq").asInt()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("out/sjf-bsbf.csv"));
        assertThat(lines).hasSize(61);
        assertThat(lines.get(0)).startsWith("id,type,gpus,arrival_s,start_s,finish_s,jct_s");

        // Without --json: a table on stdout, and without --out nothing is written.
        ToolRunner.Run text = ToolRunner.run(new SchedTool(), "simulate", "--trace", trace.toString(), "--format",
                "tiresias", "--cluster", "16x4", "--throughputs", table.toString(), "--policies", "sjf");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("avgJCT(h)", "sjf");
        assertThat(ToolRunner.files(dir)).hasSize(3);
    }

    @Test
    void pairPrintsTheRuleOnGivenNumbers() {
        ToolRunner.Run share = ToolRunner.assertConvention(new SchedTool(), dir, List.of(),
                "pair", "--etc-a", "100", "--etc-b", "1000", "--xi-a", "1.2", "--xi-b", "1.2", "--json");
        PairTimes expected = SharingRule.evaluate(100, 1000, 1.2, 1.2);
        assertThat(share.json().get("tCon").asDouble()).isCloseTo(expected.tCon(), within(1e-9));
        assertThat(share.json().get("tSeq").asDouble()).isCloseTo(expected.tSeq(), within(1e-9));
        assertThat(share.json().get("share").asBoolean()).isTrue();
        assertThat(share.json().get("choice").asText()).isEqualTo("share now");

        // a long new job next to a short one with xi = 2: t_con = 500 + 0.75 * 200 = 650 > t_seq = 600: wait.
        ToolRunner.Run wait = ToolRunner.run(new SchedTool(), "pair", "--etc-a", "1000", "--etc-b", "100",
                "--xi-a", "2", "--xi-b", "2", "--json");
        assertThat(wait.exitCode()).isZero();
        assertThat(wait.json().get("tCon").asDouble()).isCloseTo(650, within(1e-9));
        assertThat(wait.json().get("tSeq").asDouble()).isCloseTo(600, within(1e-9));
        assertThat(wait.json().get("share").asBoolean()).isFalse();

        ToolRunner.Run text = ToolRunner.run(new SchedTool(), "pair", "--etc-a", "1000", "--etc-b", "100",
                "--xi-a", "2", "--xi-b", "2");
        assertThat(text.out()).contains("t_con 650.0 s", "t_seq 600.0 s", "choice: wait");
    }

    @Test
    void pairLooksJobTypesUpInTheTable() {
        Path table = throughputs();
        ThroughputTable t = ThroughputTable.load(table, "v100");
        String a = t.types().get(0);
        String b = t.types().get(t.types().size() - 1);
        ToolRunner.Run run = ToolRunner.assertConvention(new SchedTool(), dir, List.of(), "pair", "--job-a", a,
                "--job-b", b, "--remaining-a", "5000", "--remaining-b", "20000", "--throughputs", table.toString(),
                "--json");
        JsonNode json = run.json();
        assertThat(json.get("mode").asText()).isEqualTo("table");
        assertThat(json.get("etcA").asDouble()).isCloseTo(5000 / t.isolated(a, 1), within(1e-6));
        assertThat(json.get("candidates").size()).isGreaterThanOrEqualTo(1);
        if (!json.get("tCon").isNull()) {
            assertThat(json.get("share").asBoolean()).isEqualTo(json.get("tCon").asDouble() < json.get("tSeq").asDouble());
            assertThat(json.get("xiA").asDouble()).isGreaterThanOrEqualTo(1);
        } else {
            assertThat(json.get("share").asBoolean()).isFalse();
        }
    }

    @Test
    void badInputGetsAOneLineErrorNamingTheOption() {
        assertBad("--policies", "unknown policy 'lifo'", "simulate", "--trace", "t.csv", "--format", "gavel",
                "--policies", "fifo,lifo");
        assertBad("--load", "got 0.0", "simulate", "--trace", "t.csv", "--format", "gavel", "--load", "0");
        assertBad("--load", "got -1.0", "simulate", "--trace", "t.csv", "--format", "gavel", "--load", "-1");
        assertBad("--cluster", "8by8", "simulate", "--trace", "t.csv", "--format", "gavel", "--cluster", "8by8");
        assertBad("--format", "unknown trace format 'csv'", "simulate", "--trace", "t.csv", "--format", "csv");
        assertBad("--trace", "no such file", "simulate", "--trace", dir.resolve("missing.trace").toString(),
                "--format", "gavel");
        assertBad("--xi-a", ">= 1", "pair", "--etc-a", "1", "--etc-b", "1", "--xi-a", "0.5", "--xi-b", "1");
        assertBad("--etc-a", "required", "pair", "--etc-b", "1", "--xi-a", "1", "--xi-b", "1");
        assertBad("either", "not both", "pair", "--etc-a", "1", "--job-a", "x");
        assertThat(ToolRunner.run(new SchedTool()).exitCode()).isEqualTo(2);
    }

    private void assertBad(String option, String detail, String... args) {
        ToolRunner.Run run = ToolRunner.run(new SchedTool(), args);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errors()).hasSize(1);
        assertThat(run.errors().get(0)).contains(option, detail);
        assertThat(run.out()).isEmpty();
    }
}
