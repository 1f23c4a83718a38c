package org.wisekit.fhe.repro;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.knowm.xchart.CategoryChart;
import org.wisekit.fhe.bgv.BgvParameters;
import org.wisekit.fhe.bgv.Decryptor;
import org.wisekit.fhe.bgv.OperationCounts;
import org.wisekit.fhe.bgv.SecurityEstimate;
import org.wisekit.fhe.compare.BoostComOptions;
import org.wisekit.fhe.compare.ComparisonResult;
import org.wisekit.fhe.compare.ComparisonSession;
import org.wisekit.fhe.compare.ComparisonTier;
import org.wisekit.fhe.compare.EncryptedArray;
import org.wisekit.fhe.compare.EncryptedWords;
import org.wisekit.fhe.compare.IzComparator;
import org.wisekit.fhe.compare.PolyAlgebra;
import org.wisekit.fhe.compare.Stage;
import org.wisekit.fhe.compare.WordFormat;
import org.wisekit.fhe.slots.SlotVector;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Plots;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Report;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.RunContext;
import org.wisekit.harness.Threshold;

/**
 * {@code fhe-boostcom/compare}: the Iliashenko-Zucca comparison circuits decrypt exactly at secure parameters, and
 * BoostCom's CPU optimizations speed them up (ablation ladder), on a 2-core CPU. Default profile: a fully packed
 * 64-bit comparison at the 96-bit preset {@link ComparisonTier#B2_96} (IZ's B2 ring, p = 131, m = 17293, 1441 pairs
 * per ciphertext) with the baseline and all switches interleaved, its stage log and final noise budget beside
 * HElib's B2 time; min/max of 32-bit words at B2_96 (64-bit min/max needs one level more than B2_96 has); an
 * under-filled array minimum and argmin of 16-bit words at the 128-bit preset {@link ComparisonTier#B3_128}
 * (the array circuits need about 4 levels more than B2_96 holds). Full profile: the whole ablation ladder, more
 * rounds, and B3_128's packed 64-bit comparison and min/max beside IZ Table 3's second row. Smoke profile: the
 * same experiment on the insecure toy tier T0.
 */
public final class CompareReproduction implements Reproduction {

    static final String CITATION = "Yudha, Xue, Lou, Zhou, Solihin: BoostCom: Towards Efficient Universal Fully "
            + "Homomorphic Encryption by Boosting the Word-wise Comparisons, PACT 2024 (arXiv:2407.07308); baseline "
            + "Iliashenko, Zucca: Faster homomorphic comparison operations for BGV and BFV, PoPETs 2021";
    static final double PACKED_SPEEDUP = 1.6;
    static final double UNDERFILLED_SPEEDUP = 3.0;
    /** Issue 17's target: the Java single-thread comparison at most as slow as HElib's at the same p, m, words. */
    static final double HELIB_PARITY = 1.0;
    static final int THREADS = 2;

    /**
     * What one profile runs: the tier; the word widths of the packed comparison and of min/max; the arrays' tier and
     * word width; the array sizes (a second minimum size, 0 for none, and the sort size); extra min/max batches;
     * interleaved rounds; the whole ladder or baseline and all switches only; and whether the 128-bit preset's
     * comparison and min/max run too.
     */
    private record Plan(ComparisonTier tier, int packedBits, int minMaxBits, ComparisonTier arrayTier, int arrayBits,
                        int arraySize, int secondArray, int sortSize, int extraBatches, int rounds, boolean fullLadder,
                        boolean with128) {

        static Plan of(RunContext context) {
            return context.profile().pick(
                    new Plan(ComparisonTier.T0, 16, 16, ComparisonTier.T0, 16, 4, 5, 4, 1, 2, true, false),
                    new Plan(ComparisonTier.B2_96, 64, 32, ComparisonTier.B3_128, 16, 4, 0, 0, 1, 3, false, false),
                    new Plan(ComparisonTier.B2_96, 64, 32, ComparisonTier.B3_128, 16, 4, 5, 0, 2, 3, true, true));
        }

        List<BoostComOptions> rungs() {
            return fullLadder ? BoostComOptions.ladder(THREADS)
                    : List.of(BoostComOptions.baseline(), BoostComOptions.all(THREADS));
        }
    }

    @Override
    public String id() {
        return "fhe-boostcom/compare";
    }

    @Override
    public String title() {
        return "Iliashenko-Zucca word comparison on pure-Java BGV at secure parameters: exact results, BoostCom's CPU "
                + "optimizations (2 threads, compaction, non-blocking) against the single-thread baseline, and HElib";
    }

    @Override
    public String paper() {
        return CITATION;
    }

