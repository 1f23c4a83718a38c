package org.wisekit.sched.repro;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.Datasets;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Plots;
import org.wisekit.harness.Profile;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.RunContext;
import org.wisekit.harness.Stats;
import org.wisekit.sched.Cluster;
import org.wisekit.sched.Interference;
import org.wisekit.sched.Job;
import org.wisekit.sched.Trace;
import org.wisekit.sched.sim.Policies;
import org.wisekit.sched.sim.Policy;
import org.wisekit.sched.sim.SimulationOptions;
import org.wisekit.sched.sim.SimulationResult;
import org.wisekit.sched.sim.Simulator;
import org.wisekit.sched.trace.ThroughputTable;
import org.wisekit.sched.trace.TraceFormat;

/**
 * {@code sched-gpushare/jct}: every policy on heavy-load versions of public traces (Gavel 2869ce and e13805,
 * Muri trace1 as the headline three; Muri trace2-4, Tiresias 60_job and an Alibaba v2023 pod list besides),
 * with interference from Gavel's measured V100 throughputs. The load factor of each trace is found by
 * scaling its arrivals until FIFO keeps jobs waiting for most of the makespan (see {@link #SATURATED_SHARE}).
 * Claims: SJF-BSBF's average JCT against the Tiresias-like 2-queue LAS, SJF-FFS and plain SJF; every logged
 * BSBF share had t_con &lt; t_seq; testbed agreement is out of scope.
 */
public final class JctReproduction implements Reproduction {

    /** The load rule: the smallest grid factor at which FIFO has a job waiting during this share of the makespan. */
    static final double SATURATED_SHARE = 0.5;
    /** SJF-BSBF must be at most this fraction of Tiresias's average JCT ... */
    static final double TIRESIAS_RATIO = 0.80;
    /** ... on at least this many of the three headline traces. */
    static final int TIRESIAS_TRACES_NEEDED = 2;
    /** SJF-BSBF must beat SJF-FFS by at least this (in %) on at least one trace. */
    static final double FFS_GAIN_PERCENT = 5;
    /** Relative slack for "&lt;=" comparisons of two averages (rounding only). */
    static final double TIE = 1e-9;
    /** Offered load (GPU-seconds requested per GPU-second) of the synthetic throughput trace. */
    static final double SYNTHETIC_OFFERED_LOAD = 0.9;
    static final String GPU_TYPE = "v100";
    static final String THROUGHPUTS = "gpu-traces/gavel/simulation_throughputs.json";

    /** One trace of the study. */
    record TraceSpec(String label, TraceFormat format, String manifestPath, String cluster, boolean headline,
                     int maxJobs) {
    }

    /** Sizes for one profile. */
    record Settings(List<TraceSpec> traces, List<String> policies, double[] loadGrid, double[] sweepMultipliers,
                    int sweepMaxJobs, int syntheticJobs, int sharingSyntheticJobs) {
    }

    private static final TraceSpec GAVEL_2869CE = new TraceSpec("gavel-2869ce", TraceFormat.GAVEL,
            "gpu-traces/gavel/msr/seed=0/2869ce.trace", "8x8", true, 0);
    private static final TraceSpec GAVEL_E13805 = new TraceSpec("gavel-e13805", TraceFormat.GAVEL,
            "gpu-traces/gavel/msr/seed=0/e13805.trace", "8x8", true, 0);
    private static final TraceSpec MURI_1 = new TraceSpec("muri-trace1", TraceFormat.MURI,
            "gpu-traces/muri/trace1.csv", "8x8", true, 0);
    private static final TraceSpec MURI_2 = new TraceSpec("muri-trace2", TraceFormat.MURI,
            "gpu-traces/muri/trace2.csv", "8x8", false, 0);
    private static final TraceSpec MURI_3 = new TraceSpec("muri-trace3", TraceFormat.MURI,
            "gpu-traces/muri/trace3.csv", "8x8", false, 0);
    private static final TraceSpec MURI_4 = new TraceSpec("muri-trace4", TraceFormat.MURI,
            "gpu-traces/muri/trace4.csv", "8x8", false, 0);
    private static final TraceSpec TIRESIAS_60 = new TraceSpec("tiresias-60job", TraceFormat.TIRESIAS,
            "gpu-traces/tiresias/60_job.csv", "16x4", false, 0);
    /** The Alibaba v2023 pod list with 40 % GPU-sharing pods (GPU pods only, as the reader keeps them). */
    private static final TraceSpec ALIBABA = new TraceSpec("alibaba-gpushare40", TraceFormat.ALIBABA2023,
            "gpu-traces/alibaba-gpu-v2023/openb_pod_list_gpushare40.csv", "8x8", false, 0);

