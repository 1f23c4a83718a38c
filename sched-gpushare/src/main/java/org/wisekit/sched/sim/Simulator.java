package org.wisekit.sched.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.wisekit.sched.Cluster;
import org.wisekit.sched.Interference;
import org.wisekit.sched.Job;
import org.wisekit.sched.Trace;

/**
 * The discrete-event GPU-cluster simulator (note §2, §5).
 *
 * <p>Events are arrivals, completions (scheduled exactly, at the time the remaining iterations reach zero at the
 * job's current rate) and scheduling ticks at k x {@code tickSeconds}; the policy acts only at ticks. Between
 * events every running job progresses at its current rate. A GPU holds at most two jobs. A job's rate is its
 * isolated throughput on its GPU count divided by its slowdown ξ, the maximum over its GPUs of the pairwise
 * slowdowns (synchronous data parallelism: the slowest GPU sets the pace) and of the cost of its current
 * sub-batch. With a per-step sub-batch s of global batch B the job accumulates B/s steps per iteration; its
 * slowdown next to partner p is ξ = tput_alone(B) / (tput_pair(s | p's sub-batch) · s / B), from the table's
 * single-GPU entries, clamped to &gt;= 1; a zero pair entry means the pair does not fit in memory. A job
 * returns to the largest feasible sub-batch (its global batch when alone) when a partner leaves.
 *
 * <p>Same-time events: completions first, then arrivals, then the tick; every tie is broken by job id.
 */
public final class Simulator {

    private Simulator() {
    }

    /**
     * Runs {@code trace} on {@code cluster} under {@code policy}. IllegalArgumentException for a job wider than
     * the cluster or a job type the table does not know (naming the job id).
     */
    public static SimulationResult run(Trace trace, Cluster cluster, Interference table, Policy policy,
            SimulationOptions options) {
        if (trace == null || cluster == null || table == null || policy == null || options == null) {
            throw new IllegalArgumentException("trace, cluster, table, policy and options must not be null");
        }
        if (policy.preemptive() && policy.shares()) {
            throw new IllegalArgumentException("policy " + policy.id() + ": preemptive sharing policies are not supported");
        }
        long t0 = System.nanoTime();
        Engine engine = new Engine(trace, cluster, table, policy, options);
        engine.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        return engine.result(wall);
    }

    /** Per-type numbers from the table, cached (lookups only, so hash order never matters). */
    static final class Types {
        final Interference table;
        final List<String> names = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();
        double[] batch = new double[0];
        double[] iso1 = new double[0];
        int[][] options = new int[0][];

        Types(Interference table) {
            this.table = table;
        }

        int add(String type) {
            Integer known = index.get(type);
            if (known != null) {
                return known;
            }
            int id = names.size();
            names.add(type);
            index.put(type, id);
            batch = Arrays.copyOf(batch, id + 1);
            iso1 = Arrays.copyOf(iso1, id + 1);
            options = Arrays.copyOf(options, id + 1);
            batch[id] = table.batchSize(type);
            iso1[id] = table.isolated(type, 1);
            if (!(iso1[id] > 0) || !(batch[id] > 0)) {
                throw new IllegalArgumentException("type '" + type + "' has no positive isolated throughput or batch size");
            }
            List<String> subs = table.subBatches(type);
            int[] opts = new int[subs.size() + 1];
            opts[0] = id;
            options[id] = opts;
            for (int i = 0; i < subs.size(); i++) {
                opts[i + 1] = add(subs.get(i));
            }
            return id;
        }

        double[][] tputA = new double[0][];
        double[][] tputB = new double[0][];

        /** Allocates the dense pair caches once every type is known. */
        void freeze() {
            int t = names.size();
            tputA = new double[t][t];
            tputB = new double[t][t];
            for (double[] row : tputA) {
                Arrays.fill(row, Double.NaN);
            }
        }

        /** {tput of a, tput of b} for sub-batch types a, b on one GPU; any zero = does not fit. */
        double[] pair(int a, int b) {
            if (Double.isNaN(tputA[a][b])) {
                double[] p = table.colocated(names.get(a), 1, names.get(b), 1);
                if (p == null || p.length != 2) {
                    throw new IllegalStateException("colocated(" + names.get(a) + ", " + names.get(b) + ") must return 2 values");
                }
                boolean fit = p[0] > 0 && p[1] > 0 && Double.isFinite(p[0]) && Double.isFinite(p[1]);
                tputA[a][b] = fit ? p[0] : 0;
                tputB[a][b] = fit ? p[1] : 0;
            }
            return new double[] {tputA[a][b], tputB[a][b]};
        }

