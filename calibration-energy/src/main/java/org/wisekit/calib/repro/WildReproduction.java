package org.wisekit.calib.repro;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.wisekit.calib.Calibration;
import org.wisekit.calib.CalibrationMetrics;
import org.wisekit.calib.EnergyCalibration;
import org.wisekit.calib.Gaussian;
import org.wisekit.calib.LogitFiles;
import org.wisekit.calib.Logits;
import org.wisekit.calib.Method;
import org.wisekit.calib.ReliabilityDiagram;
import org.wisekit.calib.TemperatureCalibration;
import org.wisekit.calib.internal.Losses;
import org.wisekit.calib.internal.Softmax;
import org.wisekit.calib.repro.wild.ImageSet;
import org.wisekit.calib.repro.wild.LogitCache;
import org.wisekit.calib.repro.wild.MethodScores;
import org.wisekit.calib.repro.wild.MlpClassifier;
import org.wisekit.calib.repro.wild.MlpConfig;
import org.wisekit.calib.repro.wild.SeedEvaluation;
import org.wisekit.calib.repro.wild.SeedLogits;
import org.wisekit.calib.shift.Corruption;
import org.wisekit.calib.shift.FashionMnistC;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.Datasets;
import org.wisekit.datasets.LabeledImages;
import org.wisekit.datasets.Split;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Plots;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.RunContext;
import org.wisekit.harness.Stats;
import org.wisekit.harness.Threshold;

/**
 * {@code calibration-energy/wild}: the paper's ID-to-OOD protocol at CPU scale. An over-confident DL4J MLP
 * is trained on Fashion-MNIST; every method is fitted on the ID validation set (the energy method and
 * the ablations also on 100 sklearn digits as OOD tuning data) and scored at seven levels: the ID test
 * set (0), Fashion-MNIST-C severities 1-5 (mean over ten corruptions) and a semantic-OOD test set (6:
 * CIFAR-10 test images made grey and 28 x 28). Means over seeds decide the claims. Logits are cached in
 * the output folder ({@code logits-cache/}) so that reruns skip training.
 */
public final class WildReproduction implements Reproduction {

    /** Sizes for one profile. */
    private record Settings(int seeds, int trainCount, int validationCount, int testCount, int oodTuningCount,
                            int oodTestPerClass, MlpConfig mlp) {
    }

    private static final Settings SMOKE = new Settings(1, 3000, 1000, 500, 100, 20, new MlpConfig(64, 1, 3, 64, 1e-3));
    private static final Settings DEFAULT = new Settings(3, 50_000, 10_000, 10_000, 100, 200,
            new MlpConfig(256, 2, 15, 128, 1e-3));
    private static final Settings FULL = new Settings(3, 50_000, 10_000, 10_000, 100, 1000,
            new MlpConfig(512, 2, 30, 128, 1e-3));

    /** Fashion-MNIST training images from this index on are the validation set (the last 10k). */
    private static final int VALIDATION_START = 50_000;
    /** The paper's baselines, the energy method and its ablations (not the extra baselines added later). */
    private static final List<Method> METHODS = List.of(Method.UNCALIBRATED, Method.TS, Method.ETS, Method.IRM,
            Method.IROVA, Method.IROVA_TS, Method.ENERGY, Method.TS_OOD, Method.ENERGY_OOD_NOT_IN_DENSITY);
    private static final List<Method> DIAGRAM_METHODS = List.of(Method.UNCALIBRATED, Method.TS, Method.ETS,
            Method.IROVA_TS, Method.ENERGY, Method.TS_OOD);
    private static final String NOT_STATED = "not stated";
    private static final int CLASSES = 10;
    private static final String[] LEVEL_NAMES = {"0 (ID)", "1", "2", "3", "4", "5", "6 (OOD)"};

    /** A per-level metric in report units. */
    private enum Metric {
        ECE("ECE %", m -> 100 * m.ece(), 2),
        ADAPTIVE_ECE("adaptive ECE %", m -> 100 * m.adaptiveEce(), 2),
        NLL("NLL", CalibrationMetrics::nll, 3),
        BRIER("Brier", CalibrationMetrics::brier, 4),
        ACCURACY("accuracy %", m -> 100 * m.accuracy(), 2);

        final String label;
        final ToDoubleFunction<CalibrationMetrics> value;
        final int decimals;

        Metric(String label, ToDoubleFunction<CalibrationMetrics> value, int decimals) {
            this.label = label;
            this.value = value;
            this.decimals = decimals;
        }
    }

    /** The images every seed uses; loaded only when some seed's logits are not cached. */
    private record Inputs(ImageSet train, ImageSet validation, ImageSet test, LabeledImages digits, ImageSet oodTest) {
    }

    @Override
    public String id() {
        return "calibration-energy/wild";
    }

    @Override
    public String title() {
        return "Energy-based instance-wise scaling against TS, ETS and isotonic baselines from ID through covariate shift to semantic OOD";
    }

