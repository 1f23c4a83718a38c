package org.wisekit.sched.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.Datasets;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import org.wisekit.sched.Cluster;
import org.wisekit.sched.Trace;
import org.wisekit.sched.repro.RunSummary;
import org.wisekit.sched.sim.JobResult;
import org.wisekit.sched.sim.Policies;
import org.wisekit.sched.sim.Policy;
import org.wisekit.sched.sim.SimulationOptions;
import org.wisekit.sched.sim.SimulationResult;
import org.wisekit.sched.sim.Simulator;
import org.wisekit.sched.trace.ThroughputTable;
import org.wisekit.sched.trace.TraceFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit sched simulate}: replays a trace on a cluster under each named policy and prints average and
 * p99 JCT, makespan, queueing delay, utilisation, shared placements and sub-batched jobs per policy
 * ({@code --json}: one object). With {@code --out DIR} it writes one per-job CSV per policy,
 * {@code DIR/<policy>.csv}; nothing is written otherwise.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Replay a job trace on a simulated GPU cluster under several scheduling policies.",
                "Interference comes from Gavel's measured throughputs (the data directory's copy unless --throughputs)."})
public final class SimulateCommand implements Callable<Integer> {

    static final String DEFAULT_THROUGHPUTS = "gpu-traces/gavel/simulation_throughputs.json";

    @Spec
    CommandSpec spec;

    @ParentCommand
    SchedCommand parent;