        boolean fits(int subA, int subB) {
            if (Double.isNaN(tputA[subA][subB])) {
                pair(subA, subB);
            }
            return tputA[subA][subB] > 0;
        }

        /** Slowdown of a job of type {@code type} running sub-batch {@code sub} next to sub-batch {@code other}. */
        double pairXi(int type, int sub, int other) {
            if (Double.isNaN(tputA[sub][other])) {
                pair(sub, other);
            }
            double tput = tputA[sub][other];
            return Math.max(1, iso1[type] / (tput * batch[sub] / batch[type]));
        }

        /** Slowdown of running sub-batch {@code sub} alone instead of the global batch (gradient accumulation). */
        double soloXi(int type, int sub) {
            return sub == type ? 1 : Math.max(1, iso1[type] / (iso1[sub] * batch[sub] / batch[type]));
        }
    }

    private static final int NOT_ARRIVED = 0;
    private static final int PENDING = 1;
    private static final int RUNNING = 2;
    private static final int DONE = 3;

    /** One chosen partner of a placement under evaluation. */
    private record Candidate(int partner, int subJob, int subPartner, double tCon, double tSeq) {
    }

    static final class Engine {
        final Trace trace;
        final Cluster cluster;
        final Policy policy;
        final SimulationOptions opt;
        final Types types;
        final int n;
        final int gpusPerNode;
        final int totalGpus;
        final double eps = 1e-9;

        // per job (index = position in trace order)
        final Job[] job;
        final int[] type;
        final double[] excRate;
        final double[] exclusive;
        final int[] state;
        final double[] rem;
        final double[] last;
        final double[] stallUntil;
        final double[] rate;
        final double[] finishAt;
        final double[] attained;
        final int[] sub;
        final double[] smallestBatch;
        final int[][] gpusOf;
        final double[] start;
        final double[] finish;
        final boolean[] everShared;
        final boolean[] started;
        final boolean[] lostPartner;
        final double[] key;

        // per GPU
        final int[] occ0;
        final int[] occ1;
        final int[] idlePerNode;
        int idle;
        int single;

        final TreeSet<Integer> pending;
        final TreeSet<Integer> running;
        final Comparator<Integer> order;
        final List<ShareDecision> decisions = new ArrayList<>();
        int sharedPlacements;
        long events;
        double now;
        double busyGpuSeconds;
        int nextArrival;
        int done;
        /** Set by arrivals and by any change on the GPUs; a non-preemptive round without it cannot place anything. */
        boolean dirty = true;
        /** Set by any change on the GPUs: the rates and completion times must be recomputed. */
        boolean ratesStale = true;

        Engine(Trace trace, Cluster cluster, Interference table, Policy policy, SimulationOptions opt) {
            this.trace = trace;
            this.cluster = cluster;
            this.policy = policy;
            this.opt = opt;
            this.types = new Types(table);
            this.job = trace.jobs().toArray(new Job[0]);
            this.n = job.length;
            this.gpusPerNode = cluster.gpusPerNode();
            this.totalGpus = cluster.totalGpus();
            type = new int[n];
            excRate = new double[n];
            exclusive = new double[n];
            state = new int[n];
            rem = new double[n];
            last = new double[n];
            stallUntil = new double[n];
            rate = new double[n];
            finishAt = new double[n];
            attained = new double[n];
            sub = new int[n];
            smallestBatch = new double[n];
            gpusOf = new int[n][];
            start = new double[n];
            finish = new double[n];
            everShared = new boolean[n];
            started = new boolean[n];
            lostPartner = new boolean[n];
            key = new double[n];
            // type names are indexed in sorted order so that nothing depends on map iteration
            TreeMap<String, Integer> sorted = new TreeMap<>();
            for (Job j : job) {
                sorted.putIfAbsent(j.type(), j.id());
            }
            for (Map.Entry<String, Integer> e : sorted.entrySet()) {
                try {
                    types.add(e.getKey());
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("job " + e.getValue() + ": unknown job type '" + e.getKey() + "' ("
                            + ex.getMessage() + ")");
                }
            }
            types.freeze();
            for (int i = 0; i < n; i++) {
                Job j = job[i];
                if (j.gpus() > totalGpus) {
                    throw new IllegalArgumentException("job " + j.id() + " needs " + j.gpus() + " GPUs but the cluster has "
                            + totalGpus);
                }
                type[i] = types.index.get(j.type());
                try {
                    excRate[i] = table.isolated(j.type(), j.gpus());
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("job " + j.id() + ": unknown job type '" + j.type() + "' on " + j.gpus()
                            + " GPUs (" + ex.getMessage() + ")");
                }
                if (!(excRate[i] > 0) || Double.isInfinite(excRate[i])) {
                    throw new IllegalArgumentException("job " + j.id() + ": type '" + j.type() + "' has no positive isolated "
                            + "throughput on " + j.gpus() + " GPUs");
                }
                exclusive[i] = j.iterations() / excRate[i];
                rem[i] = j.iterations();
                sub[i] = type[i];
                smallestBatch[i] = types.batch[type[i]];
                start[i] = Double.NaN;
                finish[i] = Double.NaN;
            }
            occ0 = new int[totalGpus];
            occ1 = new int[totalGpus];
            Arrays.fill(occ0, -1);
            Arrays.fill(occ1, -1);
            idlePerNode = new int[cluster.nodes()];
            Arrays.fill(idlePerNode, gpusPerNode);
            idle = totalGpus;
            order = Comparator.<Integer>comparingDouble(i -> key[i])
                    .thenComparingDouble(i -> job[i].arrivalSeconds())
                    .thenComparingInt(i -> job[i].id());
            pending = new TreeSet<>(order);
            running = new TreeSet<>(Comparator.comparingInt(i -> job[i].id()));
        }

