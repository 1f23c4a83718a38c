package org.wisekit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchRunnerTest {

    private static final BenchSuite SUITE = new BenchSuite() {
        @Override public String name() { return "demo"; }
        @Override public String description() { return "own vs library"; }
        @Override public String includePattern() { return "demo"; }
        @Override public List<Ratio> ratios() { return List.of(new Ratio("own / lib", "own", "lib")); }
    };

    private static BenchRunner.Score score(String method, String size, String threads, double value) {
        return new BenchRunner.Score(method, Map.of("size", size, "threads", threads), value, 0.1, "ms/op");
    }

    @Test
    void ratiosPairCandidateAndBaselineOnIdenticalParameters() {
        List<BenchRunner.Score> scores = List.of(
                score("own", "256", "1", 2.0), score("lib", "256", "1", 1.0),
                score("own", "256", "2", 1.5), score("lib", "256", "2", 3.0),
                score("own", "512", "1", 8.0)); // no baseline: no ratio
        List<BenchRunner.RatioRow> rows = BenchRunner.ratios(SUITE, scores);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).ratio()).isEqualTo(2.0);
        assertThat(rows.get(1).ratio()).isEqualTo(0.5);
        assertThat(BenchRunner.markdown(SUITE, scores, rows, "test machine"))
                .contains("| own / lib |", "**2.000**", "**0.500**", "test machine");
    }

    @Test
    void aBaselineWithFewerParametersServesEveryValueOfTheOthers() {
        List<BenchRunner.Score> scores = List.of(
                new BenchRunner.Score("own", Map.of("size", "256", "c", "8", "threads", "1"), 1.0, 0.1, "ms/op"),
                new BenchRunner.Score("own", Map.of("size", "256", "c", "16", "threads", "1"), 4.0, 0.1, "ms/op"),
                new BenchRunner.Score("own", Map.of("size", "512", "c", "8", "threads", "1"), 9.0, 0.1, "ms/op"),
                new BenchRunner.Score("lib", Map.of("size", "256", "threads", "1"), 2.0, 0.1, "ms/op"),
                new BenchRunner.Score("lib", Map.of("size", "256", "threads", "2"), 1.0, 0.1, "ms/op"));
        List<BenchRunner.RatioRow> rows = BenchRunner.ratios(SUITE, scores);
        assertThat(rows).extracting(BenchRunner.RatioRow::ratio).containsExactly(0.5, 2.0);
        assertThat(rows.get(1).params()).containsEntry("c", "16");
    }

    @Test
    void parsesJmhJson() throws Exception {
        String json = """
                {"benchmark": "org.wisekit.bench.tensor.MatmulBenchmark.own", "mode": "avgt",
                 "params": {"size": "256", "threads": "1"},
                 "primaryMetric": {"score": 1.25, "scoreError": 0.05, "scoreUnit": "ms/op"}}""";
        BenchRunner.Score s = BenchRunner.Score.of(new ObjectMapper().readTree(json));
        assertThat(s.method()).isEqualTo("own");
        assertThat(s.params()).containsEntry("size", "256");
        assertThat(s.score()).isEqualTo(1.25);
        assertThat(s.allocatedBytes()).isNaN();
    }

    @Test
    void readsTheGcProfilersBytesPerOperation() throws Exception {
        String json = """
                {"benchmark": "org.wisekit.bench.lutmm.LutmmBenchmark.scan", "mode": "avgt", "params": {"threads": "1"},
                 "primaryMetric": {"score": 0.5, "scoreError": 0.01, "scoreUnit": "us/op"},
                 "secondaryMetrics": {"gc.alloc.rate": {"score": 0.01}, "gc.alloc.rate.norm": {"score": 0.004}}}""";
        BenchRunner.Score s = BenchRunner.Score.of(new ObjectMapper().readTree(json));
        assertThat(s.allocatedBytes()).isEqualTo(0.004);
        assertThat(BenchRunner.markdown(SUITE, List.of(s), List.of(), "m")).contains("allocated (B/op, -prof gc)", "| 0 |");
    }

    @Test
    void unknownSuiteNamesTheKnownOnes() {
        assertThatThrownBy(() -> BenchRunner.suite("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'");
    }
}