    @Override
    public String paper() {
        return "Kim & Kwon, Uncertainty Calibration with Energy Based Instance-wise Scaling in the Wild Dataset, "
                + "ECCV 2024, arXiv 2407.12330";
    }

    @Override
    public List<Claim> run(RunContext context) {
        Settings settings = context.profile().pick(SMOKE, DEFAULT, FULL);
        Datasets data = context.data();
        Inputs[] inputs = new Inputs[1];      // loaded at most once, and only when some seed misses the cache
        List<SeedLogits> logits = new ArrayList<>();
        List<Map<Method, MethodScores>> scores = new ArrayList<>();
        for (int r = 0; r < settings.seeds(); r++) {
            long seed = context.seed() + r;
            Path cache = context.outputDirectory().resolve("logits-cache").resolve("seed-" + seed + ".bin");
            SeedLogits seedLogits = LogitCache.loadOrCompute(cache, cacheKey(settings, seed), () -> {
                if (inputs[0] == null) {
                    inputs[0] = loadInputs(data, settings);
                }
                return computeLogits(inputs[0], settings, seed, context.progress());
            });
            logits.add(seedLogits);
            try (Progress.Task task = context.progress().start("seed " + seed + ": calibrating", METHODS.size())) {
                scores.add(SeedEvaluation.evaluate(seedLogits, METHODS, task));
            }
        }
        describeSetup(context, settings);
        reportTables(context, scores);
        reportFits(context, settings, logits, scores);
        reportEnergies(context, logits);
        reportPlots(context, logits.get(0), scores.get(0), context.seed(), scores);
        reportCifarLogits(context, data);
        reportObjective(context, logits, scores);
        return claims(scores, logits, settings);
    }

    // ------------------------------------------------------------------ data and logits

    private static Inputs loadInputs(Datasets data, Settings s) {
        LabeledImages train = data.fashionMnist(Split.TRAIN);
        LabeledImages test = data.fashionMnist(Split.TEST);
        return new Inputs(ImageSet.slice(train, 0, s.trainCount()),
                ImageSet.slice(train, VALIDATION_START, s.validationCount()),
                ImageSet.slice(test, 0, s.testCount()),
                data.sklearnDigits(),
                ImageSet.greyCifar(data.cifar10Test(s.oodTestPerClass())));
    }

    private static String cacheKey(Settings s, long seed) {
        return "calibration-energy/wild logits v1; seed " + seed + "; train " + s.trainCount() + "; validation "
                + s.validationCount() + " from " + VALIDATION_START + "; test " + s.testCount() + "; ood tuning "
                + s.oodTuningCount() + " sklearn digits; ood test " + s.oodTestPerClass() + " per class grey CIFAR-10; "
                + s.mlp().describe() + "; corruptions " + Arrays.toString(Corruption.values());
    }

    private static SeedLogits computeLogits(Inputs in, Settings s, long seed, Progress progress) {
        MlpClassifier net;
        try (Progress.Task task = progress.start("seed " + seed + ": training", s.mlp().epochs())) {
            net = MlpClassifier.train(in.train().images(), in.train().labels(), in.train().size(), s.mlp(), seed, task);
        }
        ImageSet oodTuning = ImageSet.digits(in.digits(), s.oodTuningCount(), seed);
        Map<Corruption, List<Logits>> corrupted = new EnumMap<>(Corruption.class);
        try (Progress.Task task = progress.start("seed " + seed + ": corrupted test sets",
                (long) Corruption.values().length * Corruption.MAX_SEVERITY)) {
            for (Corruption c : Corruption.values()) {
                List<Logits> bySeverity = new ArrayList<>();
                for (int severity = 1; severity <= Corruption.MAX_SEVERITY; severity++) {
                    float[] images = FashionMnistC.corrupt(in.test().images(), in.test().size(), c, severity, seed);
                    bySeverity.add(logits(net, new ImageSet(images, in.test().labels())));
                    task.step();
                }
                corrupted.put(c, bySeverity);
            }
        }
        return new SeedLogits(logits(net, in.validation()), logits(net, in.test()), logits(net, oodTuning),
                logits(net, in.oodTest()), corrupted);
    }

    private static Logits logits(MlpClassifier net, ImageSet set) {
        return new Logits(CLASSES, net.logits(set.images(), set.size()), set.labels());
    }

    // ------------------------------------------------------------------ aggregates

    /** Mean over seeds of {@code metric} at {@code level}. */
    private static double mean(List<Map<Method, MethodScores>> scores, Method method, int level, Metric metric) {
        return Stats.mean(scores.stream().mapToDouble(seed -> seed.get(method).atLevel(level, metric.value)).toArray());
    }

    /** Mean ECE (%) over the seven levels, each level first averaged over seeds. */
    private static double meanEce(List<Map<Method, MethodScores>> scores, Method method) {
        return Stats.mean(IntStream.range(0, MethodScores.LEVELS)
                .mapToDouble(level -> mean(scores, method, level, Metric.ECE)).toArray());
    }