    @Option(names = "--trace", required = true, paramLabel = "FILE", description = "The job trace.")
    Path trace;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "Trace format: gavel, muri, tiresias or alibaba2023.")
    String format;

    @Option(names = "--cluster", defaultValue = "8x8", paramLabel = "NxG",
            description = "Nodes x GPUs per node (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(names = "--gpu-type", defaultValue = "v100", paramLabel = "TYPE",
            description = "GPU type column of the throughput table: k80, p100 or v100 (default: ${DEFAULT-VALUE}).")
    String gpuType;

    @Option(names = "--throughputs", paramLabel = "FILE",
            description = "Gavel simulation_throughputs.json (default: the data directory's gpu-traces/gavel copy).")
    Path throughputs;

    @Option(names = "--policies", defaultValue = "fifo,sjf,tiresias,sjf-ffs,sjf-bsbf", paramLabel = "IDS",
            description = "Comma-separated policy ids (default: ${DEFAULT-VALUE}); known: fifo, sjf, srtf, tiresias,"
                    + " sjf-ffs, sjf-bsbf, sjf-bsbf-consolidated.")
    String policies;

    @Option(names = "--load", defaultValue = "1", paramLabel = "F",
            description = "Divide inter-arrival times by F > 0 (default: ${DEFAULT-VALUE}).")
    double load;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "Seed of the job-type mapping for traces without Gavel types (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Write one per-job CSV per policy here: DIR/<policy>.csv.")
    Path out;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Override
    public Integer call() {
        List<Policy> chosen = parsePolicies(policies);
        if (!(load > 0) || Double.isInfinite(load)) {
            throw new IllegalArgumentException("--load must be finite and > 0, got " + load);
        }
        TraceFormat traceFormat = parseFormat(format);
        Cluster parsedCluster;
        try {
            parsedCluster = Cluster.parse(cluster, gpuType);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--cluster: " + e.getMessage());
        }
        if (!Files.isRegularFile(trace)) {
            throw new IllegalArgumentException("--trace " + trace + ": no such file");
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + ": exists and is not a directory");
        }
        Path tableFile = throughputs != null ? throughputs
                : Datasets.fromEnvironment().verifiedPath(Dataset.GPU_TRACES, DEFAULT_THROUGHPUTS);
        if (!Files.isRegularFile(tableFile)) {
            throw new IllegalArgumentException("--throughputs " + tableFile + ": no such file");
        }
        ThroughputTable table = ThroughputTable.load(tableFile, gpuType);
        Trace loaded = traceFormat.read(trace, table, seed).withLoad(load);
        SimulationOptions options = SimulationOptions.defaults();

        List<RunSummary> summaries = new ArrayList<>();
        List<SimulationResult> results = new ArrayList<>();
        try (Progress.Task task = parent.progress().start("simulate " + loaded.jobs().size() + " jobs", chosen.size())) {
            for (Policy policy : chosen) {
                task.status(policy.id());
                SimulationResult r = Simulator.run(loaded, parsedCluster, table, policy, options);
                results.add(r);
                summaries.add(RunSummary.of(r, table, load));
                task.step();
            }
        }
        List<String> written = new ArrayList<>();
        if (out != null) {
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create --out " + out + ": " + e.getMessage(), e);
            }
            for (SimulationResult r : results) {
                Path file = out.resolve(r.policy() + ".csv");
                AtomicFiles.writeString(file, csv(r));
                written.add(file.toString());
            }
        }

        PrintWriter printer = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("trace", trace.toString());
            m.put("format", traceFormat.name().toLowerCase(Locale.ROOT));
            m.put("jobs", loaded.jobs().size());
            m.put("cluster", parsedCluster.nodes() + "x" + parsedCluster.gpusPerNode());
            m.put("gpuType", gpuType);
            m.put("loadFactor", load);
            m.put("seed", seed);
            m.put("mapping", loaded.mapping());
            m.put("policies", summaries.stream().map(RunSummary::toMap).toList());
            m.put("files", written);
            printer.println(Json.write(m));
        } else {
            printer.printf(Locale.ROOT, "trace %s (%s): %d jobs on %dx%d %s, load factor %s%n", trace,
                    traceFormat.name().toLowerCase(Locale.ROOT), loaded.jobs().size(), parsedCluster.nodes(),
                    parsedCluster.gpusPerNode(), gpuType, load);
            if (!loaded.mapping().isEmpty()) {
                printer.println("job types: " + loaded.mapping());
            }
            printer.printf(Locale.ROOT, "%-22s %6s %10s %10s %10s %10s %6s %7s %7s%n", "policy", "oracle",
                    "avgJCT(h)", "p99JCT(h)", "makespan", "queue(h)", "util%", "shares", "subbat");
            for (RunSummary s : summaries) {
                printer.printf(Locale.ROOT, "%-22s %6s %10.3f %10.3f %10.3f %10.3f %6.1f %7d %7d%n", s.policy(),
                        s.knowsDurations() ? "yes" : "no", s.averageJct() / 3600, s.p99Jct() / 3600,
                        s.makespan() / 3600, s.averageQueueingDelay() / 3600, 100 * s.utilisation(),
                        s.sharedPlacements(), s.subBatchedJobs());
            }
            printer.println("oracle = the policy reads job durations; shares = placements onto an occupied GPU;"
                    + " subbat = jobs run at a smaller sub-batch");
            for (String file : written) {
                printer.println("wrote " + file);
            }
        }
        return 0;
    }

    static List<Policy> parsePolicies(String text) {
        List<Policy> chosen = new ArrayList<>();
        for (String part : text.split(",")) {
            String id = part.trim().toLowerCase(Locale.ROOT);
            if (id.isEmpty()) {
                continue;
            }
            if (!Policies.ids().contains(id)) {
                throw new IllegalArgumentException("--policies: unknown policy '" + part.trim() + "'; known: "
                        + String.join(", ", Policies.ids()));
            }
            if (chosen.stream().noneMatch(p -> p.id().equals(id))) {
                chosen.add(Policies.byId(id));
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--policies: name at least one policy, got '" + text + "'");
        }
        return chosen;
    }

    static TraceFormat parseFormat(String text) {
        for (TraceFormat f : TraceFormat.values()) {
            if (f.name().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        List<String> known = new ArrayList<>();
        for (TraceFormat f : TraceFormat.values()) {
            known.add(f.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("--format: unknown trace format '" + text + "'; known: " + String.join(", ", known));
    }

    private static String csv(SimulationResult r) {
        StringBuilder sb = new StringBuilder(
                "id,type,gpus,arrival_s,start_s,finish_s,jct_s,queueing_s,exclusive_s,ever_shared,smallest_sub_batch\n");
        for (JobResult j : r.jobs()) {
            sb.append(j.id()).append(',').append(quote(j.type())).append(',').append(j.gpus()).append(',')
                    .append(num(j.arrivalSeconds())).append(',').append(num(j.startSeconds())).append(',')
                    .append(num(j.finishSeconds())).append(',').append(num(j.jct())).append(',')
                    .append(num(j.queueingDelay())).append(',').append(num(j.exclusiveSeconds())).append(',')
                    .append(j.everShared()).append(',').append(j.smallestSubBatch()).append('\n');
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