        double computeKey(int i) {
            return switch (policy.order()) {
                case ARRIVAL -> 0;
                case REMAINING_TIME -> rem[i] / excRate[i];
                case TWO_QUEUE_LAS -> attained[i] < opt.tiresiasThresholdGpuSeconds() ? 0 : 1;
            };
        }

        void run() {
            if (n == 0) {
                return;
            }
            double tick = opt.tickSeconds();
            long k = (long) Math.ceil(job[0].arrivalSeconds() / tick);
            now = job[0].arrivalSeconds();
            while (done < n) {
                double nextTick = k * tick;
                double nextArr = nextArrival < n ? job[nextArrival].arrivalSeconds() : Double.POSITIVE_INFINITY;
                double nextDone = Double.POSITIVE_INFINITY;
                for (int i : running) {
                    nextDone = Math.min(nextDone, finishAt[i]);
                }
                double t = Math.min(nextTick, Math.min(nextArr, nextDone));
                advance(t);
                if (nextDone <= t) {
                    complete(t);
                }
                while (nextArrival < n && job[nextArrival].arrivalSeconds() <= t) {
                    int i = nextArrival++;
                    state[i] = PENDING;
                    key[i] = computeKey(i);
                    pending.add(i);
                    dirty = true;
                    events++;
                }
                if (nextTick <= t) {
                    events++;
                    schedule();
                    k++;
                    if (pending.isEmpty() && running.isEmpty() && nextArrival < n) {
                        k = Math.max(k, (long) Math.ceil(job[nextArrival].arrivalSeconds() / tick));
                    }
                }
                if (opt.checkInvariants()) {
                    checkInvariants();
                }
            }
        }

        void advance(double t) {
            double dt = t - now;
            if (dt > 0) {
                busyGpuSeconds += (totalGpus - idle) * dt;
                for (int i : running) {
                    double from = Math.max(last[i], stallUntil[i]);
                    if (t > from) {
                        rem[i] -= rate[i] * (t - from);
                    }
                    attained[i] += job[i].gpus() * (t - last[i]);
                    last[i] = t;
                }
            }
            now = Math.max(now, t);
        }

        void complete(double t) {
            List<Integer> finished = new ArrayList<>();
            for (int i : running) {
                if (finishAt[i] <= t) {
                    finished.add(i);
                }
            }
            for (int i : finished) {
                long iters = job[i].iterations();
                if (opt.checkInvariants() && Math.abs(rem[i]) > 1e-6 * iters + 1e-6) {
                    throw new IllegalStateException("job " + job[i].id() + " finished at " + t + " with " + rem[i]
                            + " of " + iters + " iterations left (iterations done != requested)");
                }
                rem[i] = 0;
                release(i);
                state[i] = DONE;
                finish[i] = t;
                done++;
                events++;
                if (opt.checkInvariants() && finish[i] - job[i].arrivalSeconds() < exclusive[i] * (1 - 1e-9) - 1e-9) {
                    throw new IllegalStateException("job " + job[i].id() + " JCT " + (finish[i] - job[i].arrivalSeconds())
                            + " < exclusive time " + exclusive[i]);
                }
            }
            restoreSubBatches();
            refreshRates();
        }