    /** Least-squares slope of ECE (%) against severity 1..5. */
    private static double severitySlope(List<Map<Method, MethodScores>> scores, Method method) {
        double meanX = (1 + Corruption.MAX_SEVERITY) / 2.0;
        double meanY = 0;
        for (int s = 1; s <= Corruption.MAX_SEVERITY; s++) {
            meanY += mean(scores, method, s, Metric.ECE) / Corruption.MAX_SEVERITY;
        }
        double num = 0;
        double den = 0;
        for (int s = 1; s <= Corruption.MAX_SEVERITY; s++) {
            num += (s - meanX) * (mean(scores, method, s, Metric.ECE) - meanY);
            den += (s - meanX) * (s - meanX);
        }
        return num / den;
    }

    // ------------------------------------------------------------------ claims

    /** {@code f} of every seed, in seed order. */
    private static double[] perSeed(List<Map<Method, MethodScores>> scores, ToDoubleFunction<Map<Method, MethodScores>> f) {
        return scores.stream().mapToDouble(f).toArray();
    }

    /** One seed's mean ECE (%) over the seven levels. */
    private static double seedMeanEce(Map<Method, MethodScores> seed, Method method) {
        return meanEce(List.of(seed), method);
    }

    private static List<Claim> claims(List<Map<Method, MethodScores>> scores, List<SeedLogits> logits, Settings settings) {
        String seeds = settings.seeds() == 1 ? "1 seed" : "per-seed values, " + settings.seeds() + " seeds";
        double energy = meanEce(scores, Method.ENERGY);
        Method best = Method.PAPER_BASELINES.get(0);
        for (Method m : Method.PAPER_BASELINES) {
            if (meanEce(scores, m) < meanEce(scores, best)) {
                best = m;
            }
        }
        Method bestBaseline = best;
        double ts = meanEce(scores, Method.TS);
        double tsOod = meanEce(scores, Method.TS_OOD);
        int ood = MethodScores.OOD_LEVEL;
        int sameAccuracy = 0;
        int sets = 0;
        for (Map<Method, MethodScores> seed : scores) {
            MethodScores e = seed.get(Method.ENERGY);
            MethodScores u = seed.get(Method.UNCALIBRATED);
            sets++;
            sameAccuracy += e.id().accuracy() == u.id().accuracy() ? 1 : 0;
            for (int c = 0; c < e.corrupted().length; c++) {
                for (int s = 0; s < Corruption.MAX_SEVERITY; s++) {
                    sets++;
                    sameAccuracy += e.corrupted()[c][s].accuracy() == u.corrupted()[c][s].accuracy() ? 1 : 0;
                }
            }
        }
        boolean energyIsTs = true;
        for (int r = 0; r < scores.size(); r++) {
            Logits test = logits.get(r).test();
            energyIsTs &= Arrays.equals(scores.get(r).get(Method.ENERGY).calibration().apply(test).values(),
                    scores.get(r).get(Method.TS).calibration().apply(test).values());
        }
        double[] idGaps = perSeed(scores, s -> 100 * (s.get(Method.ENERGY).id().ece() - s.get(Method.TS).id().ece()));
        return List.of(
                Claim.overSeeds("lowest-mean-ece",
                        "Energy has the lowest mean ECE over ID, severities 1-5 and semantic OOD among the paper's "
                                + "baselines (ratio to the best baseline by the mean over seeds; " + seeds + ")",
                        NOT_STATED, perSeed(scores, s -> seedMeanEce(s, Method.ENERGY) / seedMeanEce(s, bestBaseline)),
                        "x", Threshold.atMost(1.0))
                        .withNote(String.format(Locale.ROOT, "energy %.2f %%, best baseline %s %.2f %% (means over seeds)",
                                energy, best.displayName(), meanEce(scores, best))),
                Claim.overSeeds("mean-ece-vs-ts", "Mean ECE over the seven levels: energy <= 0.8 x TS (" + seeds + ")",
                        NOT_STATED, perSeed(scores, s -> seedMeanEce(s, Method.ENERGY) / seedMeanEce(s, Method.TS)),
                        "x", Threshold.atMost(0.8))
                        .withNote(String.format(Locale.ROOT, "energy %.2f %%, TS %.2f %% (means over seeds)", energy, ts)),
                Claim.overSeeds("ood-ece-vs-ts", "Semantic-OOD ECE: energy <= 0.7 x TS (" + seeds + ")",
                        NOT_STATED, perSeed(scores, s -> s.get(Method.ENERGY).ood().ece() / s.get(Method.TS).ood().ece()),
                        "x", Threshold.atMost(0.7))
                        .withNote(String.format(Locale.ROOT, "energy %.2f %%, TS %.2f %% (OOD ECE = mean confidence)",
                                mean(scores, Method.ENERGY, ood, Metric.ECE), mean(scores, Method.TS, ood, Metric.ECE))),
                idEceVsTs(idGaps, energyIsTs, seeds)
                        .withNote(String.format(Locale.ROOT, "energy %.2f %%, TS %.2f %% (means over seeds)%s",
                                mean(scores, Method.ENERGY, 0, Metric.ECE), mean(scores, Method.TS, 0, Metric.ECE),
                                energyIsTs ? "; the fitted energy calibration gives TS's ID probabilities bit for bit on"
                                        + " every seed (theta = 0), so the gap is 0 by construction" : "")),
                accuracyIdentical(sameAccuracy, sets),
                Claim.overSeeds("severity-slope",
                        "ECE of energy grows with severity more slowly than TS's (slope difference over severities 1-5; "
                                + seeds + ")",
                        NOT_STATED, perSeed(scores, s -> severitySlope(List.of(s), Method.ENERGY)
                                - severitySlope(List.of(s), Method.TS)), "points/severity", Threshold.atMost(0.0))
                        .withNote(String.format(Locale.ROOT, "slopes of the seed means: energy %.3f, TS %.3f points per severity",
                                severitySlope(scores, Method.ENERGY), severitySlope(scores, Method.TS))),
                Claim.overSeeds("beats-ts-val-ood",
                        "Energy beats one temperature fitted on val + OOD with the same objective (mean ECE ratio); "
                                + "if not, the gain is OOD exposure, not the instance-wise term (" + seeds + ")",
                        NOT_STATED, perSeed(scores, s -> seedMeanEce(s, Method.ENERGY) / seedMeanEce(s, Method.TS_OOD)),
                        "x", Threshold.atMost(1.0))
                        .withNote(String.format(Locale.ROOT, "energy %.2f %%, TS val+OOD %.2f %% (means over seeds)",
                                energy, tsOod)),
                Claim.overSeeds("backbone-overconfident",
                        "Precondition (implementation note): the uncalibrated ID ECE is at least 3 %, so calibration matters ("
                                + seeds + ")",
                        NOT_STATED, perSeed(scores, s -> 100 * s.get(Method.UNCALIBRATED).id().ece()), "%",
                        Threshold.atLeast(3.0)));
    }

