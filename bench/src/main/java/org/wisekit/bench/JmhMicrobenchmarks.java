package org.wisekit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.wisekit.harness.Microbenchmarks;

/**
 * {@link Microbenchmarks} on JMH: the benchmarks run in child JVMs ({@code org.openjdk.jmh.Main} on this JVM's
 * classpath, {@link BenchRunner#defaultForkJvmArgs()}, {@code OMP_NUM_THREADS=1}), 3 warm-up and 5 measurement
 * iterations of one second each per fork, average time per operation.
 */
public final class JmhMicrobenchmarks implements Microbenchmarks {

    private static final List<String> ITERATIONS = List.of("-wi", "3", "-w", "1s", "-i", "5", "-r", "1s", "-bm", "avgt");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    @Override
    public Map<String, double[]> secondsPerFork(String benchmarkClass, List<String> methods, Map<String, String> params,
                                                int forks) {
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be >= 1, got " + forks);
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("methods must not be empty");
        }
        for (String m : methods) {
            if (!NAME.matcher(m).matches()) {
                throw new IllegalArgumentException("method must be a Java identifier, got '" + m + "'");
            }
        }
        List<String> args = new ArrayList<>();
        args.add("^" + Pattern.quote(benchmarkClass) + "\\.(" + String.join("|", methods) + ")$");
        args.addAll(List.of("-f", Integer.toString(forks)));
        args.addAll(ITERATIONS);
        params.forEach((k, v) -> args.addAll(List.of("-p", k + "=" + v)));
        Deque<String> tail = new ArrayDeque<>();
        Path raw = null;
        try {
            raw = Files.createTempFile("wisekit-jmh-", ".json");
            BenchRunner.runJmh(args, BenchRunner.defaultForkJvmArgs(), 1, raw, line -> {
                tail.addLast(line);
                if (tail.size() > 20) {
                    tail.removeFirst();
                }
            });
            Map<String, double[]> out = parse(new ObjectMapper().readTree(raw.toFile()));
            for (String m : methods) {
                if (!out.containsKey(m)) {
                    throw new IllegalArgumentException("no benchmark " + benchmarkClass + "." + m + " ran; JMH said:\n"
                            + String.join("\n", tail));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while JMH ran " + benchmarkClass, e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; JMH said:\n" + String.join("\n", tail), e);
        } finally {
            if (raw != null) {
                try {
                    Files.deleteIfExists(raw);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** Method name to seconds per operation per fork, from JMH's JSON results (average-time mode). */
    static Map<String, double[]> parse(JsonNode results) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (JsonNode r : results) {
            String bench = r.get("benchmark").asText();
            JsonNode metric = r.get("primaryMetric");
            double scale = secondsPer(metric.get("scoreUnit").asText());
            JsonNode forks = metric.get("rawData");
            double[] perFork = new double[forks.size()];
            for (int f = 0; f < forks.size(); f++) {
                JsonNode iterations = forks.get(f);
                double sum = 0;
                for (JsonNode it : iterations) {
                    sum += it.asDouble();
                }
                perFork[f] = sum / iterations.size() * scale;
            }
            out.put(bench.substring(bench.lastIndexOf('.') + 1), perFork);
        }
        return out;
    }

    private static double secondsPer(String unit) {
        return switch (unit) {
            case "s/op" -> 1;
            case "ms/op" -> 1e-3;
            case "us/op" -> 1e-6;
            case "ns/op" -> 1e-9;
            default -> throw new IllegalStateException("expected an average-time unit (s/op .. ns/op), got " + unit);
        };
    }
}