        /** Takes job i off its GPUs (completion or preemption); partners are marked to regrow their sub-batch. */
        void release(int i) {
            dirty = true;
            ratesStale = true;
            for (int g : gpusOf[i]) {
                int node = g / gpusPerNode;
                if (occ0[g] == i) {
                    occ0[g] = occ1[g];
                    occ1[g] = -1;
                } else if (occ1[g] == i) {
                    occ1[g] = -1;
                } else {
                    throw new IllegalStateException("job " + job[i].id() + " is not on GPU " + g);
                }
                if (occ0[g] < 0) {
                    idle++;
                    single--;
                    idlePerNode[node]++;
                } else {
                    single++;
                    lostPartner[occ0[g]] = true;
                }
            }
            gpusOf[i] = null;
            running.remove(i);
        }

        void occupy(int i, int[] gpus, boolean overhead) {
            dirty = true;
            ratesStale = true;
            Arrays.sort(gpus);
            for (int g : gpus) {
                int node = g / gpusPerNode;
                if (occ0[g] < 0) {
                    occ0[g] = i;
                    idle--;
                    single++;
                    idlePerNode[node]--;
                } else if (occ1[g] < 0) {
                    occ1[g] = i;
                    single--;
                    everShared[i] = true;
                    everShared[occ0[g]] = true;
                } else {
                    throw new IllegalStateException("GPU " + g + " already holds two jobs");
                }
            }
            gpusOf[i] = gpus;
            state[i] = RUNNING;
            running.add(i);
            last[i] = now;
            stallUntil[i] = overhead && started[i] ? now + opt.preemptionOverheadSeconds() : now;
            if (!started[i]) {
                started[i] = true;
                start[i] = now;
            }
        }

        int partnerOn(int g, int i) {
            return occ0[g] == i ? occ1[g] : occ0[g];
        }

        /** Regrows the sub-batch of jobs that lost a partner, in id order, to the largest one that still fits. */
        void restoreSubBatches() {
            for (int i : running) {
                if (!lostPartner[i]) {
                    continue;
                }
                lostPartner[i] = false;
                for (int s : types.options[type[i]]) {
                    if (s == sub[i]) {
                        break;
                    }
                    if (fitsWithPartners(i, s, -1)) {
                        sub[i] = s;
                        break;
                    }
                }
            }
        }

        /** Whether job i running sub-batch s fits next to each of its partners (except {@code ignore}). */
        boolean fitsWithPartners(int i, int s, int ignore) {
            for (int g : gpusOf[i]) {
                int p = partnerOn(g, i);
                if (p >= 0 && p != ignore && !types.fits(s, sub[p])) {
                    return false;
                }
            }
            return true;
        }

        /** Slowdown of running job i with sub-batch s, also assuming partner {@code extra} with sub {@code extraSub}. */
        double xi(int i, int s, int extra, int extraSub) {
            double x = types.soloXi(type[i], s);
            if (gpusOf[i] != null) {
                for (int g : gpusOf[i]) {
                    int p = partnerOn(g, i);
                    if (p >= 0) {
                        x = Math.max(x, types.pairXi(type[i], s, sub[p]));
                    }
                }
            }
            if (extra >= 0) {
                x = Math.max(x, types.pairXi(type[i], s, extraSub));
            }
            return x;
        }

        void refreshRates() {
            if (!ratesStale) {
                return;
            }
            ratesStale = false;
            for (int i : running) {
                rate[i] = excRate[i] / xi(i, sub[i], -1, 0);
                smallestBatch[i] = Math.min(smallestBatch[i], types.batch[sub[i]]);
                finishAt[i] = Math.max(last[i], stallUntil[i]) + rem[i] / rate[i];
            }
        }

        // ------------------------------------------------------------------ scheduling

        void schedule() {
            if (policy.preemptive()) {
                schedulePreemptive();
            } else {
                scheduleNonPreemptive();
            }
            refreshRates();
        }