    /**
     * "ID ECE of energy within 1 point of TS". When the fitted energy calibration gives TS's ID-test
     * probabilities bit for bit on every seed (theta = 0), the gap is 0 by construction: an invariant.
     * Otherwise a claim decided on the per-seed gaps (points).
     */
    static Claim idEceVsTs(double[] perSeedGap, boolean energyIsTsOnEverySeed, String seeds) {
        if (energyIsTsOnEverySeed) {
            double worst = Arrays.stream(perSeedGap).map(Math::abs).max().orElse(0);
            return Claim.invariant("id-ece-vs-ts", "ID ECE of energy equals TS's: the fitted theta = 0 makes energy TS"
                    + " bit for bit (" + seeds + ")", worst == 0, worst, "points", "ID ECE gap = 0 while theta = 0");
        }
        return Claim.overSeeds("id-ece-vs-ts", "ID ECE of energy within 1 point of TS (" + seeds + ")", NOT_STATED,
                perSeedGap, "points", Threshold.atMost(1.0));
    }

    /**
     * "Energy leaves accuracy identical": T(x) is clamped at {@link org.wisekit.calib.EnergyScaling#MIN_INSTANCE_TEMPERATURE}
     * > 0, and softmax(z / T) with T > 0 keeps the argmax, so this holds by construction: an invariant.
     */
    static Claim accuracyIdentical(int sameAccuracy, int sets) {
        return Claim.invariant("accuracy-identical",
                "Energy leaves accuracy identical to the uncalibrated model (ID and every corrupted set, every seed)",
                sameAccuracy == sets, (double) sameAccuracy, "of " + sets,
                "argmax kept: T(x) >= 1e-3 > 0 by the clamp, on all " + sets + " sets");
    }

    // ------------------------------------------------------------------ report

