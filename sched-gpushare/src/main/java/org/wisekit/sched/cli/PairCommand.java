package org.wisekit.sched.cli;

import java.io.PrintWriter;
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
import org.wisekit.harness.Json;
import org.wisekit.sched.Interference;
import org.wisekit.sched.sim.PairTimes;
import org.wisekit.sched.sim.SharingRule;
import org.wisekit.sched.trace.ThroughputTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit sched pair}: one SJF-BSBF sharing decision. A new job a may start now on the GPU of a running
 * job b (sharing, average JCT of the pair t_con) or wait until b ends (t_seq); it shares iff t_con &lt; t_seq.
 * Either give the remaining exclusive seconds and slowdowns ({@code --etc-a --etc-b --xi-a --xi-b}) or two job
 * types and their remaining iterations ({@code --job-a --job-b --remaining-a --remaining-b}), which are looked
 * up in the throughput table, trying every sub-batch pair and keeping the one with the smallest t_con.
 * Writes no files.
 */
@Command(name = "pair", mixinStandardHelpOptions = true,
        description = {"Explain one SJF-BSBF sharing decision: t_con (share now), t_seq (wait), the choice and why.",
                "Give --etc-a/--etc-b/--xi-a/--xi-b, or --job-a/--job-b TYPE with --remaining-a/--remaining-b iterations."})