        /**
         * Non-preemptive round: pending jobs in policy order, each placed if it can be. A job that could not be
         * placed makes later jobs with the same type and GPU count skip until the next placement: feasibility does
         * not depend on the job's remaining time, and the benefit t_seq - t_con never grows with etc_a, so a later
         * job with the same (type, GPUs) and no smaller remaining time cannot be placed either. For the same
         * reason (a partner's remaining time only shrinks, and t_con - t_seq never decreases as it does) a round is
         * skipped when nothing arrived and nothing changed on the GPUs since the previous round.
         */
        void scheduleNonPreemptive() {
            if (!dirty) {
                return;
            }
            dirty = false;
            boolean shares = policy.shares();
            Map<Long, Double> failed = new HashMap<>();
            Iterator<Integer> it = pending.iterator();
            while (it.hasNext()) {
                int avail = idle + (shares ? single : 0);
                if (avail == 0) {
                    break;
                }
                int i = it.next();
                if (job[i].gpus() > avail) {
                    continue;
                }
                long sig = ((long) type[i] << 32) | job[i].gpus();
                double etc = rem[i] / excRate[i];
                Double failedAt = failed.get(sig);
                if (failedAt != null && etc >= failedAt) {
                    continue;
                }
                if (place(i)) {
                    it.remove();
                    failed.clear();
                } else if (failedAt == null || etc < failedAt) {
                    failed.put(sig, etc);
                }
            }
        }

        void schedulePreemptive() {
            // Without arrivals or GPU changes a round can only change something when a running job changed queue
            // (Tiresias): a running job's remaining time only shrinks, which keeps every earlier choice.
            boolean changed = dirty;
            for (int i : running) {
                double k = computeKey(i);
                if (policy.order() == Policy.Order.TWO_QUEUE_LAS && k != key[i]) {
                    changed = true;
                }
                key[i] = k;
            }
            if (!changed) {
                return;
            }
            dirty = false;
            List<Integer> run = new ArrayList<>(running);
            run.sort(order);
            // re-key pending Tiresias/SRTF jobs is unnecessary: their key does not change while they wait
            List<Integer> chosenPending = new ArrayList<>();
            boolean[] keep = new boolean[run.size()];
            int free = totalGpus;
            int r = 0;
            Iterator<Integer> it = pending.iterator();
            Integer p = it.hasNext() ? it.next() : null;
            while (free > 0 && (r < run.size() || p != null)) {
                boolean takeRunning = p == null || (r < run.size() && order.compare(run.get(r), p) < 0);
                if (takeRunning) {
                    int i = run.get(r);
                    if (job[i].gpus() <= free) {
                        keep[r] = true;
                        free -= job[i].gpus();
                    }
                    r++;
                } else {
                    if (job[p].gpus() <= free) {
                        chosenPending.add(p);
                        free -= job[p].gpus();
                    }
                    p = it.hasNext() ? it.next() : null;
                }
            }
            for (int x = 0; x < run.size(); x++) {
                if (!keep[x]) {
                    int i = run.get(x);
                    if (!policy.preemptive()) {
                        fail("job " + job[i].id() + " would be stopped under non-preemptive policy " + policy.id());
                    }
                    release(i);
                    state[i] = PENDING;
                    key[i] = computeKey(i);
                    pending.add(i);
                }
            }
            for (int i : chosenPending) {
                pending.remove(i);
                int[] gpus = pickIdle(job[i].gpus());
                sub[i] = type[i];
                occupy(i, gpus, true);
            }
        }

        /** Chooses {@code need} idle GPUs: the fullest node that fits them all, else the emptiest nodes first. */
        int[] pickIdle(int need) {
            int[] out = new int[need];
            int best = -1;
            for (int node = 0; node < idlePerNode.length; node++) {
                if (idlePerNode[node] >= need && (best < 0 || idlePerNode[node] < idlePerNode[best])) {
                    best = node;
                }
            }
            int c = 0;
            if (best >= 0) {
                for (int g = best * gpusPerNode; g < (best + 1) * gpusPerNode && c < need; g++) {
                    if (occ0[g] < 0) {
                        out[c++] = g;
                    }
                }
                return out;
            }
            Integer[] nodes = new Integer[idlePerNode.length];
            for (int node = 0; node < nodes.length; node++) {
                nodes[node] = node;
            }
            Arrays.sort(nodes, Comparator.<Integer>comparingInt(x -> -idlePerNode[x]).thenComparingInt(x -> x));
            for (int node : nodes) {
                for (int g = node * gpusPerNode; g < (node + 1) * gpusPerNode && c < need; g++) {
                    if (occ0[g] < 0) {
                        out[c++] = g;
                    }
                }
                if (c == need) {
                    break;
                }
            }
            if (c != need) {
                throw new IllegalStateException("not enough idle GPUs for " + need);
            }
            return out;
        }