    @Override
    public List<Claim> run(RunContext context) {
        Plan plan = Plan.of(context);
        ComparisonTier tier = plan.tier();
        BgvParameters parameters = tier.parameters();
        int rounds = plan.rounds();
        SplittableRandom random = new SplittableRandom(context.seed());
        Report report = context.report();
        Checks checks = new Checks();

        report.paragraph(String.format(Locale.ROOT, "Tier %s: %s. Security: %s. Keys are seeded from the run's seed "
                + "(SecureRandom in the tool). Threads: %d on a machine with %d cores. The ladders run %s, %d times "
                + "interleaved on the same ciphertexts in the same process, after an untimed warm-up of every circuit "
                + "at T0 and one untimed run of the last rung at the ladder's tier (JIT compilation only; no result of "
                + "it is reported); the tables keep each rung's fastest "
                + "repeat and the process CPU time of that repeat (all threads).", tier,
                parameters.describe().replaceFirst(", security:.*", ""), parameters.security().label(), THREADS,
                Runtime.getRuntime().availableProcessors(), plan.fullLadder() ? "every rung of the ablation ladder"
                        : "the baseline and all switches (the whole ladder runs in the full profile)", rounds));

        warmUp(new SplittableRandom(random.nextLong()));
        String loadBefore = loadAverage();
        List<List<String>> presetRows = new ArrayList<>();

        // 1. fully packed comparison: exactness on >= 1000 pairs, ladder, stage log
        WordFormat packedFormat = WordFormat.of(parameters, plan.packedBits());
        int capacity = packedFormat.capacity(parameters);
        ComparisonSession packed = ComparisonSession.create(parameters, packedFormat, new int[] {capacity},
                new int[0], new SplittableRandom(random.nextLong()));
        report.paragraph(String.format(Locale.ROOT, "Packed comparison: %s, %d pairs per ciphertext; keys %.1f s, "
                + "setup %.1f s (not in the timings).", packedFormat, capacity, packed.keyMillis() / 1e3,
                packed.setupMillis() / 1e3));
        long[][] batch = packedBatch(random, packedFormat, capacity, true);
        Ladder packedLadder;
        try (Progress.Task task = context.progress().start("packed comparison ladder", (long) plan.rungs().size()
                * rounds)) {
            packedLadder = compareLadder(packed, batch, plan.rungs(), rounds, checks, task);
        }
        stageTable(report, packed, packedLadder);
        presetRows.add(presetRow(tier, packedFormat, capacity, String.format(Locale.ROOT, "%.1f",
                packedLadder.finalBudget)));
        IzCounts izCounts = izCountChecks(packed, packedLadder);

        // 2. min/max at the widest words the tier's chain holds it for
        int minMaxBits = Math.min(plan.minMaxBits(), tier.minMaxWordBits());
        WordFormat minMaxFormat = WordFormat.of(parameters, minMaxBits);
        int minMaxCount = minMaxFormat.capacity(parameters);
        ComparisonSession minMaxSession = minMaxBits == plan.packedBits() ? packed
                : ComparisonSession.create(parameters, minMaxFormat, new int[] {minMaxCount}, new int[0],
                new SplittableRandom(random.nextLong()));
        for (int b = 0; b < plan.extraBatches(); b++) {
            minMax(minMaxSession, packedBatch(random, minMaxFormat, minMaxCount, false), checks, report);
        }

        // 3. under-filled array minimum: ladder, argmin, a second array size, sort
        int arraySize = plan.arraySize();
        int secondArray = plan.secondArray();
        int sortSize = plan.sortSize();
        int arrayBits = plan.arrayBits();
        ComparisonTier arrayTier = plan.arrayTier();
        BgvParameters arrayParameters = arrayTier.parameters();
        WordFormat arrayFormat = WordFormat.of(arrayParameters, arrayBits);
        ComparisonSession arrays = ComparisonSession.create(arrayParameters, arrayFormat, new int[0],
                IntStream.of(arraySize, secondArray, sortSize).filter(n -> n > 0).distinct().toArray(),
                new SplittableRandom(random.nextLong()));
        double fill = (double) arraySize * (arraySize - 1) * arrayFormat.slotsPerWord()
                / arrayParameters.slots().slotCount();
        report.paragraph(String.format(Locale.ROOT, "Array minimum at %s: N = %d %s (all-pairs layout: %d words, "
                + "%.1f %% of the slots); keys %.1f s, setup %.1f s.%s", arrayTier, arraySize, arrayFormat,
                arraySize * (arraySize - 1), 100 * fill, arrays.keyMillis() / 1e3, arrays.setupMillis() / 1e3,
                arrayTier == tier ? "" : " The array circuits need about 4 levels more than a comparison of the same "
                        + "words, more than " + tier + "'s chain holds at its security, so they run at " + arrayTier
                        + "."));
        long[] values = words(random, arraySize, arrayBits);
        Ladder arrayLadder;
        try (Progress.Task task = context.progress().start("array minimum ladder", (long) plan.rungs().size()
                * rounds)) {
            arrayLadder = minimumLadder(arrays, values, plan.rungs(), rounds, checks, task);
        }
        try (IzComparator comparator = arrays.comparator(BoostComOptions.all(THREADS))) {
            long[] withTie = values.clone();
            int first = 1 + random.nextInt(arraySize - 2);
            long min = Arrays.stream(withTie).min().getAsLong();
            withTie[first] = min;
            withTie[arraySize - 1] = min;
            for (int i = 0; i < first; i++) {
                withTie[i] = withTie[i] == min ? min + 1 : withTie[i];
            }
            int index = arrays.decryptor().argmin(comparator.argmin(arrays.encryptor().encryptArray(withTie)),
                    arrayFormat, arraySize);
            checks.circuit("argmin of N = " + arraySize + " (first of tied minima)", index == first);
            if (secondArray > 0) {
                long[] second = words(random, secondArray, arrayBits);
                long got = arrays.decryptor().words(comparator.minimum(arrays.encryptor().encryptArray(second)))[0];
                checks.circuit("minimum of N = " + secondArray, got == Arrays.stream(second).min().getAsLong());
            }
            if (sortSize > 0) {
                long[] unsorted = words(random, sortSize, arrayBits);
                unsorted[2] = unsorted[0];
                long[] sorted = unsorted.clone();
                Arrays.sort(sorted);
                checks.circuit("sort of N = " + sortSize + " (with a tie)", Arrays.equals(sorted,
                        arrays.decryptor().words(comparator.sort(arrays.encryptor().encryptArray(unsorted)))));
            } else {
                report.paragraph("Sort is not run at the secure presets: sorting N = 4 words needs more levels than "
                        + arrayTier + "'s chain holds at its security (the evaluator refuses it); it runs in the smoke "
                        + "profile at T0 and in the unit tests.");
            }
        }

        ladderReport(report, packedLadder, arrayLadder, packedFormat, capacity, arraySize, arrayFormat);
        double[] parity = anchorTable(report, tier, parameters, packedLadder, packedFormat, capacity);
        report.paragraph("Load average (1 min) of the shared machine before the ladders: " + loadBefore + "; after: "
                + loadAverage() + ". Other processes compete for the 2 cores, so a 2-thread rung gets less than 2 "
                + "cores' worth of time and the wall-clock speed-ups are lower bounds of what a quiet machine shows.");
        if (plan.with128()) {
            presetRows.add(secure128(report, random, checks));
        } else if (arrayTier != tier) {
            presetRows.add(presetRow(arrayTier, WordFormat.of(arrayParameters, 64), WordFormat.of(arrayParameters, 64)
                    .capacity(arrayParameters), "— (arrays only here)"));
            report.paragraph("The 128-bit preset's packed 64-bit comparison and min/max (" + ComparisonTier.B3_128
                    + ", IZ Table 3's second row) run in the full profile.");
        }
        presetTable(report, presetRows);
        report.table("Circuit results against the plaintext answers", List.of("circuit", "result"), checks.rows());

        List<Claim> claims = new ArrayList<>();
        // exactness holds by construction when the BGV code is right (IZ's circuit is exact): tests of this
        // implementation, not of the papers' claims
        claims.add(Claim.invariant("compare-exact", "dec(compare(enc a, enc b)) == (a < b) and == (a == b) on random "
                        + plan.packedBits() + "-bit pairs and the edge cases (equal, differ by one, 0, max, only the top "
                        + "or only the bottom digit differs): pairs right", checks.pairsRight == checks.pairsTotal,
                (double) checks.pairsRight, "of " + checks.pairsTotal, "all pairs right (IZ's circuit is exact)")
                .withNote(checks.pairsTotal + " pairs"));
        claims.add(Claim.invariant("circuits-exact", "min/max, array minimum, argmin and sort decrypt to the plaintext "
                        + "answers: circuits right", checks.circuitsRight == checks.circuitsTotal,
                (double) checks.circuitsRight, "of " + checks.circuitsTotal, "all circuits right"));
        claims.add(Claim.invariant("switches-identical", "Every rung of both ablation ladders decrypts to exactly the "
                        + "baseline's slots (the switches reorder the same circuit): rungs identical",
                checks.identical == checks.rungs, (double) checks.identical, "of " + checks.rungs,
                "all rungs identical"));
        claims.add(Claim.invariant("iz-circuit-structure", "The baseline runs IZ's circuit as described: d-1 "
                        + "Frobenius maps to extract digits, d' LT evaluations, 2 ceil(log2 l) + 1 shifts to combine "
                        + "slots (counted by the evaluator): parts that hold", izCounts.structureHolding == 3,
                (double) izCounts.structureHolding, "of 3", "3 of 3"));
        claims.add(Claim.atMost("iz-lt-cost", String.format(Locale.ROOT, "Ciphertext products per LT/EQ evaluation "
                        + "at p = %d (counted by the evaluator on the encrypted baseline run) are within IZ's published"
                        + " cost sqrt(2p) + 1.5 log2 p", parameters.plaintextModulus()),
                String.format(Locale.ROOT, "~ %.1f (sqrt(2p) + 1.5 log2 p, IZ; note §2.1)", izCounts.publishedCost),
                izCounts.productsPerEvaluation, "products", izCounts.publishedCost)
                .withNote("IZ state the cost as an approximation; the rule reads it as an upper bound."));
        double[] packedSpeedups = packedLadder.speedups();
        double[] arraySpeedups = arrayLadder.speedups();
        claims.add(Claim.overSeeds("speedup-packed", "BoostCom-CPU (2 threads + compaction + non-blocking) over the "
                        + "single-thread baseline on a fully packed " + plan.packedBits() + "-bit comparison at " + tier
                        + " (per interleaved round)",
                "11.1x end-to-end with a GPU; no CPU-only figure", packedSpeedups, "x",
                Threshold.atLeast(PACKED_SPEEDUP))
                .withNote("The paper gives no CPU-only figure; 1.6x on 2 cores is the project's target (issue). One "
                        + "value per interleaved round (baseline time / all-switches time of the same round)."));
        claims.add(Claim.overSeeds("speedup-underfilled", "BoostCom-CPU over the single-thread baseline on an "
                        + "under-filled array minimum (N = " + arraySize + ", " + arrayBits + "-bit words) at " + arrayTier
                        + " (per interleaved round)",
                "11.1x end-to-end with a GPU; no CPU-only figure", arraySpeedups, "x",
                Threshold.atLeast(UNDERFILLED_SPEEDUP))
                .withNote("The paper gives no CPU-only figure; 3x with compaction on 2 cores is the project's target "
                        + "(issue). One value per interleaved round."));
        claims.add(parity == null ? Claim.notRun("helib-parity", "Java single-thread comparison time per batch over "
                        + "HElib + IZ's at the same p, m and word size", "HElib 2.3.0 + IZ (shared/anchors)",
                "no HElib figure measured for tier " + tier)
                : Claim.overSeeds("helib-parity", "Java single-thread baseline time per batch at " + tier + " over HElib "
                        + "2.3.0 + IZ's at the same p, m and word size (per interleaved round)",
                String.format(Locale.ROOT, "HElib + IZ %.2f s per batch of %d (one thread, %s; shared/anchors)",
                        helibAnchor(tier)[0], capacity, helibSecurity(tier)), parity, "x",
                Threshold.atMost(HELIB_PARITY))
                .withNote("Target of issue 17 (<= 1.0x HElib at equal or higher security), not a paper claim. The "
                        + "anchor was measured on another machine of this kind, not beside this run: machines of the "
                        + "kind differ by up to ~1.5x, so only a ratio far from 1 decides."));
        claims.add(tier.isSecure()
                ? Claim.invariant("secure-presets", "Every preset this profile ran meets its security target by both "
                        + "estimates (HE standard table and HElib's formula): presets that meet it",
                presetRows.stream().allMatch(row -> row.get(row.size() - 1).startsWith("yes")),
                (double) presetRows.stream().filter(row -> row.get(row.size() - 1).startsWith("yes")).count(),
                "of " + presetRows.size(), "all presets meet their target (checked when they are built)")
                : Claim.notRun("secure-presets", "Every preset this profile ran meets its security target",
                "issue 17: >= 96 bits", "the smoke profile runs the insecure toy tier T0; the default and full "
                        + "profiles run the secure presets"));
        claims.add(Claim.outOfScope("gpu-11x", "BoostCom's end-to-end 11.1x over CPU HElib + IZ", "11.1x",
                "needs the GPU NTT/Bluestein kernels and CUDA streams; this machine has 2 CPU cores and no GPU"));
        return claims;
    }

