package org.wisekit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.harness.Machine;

/**
 * Runs a {@link BenchSuite} through JMH in child processes (one per thread count, with
 * {@code OMP_NUM_THREADS} set) and writes {@code <out>/<suite>.json} and {@code <out>/<suite>.md}: every
 * score, every candidate/baseline ratio from the same run, and the machine.
 */
public final class BenchRunner {

    /** JMH iteration settings: quick for a first look, standard for figures to keep. */
    public enum Mode {
        QUICK("-f", "1", "-wi", "2", "-w", "1s", "-i", "3", "-r", "1s"),
        STANDARD("-f", "2", "-wi", "3", "-w", "2s", "-i", "5", "-r", "2s");

        private final List<String> jmhArgs;

        Mode(String... jmhArgs) {
            this.jmhArgs = List.of(jmhArgs);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path outDir;
    private final Mode mode;
    private final List<String> forkJvmArgs;
    private final PrintWriter log;

    /**
     * @param forkJvmArgs JVM flags for the benchmark processes (Vector API module, heap, ...)
     * @param log         where JMH's own progress output goes (stderr in the CLI)
     */
    public BenchRunner(Path outDir, Mode mode, List<String> forkJvmArgs, PrintWriter log) {
        this.outDir = Objects.requireNonNull(outDir, "outDir");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.forkJvmArgs = List.copyOf(forkJvmArgs);
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Every suite on the classpath, in name order. */
    public static List<BenchSuite> suites() {
        List<BenchSuite> all = new ArrayList<>();
        ServiceLoader.load(BenchSuite.class).forEach(all::add);
        all.sort(java.util.Comparator.comparing(BenchSuite::name));
        return all;
    }

    /** The suite called {@code name}; an IllegalArgumentException lists the known names otherwise. */
    public static BenchSuite suite(String name) {
        List<BenchSuite> all = suites();
        return all.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown bench suite '" + name + "'; known: "
                        + String.join(", ", all.stream().map(BenchSuite::name).toList())));
    }

    /** Runs the suite and returns the Markdown summary it wrote. */
    public String run(BenchSuite suite) throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        ArrayNode scores = JSON.createArrayNode();
        for (int threads : suite.threadCounts()) {
            Path raw = Files.createTempFile("wisekit-jmh-" + suite.name(), ".json");
            try {
                runJmh(suite, threads, raw);
                JSON.readTree(raw.toFile()).forEach(scores::add);
            } finally {
                Files.deleteIfExists(raw);
            }
        }
        List<Score> parsed = new ArrayList<>();
        scores.forEach(n -> parsed.add(Score.of(n)));
        List<RatioRow> ratios = ratios(suite, parsed);
        String machine = Machine.current().describe();

        ObjectNode summary = JSON.createObjectNode();
        summary.put("suite", suite.name());
        summary.put("description", suite.description());
        summary.put("date", Instant.now().toString());
        summary.put("machine", machine);
        summary.put("mode", mode.name().toLowerCase(Locale.ROOT));
        summary.put("forkJvmArgs", String.join(" ", forkJvmArgs));
        summary.put("openblasCoretype", openblasCoretype());
        summary.set("ratios", JSON.valueToTree(ratios));
        summary.put("notes", suite.notes());
        summary.set("jmh", scores);
        AtomicFiles.writeString(outDir.resolve(suite.name() + ".json"), JSON.writeValueAsString(summary) + "\n");
        String md = markdown(suite, parsed, ratios, machine + ", OPENBLAS_CORETYPE=" + openblasCoretype()
                + ", JMH " + mode.name().toLowerCase(Locale.ROOT) + " mode");
        AtomicFiles.writeString(outDir.resolve(suite.name() + ".md"), md);
        return md;
    }

    private static String openblasCoretype() {
        String v = System.getenv("OPENBLAS_CORETYPE");
        return v == null ? "unset" : v;
    }