    private static void describeSetup(RunContext context, Settings s) {
        context.report().paragraph(String.format(Locale.ROOT, """
                **Set-up (%s profile, %d seed(s) from %d).** ID: Fashion-MNIST, training on the first %d training \
                images, validation = %d images from training index %d on (the last 10k, mirroring the reference's \
                CIFAR 45000-49999 split), test = the first %d test images. Classifier: %s; each seed fixes the \
                initialisation, the shuffles, the OOD tuning subsample and the corruption noise. Semantic-OOD \
                tuning: %d sklearn digits (8x8, resized bilinearly to 28x28), used only by the energy method and \
                the ablations. Semantic-OOD test (level 6): a different source, %d CIFAR-10 test images per class \
                made grey (BT.601 luma) and resized bilinearly from 32x32 to 28x28; every row counts as \
                misclassified, so its ECE is the mean confidence. Covariate shift (levels 1-5): Fashion-MNIST-C \
                built in Java, ten corruptions (%s) at severities 1-5 on the test images, CIFAR-10-C parameter \
                tables with pixel distances scaled by 28/32 (see `Corruption`); level s is the mean over the ten \
                corruptions. ECE: 15 equal-width bins (lo, hi]; adaptive ECE: 15 equal-mass bins; Brier: \
                multi-class sum over classes (OOD target: all zeros).""",
                context.profile().id(), s.seeds(), context.seed(), s.trainCount(), s.validationCount(), VALIDATION_START,
                s.testCount(), s.mlp().describe(), s.oodTuningCount(), s.oodTestPerClass(),
                String.join(", ", Arrays.stream(Corruption.values()).map(Corruption::id).toList())));
        context.report().paragraph("""
                **Methods.** Baselines as in the reference code, fitted on ID validation only: uncalibrated, TS \
                (NLL, T in [0.05, 5], Brent on log T), ETS (MSE-fitted simplex weights, solved exactly), IRM, \
                IROvA, IROvA-TS (own pool-adjacent-violators; the TS step of IROvA-TS is MSE-fitted as in the \
                reference; rows renormalised, which the reference does not do). The paper's Spline baseline and DAC \
                are not implemented. Energy: t from TS, Gaussian MLE fits of the free energy -LSE(z) of correct \
                and of misclassified + OOD-tuning rows, T(x) = max(1e-3, t - theta1 phi_c(F) + theta2 phi_i(F)), \
                theta in [0, 10]^2 fitted by BOBYQA on the all-class MSE over validation + OOD rows with zero \
                targets (2 free parameters: the reference's third theta is unused). Ablations: **TS val+OOD** \
                (one temperature, same objective and data as the energy fit) and **Energy (OOD not in density)** \
                (OOD rows only in the theta fit). The paper's tables are not in the available sources, so every \
                paper value is 'not stated'; the thresholds come from the issue and the implementation note.""");
    }

    private static void reportTables(RunContext context, List<Map<Method, MethodScores>> scores) {
        List<String> header = new ArrayList<>(List.of("method"));
        header.addAll(List.of(LEVEL_NAMES));
        header.add("mean");
        for (Metric metric : Metric.values()) {
            List<List<String>> rows = new ArrayList<>();
            for (Method method : METHODS) {
                List<String> row = new ArrayList<>(List.of(method.displayName()));
                double sum = 0;
                int finite = 0;
                for (int level = 0; level < MethodScores.LEVELS; level++) {
                    double v = mean(scores, method, level, metric);
                    row.add(Stats.fixed(v, metric.decimals));
                    if (Double.isFinite(v)) {
                        sum += v;
                        finite++;
                    }
                }
                row.add(Stats.fixed(finite == 0 ? Double.NaN : sum / finite, metric.decimals));
                rows.add(row);
            }
            context.report().table(metric.label + " by shift level (mean over seeds; levels 1-5 averaged over the "
                    + "corruptions" + (metric == Metric.NLL ? "; OOD rows have no label to score, mean over levels 0-5" : "")
                    + ")", header, rows);
        }
        List<String> corruptionHeader = new ArrayList<>(List.of("method"));
        Arrays.stream(Corruption.values()).map(Corruption::id).forEach(corruptionHeader::add);
        List<List<String>> rows = new ArrayList<>();
        for (Method method : METHODS) {
            List<String> row = new ArrayList<>(List.of(method.displayName()));
            for (Corruption c : Corruption.values()) {
                double sum = 0;
                for (Map<Method, MethodScores> seed : scores) {
                    for (CalibrationMetrics m : seed.get(method).corrupted()[c.ordinal()]) {
                        sum += 100 * m.ece();
                    }
                }
                row.add(Stats.fixed(sum / (scores.size() * Corruption.MAX_SEVERITY), 2));
            }
            rows.add(row);
        }
        context.report().table("ECE % per corruption (mean over severities 1-5 and seeds)", corruptionHeader, rows);
    }