    private static final List<String> SMOKE_POLICIES = List.of("fifo", "sjf", "tiresias", "sjf-ffs", "sjf-bsbf");

    private static final Settings SMOKE = new Settings(List.of(GAVEL_2869CE, GAVEL_E13805, TIRESIAS_60),
            SMOKE_POLICIES, new double[] {2, 8, 32}, new double[] {0.5, 1, 2}, 600, 2_000, 2_000);
    private static final Settings DEFAULT = new Settings(
            List.of(GAVEL_2869CE, GAVEL_E13805, MURI_1, MURI_2, MURI_3, MURI_4, TIRESIAS_60, ALIBABA),
            Policies.ids(), new double[] {1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 128, 256},
            new double[] {0.25, 0.5, 1, 1.5, 2, 3}, 2000, 100_000, 100_000);
    private static final Settings FULL = new Settings(
            List.of(GAVEL_2869CE, GAVEL_E13805, MURI_1, MURI_2, MURI_3, MURI_4, TIRESIAS_60, ALIBABA),
            Policies.ids(), new double[] {1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512},
            new double[] {0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4}, Integer.MAX_VALUE, 100_000, 100_000);

    /** Everything measured on one trace. */
    private record TraceRun(TraceSpec spec, Trace trace, Cluster cluster, double load, double queuedShare,
                            List<double[]> search, Map<String, SimulationResult> results,
                            Map<String, RunSummary> summaries) {
    }

    @Override
    public String id() {
        return "sched-gpushare/jct";
    }

    @Override
    public String title() {
        return "SJF-BSBF lowers the average JCT against a Tiresias-like LAS, SJF-FFS and SJF on heavy-load traces";
    }

    @Override
    public String paper() {
        return "Yizhou Luo, Qiang Wang, Shaohuai Shi, Jiaxin Lai, Shuhan Qi, Jiajia Zhang, Xuan Wang: Scheduling Deep"
                + " Learning Jobs in Multi-Tenant GPU Clusters via Wise Resource Sharing, arXiv 2407.13088";
    }

    @Override
    public OptionalDouble estimatedSeconds(Profile profile) {
        return OptionalDouble.of(profile.pick(15.0, 60.0, 300.0));
    }

    @Override
    public List<Claim> run(RunContext context) {
        Settings settings = context.profile().pick(SMOKE, DEFAULT, FULL);
        Datasets data = context.data();
        ThroughputTable table = ThroughputTable.load(data.verifiedPath(Dataset.GPU_TRACES, THROUGHPUTS), GPU_TYPE);
        // Per-event invariant checks cost ~20x the simulation itself; the module's tests run them on random traces.
        SimulationOptions options = SimulationOptions.defaults().withCheckInvariants(false);
        introduction(context, settings, options);

        List<TraceRun> runs = new ArrayList<>();
        long steps = (long) settings.traces().size() * (settings.loadGrid().length + settings.policies().size());
        try (Progress.Task task = context.progress().start("sched-gpushare/jct traces", steps)) {
            for (TraceSpec spec : settings.traces()) {
                task.status(spec.label());
                runs.add(runTrace(context, data, table, options, settings, spec, task));
            }
        }
        tables(context, runs);
        plots(context, runs);
        List<SweepPoint> sweep = sweep(context, table, options, settings, runs);
        throughput(context, table, runs, settings);

        List<Claim> claims = new ArrayList<>();
        List<TraceRun> headline = runs.stream().filter(r -> r.spec().headline()).toList();
        claims.add(tiresiasClaim(headline));
        claims.add(ffsEveryTrace(runs));
        claims.add(ffsGain(runs));
        claims.add(sjfEveryTrace(runs));
        claims.add(beneficialShares(runs, sweep));
        claims.add(Claim.outOfScope("testbed-agreement",
                "Simulated JCTs agree closely with a physical GPU testbed running the same schedules",
                "high fidelity (abstract)",
                "needs a physical multi-GPU cluster; only the simulator runs here"));
        return claims;
    }