    // ---- experiments -----------------------------------------------------------------------------------------

    /**
     * Runs every circuit once at the toy tier T0 with the baseline and with all switches, untimed, so that the
     * JIT has compiled the shared code before the ladders start (the baseline runs first and would pay for it).
     */
    private static void warmUp(SplittableRandom random) {
        BgvParameters parameters = ComparisonTier.T0.insecureParameters();
        WordFormat format = WordFormat.of(parameters, 16);
        ComparisonSession session = ComparisonSession.create(parameters, format, new int[] {51}, new int[] {4},
                random);
        EncryptedWords x = session.encryptor().encrypt(words(random, 51, 16));
        EncryptedWords y = session.encryptor().encrypt(words(random, 51, 16));
        EncryptedArray array = session.encryptor().encryptArray(words(random, 4, 16));
        for (int round = 0; round < 2; round++) {
            for (BoostComOptions options : List.of(BoostComOptions.baseline(), BoostComOptions.all(THREADS))) {
                try (IzComparator comparator = session.comparator(options)) {
                    comparator.minMax(x, y);
                    comparator.minimum(array);
                }
            }
        }
    }

    /** A rung's time and the baseline's stage log. */
    private static final class Ladder {
        final List<String> labels = new ArrayList<>();
        final List<Double> seconds = new ArrayList<>();
        final List<Double> cpuSeconds = new ArrayList<>();
        /** Every repeat's wall-clock seconds, by rung, in round order. */
        final List<List<Double>> allSeconds = new ArrayList<>();
        List<Stage> baselineStages;
        OperationCounts baselineStart;
        /** The exact noise budget of the baseline's result (bits; the smaller of its two ciphertexts). */
        double finalBudget;