    private static void reportFits(RunContext context, Settings settings, List<SeedLogits> logits,
                                   List<Map<Method, MethodScores>> scores) {
        List<List<String>> rows = new ArrayList<>();
        int thetaZeroIsTs = 0;
        int thetaTwoZero = 0;
        for (int r = 0; r < scores.size(); r++) {
            Map<Method, MethodScores> seed = scores.get(r);
            SeedLogits l = logits.get(r);
            EnergyCalibration energy = (EnergyCalibration) seed.get(Method.ENERGY).calibration();
            TemperatureCalibration ts = (TemperatureCalibration) seed.get(Method.TS).calibration();
            TemperatureCalibration tsOod = (TemperatureCalibration) seed.get(Method.TS_OOD).calibration();
            boolean equal = Arrays.equals(energy.withThetas(0, 0).apply(l.test()).values(), ts.apply(l.test()).values());
            thetaZeroIsTs += equal ? 1 : 0;
            thetaTwoZero += energy.thetaIncorrect() < 1e-6 ? 1 : 0;
            int clamped = energy.temperatures(l.validation().concat(l.oodTuning())).clamped();
            int testRows = l.test().size() + l.oodTest().size();
            int testClamped = energy.temperatures(l.test()).clamped() + energy.temperatures(l.oodTest()).clamped();
            for (Corruption c : Corruption.values()) {
                for (int s = 1; s <= Corruption.MAX_SEVERITY; s++) {
                    testClamped += energy.temperatures(l.corrupted(c, s)).clamped();
                    testRows += l.corrupted(c, s).size();
                }
            }
            rows.add(List.of(String.valueOf(context.seed() + r),
                    Stats.fixed(100 * seed.get(Method.UNCALIBRATED).id().accuracy(), 2),
                    Stats.fixed(ts.temperature(), 3),
                    Stats.fixed(energy.thetaCorrect(), 3) + ", " + Stats.fixed(energy.thetaIncorrect(), 3),
                    Stats.fixed(energy.correctEnergy().mean(), 2) + " / " + Stats.fixed(energy.correctEnergy().sd(), 2),
                    Stats.fixed(energy.incorrectEnergy().mean(), 2) + " / " + Stats.fixed(energy.incorrectEnergy().sd(), 2),
                    clamped + " of " + (l.validation().size() + l.oodTuning().size()),
                    testClamped + " of " + testRows,
                    Stats.fixed(tsOod.temperature(), 3),
                    seed.get(Method.ETS).calibration().describe().replaceFirst("^T = [0-9.]+, ", ""),
                    equal ? "yes" : "NO"));
        }
        context.report().table("Fitted parameters per seed (energy in the free energy -LSE(z) at T = 1)",
                List.of("seed", "ID acc %", "TS t", "theta1, theta2", "correct N(mu / sd)", "incorrect N(mu / sd)",
                        "T(x) clamped (fit set)", "T(x) clamped (all test sets)", "TS val+OOD T", "ETS weights",
                        "theta = 0 gives TS bit for bit"), rows);
        context.report().paragraph(String.format(Locale.ROOT,
                "Ablation (a): with theta = 0 the fitted energy calibration reproduced the TS probabilities bit for bit "
                        + "on %d of %d seeds. The fitted theta2 (the incorrect/OOD term) was below 1e-6 on %d of %d seeds. "
                        + "Logits are cached as float32 in `logits-cache/` beside this report (%d seed file(s)); "
                        + "delete them to retrain.", thetaZeroIsTs, scores.size(), thetaTwoZero, scores.size(),
                settings.seeds()));
    }

    /** Values of theta2 at which the objective is shown (theta1 at its fitted value). */
    private static final double[] THETA2_GRID = {0, 0.01, 0.1, 0.5, 1, 2, 5, 10};
    /** Step of the forward difference in theta2 (theta2 >= 0 is a bound, so one-sided). */
    private static final double THETA2_STEP = 1e-4;

    /** The energy method's fit objective (all-class MSE over validation + OOD rows with zero targets). */
    static double objective(EnergyCalibration fitted, SeedLogits l, double theta1, double theta2) {
        Logits fitSet = l.validation().concat(Logits.outOfDistribution(CLASSES, l.oodTuning().values()));
        double[] t = fitted.withThetas(theta1, theta2).temperatures(fitSet).values();
        return Losses.meanSquaredError(fitSet.values(), CLASSES, fitSet.labels(), t);
    }