    // ------------------------------------------------------------------ runs

    private static TraceRun runTrace(RunContext context, Datasets data, ThroughputTable table, SimulationOptions options,
                                     Settings settings, TraceSpec spec, Progress.Task task) {
        Path file = data.verifiedPath(Dataset.GPU_TRACES, spec.manifestPath());
        Trace trace = spec.format().read(file, table, context.seed());
        if (spec.maxJobs() > 0 && trace.jobs().size() > spec.maxJobs()) {
            trace = new Trace(trace.name(), trace.jobs().subList(0, spec.maxJobs()), trace.mapping());
        }
        Cluster cluster = Cluster.parse(spec.cluster(), GPU_TYPE);
        Policy fifo = Policies.byId("fifo");
        List<double[]> search = new ArrayList<>();
        double load = Double.NaN;
        double share = Double.NaN;
        SimulationResult fifoAtLoad = null;
        double[] grid = settings.loadGrid();
        for (int i = 0; i < grid.length; i++) {
            SimulationResult r = Simulator.run(trace.withLoad(grid[i]), cluster, table, fifo, options);
            double queued = RunSummary.queuedShare(r);
            search.add(new double[] {grid[i], queued, r.utilisation(), r.averageJct()});
            task.step();
            if (queued >= SATURATED_SHARE || i == grid.length - 1) {
                load = grid[i];
                share = queued;
                fifoAtLoad = r;
                task.step(grid.length - 1 - i);
                break;
            }
        }
        Trace loaded = trace.withLoad(load);
        Map<String, SimulationResult> results = new LinkedHashMap<>();
        Map<String, RunSummary> summaries = new LinkedHashMap<>();
        for (String id : settings.policies()) {
            SimulationResult r = id.equals("fifo") ? fifoAtLoad
                    : Simulator.run(loaded, cluster, table, Policies.byId(id), options);
            results.put(id, r);
            summaries.put(id, RunSummary.of(r, table, load));
            task.step();
        }
        return new TraceRun(spec, trace, cluster, load, share, search, results, summaries);
    }

    private record SweepPoint(String trace, double load, String policy, double averageJct, int badShares) {
    }

    private static final List<String> SWEEP_POLICIES = List.of("sjf-bsbf", "sjf-ffs", "tiresias");