        /** Baseline over last rung, per interleaved round. */
        double[] speedups() {
            List<Double> first = allSeconds.get(0);
            List<Double> last = allSeconds.get(allSeconds.size() - 1);
            double[] ratios = new double[Math.min(first.size(), last.size())];
            for (int r = 0; r < ratios.length; r++) {
                ratios[r] = first.get(r) / last.get(r);
            }
            return ratios;
        }

        /** Keeps the fastest of the interleaved repeats of rung i (the least disturbed by other processes). */
        void record(int rung, String label, double wall, double cpu) {
            if (allSeconds.size() <= rung) {
                allSeconds.add(new ArrayList<>());
            }
            allSeconds.get(rung).add(wall);
            if (labels.size() <= rung) {
                labels.add(label);
                seconds.add(wall);
                cpuSeconds.add(cpu);
            } else if (wall < seconds.get(rung)) {
                seconds.set(rung, wall);
                cpuSeconds.set(rung, cpu);
            }
        }
    }

    /** CPU seconds this process has used (all its threads). */
    private static double cpuSeconds() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /**
     * Every rung {@code rounds} times, interleaved (baseline, +rns, ..., baseline, +rns, ...), on the same
     * ciphertexts; the fastest repeat of each rung is kept. Each run is checked against the baseline's slots.
     */
    private static Ladder compareLadder(ComparisonSession session, long[][] batch, List<BoostComOptions> rungs,
                                        int rounds, Checks checks, Progress.Task task) {
        Ladder ladder = new Ladder();
        EncryptedWords x = session.encryptor().encrypt(batch[0]);
        EncryptedWords y = session.encryptor().encrypt(batch[1]);
        // one untimed run of the last rung: compiles this tier's transform plans (the T0 warm-up takes others)
        try (IzComparator comparator = session.comparator(rungs.get(rungs.size() - 1))) {
            comparator.prepare(batch[0].length);
            comparator.compare(x, y);
        }
        SlotVector[] reference = null;
        for (int round = 0; round < rounds; round++) {
            for (int rung = 0; rung < rungs.size(); rung++) {
                BoostComOptions options = rungs.get(rung);
                ComparisonResult result;
                long start;
                double cpu;
                OperationCounts before;
                try (IzComparator comparator = session.comparator(options)) {
                    comparator.prepare(batch[0].length);
                    before = session.setup().evaluator().counters().snapshot();
                    cpu = cpuSeconds();
                    start = System.nanoTime();
                    result = comparator.compare(x, y);
                }
                ladder.record(rung, options.label(), (System.nanoTime() - start) / 1e9, cpuSeconds() - cpu);
                SlotVector[] slots = {session.decryptor().slots(result.lessThan()),
                        session.decryptor().slots(result.equal())};
                if (reference == null) {
                    reference = slots;
                    ladder.baselineStages = result.stages();
                    ladder.baselineStart = before;
                    Decryptor decryptor = session.decryptor().decryptor();
                    ladder.finalBudget = Math.min(decryptor.noiseBudget(result.lessThan()),
                            decryptor.noiseBudget(result.equal()));
                    checks.pairs(batch[0], batch[1], session.decryptor().lessThan(result),
                            session.decryptor().equal(result));
                } else {
                    checks.rung(Arrays.equals(slots, reference));
                }
                task.step();
            }
        }
        return ladder;
    }