    /** Why theta2 collapses: the slope of the objective in theta2 at the bound, and the objective along theta2. */
    private static void reportObjective(RunContext context, List<SeedLogits> logits, List<Map<Method, MethodScores>> scores) {
        List<String> header = new ArrayList<>(List.of("seed", "theta1 (fitted)", "dL/dtheta2 at theta = 0",
                "dL/dtheta2 at (theta1, 0)", "L(theta1, 0)"));
        for (int g = 1; g < THETA2_GRID.length; g++) {
            header.add("L - L(theta1, 0) at theta2 = " + Stats.fixed(THETA2_GRID[g], 2));
        }
        XYChart chart = Plots.xy("Energy fit objective along theta2 (theta1 at its fitted value)", "theta2",
                "L(theta1, theta2) - L(theta1, 0)");
        List<List<String>> rows = new ArrayList<>();
        int rising = 0;
        for (int r = 0; r < scores.size(); r++) {
            EnergyCalibration e = (EnergyCalibration) scores.get(r).get(Method.ENERGY).calibration();
            SeedLogits l = logits.get(r);
            double th1 = e.thetaCorrect();
            double atZero = objective(e, l, 0, 0);
            double slopeZero = (objective(e, l, 0, THETA2_STEP) - atZero) / THETA2_STEP;
            double base = objective(e, l, th1, 0);
            double slopeFitted = (objective(e, l, th1, THETA2_STEP) - base) / THETA2_STEP;
            rising += slopeZero >= 0 ? 1 : 0;
            List<String> row = new ArrayList<>(List.of(String.valueOf(context.seed() + r), Stats.fixed(th1, 3),
                    String.format(Locale.ROOT, "%.3e", slopeZero), String.format(Locale.ROOT, "%.3e", slopeFitted),
                    String.format(Locale.ROOT, "%.6f", base)));
            double[] delta = new double[THETA2_GRID.length];
            for (int g = 0; g < THETA2_GRID.length; g++) {
                delta[g] = objective(e, l, th1, THETA2_GRID[g]) - base;
                if (g > 0) {
                    row.add(String.format(Locale.ROOT, "%+.3e", delta[g]));
                }
            }
            rows.add(row);
            chart.addSeries("seed " + (context.seed() + r), THETA2_GRID, delta);
        }
        context.report().table("Energy fit objective L (all-class MSE over validation + OOD tuning rows) in theta2: "
                + "forward difference (step " + THETA2_STEP + ") at the bound theta2 = 0, and L along theta2 with theta1 "
                + "at its fitted value", header, rows);
        context.report().paragraph(String.format(Locale.ROOT, "Why theta2 collapses: the derivative of the objective in "
                + "theta2 at theta = 0 is >= 0 on %d of %d seeds, so raising the temperature of inputs whose energy looks "
                + "misclassified/OOD makes the fit objective worse from the start, and the box-constrained optimum "
                + "sits on the bound theta2 = 0 (the table shows L along theta2).", rising, scores.size()));
        context.report().plot("objective-theta2", chart, "Fit objective along theta2 (relative to theta2 = 0), theta1 at "
                + "its fitted value, one line per seed");
    }