    private static List<SweepPoint> sweep(RunContext context, Interference table, SimulationOptions options,
                                          Settings settings, List<TraceRun> runs) {
        List<TraceRun> chosen = runs.stream()
                .filter(r -> r.spec().headline() && r.trace().jobs().size() <= settings.sweepMaxJobs()).toList();
        List<SweepPoint> points = new ArrayList<>();
        long steps = (long) chosen.size() * settings.sweepMultipliers().length * SWEEP_POLICIES.size();
        try (Progress.Task task = context.progress().start("avg JCT vs load", steps)) {
            for (TraceRun run : chosen) {
                XYChart chart = Plots.xy("Average JCT vs load factor: " + run.spec().label(), "load factor",
                        "average JCT (h)");
                for (String id : SWEEP_POLICIES) {
                    double[] x = new double[settings.sweepMultipliers().length];
                    double[] y = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        double load = run.load() * settings.sweepMultipliers()[i];
                        SimulationResult r = load == run.load() && run.results().containsKey(id)
                                ? run.results().get(id)
                                : Simulator.run(run.trace().withLoad(load), run.cluster(), table, Policies.byId(id), options);
                        RunSummary s = RunSummary.of(r, table, load);
                        points.add(new SweepPoint(run.spec().label(), load, id, r.averageJct(), s.badShareDecisions()));
                        x[i] = load;
                        y[i] = r.averageJct() / 3600;
                        task.step();
                    }
                    chart.addSeries(id, x, y);
                }
                context.report().plot("jct-vs-load-" + run.spec().label(), chart, "Average JCT against the load factor on "
                        + run.spec().label() + " (SJF-BSBF, SJF-FFS, Tiresias-like); the chosen heavy load is "
                        + fmt(run.load()));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (SweepPoint p : points) {
            rows.add(List.of(p.trace(), fmt(p.load()), p.policy(), hours(p.averageJct())));
        }
        context.report().table("Average JCT against the load factor", List.of("trace", "load factor", "policy",
                "avg JCT (h)"), rows);
        return points;
    }

    /** A synthetic trace of {@code n} jobs resampled from the headline traces, for simulated events per second. */
    private static void throughput(RunContext context, Interference table, List<TraceRun> runs, Settings settings) {
        List<Job> pool = new ArrayList<>();
        for (TraceRun run : runs) {
            if (run.spec().headline() && run.cluster().totalGpus() == 64) {
                pool.addAll(run.trace().jobs());
            }
        }
        if (pool.isEmpty()) {
            return;
        }
        Cluster cluster = Cluster.parse("8x8", GPU_TYPE);
        double gpuSeconds = 0;
        for (Job job : pool) {
            gpuSeconds += job.gpus() * job.iterations() / table.isolated(job.type(), job.gpus());
        }
        double meanGap = gpuSeconds / pool.size() / (SYNTHETIC_OFFERED_LOAD * cluster.totalGpus());
        SplittableRandom random = new SplittableRandom(context.seed());
        List<Job> jobs = new ArrayList<>(settings.syntheticJobs());
        double t = 0;
        for (int i = 0; i < settings.syntheticJobs(); i++) {
            Job template = pool.get(random.nextInt(pool.size()));
            jobs.add(new Job(i, template.type(), template.gpus(), t, template.iterations()));
            t += -Math.log(1 - random.nextDouble()) * meanGap;
        }
        SimulationOptions fast = SimulationOptions.defaults().withCheckInvariants(false);
        List<List<String>> rows = new ArrayList<>();
        List<String[]> plan = List.of(new String[] {"fifo", ""}, new String[] {"sjf", ""},
                new String[] {"sjf-bsbf", "sharing"});
        try (Progress.Task task = context.progress().start("synthetic traces", plan.size())) {
            for (String[] p : plan) {
                int n = p[1].isEmpty() ? jobs.size() : Math.min(jobs.size(), settings.sharingSyntheticJobs());
                Trace synthetic = new Trace("synthetic-" + n, jobs.subList(0, n), "resampled from the headline traces");
                task.status(p[0] + ", " + n + " jobs");
                SimulationResult r = Simulator.run(synthetic, cluster, table, Policies.byId(p[0]), fast);
                rows.add(List.of(p[0], String.valueOf(n), String.valueOf(r.events()),
                        Stats.fixed(r.wallSeconds(), 2), String.format(Locale.ROOT, "%.3g", r.eventsPerSecond()),
                        String.format(Locale.ROOT, "%.3g", n / r.wallSeconds()), hours(r.averageJct())));
                task.step();
            }
        }
        context.report().table("Simulator speed on a synthetic trace (jobs drawn with replacement from the headline"
                        + " traces, Poisson arrivals at " + fmt(SYNTHETIC_OFFERED_LOAD) + " offered load on 8x8 V100,"
                        + " per-event invariant checks off; one JVM, wall clock; the sharing policy runs the first "
                        + Math.min(jobs.size(), settings.sharingSyntheticJobs()) + " jobs at this profile, as its"
                        + " pair evaluation per tick grows with the queue; events count arrivals, completions and every"
                        + " 60 s tick, and most ticks need no scheduling round, so jobs/s is the fairer speed figure)",
                List.of("policy", "jobs", "events", "wall (s)", "events/s", "jobs/s", "avg JCT (h)"), rows);
    }

    // ------------------------------------------------------------------ report

    private static void introduction(RunContext context, Settings settings, SimulationOptions options) {
        context.report().paragraph(String.format(Locale.ROOT, """
                Every policy runs on a discrete-event simulator of a GPU cluster (8 nodes x 8 V100 GPUs; 16 x 4 for \
                the Tiresias trace, as its cluster spec says) with a scheduling tick every %s s of simulated time, \
                at most two jobs per GPU, and each job progressing at its current rate. Interference comes from \
                Gavel's measured throughputs (simulation_throughputs.json, V100 column): the slowdown of a job \
                next to a partner is its isolated throughput over its co-located one (a zero entry means the pair \
                does not fit, so a smaller sub-batch with gradient accumulation is tried); a multi-GPU job runs \
                at its slowest GPU's rate. Preemptive policies pay %s s per preemption; the Tiresias-like 2-queue \
                LAS demotes a job after %s GPU-seconds of service. Per-event invariant checks are off here (they cost \
                about twenty times the simulation); the module's tests run them on random traces.""",
                fmt(options.tickSeconds()), fmt(options.preemptionOverheadSeconds()),
                fmt(options.tiresiasThresholdGpuSeconds())));
        context.report().paragraph(String.format(Locale.ROOT, """
                **Heavy load.** The paper evaluates "heavy load" without giving a figure we could use, so each \
                trace's arrivals are scaled (inter-arrival times divided by a load factor) and the load factor is \
                the smallest in the grid %s at which FIFO keeps at least one arrived job waiting during %s %% or \
                more of the makespan (the largest grid value when none reaches it). Every policy then runs at that \
                factor. The reproduction is deterministic for a seed (seed %d, used by the job-type mapping of \
                the Muri and Alibaba traces).""", java.util.Arrays.toString(settings.loadGrid()),
                fmt(100 * SATURATED_SHARE), context.seed()));
        List<List<String>> rows = new ArrayList<>();
        for (String id : settings.policies()) {
            Policy p = Policies.byId(id);
            rows.add(List.of(id, yes(p.knowsDurations()), yes(p.preemptive()), yes(p.shares())));
        }
        context.report().table("Policies: SJF, SRTF and the SJF-based sharing policies read every job's exclusive"
                        + " duration (an oracle); FIFO and the Tiresias-like LAS do not. This information asymmetry"
                        + " favours the SJF family against Tiresias, as in the paper.",
                List.of("policy", "knows durations", "preemptive", "shares GPUs"), rows);
    }

    private static void tables(RunContext context, List<TraceRun> runs) {
        List<List<String>> traceRows = new ArrayList<>();
        for (TraceRun run : runs) {
            traceRows.add(List.of(run.spec().label(), "`" + run.spec().manifestPath() + "`",
                    String.valueOf(run.trace().jobs().size()), run.spec().cluster(), fmt(run.load()),
                    Stats.fixed(100 * run.queuedShare(), 1),
                    run.trace().mapping().isEmpty() ? "types as in the trace" : run.trace().mapping()));
        }
        context.report().table("Traces, the load factor found for each and how jobs were mapped onto Gavel's job types",
                List.of("trace", "file", "jobs", "cluster", "load factor", "FIFO queued share (%)", "job-type mapping"),
                traceRows);

        List<List<String>> searchRows = new ArrayList<>();
        for (TraceRun run : runs) {
            for (double[] s : run.search()) {
                searchRows.add(List.of(run.spec().label(), fmt(s[0]), Stats.fixed(100 * s[1], 1),
                        Stats.fixed(100 * s[2], 1), hours(s[3])));
            }
        }
        context.report().table("Load search (FIFO)", List.of("trace", "load factor", "queued share (%)",
                "utilisation (%)", "avg JCT (h)"), searchRows);

        List<List<String>> rows = new ArrayList<>();
        for (TraceRun run : runs) {
            for (RunSummary s : run.summaries().values()) {
                rows.add(List.of(run.spec().label(), s.policy(), hours(s.averageJct()), hours(s.p99Jct()),
                        hours(s.makespan()), hours(s.averageQueueingDelay()), Stats.fixed(100 * s.utilisation(), 1),
                        String.valueOf(s.sharedPlacements()), s.subBatchedJobs() + " (min "
                                + Stats.fixed(s.smallestSubBatchRatio(), 3) + ")", fmt(s.loadFactor())));
            }
        }
        context.report().table("Metrics per trace and policy at the heavy load (times in hours; sub-batched = jobs"
                        + " that ran at a smaller per-step batch with gradient accumulation, min = smallest sub-batch"
                        + " over the global batch)",
                List.of("trace", "policy", "avg JCT", "p99 JCT", "makespan", "avg queueing", "utilisation (%)",
                        "shared placements", "sub-batched jobs", "load factor"), rows);

        List<List<String>> ratios = new ArrayList<>();
        for (TraceRun run : runs) {
            ratios.add(List.of(run.spec().label() + (run.spec().headline() ? " (headline)" : ""),
                    ratioText(run, "tiresias"), ratioText(run, "sjf-ffs"), ratioText(run, "sjf")));
        }
        context.report().table("Average JCT of SJF-BSBF divided by each baseline's (below 1 = BSBF better)",
                List.of("trace", "/ Tiresias-like", "/ SJF-FFS", "/ SJF"), ratios);
    }

    private static void plots(RunContext context, List<TraceRun> runs) {
        // Average JCTs range from minutes to thousands of hours across traces: bars show each policy's average
        // JCT over FIFO's on the same trace (the absolute values are in the metrics table).
        CategoryChart bars = Plots.bars("Average JCT per policy and trace (heavy load), relative to FIFO", "trace",
                "average JCT / FIFO's");
        List<String> labels = runs.stream().map(r -> r.spec().label()).toList();
        List<String> policies = new ArrayList<>(runs.get(0).summaries().keySet());
        for (String id : policies) {
            List<Double> values = runs.stream()
                    .map(r -> r.summaries().get(id).averageJct() / r.summaries().get(policies.get(0)).averageJct())
                    .toList();
            bars.addSeries(id, labels, values);
        }
        bars.getStyler().setXAxisLabelRotation(30);
        bars.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        context.report().plot("avg-jct", bars, "Average JCT per policy and trace at each trace's heavy load, divided"
                + " by " + policies.get(0) + "'s on the same trace");
        for (TraceRun run : runs) {
            XYChart cdf = Plots.xy("JCT CDF: " + run.spec().label() + " (load " + fmt(run.load()) + ")",
                    "JCT (h, log scale)", "fraction of jobs");
            cdf.getStyler().setXAxisLogarithmic(true);
            for (Map.Entry<String, SimulationResult> e : run.results().entrySet()) {
                double[] jct = RunSummary.sortedJcts(e.getValue());
                double[] x = new double[jct.length];
                double[] y = new double[jct.length];
                for (int i = 0; i < jct.length; i++) {
                    x[i] = Math.max(jct[i], 1) / 3600;
                    y[i] = (i + 1) / (double) jct.length;
                }
                XYSeries series = cdf.addSeries(e.getKey(), x, y);
                series.setMarker(SeriesMarkers.NONE);
            }
            context.report().plot("jct-cdf-" + run.spec().label(), cdf, "JCT distribution per policy on "
                    + run.spec().label());
        }
    }

    // ------------------------------------------------------------------ claims

    private static double ratio(TraceRun run, String baseline) {
        RunSummary b = run.summaries().get(baseline);
        RunSummary s = run.summaries().get("sjf-bsbf");
        return b == null || s == null ? Double.NaN : s.averageJct() / b.averageJct();
    }

    private static String ratioText(TraceRun run, String baseline) {
        double r = ratio(run, baseline);
        return Double.isNaN(r) ? "not run" : Stats.fixed(r, 3);
    }

    private static String ratios(List<TraceRun> runs, String baseline) {
        List<String> parts = new ArrayList<>();
        for (TraceRun run : runs) {
            parts.add(run.spec().label() + " " + ratioText(run, baseline));
        }
        return String.join(", ", parts);
    }

    private static Claim tiresiasClaim(List<TraceRun> headline) {
        int holding = 0;
        for (TraceRun run : headline) {
            if (ratio(run, "tiresias") <= TIRESIAS_RATIO) {
                holding++;
            }
        }
        int needed = Math.min(TIRESIAS_TRACES_NEEDED, headline.size());
        return Claim.atLeast("bsbf-vs-tiresias", "Average JCT of SJF-BSBF <= " + fmt(TIRESIAS_RATIO)
                        + " x the Tiresias-like 2-queue LAS on at least " + needed + " of the " + headline.size()
                        + " headline heavy-load traces: traces where it holds",
                "27-33 % lower (ratio 0.67-0.73)", holding, "traces", needed)
                .withNote("BSBF / Tiresias: " + ratios(headline, "tiresias") + ". SJF-BSBF knows job durations,"
                        + " the Tiresias-like LAS does not.");
    }

    private static Claim ffsEveryTrace(List<TraceRun> runs) {
        int holding = 0;
        for (TraceRun run : runs) {
            if (ratio(run, "sjf-ffs") <= 1 + TIE) {
                holding++;
            }
        }
        return Claim.counted("bsbf-le-ffs", "Average JCT of SJF-BSBF <= SJF-FFS on every trace: traces where it holds",
                "lower on every large-scale trace", holding, runs.size(), Math.max(1, runs.size() / 2))
                .withNote("BSBF / FFS: " + ratios(runs, "sjf-ffs"));
    }

    private static Claim ffsGain(List<TraceRun> runs) {
        double best = Double.NEGATIVE_INFINITY;
        String where = "";
        for (TraceRun run : runs) {
            double gain = 100 * (1 - ratio(run, "sjf-ffs"));
            if (gain > best) {
                best = gain;
                where = run.spec().label();
            }
        }
        return Claim.atLeast("bsbf-vs-ffs-gain", "Largest reduction of the average JCT of SJF-BSBF against SJF-FFS"
                        + " over the traces (at least " + fmt(FFS_GAIN_PERCENT) + " % on one trace)",
                "up to 17 %", best, "%", FFS_GAIN_PERCENT).withNote("largest on " + where);
    }

    private static Claim sjfEveryTrace(List<TraceRun> runs) {
        int holding = 0;
        for (TraceRun run : runs) {
            if (ratio(run, "sjf") <= 1 + TIE) {
                holding++;
            }
        }
        return Claim.counted("bsbf-le-sjf", "Average JCT of SJF-BSBF <= SJF without sharing on every trace: traces"
                        + " where it holds", "sharing wisely never hurts", holding, runs.size(),
                Math.max(1, runs.size() / 2)).withNote("BSBF / SJF: " + ratios(runs, "sjf"));
    }

    private static Claim beneficialShares(List<TraceRun> runs, List<SweepPoint> sweep) {
        int decisions = 0;
        int bad = 0;
        for (TraceRun run : runs) {
            for (RunSummary s : run.summaries().values()) {
                if (s.policy().startsWith("sjf-bsbf")) {
                    decisions += s.shareDecisions();
                    bad += s.badShareDecisions();
                }
            }
        }
        for (SweepPoint p : sweep) {
            bad += p.policy().startsWith("sjf-bsbf") ? p.badShares() : 0;
        }
        return Claim.invariant("bsbf-shares-beneficial", "Every sharing decision SJF-BSBF logged has t_con < t_seq ("
                        + decisions + " decisions at the heavy loads, plus the load sweep): decisions with t_con >= t_seq",
                bad == 0, (double) bad, "decisions", "= 0");
    }

    // ------------------------------------------------------------------ formatting

    private static String hours(double seconds) {
        return Double.isFinite(seconds) ? Stats.fixed(seconds / 3600, 2) : "-";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