        /** Tries to start pending job i now; true when placed. */
        boolean place(int i) {
            int need = job[i].gpus();
            if (idle >= need) {
                sub[i] = type[i];
                occupy(i, pickIdle(need), false);
                return true;
            }
            if (!policy.shares()) {
                return false;
            }
            return switch (policy.placement()) {
                case FIRST_FIT_SHARING -> placeShared(i, firstFit(i, -1), false);
                case BEST_BENEFIT_SHARING -> placeShared(i, bestBenefit(i, -1), true);
                case BEST_BENEFIT_SHARING_CONSOLIDATED -> placeConsolidated(i);
                case EXCLUSIVE -> false;
            };
        }

        boolean placeConsolidated(int i) {
            int need = job[i].gpus();
            for (int node = 0; node < idlePerNode.length; node++) {
                int cap = 0;
                for (int g = node * gpusPerNode; g < (node + 1) * gpusPerNode; g++) {
                    if (occ1[g] < 0) {
                        cap++;
                    }
                }
                if (cap < need) {
                    continue;
                }
                Plan plan = bestBenefit(i, node);
                if (plan != null && placeShared(i, plan, true)) {
                    return true;
                }
            }
            return placeShared(i, bestBenefit(i, -1), true);
        }

        /** A placement under construction: idle GPUs plus, per partner, the partner's single-occupied GPUs taken. */
        record Plan(int[] idleGpus, List<Candidate> partners, List<int[]> partnerGpus) {
        }

        boolean onNode(int g, int node) {
            return node < 0 || g / gpusPerNode == node;
        }

        List<Integer> idleGpus(int node) {
            List<Integer> out = new ArrayList<>();
            for (int g = 0; g < totalGpus; g++) {
                if (occ0[g] < 0 && onNode(g, node)) {
                    out.add(g);
                }
            }
            return out;
        }

        /** Single-occupied GPUs of partner p (on {@code node} when >= 0), ascending. */
        List<Integer> singleGpusOf(int p, int node) {
            List<Integer> out = new ArrayList<>();
            for (int g : gpusOf[p]) {
                if (occ1[g] < 0 && onNode(g, node)) {
                    out.add(g);
                }
            }
            return out;
        }

        /** Best (sub-batch of i, sub-batch of p) for the pair by t_con; null when no combination fits. */
        Candidate evaluate(int i, int p) {
            Candidate best = null;
            for (int sa : types.options[type[i]]) {
                for (int sb : types.options[type[p]]) {
                    if (!types.fits(sa, sb) || !fitsWithPartners(p, sb, -1)) {
                        continue;
                    }
                    Candidate c = times(i, p, sa, sb);
                    if (best == null || c.tCon() < best.tCon()) {
                        best = c;
                    }
                }
            }
            return best;
        }

        Candidate times(int i, int p, int sa, int sb) {
            double xiA = Math.max(types.soloXi(type[i], sa), types.pairXi(type[i], sa, sb));
            double xiB = xi(p, sb, i, sa);
            double etcA = rem[i] / excRate[i];
            double etcB = rem[p] / excRate[p];
            PairTimes pt = SharingRule.evaluate(etcA, etcB, xiA, xiB);
            return new Candidate(p, sa, sb, pt.tCon(), pt.tSeq());
        }

        /** FFS: all idle GPUs, then single-occupied GPUs in index order whose job fits next to i. */
        Plan firstFit(int i, int node) {
            int need = job[i].gpus();
            List<Integer> idleList = idleGpus(node);
            int remaining = need - idleList.size();
            Map<Integer, Candidate> chosen = new TreeMap<>();
            Map<Integer, List<Integer>> gpus = new TreeMap<>();
            for (int g = 0; g < totalGpus && remaining > 0; g++) {
                if (occ0[g] < 0 || occ1[g] >= 0 || !onNode(g, node)) {
                    continue;
                }
                int p = occ0[g];
                Candidate c = chosen.get(p);
                if (c == null) {
                    c = firstFitting(i, p);
                    if (c == null) {
                        continue;
                    }
                    chosen.put(p, c);
                }
                gpus.computeIfAbsent(p, x -> new ArrayList<>()).add(g);
                remaining--;
            }
            if (remaining > 0) {
                return null;
            }
            List<Candidate> partners = new ArrayList<>();
            List<int[]> partnerGpus = new ArrayList<>();
            for (Map.Entry<Integer, List<Integer>> e : gpus.entrySet()) {
                partners.add(chosen.get(e.getKey()));
                partnerGpus.add(e.getValue().stream().mapToInt(Integer::intValue).toArray());
            }
            return new Plan(idleList.stream().mapToInt(Integer::intValue).toArray(), partners, partnerGpus);
        }

