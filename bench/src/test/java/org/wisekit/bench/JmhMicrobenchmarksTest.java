package org.wisekit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wisekit.harness.Microbenchmarks;

class JmhMicrobenchmarksTest {

    @Test
    void registeredAsTheHarnessImplementation() {
        assertThat(Microbenchmarks.available()).get().isInstanceOf(JmhMicrobenchmarks.class);
    }

    @Test
    void perForkSecondsAreTheMeansOfEachForksIterationsInSeconds() throws Exception {
        String json = """
                [ { "benchmark": "org.example.Demo.fast", "mode": "avgt",
                    "primaryMetric": { "score": 2.5, "scoreUnit": "us/op",
                                       "rawData": [ [1.0, 2.0, 3.0], [3.0, 3.0] ] } },
                  { "benchmark": "org.example.Demo.slow", "mode": "avgt",
                    "primaryMetric": { "score": 4.0, "scoreUnit": "ms/op", "rawData": [ [4.0] ] } } ]
                """;
        Map<String, double[]> out = JmhMicrobenchmarks.parse(new ObjectMapper().readTree(json));
        assertThat(out.keySet()).containsExactly("fast", "slow");
        assertThat(out.get("fast")).containsExactly(2e-6, 3e-6);
        assertThat(out.get("slow")).containsExactly(4e-3);
    }

    @Test
    void throughputUnitsAreRejected() throws Exception {
        String json = """
                [ { "benchmark": "a.B.c", "primaryMetric": { "scoreUnit": "ops/s", "rawData": [ [1.0] ] } } ]
                """;
        assertThatThrownBy(() -> JmhMicrobenchmarks.parse(new ObjectMapper().readTree(json)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ops/s");
    }

    @Test
    void badArgumentsNameTheParameter() {
        JmhMicrobenchmarks jmh = new JmhMicrobenchmarks();
        assertThatThrownBy(() -> jmh.secondsPerFork("a.B", List.of("c"), Map.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forks").hasMessageContaining("0");
        assertThatThrownBy(() -> jmh.secondsPerFork("a.B", List.of(), Map.of(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("methods");
        assertThatThrownBy(() -> jmh.secondsPerFork("a.B", List.of("c|.*"), Map.of(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c|.*");
    }
}