    private static Ladder minimumLadder(ComparisonSession session, long[] values, List<BoostComOptions> rungs,
                                        int rounds, Checks checks, Progress.Task task) {
        Ladder ladder = new Ladder();
        EncryptedArray array = session.encryptor().encryptArray(values);
        int n = values.length;
        try (IzComparator comparator = session.comparator(rungs.get(rungs.size() - 1))) {
            comparator.prepare(n * (n - 1), n);
            comparator.minimum(array);
        }
        SlotVector reference = null;
        for (int round = 0; round < rounds; round++) {
            for (int rung = 0; rung < rungs.size(); rung++) {
                BoostComOptions options = rungs.get(rung);
                EncryptedWords min;
                long start;
                double cpu;
                try (IzComparator comparator = session.comparator(options)) {
                    comparator.prepare(n * (n - 1), n);
                    cpu = cpuSeconds();
                    start = System.nanoTime();
                    min = comparator.minimum(array);
                }
                ladder.record(rung, options.label(), (System.nanoTime() - start) / 1e9, cpuSeconds() - cpu);
                SlotVector slots = session.decryptor().slots(min.ciphertext());
                if (reference == null) {
                    reference = slots;
                    checks.circuit("minimum of N = " + n + " (baseline)",
                            session.decryptor().words(min)[0] == Arrays.stream(values).min().getAsLong());
                } else {
                    checks.rung(slots.equals(reference));
                }
                task.step();
            }
        }
        return ladder;
    }

    /** min/max of every pair of one batch with all switches, checked against the plaintext answers. */
    private static void minMax(ComparisonSession session, long[][] batch, Checks checks, Report report) {
        int count = batch[0].length;
        WordFormat format = session.format();
        try (IzComparator comparator = session.comparator(BoostComOptions.all(THREADS))) {
            long start = System.nanoTime();
            IzComparator.MinMax minMax = comparator.minMax(session.encryptor().encrypt(batch[0]),
                    session.encryptor().encrypt(batch[1]));
            double seconds = (System.nanoTime() - start) / 1e9;
            checks.pairs(batch[0], batch[1], session.decryptor().lessThan(minMax.comparison()),
                    session.decryptor().equal(minMax.comparison()));
            long[] min = session.decryptor().words(minMax.min());
            long[] max = session.decryptor().words(minMax.max());
            boolean ok = true;
            for (int i = 0; i < count; i++) {
                boolean less = Long.compareUnsigned(batch[0][i], batch[1][i]) < 0;
                ok &= min[i] == (less ? batch[0][i] : batch[1][i]) && max[i] == (less ? batch[1][i] : batch[0][i]);
            }
            Decryptor decryptor = session.decryptor().decryptor();
            double budget = Math.min(decryptor.noiseBudget(minMax.min().ciphertext()),
                    decryptor.noiseBudget(minMax.max().ciphertext()));
            checks.circuit(String.format(Locale.ROOT, "min/max of %d pairs (%s, m = %d; %.1f s with all switches, "
                    + "%.1f bits of noise budget left)", count, format, session.parameters().m(), seconds, budget), ok);
        }
    }