    private void runJmh(BenchSuite suite, int threads, Path resultFile) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        args.add(suite.includePattern());
        args.addAll(mode.jmhArgs);
        for (String profiler : suite.profilers()) {
            args.addAll(List.of("-prof", profiler));
        }
        args.addAll(List.of("-p", "threads=" + threads));
        log.printf("wisekit: bench %s with %d thread(s), OMP_NUM_THREADS=%d%n", suite.name(), threads, threads);
        log.flush();
        runJmh(args, forkJvmArgs, threads, resultFile, log::println);
    }

    /**
     * Runs {@code org.openjdk.jmh.Main} with {@code jmhArgs} in a child JVM on this JVM's classpath, with
     * {@code OMP_NUM_THREADS=threads}, JSON results into {@code resultFile} and every output line to
     * {@code lines}.
     */
    static void runJmh(List<String> jmhArgs, List<String> forkJvmArgs, int threads, Path resultFile,
                       java.util.function.Consumer<String> lines) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.openjdk.jmh.Main");
        cmd.addAll(jmhArgs);
        cmd.addAll(List.of("-rf", "json", "-rff", resultFile.toString()));
        if (!forkJvmArgs.isEmpty()) {
            cmd.add("-jvmArgsAppend");
            cmd.add(String.join(" ", forkJvmArgs));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
        Process p = pb.start();
        try (var reader = p.inputReader()) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.accept(line);
            }
        }
        int status = p.waitFor();
        if (status != 0) {
            throw new IllegalStateException("JMH exited with status " + status + " (" + String.join(" ", jmhArgs) + ")");
        }
    }

    /**
     * The flags the benchmark JVMs get: a 2 GB heap, headless, quiet logging, and the module and native-access
     * flags this JVM was started with (the Vector API module always).
     */
    public static List<String> defaultForkJvmArgs() {
        List<String> args = new ArrayList<>(List.of("-Xmx2g", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-modules") || a.startsWith("--enable-native-access")
                    || a.startsWith("--sun-misc-unsafe-memory-access")) {
                args.add(a);
            }
        }
        if (args.stream().noneMatch(a -> a.contains("jdk.incubator.vector"))) {
            args.add("--add-modules=jdk.incubator.vector");
        }
        return args;
    }

    /** One JMH score. */
    record Score(String method, Map<String, String> params, double score, double error, String unit,
                 double allocatedBytes) {

        Score(String method, Map<String, String> params, double score, double error, String unit) {
            this(method, params, score, error, unit, Double.NaN);
        }

        static Score of(JsonNode n) {
            String bench = n.get("benchmark").asText();
            Map<String, String> params = new LinkedHashMap<>();
            JsonNode p = n.get("params");
            if (p != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.put(e.getKey(), e.getValue().asText());
                }
            }
            JsonNode m = n.get("primaryMetric");
            double allocated = Double.NaN;   // bytes per operation, when JMH ran with -prof gc
            JsonNode secondary = n.get("secondaryMetrics");
            if (secondary != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = secondary.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                        allocated = e.getValue().get("score").asDouble();
                    }
                }
            }
            return new Score(bench.substring(bench.lastIndexOf('.') + 1), params,
                    m.get("score").asDouble(), m.get("scoreError").asDouble(), m.get("scoreUnit").asText(), allocated);
        }
    }

    /** A candidate/baseline ratio for one parameter combination. */
    public record RatioRow(String label, Map<String, String> params, double candidate, double baseline,
                           String unit, double ratio) {
    }

    static List<RatioRow> ratios(BenchSuite suite, List<Score> scores) {
        List<RatioRow> rows = new ArrayList<>();
        for (BenchSuite.Ratio r : suite.ratios()) {
            for (Score c : scores) {
                if (!c.method().equals(r.candidate())) {
                    continue;
                }
                // parameters match when one benchmark's are a subset of the other's (a baseline class without
                // the candidate's extra parameters serves every value of them)
                for (Score b : scores) {
                    if (b.method().equals(r.baseline()) && (contains(c.params(), b.params()) || contains(b.params(), c.params()))) {
                        Map<String, String> params = c.params().size() >= b.params().size() ? c.params() : b.params();
                        rows.add(new RatioRow(r.label(), params, c.score(), b.score(), c.unit(), c.score() / b.score()));
                    }
                }
            }
        }
        return rows;
    }

    private static boolean contains(Map<String, String> all, Map<String, String> part) {
        return all.entrySet().containsAll(part.entrySet());
    }

    static String markdown(BenchSuite suite, List<Score> scores, List<RatioRow> ratios, String machine) {
        StringBuilder sb = new StringBuilder("# Bench suite `" + suite.name() + "`\n\n")
                .append(suite.description()).append("\n\nMachine: ").append(machine).append("  \n")
                .append(ratios.isEmpty() ? "This suite reports absolute times only.\n"
                        : "Ratio = candidate time / baseline time in the same run (below 1: candidate faster).\n\n"
                        + "| comparison | params | candidate | baseline | ratio |\n|---|---|---|---|---|\n");
        for (RatioRow r : ratios) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.4g %s | %.4g %s | **%.3f** |%n", r.label(), r.params(),
                    r.candidate(), r.unit(), r.baseline(), r.unit(), r.ratio()));
        }
        boolean allocation = scores.stream().anyMatch(s -> !Double.isNaN(s.allocatedBytes()));
        sb.append(allocation ? "\n| benchmark | params | score | error (99.9 %) | allocated (B/op, -prof gc) |\n|---|---|---|---|---|\n"
                : "\n| benchmark | params | score | error (99.9 %) |\n|---|---|---|---|\n");
        for (Score s : scores) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.4g %s | %.2g %s |", s.method(), s.params(), s.score(),
                    s.unit(), s.error(), s.unit()));
            sb.append(allocation ? String.format(Locale.ROOT, " %.0f |%n", s.allocatedBytes()) : "\n");
        }
        String notes = suite.notes();
        if (!notes.isBlank()) {
            sb.append('\n').append(notes.strip()).append('\n');
        }
        return sb.toString();
    }
}