        /** FFS's sub-batches: the largest sub-batch of i, then the largest of p, that fit. */
        Candidate firstFitting(int i, int p) {
            for (int sa : types.options[type[i]]) {
                for (int sb : types.options[type[p]]) {
                    if (types.fits(sa, sb) && fitsWithPartners(p, sb, -1)) {
                        return times(i, p, sa, sb);
                    }
                }
            }
            return null;
        }

        /** BSBF: all idle GPUs, then partners with t_con < t_seq by ascending t_con (then partner id). */
        Plan bestBenefit(int i, int node) {
            int need = job[i].gpus();
            List<Integer> idleList = idleGpus(node);
            int remaining = need - idleList.size();
            if (remaining <= 0) {
                return new Plan(idleList.stream().mapToInt(Integer::intValue).toArray(), List.of(), List.of());
            }
            List<Candidate> candidates = new ArrayList<>();
            for (int p : running) {
                if (singleGpusOf(p, node).isEmpty()) {
                    continue;
                }
                Candidate c = evaluate(i, p);
                if (c != null && c.tCon() < c.tSeq()) {
                    candidates.add(c);
                }
            }
            candidates.sort(Comparator.comparingDouble(Candidate::tCon).thenComparingInt(c -> job[c.partner()].id()));
            List<Candidate> partners = new ArrayList<>();
            List<int[]> partnerGpus = new ArrayList<>();
            for (Candidate c : candidates) {
                if (remaining <= 0) {
                    break;
                }
                List<Integer> gs = singleGpusOf(c.partner(), node);
                int take = Math.min(remaining, gs.size());
                partners.add(c);
                partnerGpus.add(gs.subList(0, take).stream().mapToInt(Integer::intValue).toArray());
                remaining -= take;
            }
            if (remaining > 0) {
                return null;
            }
            return new Plan(idleList.stream().mapToInt(Integer::intValue).toArray(), partners, partnerGpus);
        }

        /**
         * Commits a plan: i's sub-batch is the smallest its partners asked for; each partner then takes its largest
         * sub-batch that fits next to i and its other partners. With {@code requireBenefit} every pair must still
         * have t_con < t_seq, otherwise nothing is placed.
         */
        boolean placeShared(int i, Plan plan, boolean requireBenefit) {
            if (plan == null) {
                return false;
            }
            int need = job[i].gpus();
            int idleTake = need;
            for (int[] gs : plan.partnerGpus()) {
                idleTake -= gs.length;
            }
            int sa = type[i];
            for (Candidate c : plan.partners()) {
                if (types.batch[c.subJob()] < types.batch[sa]) {
                    sa = c.subJob();
                }
            }
            List<Candidate> finals = new ArrayList<>();
            int[] oldSub = new int[plan.partners().size()];
            for (int x = 0; x < plan.partners().size(); x++) {
                int p = plan.partners().get(x).partner();
                oldSub[x] = sub[p];
                Candidate best = null;
                for (int sb : types.options[type[p]]) {
                    if (types.fits(sa, sb) && fitsWithPartners(p, sb, -1)) {
                        best = times(i, p, sa, sb);
                        break;
                    }
                }
                if (best == null || (requireBenefit && !(best.tCon() < best.tSeq()))) {
                    for (int y = x - 1; y >= 0; y--) {
                        sub[plan.partners().get(y).partner()] = oldSub[y];
                    }
                    return false;
                }
                sub[p] = best.subPartner();
                finals.add(best);
            }
            // i must fit next to every partner at its final sub-batch (a partner's sub-batch changes nothing else)
            int[] gpus = new int[need];
            int c = 0;
            for (int x = 0; x < idleTake; x++) {
                gpus[c++] = plan.idleGpus()[x];
            }
            for (int[] gs : plan.partnerGpus()) {
                for (int g : gs) {
                    gpus[c++] = g;
                }
            }
            sub[i] = sa;
            for (Candidate f : finals) {
                decisions.add(new ShareDecision(now, job[i].id(), job[f.partner()].id(), f.tCon(), f.tSeq(),
                        (int) types.batch[f.subJob()], (int) types.batch[f.subPartner()]));
            }
            if (!finals.isEmpty()) {
                sharedPlacements++;
            }
            occupy(i, gpus, false);
            return true;
        }