    /**
     * The 128-bit preset: a fully packed 64-bit comparison (baseline and all switches, interleaved twice) and 64-bit
     * min/max, beside IZ Table 3's published row for the same p and m. Returns the preset's row.
     */
    private static List<String> secure128(Report report, SplittableRandom random, Checks checks) {
        ComparisonTier tier = ComparisonTier.B3_128;
        BgvParameters parameters = tier.parameters();
        WordFormat format = WordFormat.of(parameters, 64);
        int capacity = format.capacity(parameters);
        ComparisonSession session = ComparisonSession.create(parameters, format, new int[] {capacity}, new int[0],
                new SplittableRandom(random.nextLong()));
        long[][] batch = packedBatch(random, format, capacity, true);
        Ladder ladder;
        try (Progress.Task task = Progress.SILENT.start("128-bit comparison", 4)) {
            ladder = compareLadder(session, batch, List.of(BoostComOptions.baseline(), BoostComOptions.all(THREADS)),
                    2, checks, task);
        }
        minMax(session, packedBatch(random, format, capacity, false), checks, report);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Iliashenko-Zucca (published, Tab. 3), HElib, 1 thread, i5-7267U laptop", "494", "146 "
                + "(their estimate)", "30.69", "13", "—"));
        for (int i = 0; i < ladder.labels.size(); i++) {
            double seconds = ladder.seconds.get(i);
            rows.add(List.of("this module, " + ladder.labels.get(i) + ", this machine", String.format(Locale.ROOT,
                            "%.0f", parameters.log2Modulus(parameters.maxLevel())), securityText(parameters),
                    String.format(Locale.ROOT, "%.2f", seconds), String.format(Locale.ROOT, "%.1f", 1e3 * seconds
                            / capacity), "0 (checked in the circuit table)"));
        }
        report.table(String.format(Locale.ROOT, "The 128-bit preset %s: one comparison of %d pairs of 64-bit words at "
                        + "p = 167, m = 28057, (d', l) = (%d, %d), beside the published Iliashenko-Zucca row (keys %.1f s, "
                        + "setup %.1f s, not included; fastest of 2 interleaved repeats)", tier, capacity,
                format.digitsPerSlot(), format.slotsPerWord(), session.keyMillis() / 1e3, session.setupMillis() / 1e3),
                List.of("implementation", "log2 Q", "security (bits)", "s per batch", "ms per integer", "errors"), rows);
        stageTable(report, session, ladder);
        return presetRow(tier, format, capacity, String.format(Locale.ROOT, "%.1f", ladder.finalBudget));
    }

    /** One row of the preset table: ring, moduli, security and the packed comparison's final noise budget. */
    private static List<String> presetRow(ComparisonTier tier, WordFormat format, int capacity, String finalBudget) {
        BgvParameters parameters = tier.parameters();
        SecurityEstimate security = parameters.security();
        return List.of(tier.name(), String.valueOf(parameters.plaintextModulus()), String.valueOf(parameters.m()),
                String.valueOf(parameters.ringDimension()), format.wordBits() + "-bit x " + capacity,
                String.format(Locale.ROOT, "%.1f", parameters.log2Modulus(parameters.maxLevel())),
                String.format(Locale.ROOT, "%.1f", parameters.log2SpecialModulus()),
                String.format(Locale.ROOT, "%.1f", security.log2Modulus()),
                String.valueOf(parameters.literal().keySwitchDigits()),
                bits(security.heStandardBits()), bits(security.helibBits()), finalBudget,
                tier.isSecure() ? (security.meets(tier.minimumSecurityBits()) ? "yes (" : "NO (")
                        + tier.minimumSecurityBits() + " bits)" : "insecure research tier");
    }

    private static void presetTable(Report report, List<List<String>> rows) {
        report.table("Parameter sets of this run: moduli, security by both estimates, and the noise budget left at the "
                        + "end of the packed comparison (exact, measured with the secret key; a well-planned chain ends "
                        + "with little left)",
                List.of("preset", "p", "m", "phi(m)", "words per ciphertext", "log2 Q", "log2 P", "log2 QP", "digits",
                        "HE standard (bits)", "HElib formula (bits)", "budget left (bits)", "meets target"), rows);
        report.paragraph("No secure B1: at IZ's B1 ring (m = 8581, phi = 8580) 96-bit security allows log2 QP of at "
                + "most 289 (HElib's formula; HE standard 292), below the 494 bits of Q a 64-bit comparison needs at "
                + "that depth, so the parameter generator refuses it (HElib's own B1 is at 32.4 bits).");
    }

    private static String securityText(BgvParameters parameters) {
        SecurityEstimate security = parameters.security();
        return bits(security.heStandardBits()) + " (HE standard) / " + bits(security.helibBits()) + " (HElib formula)";
    }

    /** A security figure with one decimal, or "—" where the estimate has none (outside the HE standard table). */
    private static String bits(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.1f", value);
    }

    // ---- report helpers ----------------------------------------------------------------------------------------

    private static void stageTable(Report report, ComparisonSession session, Ladder ladder) {
        Decryptor decryptor = session.decryptor().decryptor();
        List<List<String>> rows = new ArrayList<>();
        OperationCounts previous = ladder.baselineStart;
        for (Stage stage : ladder.baselineStages) {
            OperationCounts counts = stage.countsAtEnd().minus(previous);
            previous = stage.countsAtEnd();
            rows.add(List.of(stage.name(), String.valueOf(stage.level()),
                    String.format(Locale.ROOT, "%.1f", decryptor.noiseBudget(stage.output())),
                    String.format(Locale.ROOT, "%.1f", stage.estimatedBudget()), String.valueOf(counts.multiplications()),
                    String.valueOf(counts.keySwitches()), String.valueOf(counts.automorphisms()),
                    String.valueOf(counts.transforms()), String.format(Locale.ROOT, "%.2f", stage.millisAtEnd() / 1e3)));
        }
        report.table("Baseline packed comparison at m = " + session.parameters().m() + ", stage by stage: the "
                        + "measured (exact, with the secret key) and estimated noise budget after each stage, and the "
                        + "operations in it",
                List.of("stage", "level", "budget exact (bits)", "budget estimate", "products", "key switches",
                        "automorphisms", "transforms", "s at end"), rows);
    }

    /** The structure checks that hold (of 3), the products per LT evaluation, and IZ's published cost. */
    private record IzCounts(int structureHolding, double productsPerEvaluation, double publishedCost) {
    }

    /** The baseline's counted operations against IZ's circuit structure and published LT cost. */
    private static IzCounts izCountChecks(ComparisonSession session, Ladder ladder) {
        List<Stage> stages = ladder.baselineStages;
        BgvParameters parameters = session.parameters();
        WordFormat format = session.format();
        int l = format.slotsPerWord();
        int log2l = 32 - Integer.numberOfLeadingZeros(l - 1);
        OperationCounts extract = stages.get(0).countsAtEnd().minus(ladder.baselineStart);
        OperationCounts evaluate = stages.get(1).countsAtEnd().minus(stages.get(0).countsAtEnd());
        OperationCounts combine = stages.get(3).countsAtEnd().minus(stages.get(2).countsAtEnd());
        int evaluations = format.digitsPerSlot();
        LessThanPolynomialCounter counter = new LessThanPolynomialCounter();
        session.setup().polynomial().evaluate(counter, 0);
        int holding = 0;
        holding += evaluate.multiplications() == (long) evaluations * counter.products ? 1 : 0;
        holding += combine.automorphisms() == (l > 1 ? 2L * log2l + 1 : 0) ? 1 : 0;
        holding += extract.automorphisms() == parameters.slots().degree() - 1 ? 1 : 0;
        double p = parameters.plaintextModulus();
        double published = Math.sqrt(2 * p) + 1.5 * Math.log(p) / Math.log(2);
        return new IzCounts(holding, (double) evaluate.multiplications() / evaluations, published);
    }

    /**
     * HElib 2.3.0 + the IZ comparator measured on a machine of this project's kind (2-vCPU KVM, one thread;
     * {@code shared/anchors/README.md}): seconds per batch and integers per batch, by tier; null where none.
     */
    static double[] helibAnchor(ComparisonTier tier) {
        return switch (tier) {
            case T0 -> new double[] {0.059, 51};
            case T1 -> new double[] {0.725, 181};
            case B1 -> new double[] {7.63, 715};
            case B2, B2_96 -> new double[] {12.06, 1441};
            default -> null;
        };
    }

    /** HElib's own security estimate of its anchor set. */
    private static String helibSecurity(ComparisonTier tier) {
        return switch (tier) {
            case B1 -> "32.4-bit";
            case B2, B2_96 -> "86.1-bit";
            default -> "toy set";
        };
    }

    /**
     * The Java packed comparison beside HElib + IZ measured on this machine kind at the same p, m and word size;
     * returns the baseline's per-round ratio to HElib, or null where no anchor exists.
     */
    private static double[] anchorTable(Report report, ComparisonTier tier, BgvParameters parameters, Ladder packed,
                                        WordFormat format, int capacity) {
        double[] anchor = helibAnchor(tier);
        if (anchor == null || (int) anchor[1] != capacity) {
            report.paragraph("No HElib figure measured on this machine kind for tier " + tier + " with " + capacity
                    + " words per ciphertext.");
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        if (tier == ComparisonTier.B2_96) {
            rows.add(List.of("Iliashenko-Zucca (published, Tab. 3), HElib, 1 thread, i5-7267U laptop", "431", "—",
                    "96 (their estimate)", "16.07", "11", "—"));
        }
        rows.add(List.of("HElib 2.3.0 + IZ, 1 thread (anchor, another machine of this kind)",
                tier == ComparisonTier.B2_96 ? "463.4" : "—", tier == ComparisonTier.B2_96 ? "~613" : "—",
                helibSecurity(tier) + " (HElib's estimate)", String.format(Locale.ROOT, "%.3f", anchor[0]),
                String.format(Locale.ROOT, "%.2f", 1e3 * anchor[0] / anchor[1]), "1.00"));
        for (int i : new int[] {0, packed.labels.size() - 1}) {
            double s = packed.seconds.get(i);
            rows.add(List.of("this module, " + packed.labels.get(i) + ", this machine", String.format(Locale.ROOT,
                            "%.1f", parameters.log2Modulus(parameters.maxLevel())), String.format(Locale.ROOT, "%.1f",
                            parameters.security().log2Modulus()), securityText(parameters),
                    String.format(Locale.ROOT, "%.3f", s), String.format(Locale.ROOT, "%.2f", 1e3 * s / capacity),
                    String.format(Locale.ROOT, "%.2f", s / anchor[0])));
        }
        report.table(String.format(Locale.ROOT, "Packed comparison at %s (%d words, (d', l) = (%d, %d)) against "
                        + "HElib + IZ at the same p, m and word size (shared/anchors; single thread, median of 3)",
                tier, capacity, format.digitsPerSlot(), format.slotsPerWord()),
                List.of("implementation", "log2 Q", "log2 QP", "security (bits)", "s per batch", "ms per integer",
                        "x HElib"), rows);
        report.paragraph("The anchor was measured on another machine of the same kind (an Intel Xeon, 2.6 GHz), "
                + "not beside this run: the ratio is orientation, not a benchmark. HElib runs 460 bits of Q on about "
                + "9 primes of ~55 bits with direct NTTs and 3 key-switching digits at 86 bits of security; this module "
                + "needs 31-bit primes (fine-grained levels) whose transforms go through auxiliary primes, and 6 digits "
                + "to stay at 96 bits.");
        List<Double> baseline = packed.allSeconds.get(0);
        double[] ratios = new double[baseline.size()];
        for (int r = 0; r < ratios.length; r++) {
            ratios[r] = baseline.get(r) / anchor[0];
        }
        return ratios;
    }

    private static void ladderReport(Report report, Ladder packed, Ladder arrays, WordFormat packedFormat, int capacity,
                                     int arraySize, WordFormat arrayFormat) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < packed.labels.size(); i++) {
            rows.add(List.of(packed.labels.get(i),
                    String.format(Locale.ROOT, "%.2f", packed.seconds.get(i)),
                    String.format(Locale.ROOT, "%.1f", packed.cpuSeconds.get(i)),
                    String.format(Locale.ROOT, "%.2f", packed.seconds.get(0) / packed.seconds.get(i)),
                    String.format(Locale.ROOT, "%.2f", 1e3 * packed.seconds.get(i) / capacity),
                    String.format(Locale.ROOT, "%.2f", arrays.seconds.get(i)),
                    String.format(Locale.ROOT, "%.1f", arrays.cpuSeconds.get(i)),
                    String.format(Locale.ROOT, "%.2f", arrays.seconds.get(0) / arrays.seconds.get(i))));
        }
        report.table("Ablation ladder (each rung adds one switch; wall-clock seconds, fastest of the interleaved "
                        + "repeats, and the CPU seconds of that repeat)",
                List.of("rung", "packed compare (s)", "CPU (s)", "speed-up", "ms per integer",
                        "array minimum N = " + arraySize + " (s)", "CPU (s)", "speed-up"), rows);
        CategoryChart chart = Plots.bars("BoostCom-CPU ablation ladder (" + THREADS + " threads)", "rung",
                "seconds");
        List<String> short1 = packed.labels.size() == 5
                ? List.of("baseline", "+rns", "+circuit", "+compaction", "+non-blocking")
                : List.of("baseline", "all switches");
        chart.addSeries("packed compare, " + capacity + " x " + packedFormat.wordBits() + "-bit", short1,
                packed.seconds);
        chart.addSeries("array minimum, N = " + arraySize + " x " + arrayFormat.wordBits() + "-bit", short1,
                arrays.seconds);
        report.plot("ablation-ladder", chart, "Wall-clock time of each rung of the ablation ladder");
    }

    /** The 1-minute load average, or "unknown". */
    private static String loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
    }

    // ---- data and checks -------------------------------------------------------------------------------------

    /** Two word vectors; with {@code edges} the first pairs are the edge cases, then random (1 in 4 equal). */
    private static long[][] packedBatch(SplittableRandom random, WordFormat format, int count, boolean edges) {
        long[] a = words(random, count, format.wordBits());
        long[] b = words(random, count, format.wordBits());
        for (int i = 0; i < count; i += 4) {
            b[i] = a[i];
        }
        if (edges) {
            long max = format.maxWord();
            int needed = (int) Math.ceil(format.wordBits() / (Math.log(format.base()) / Math.log(2)) - 1e-9);
            long top = 1;
            for (int k = 0; k < needed - 1; k++) {
                top *= format.base(); // the top digit that a word of this width can use
            }
            long[][] cases = {{0, 0}, {max, max}, {0, max}, {max, 0}, {12345, 12346}, {12346, 12345}, {0, 1}, {1, 0},
                    {max - 1, max}, {max, max - 1}, {top + 5, 5}, {5, top + 5}, {top + 3, top + 4}, {top + 4, top + 3}};
            for (int i = 0; i < cases.length && i < count; i++) {
                a[i] = cases[i][0];
                b[i] = cases[i][1];
            }
        }
        return new long[][] {a, b};
    }

    private static long[] words(SplittableRandom random, int count, int bits) {
        long[] words = new long[count];
        for (int i = 0; i < count; i++) {
            words[i] = bits == 64 ? random.nextLong() : random.nextLong(1L << bits);
        }
        return words;
    }

    /** Tallies of exact results. */
    private static final class Checks {
        int pairsRight;
        int pairsTotal;
        int circuitsRight;
        int circuitsTotal;
        int identical;
        int rungs;
        final List<List<String>> rows = new ArrayList<>();

        void pairs(long[] a, long[] b, boolean[] lt, boolean[] eq) {
            for (int i = 0; i < a.length; i++) {
                pairsTotal++;
                pairsRight += lt[i] == (Long.compareUnsigned(a[i], b[i]) < 0) && eq[i] == (a[i] == b[i]) ? 1 : 0;
            }
        }

        void circuit(String name, boolean ok) {
            circuitsTotal++;
            circuitsRight += ok ? 1 : 0;
            rows.add(List.of(name, ok ? "equal to the plaintext answer" : "WRONG"));
        }

        void rung(boolean same) {
            rungs++;
            identical += same ? 1 : 0;
        }

        List<List<String>> rows() {
            return rows;
        }
    }

    /** Counts the non-scalar products of the LT evaluation on plaintext values. */
    private static final class LessThanPolynomialCounter implements PolyAlgebra<Integer> {
        int products;

        @Override
        public Integer multiply(Integer a, Integer b) {
            products++;
            return 0;
        }

        @Override
        public Integer add(Integer a, Integer b) {
            return 0;
        }

        @Override
        public Integer multiplyConstant(Integer a, long c) {
            return 0;
        }

        @Override
        public Integer addConstant(Integer a, long c) {
            return 0;
        }
    }
}