public final class PairCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--etc-a", paramLabel = "SECONDS", description = "Remaining exclusive time of the new job a.")
    Double etcA;

    @Option(names = "--etc-b", paramLabel = "SECONDS", description = "Remaining exclusive time of the running job b.")
    Double etcB;

    @Option(names = "--xi-a", paramLabel = "XI", description = "Slowdown (>= 1) of a next to b.")
    Double xiA;

    @Option(names = "--xi-b", paramLabel = "XI", description = "Slowdown (>= 1) of b next to a.")
    Double xiB;

    @Option(names = "--job-a", paramLabel = "TYPE", description = "Job type of a as the table names it, e.g. 'ResNet-18 (batch size 64)'.")
    String jobA;

    @Option(names = "--job-b", paramLabel = "TYPE", description = "Job type of b.")
    String jobB;

    @Option(names = "--remaining-a", paramLabel = "ITERATIONS", description = "Iterations a has left (with --job-a).")
    Long remainingA;

    @Option(names = "--remaining-b", paramLabel = "ITERATIONS", description = "Iterations b has left (with --job-b).")
    Long remainingB;

    @Option(names = "--gpus-a", defaultValue = "1", paramLabel = "N", description = "GPUs of a (default: ${DEFAULT-VALUE}).")
    int gpusA;

    @Option(names = "--gpus-b", defaultValue = "1", paramLabel = "N", description = "GPUs of b (default: ${DEFAULT-VALUE}).")
    int gpusB;

    @Option(names = "--gpu-type", defaultValue = "v100", paramLabel = "TYPE",
            description = "GPU type column of the table (default: ${DEFAULT-VALUE}).")
    String gpuType;

    @Option(names = "--throughputs", paramLabel = "FILE",
            description = "Gavel simulation_throughputs.json (default: the data directory's gpu-traces/gavel copy).")
    Path throughputs;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    /** One sub-batch choice evaluated from the table. */
    record Candidate(String subBatchA, String subBatchB, boolean fits, double xiA, double xiB, PairTimes times) {
    }

    @Override
    public Integer call() {
        boolean byType = jobA != null || jobB != null || remainingA != null || remainingB != null;
        boolean byNumbers = etcA != null || etcB != null || xiA != null || xiB != null;
        if (byType == byNumbers) {
            throw new IllegalArgumentException(byType
                    ? "give either --etc-a/--etc-b/--xi-a/--xi-b or --job-a/--job-b with --remaining-a/--remaining-b, not both"
                    : "give --etc-a/--etc-b/--xi-a/--xi-b, or --job-a/--job-b with --remaining-a/--remaining-b");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        double ea;
        double eb;
        double xa;
        double xb;
        List<Candidate> candidates = new ArrayList<>();
        Candidate best = null;
        if (byNumbers) {
            ea = required(etcA, "--etc-a");
            eb = required(etcB, "--etc-b");
            xa = required(xiA, "--xi-a");
            xb = required(xiB, "--xi-b");
            check(ea >= 0 && Double.isFinite(ea), "--etc-a must be finite and >= 0, got " + ea);
            check(eb >= 0 && Double.isFinite(eb), "--etc-b must be finite and >= 0, got " + eb);
            check(xa >= 1 && Double.isFinite(xa), "--xi-a must be finite and >= 1, got " + xa);
            check(xb >= 1 && Double.isFinite(xb), "--xi-b must be finite and >= 1, got " + xb);
            m.put("mode", "given");
        } else {
            check(jobA != null, "--job-a is required with --job-b/--remaining-a/--remaining-b");
            check(jobB != null, "--job-b is required with --job-a/--remaining-a/--remaining-b");
            long ra = required(remainingA, "--remaining-a");
            long rb = required(remainingB, "--remaining-b");
            check(ra >= 1, "--remaining-a must be >= 1, got " + ra);
            check(rb >= 1, "--remaining-b must be >= 1, got " + rb);
            check(gpusA >= 1, "--gpus-a must be >= 1, got " + gpusA);
            check(gpusB >= 1, "--gpus-b must be >= 1, got " + gpusB);
            Path tableFile = throughputs != null ? throughputs
                    : Datasets.fromEnvironment().verifiedPath(Dataset.GPU_TRACES, SimulateCommand.DEFAULT_THROUGHPUTS);
            check(Files.isRegularFile(tableFile), "--throughputs " + tableFile + ": no such file");
            ThroughputTable table = ThroughputTable.load(tableFile, gpuType);
            ea = ra / isolated(table, jobA, gpusA, "--job-a");
            eb = rb / isolated(table, jobB, gpusB, "--job-b");
            candidates = candidates(table, jobA, ea, jobB, eb);
            for (Candidate c : candidates) {
                if (c.fits() && (best == null || c.times().tCon() < best.times().tCon())) {
                    best = c;
                }
            }
            xa = best == null ? Double.POSITIVE_INFINITY : best.xiA();
            xb = best == null ? Double.POSITIVE_INFINITY : best.xiB();
            m.put("mode", "table");
            m.put("jobA", jobA);
            m.put("jobB", jobB);
            m.put("remainingA", ra);
            m.put("remainingB", rb);
            m.put("gpusA", gpusA);
            m.put("gpusB", gpusB);
            m.put("gpuType", gpuType);
        }
        PairTimes times = best != null ? best.times()
                : Double.isFinite(xa) ? SharingRule.evaluate(ea, eb, xa, xb)
                : new PairTimes(Double.POSITIVE_INFINITY, eb + 0.5 * ea, false);
        String choice = times.share() ? "share now" : "wait until b finishes";
        String why;
        if (!Double.isFinite(times.tCon())) {
            why = "the pair does not fit on one GPU at any sub-batch (the table has a zero throughput for every"
                    + " combination), so a waits";
        } else if (times.share()) {
            why = String.format(Locale.ROOT, "sharing lowers the pair's average JCT by %.1f s (t_con %.1f s < t_seq %.1f s)",
                    times.tSeq() - times.tCon(), times.tCon(), times.tSeq());
        } else {
            why = String.format(Locale.ROOT, "sharing would not lower the pair's average JCT (t_con %.1f s >= t_seq %.1f s):"
                    + " the slowdowns cost more than a's wait", times.tCon(), times.tSeq());
        }
        m.put("etcA", ea);
        m.put("etcB", eb);
        m.put("xiA", Double.isFinite(xa) ? xa : null);
        m.put("xiB", Double.isFinite(xb) ? xb : null);
        m.put("tCon", Double.isFinite(times.tCon()) ? times.tCon() : null);
        m.put("tSeq", times.tSeq());
        m.put("share", times.share());
        m.put("choice", choice);
        m.put("why", why);
        if (best != null) {
            m.put("subBatchA", best.subBatchA());
            m.put("subBatchB", best.subBatchB());
        }
        if (!candidates.isEmpty()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Candidate c : candidates) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("subBatchA", c.subBatchA());
                row.put("subBatchB", c.subBatchB());
                row.put("fits", c.fits());
                row.put("xiA", c.fits() ? c.xiA() : null);
                row.put("xiB", c.fits() ? c.xiB() : null);
                row.put("tCon", c.fits() ? c.times().tCon() : null);
                list.add(row);
            }
            m.put("candidates", list);
        }

        PrintWriter printer = spec.commandLine().getOut();
        if (json) {
            printer.println(Json.write(m));
        } else {
            if (!byNumbers) {
                printer.printf(Locale.ROOT, "a = %s x%d (%d iterations left), b = %s x%d (%d iterations left), %s%n",
                        jobA, gpusA, remainingA, jobB, gpusB, remainingB, gpuType);
                if (best != null) {
                    printer.printf(Locale.ROOT, "sub-batches: a runs %s, b runs %s (smallest t_con of %d combinations)%n",
                            best.subBatchA(), best.subBatchB(), candidates.size());
                }
            }
            printer.printf(Locale.ROOT, "etc_a %.1f s, etc_b %.1f s, xi_a %s, xi_b %s%n", ea, eb, fmt(xa), fmt(xb));
            printer.printf(Locale.ROOT, "t_con %s s (share now), t_seq %.1f s (wait)%n",
                    Double.isFinite(times.tCon()) ? String.format(Locale.ROOT, "%.1f", times.tCon()) : "-", times.tSeq());
            printer.println("choice: " + choice + ": " + why);
        }
        return 0;
    }

    /**
     * Every (sub-batch of a, sub-batch of b) pair, as the simulator evaluates it: per GPU (a multi-GPU job is
     * slowed by its slowest GPU; here every GPU holds the same pair), the slowdown of a is its isolated
     * global-batch throughput over its co-located one at sub-batch s counted in global iterations
     * (tput(s) x s / B), and at least the cost of running sub-batch s alone; zero entries mean the pair does not
     * fit.
     */
    static List<Candidate> candidates(Interference table, String a, double etcA, String b, double etcB) {
        List<String> subsA = new ArrayList<>(List.of(a));
        subsA.addAll(table.subBatches(a));
        List<String> subsB = new ArrayList<>(List.of(b));
        subsB.addAll(table.subBatches(b));
        List<Candidate> out = new ArrayList<>();
        for (String sa : subsA) {
            for (String sb : subsB) {
                double[] t = table.colocated(sa, 1, sb, 1);
                if (!(t[0] > 0) || !(t[1] > 0)) {
                    out.add(new Candidate(sa, sb, false, Double.NaN, Double.NaN, null));
                    continue;
                }
                double xiA = Math.max(solo(table, a, sa), pairXi(table, a, sa, t[0]));
                double xiB = Math.max(solo(table, b, sb), pairXi(table, b, sb, t[1]));
                out.add(new Candidate(sa, sb, true, xiA, xiB, SharingRule.evaluate(etcA, etcB, xiA, xiB)));
            }
        }
        return out;
    }

    private static double pairXi(Interference table, String type, String sub, double tput) {
        return Math.max(1, table.isolated(type, 1) / (tput * table.batchSize(sub) / table.batchSize(type)));
    }

    private static double solo(Interference table, String type, String sub) {
        return sub.equals(type) ? 1 : Math.max(1, table.isolated(type, 1)
                / (table.isolated(sub, 1) * table.batchSize(sub) / table.batchSize(type)));
    }

    private static double isolated(Interference table, String type, int gpus, String option) {
        try {
            return table.isolated(type, gpus);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " '" + type + "': " + e.getMessage());
        }
    }

    private static <T> T required(T value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " is required in this mode");
        }
        return value;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-";
    }
}