        // ------------------------------------------------------------------ checks and results

        /** O(GPUs + running jobs): the GPU table, counters, memory, and each running job's GPUs and progress. */
        void checkInvariants() {
            int idleCount = 0;
            int singleCount = 0;
            int slots = 0;
            int[] perNode = new int[idlePerNode.length];
            for (int g = 0; g < totalGpus; g++) {
                int a = occ0[g];
                int b = occ1[g];
                if (a < 0 && b >= 0) {
                    fail("GPU " + g + " has a second job but no first");
                }
                if (a < 0) {
                    idleCount++;
                    perNode[g / gpusPerNode]++;
                    continue;
                }
                slots++;
                if (b < 0) {
                    singleCount++;
                } else {
                    slots++;
                    if (a == b) {
                        fail("GPU " + g + " holds job " + job[a].id() + " twice");
                    }
                    if (!types.fits(sub[a], sub[b])) {
                        fail("GPU " + g + ": jobs " + job[a].id() + " (" + types.names.get(sub[a]) + ") and " + job[b].id()
                                + " (" + types.names.get(sub[b]) + ") do not fit in memory");
                    }
                }
                if (state[a] != RUNNING || (b >= 0 && state[b] != RUNNING)) {
                    fail("GPU " + g + " holds a job that is not running");
                }
            }
            if (idleCount != idle || singleCount != single) {
                fail("GPU counters: idle " + idle + " vs " + idleCount + ", single " + single + " vs " + singleCount);
            }
            if (!Arrays.equals(perNode, idlePerNode)) {
                fail("idle GPUs per node " + Arrays.toString(idlePerNode) + " vs " + Arrays.toString(perNode));
            }
            int held = 0;
            for (int i : running) {
                if (state[i] != RUNNING || gpusOf[i] == null || gpusOf[i].length != job[i].gpus()) {
                    fail("job " + job[i].id() + " does not hold exactly its " + job[i].gpus() + " GPUs");
                }
                int prev = -1;
                for (int g : gpusOf[i]) {
                    if (g <= prev || (occ0[g] != i && occ1[g] != i)) {
                        fail("job " + job[i].id() + " GPU list " + Arrays.toString(gpusOf[i]) + " disagrees with the GPUs");
                    }
                    prev = g;
                }
                held += gpusOf[i].length;
                if (rem[i] < -1e-6 * job[i].iterations() - 1e-6) {
                    fail("job " + job[i].id() + " ran past its iterations: " + rem[i]);
                }
                if (!(rate[i] > 0) || rate[i] > excRate[i] * (1 + 1e-12)) {
                    fail("job " + job[i].id() + " rate " + rate[i] + " outside (0, exclusive rate " + excRate[i] + "]");
                }
            }
            if (held != slots) {
                fail("running jobs hold " + held + " GPU slots, the GPUs show " + slots);
            }
        }

        void fail(String message) {
            throw new IllegalStateException(policy.id() + " at t=" + now + ": " + message);
        }

        SimulationResult result(double wall) {
            List<JobResult> out = new ArrayList<>(n);
            double[] jct = new double[n];
            double sumJct = 0;
            double sumQueue = 0;
            double firstArrival = Double.POSITIVE_INFINITY;
            double lastFinish = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                Job j = job[i];
                JobResult r = new JobResult(j.id(), j.type(), j.gpus(), j.arrivalSeconds(), start[i], finish[i], exclusive[i],
                        everShared[i], (int) smallestBatch[i]);
                out.add(r);
                jct[i] = r.jct();
                sumJct += r.jct();
                sumQueue += r.queueingDelay();
                firstArrival = Math.min(firstArrival, j.arrivalSeconds());
                lastFinish = Math.max(lastFinish, finish[i]);
            }
            out.sort(Comparator.comparingInt(JobResult::id));
            Arrays.sort(jct);
            double makespan = n == 0 ? 0 : lastFinish - firstArrival;
            double p99 = n == 0 ? Double.NaN : jct[Math.max(0, (int) Math.ceil(0.99 * n) - 1)];
            double util = makespan > 0 ? busyGpuSeconds / (totalGpus * makespan) : 0;
            return new SimulationResult(policy.id(), out, makespan, n == 0 ? Double.NaN : sumJct / n, p99,
                    n == 0 ? Double.NaN : sumQueue / n, util, sharedPlacements, decisions, events, wall);
        }
    }
}