    /** Where each set's free energy sits: the energy method can only act on inputs whose energy differs. */
    private static void reportEnergies(RunContext context, List<SeedLogits> logits) {
        double[] sums = new double[5 + Corruption.MAX_SEVERITY];
        for (SeedLogits l : logits) {
            double[] validation = Softmax.freeEnergies(l.validation().values(), CLASSES);
            double correct = 0;
            double wrong = 0;
            int correctCount = 0;
            for (int i = 0; i < validation.length; i++) {
                if (Softmax.argmax(l.validation().values(), i * CLASSES, CLASSES) == l.validation().labels()[i]) {
                    correct += validation[i];
                    correctCount++;
                } else {
                    wrong += validation[i];
                }
            }
            sums[0] += correct / correctCount;
            sums[1] += wrong / (validation.length - correctCount);
            sums[2] += meanEnergy(l.oodTuning());
            sums[3] += meanEnergy(l.test());
            for (int s = 1; s <= Corruption.MAX_SEVERITY; s++) {
                double level = 0;
                for (Corruption c : Corruption.values()) {
                    level += meanEnergy(l.corrupted(c, s)) / Corruption.values().length;
                }
                sums[3 + s] += level;
            }
            sums[4 + Corruption.MAX_SEVERITY] += meanEnergy(l.oodTest());
        }
        List<String> names = new ArrayList<>(List.of("validation, correct", "validation, misclassified",
                "OOD tuning (digits)", "ID test"));
        for (int s = 1; s <= Corruption.MAX_SEVERITY; s++) {
            names.add("severity " + s);
        }
        names.add("OOD test (grey CIFAR-10)");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            rows.add(List.of(names.get(i), Stats.fixed(sums[i] / logits.size(), 2)));
        }
        context.report().table("Mean free energy -LSE(z) by set (mean over seeds); lower = more confident",
                List.of("set", "mean energy"), rows);
        double idTest = sums[3] / logits.size();
        double oodTest = sums[4 + Corruption.MAX_SEVERITY] / logits.size();
        context.report().paragraph(String.format(Locale.ROOT, "The OOD test images have mean energy %.2f against %.2f "
                + "for ID test images: %s", oodTest, idTest, oodTest < idTest
                ? "the classifier is *more* confident on them than on ID data, so no energy density fitted on ID "
                        + "validation and OOD tuning rows can single them out."
                : "they sit towards the incorrect-set density, where the energy method raises T(x)."));
    }

    private static double meanEnergy(Logits set) {
        return Stats.mean(Softmax.freeEnergies(set.values(), set.classes()));
    }

    private static void reportPlots(RunContext context, SeedLogits logits, Map<Method, MethodScores> firstSeed,
                                    long seed, List<Map<Method, MethodScores>> scores) {
        XYChart eceChart = Plots.xy("ECE against corruption severity (mean over seeds)",
                "severity (0 = clean ID test; 1-5 = Fashion-MNIST-C, mean over corruptions)", "ECE %");
        double[] severities = new double[Corruption.MAX_SEVERITY + 1];
        for (int level = 0; level < severities.length; level++) {
            severities[level] = level;
        }
        CategoryChart oodChart = Plots.bars("Semantic-OOD ECE = mean confidence (mean over seeds)", "method", "ECE %");
        List<String> names = new ArrayList<>();
        List<Double> oodEce = new ArrayList<>();
        for (Method method : METHODS) {
            double[] ece = new double[severities.length];
            for (int level = 0; level < severities.length; level++) {
                ece[level] = mean(scores, method, level, Metric.ECE);
            }
            emphasise(eceChart.addSeries(method.displayName(), severities, ece), method);
            names.add(method.displayName());
            oodEce.add(mean(scores, method, MethodScores.OOD_LEVEL, Metric.ECE));
        }
        oodChart.addSeries("ECE on grey CIFAR-10", names, oodEce);
        oodChart.getStyler().setXAxisLabelRotation(45);
        oodChart.getStyler().setLegendVisible(false);
        context.report().plot("ece-vs-severity", eceChart, "ECE against corruption severity, one line per method");
        context.report().plot("ood-ece", oodChart, "Semantic-OOD ECE (the mean top confidence) per method");

        Logits severest = null;
        for (Corruption c : Corruption.values()) {
            Logits set = logits.corrupted(c, Corruption.MAX_SEVERITY);
            severest = severest == null ? set : severest.concat(set);
        }
        reliabilityPlot(context, "reliability-id", "ID test", logits.test(), firstSeed, seed);
        reliabilityPlot(context, "reliability-severity-5", "severity 5, all corruptions pooled", severest, firstSeed, seed);
        reliabilityPlot(context, "reliability-ood", "semantic OOD (accuracy 0 by definition)", logits.oodTest(), firstSeed, seed);
    }

    private static void reliabilityPlot(RunContext context, String file, String what, Logits set,
                                        Map<Method, MethodScores> scores, long seed) {
        XYChart chart = Plots.xy("Reliability, " + what + " (seed " + seed + ")", "confidence (bin mean)", "accuracy");
        XYSeries ideal = chart.addSeries("ideal", new double[] {0, 1}, new double[] {0, 1});
        ideal.setMarker(SeriesMarkers.NONE);
        ideal.setLineColor(Color.GRAY);
        ideal.setLineStyle(SeriesLines.DASH_DASH);
        for (Method method : DIAGRAM_METHODS) {
            ReliabilityDiagram diagram = ReliabilityDiagram.equalWidth(scores.get(method).calibration().apply(set),
                    set.labels(), CalibrationMetrics.DEFAULT_BINS);
            double[] x = diagram.bins().stream().mapToDouble(ReliabilityDiagram.Bin::meanConfidence).toArray();
            double[] y = diagram.bins().stream().mapToDouble(ReliabilityDiagram.Bin::accuracy).toArray();
            emphasise(chart.addSeries(method.displayName(), x, y), method);
        }
        context.report().plot(file, chart, "Reliability diagram, " + what + ": accuracy against mean confidence of "
                + "15 equal-width bins; the diagonal is perfect calibration");
    }

    /** Draws the energy method in black so it stands out from the palette colours. */
    private static void emphasise(XYSeries series, Method method) {
        if (method == Method.ENERGY) {
            series.setLineColor(Color.BLACK);
            series.setMarkerColor(Color.BLACK);
            series.setLineWidth(3f);
        }
    }

    /** An extra ID-only table on real CIFAR-10 logits (no OOD data exists for them). */
    private static void reportCifarLogits(RunContext context, Datasets data) {
        Logits val = LogitFiles.readLabelled(data.verifiedPath(Dataset.CALIBRATION_LOGITS, "calibration-logits/cifar10_logits_val.csv"));
        Logits test = LogitFiles.readLabelled(data.verifiedPath(Dataset.CALIBRATION_LOGITS, "calibration-logits/cifar10_logits_test.csv"));
        List<List<String>> rows = new ArrayList<>();
        for (Method method : List.of(Method.UNCALIBRATED, Method.TS, Method.ETS, Method.IRM, Method.IROVA,
                Method.IROVA_TS, Method.ENERGY)) {
            Calibration calibration = method.calibrator().fit(val);
            CalibrationMetrics m = CalibrationMetrics.evaluate(calibration.apply(test), test.labels());
            rows.add(List.of(method.displayName(), Stats.fixed(100 * m.accuracy(), 2), Stats.fixed(100 * m.ece(), 2),
                    Stats.fixed(100 * m.adaptiveEce(), 2), Stats.fixed(m.nll(), 4), Stats.fixed(m.brier(), 4)));
        }
        context.report().table("ID only, precomputed CIFAR-10 logits (the paper's dataset; fit on 5000 validation rows, "
                        + "scored on 10000 test rows; energy without OOD tuning data: its incorrect density comes from "
                        + "misclassified validation rows alone)",
                List.of("method", "accuracy %", "ECE %", "adaptive ECE %", "NLL", "Brier"), rows);
    }

}
