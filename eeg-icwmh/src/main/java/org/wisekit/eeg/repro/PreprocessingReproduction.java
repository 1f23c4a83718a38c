package org.wisekit.eeg.repro;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.wisekit.datasets.Datasets;
import org.wisekit.eeg.baselines.CspLda;
import org.wisekit.eeg.data.Fold;
import org.wisekit.eeg.dl4j.Classifier;
import org.wisekit.eeg.internal.Rows;
import org.wisekit.eeg.dl4j.EegNetLike;
import org.wisekit.eeg.dl4j.LightCnn;
import org.wisekit.eeg.dl4j.TrainSettings;
import org.wisekit.eeg.preprocess.Fusion;
import org.wisekit.eeg.preprocess.Preprocessor;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Profile;
import org.wisekit.harness.Progress;
import org.wisekit.harness.Reproduction;
import org.wisekit.harness.RunContext;
import org.wisekit.harness.SeedSummary;
import org.wisekit.tensor.Normals;

/**
 * {@code eeg-icwmh/preprocessing}: the paper's preprocessing (ICWMH, EEG-encoded image, edge branch, Hadamard skip
 * fusion; formulas reconstructed) against its ablations and baselines on three real EEG tasks with the same folds
 * and seeds for every arm, the "dominant lead" mechanism (seeded log-normal channel gains) and the preprocessing
 * cost against CNN inference.
 */
public final class PreprocessingReproduction implements Reproduction {

    /** The image arms: the CNN input each preprocessing produces. */
    enum Arm {
        RAW("raw image", Preprocessor.ChannelNorm.NONE, Fusion.Mode.IMAGE_ONLY),
        ZSCORE("per-channel z-score image", Preprocessor.ChannelNorm.ZSCORE, Fusion.Mode.IMAGE_ONLY),
        ICWMH("ICWMH image (no edges)", Preprocessor.ChannelNorm.ICWMH, Fusion.Mode.IMAGE_ONLY),
        EDGES("ICWMH edges without skip", Preprocessor.ChannelNorm.ICWMH, Fusion.Mode.EDGES_ONLY),
        FULL("full: ICWMH + edges + Hadamard skip", Preprocessor.ChannelNorm.ICWMH, Fusion.Mode.HADAMARD);

        final String label;
        final Preprocessor.ChannelNorm norm;
        final Fusion.Mode fusion;

        Arm(String label, Preprocessor.ChannelNorm norm, Fusion.Mode fusion) {
            this.label = label;
            this.norm = norm;
            this.fusion = fusion;
        }
    }

    static final String CSP = "CSP + log-variance + LDA";
    static final String EEGNET = "EEGNet-like CNN on raw signals";
    /** The paper's lower bound of the gain over baselines, in accuracy points. */
    static final double GAIN_POINTS = 2.0;
    static final double MECHANISM_LOSS_RAW = 2.0;
    static final double MECHANISM_LOSS_FULL = 1.0;
    static final double COST_SHARE = 0.10;
    static final double GAIN_SIGMA = 1.0;

    /** Sizes for one profile. */
    /**
     * Sizes for one profile: the image is {@code height x width} for 64-channel recordings and half as high for
     * fewer channels (Eye State's 14); {@code widths} are the light CNN's filters; EEGNet runs the first
     * {@code eegNetSeeds} seeds on signals averaged down to at most about {@code eegNetRate} Hz.
     */
    record Settings(List<String> tasks, int height, int width, int[] widths, int epochs, long[] seeds, int eegNetSeeds,
                    double eegNetRate, int eyeBlocks) {
    }

    private static final Settings SMOKE = new Settings(List.of("s001-imagery"), 16, 32, new int[] {4, 8, 16}, 2,
            new long[] {1}, 1, 40, 3);
    private static final Settings DEFAULT = new Settings(List.of("s001-imagery", "s001-execution", "eye-state"), 32,
            64, new int[] {8, 16, 32}, 15, new long[] {1, 2}, 1, 40, 4);
    private static final Settings FULL = new Settings(List.of("s001-imagery", "s001-execution", "eye-state"), 64, 128,
            new int[] {16, 32, 64}, 40, new long[] {1, 2, 3, 4, 5}, 5, 80, 5);

    /**
     * Adam as {@link TrainSettings#defaults()} with the profile's epochs and batches of {@code max(16, n / 3)}: about
     * three steps per epoch on the larger training sets, where DL4J's per-step overhead dominates the small networks.
     */
    static TrainSettings training(Settings settings, int trainSize, long seed) {
        return TrainSettings.defaults().withEpochs(settings.epochs()).withBatchSize(Math.max(16, trainSize / 3))
                .withSeed(seed);
    }

    /** The image height for a task: {@code height} for 32 channels or more, half of it for fewer. */
    static int imageHeight(Settings settings, EegTask task) {
        return task.channels() >= 32 ? settings.height() : Math.max(4, settings.height() / 2);
    }

    /** The light CNN every image arm trains. */
    static LightCnn cnn(int channels, Settings settings, EegTask task) {
        return LightCnn.of(channels, imageHeight(settings, task), settings.width(), task.classes().size())
                .withWidths(settings.widths());
    }

    /** Accuracies (fractions) over folds x seeds, in fold-major order, for one arm on one task. */
    record Scores(double[] values) {
        SeedSummary summary() {
            return SeedSummary.of(values);
        }

        double mean() {
            double s = 0;
            for (double v : values) {
                s += v;
            }
            return s / values.length;
        }
    }

    /** Everything measured on one task. */
    record TaskRun(EegTask task, Map<String, Scores> arms, Map<String, Scores> gained, double imageMaxDiff,
                   double imageDifferingShare, double preprocessSeconds, double inferenceSeconds,
                   Map<String, Double> seconds) {
    }

    @Override
    public String id() {
        return "eeg-icwmh/preprocessing";
    }

    @Override
    public String title() {
        return "ICWMH + edges + skip fusion beats the raw EEG image and survives dominant leads";
    }

    @Override
    public String paper() {
        return "Huyen Ngo, Khoi Do, Duong Nguyen, Viet Dung Nguyen, Lan Dang: How Homogenizing the Channel-wise"
                + " Magnitude Can Enhance EEG Classification Model?, arXiv 2407.20247";
    }

    @Override
    public OptionalDouble estimatedSeconds(Profile profile) {
        return OptionalDouble.of(profile.pick(30.0, 720.0, 5400.0));
    }

    @Override
    public List<Claim> run(RunContext context) {
        Settings settings = context.profile().pick(SMOKE, DEFAULT, FULL);
        Datasets data = context.data();
        List<EegTask> tasks = new ArrayList<>();
        for (String id : settings.tasks()) {
            tasks.add(switch (id) {
                case "s001-imagery" -> EegTask.s001(data, true);
                case "s001-execution" -> EegTask.s001(data, false);
                case "eye-state" -> EegTask.eyeState(data, settings.eyeBlocks());
                default -> throw new IllegalStateException("unknown task " + id);
            });
        }
        StudyReport report = new StudyReport(context, settings);
        report.introduction(tasks);
        List<TaskRun> runs = new ArrayList<>();
        for (EegTask task : tasks) {
            runs.add(runTask(task, settings, context.seed(), context.progress(), report));
        }
        return report.finish(runs);
    }

    // ------------------------------------------------------------------ one task

    static Preprocessor.Settings preprocessing(Arm arm, Settings settings, EegTask task) {
        return Preprocessor.Settings.defaults().withChannelNorm(arm.norm).withFusion(arm.fusion)
                .withImageSize(imageHeight(settings, task), settings.width());
    }

    private static TaskRun runTask(EegTask task, Settings settings, long seed, Progress progress, StudyReport report) {
        int folds = task.folds().size();
        int seeds = settings.seeds().length;
        long steps = (long) (Arm.values().length * 2) * folds * seeds + (long) folds * (1 + settings.eegNetSeeds());
        Map<String, Scores> arms = new LinkedHashMap<>();
        Map<String, Scores> gained = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        double[][][] perturbed = withChannelGains(task.trials(), seed);
        double maxDiff;
        double differing;
        double preprocessSeconds;
        double inferenceSeconds = Double.NaN;
        try (Progress.Task bar = progress.start("eeg " + task.id(), steps)) {
            float[][][][] fullImages = null;
            float[][][][] fullGained = null;
            for (Arm arm : Arm.values()) {
                bar.status(arm.name().toLowerCase(Locale.ROOT));
                long start = System.nanoTime();
                Preprocessor pre = new Preprocessor(preprocessing(arm, settings, task));
                float[][][][] x = pre.apply(task.trials());
                if (arm == Arm.FULL) {
                    fullImages = x;
                    report.stages(task, pre);
                }
                arms.put(arm.label, crossValidate(task, x, settings, bar));
                if (arm == Arm.RAW || arm == Arm.FULL) {
                    float[][][][] g = pre.apply(perturbed);
                    if (arm == Arm.FULL) {
                        fullGained = g;
                    }
                    gained.put(arm.label, crossValidate(task, g, settings, bar));
                } else {
                    bar.step((long) folds * seeds);
                }
                seconds.put(arm.label + (arm == Arm.RAW || arm == Arm.FULL ? " (with the gained copy)" : ""),
                        (System.nanoTime() - start) / 1e9);
            }
            // dominant-lead invariance: the ICWMH image I (gray levels), and how much of the fused input moves
            Preprocessor full = new Preprocessor(preprocessing(Arm.FULL, settings, task));
            maxDiff = 0;
            for (int i = 0; i < task.trials().length; i++) {
                float[][] a = full.image(task.trials()[i]);
                float[][] b = full.image(perturbed[i]);
                for (int y = 0; y < a.length; y++) {
                    for (int x = 0; x < a[y].length; x++) {
                        maxDiff = Math.max(maxDiff, Math.abs(a[y][x] - b[y][x]));
                    }
                }
            }
            differing = compare(fullImages, fullGained)[1];

            bar.status("CSP + LDA");
            long start = System.nanoTime();
            double[] csp = new double[folds];
            for (int f = 0; f < folds; f++) {
                Fold fold = task.folds().get(f);
                CspLda model = CspLda.fit(Rows.select(task.trials(), fold.train()), Rows.select(task.labels(), fold.train()),
                        CspLda.Settings.defaults());
                csp[f] = accuracy(model.predict(Rows.select(task.trials(), fold.test())),
                        Rows.select(task.labels(), fold.test()));
                bar.step();
            }
            arms.put(CSP, new Scores(csp));
            seconds.put(CSP, (System.nanoTime() - start) / 1e9);

            bar.status("EEGNet-like");
            start = System.nanoTime();
            arms.put(EEGNET, eegNet(task, settings, bar));
            seconds.put(EEGNET, (System.nanoTime() - start) / 1e9);

            // cost: preprocessing vs CNN inference per trial (full arm)
            Preprocessor pre = new Preprocessor(preprocessing(Arm.FULL, settings, task));
            long t0 = System.nanoTime();
            pre.apply(task.trials());
            preprocessSeconds = (System.nanoTime() - t0) / 1e9 / task.trials().length;
            Fold fold = task.folds().get(0);
            Classifier model = Classifier.fit(cnn(pre.outputChannels(), settings, task),
                    Rows.select(fullImages, fold.train()), Rows.select(task.labels(), fold.train()),
                    TrainSettings.defaults().withEpochs(1).withSeed(seed));
            model.predict(fullImages);   // warm-up
            t0 = System.nanoTime();
            model.predict(fullImages);
            inferenceSeconds = (System.nanoTime() - t0) / 1e9 / fullImages.length;
        }
        return new TaskRun(task, arms, gained, maxDiff, differing, preprocessSeconds, inferenceSeconds, seconds);
    }

    /** LightCnn accuracy on every fold and seed. */
    private static Scores crossValidate(EegTask task, float[][][][] x, Settings settings, Progress.Task bar) {
        List<Double> acc = new ArrayList<>();
        for (Fold fold : task.folds()) {
            for (long s : settings.seeds()) {
                LightCnn net = cnn(x[0].length, settings, task);
                Classifier model = Classifier.fit(net, Rows.select(x, fold.train()), Rows.select(task.labels(), fold.train()),
                        training(settings, fold.train().length, s));
                acc.add(model.accuracy(Rows.select(x, fold.test()), Rows.select(task.labels(), fold.test())));
                bar.step();
            }
        }
        return new Scores(acc.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * EEGNet-like on the raw signals divided by one scalar (the training trials' overall standard deviation), so the
     * channels keep their relative magnitudes. The signals are first averaged over runs of samples down to at most
     * about the profile's EEGNet rate (default 40 Hz: S001 160 to 40 Hz, Eye State 128 to 42.7 Hz) and the kernels
     * follow EEGNet's rule (temporal kernel half a second, separable kernel an eighth), which keeps the CPU cost of
     * the DL4J convolutions within the profile.
     */
    private static Scores eegNet(EegTask task, Settings settings, Progress.Task bar) {
        int factor = decimation(task, settings);
        List<Double> acc = new ArrayList<>();
        for (Fold fold : task.folds()) {
            double[][][] train = Rows.select(task.trials(), fold.train());
            double scale = overallStd(train);
            float[][][] xTrain = scaled(train, scale, factor);
            float[][][] xTest = scaled(Rows.select(task.trials(), fold.test()), scale, factor);
            for (int k = 0; k < settings.eegNetSeeds(); k++) {
                long s = settings.seeds()[k];
                EegNetLike net = eegNetFor(task, settings);
                Classifier model = Classifier.fit(net, xTrain, Rows.select(task.labels(), fold.train()),
                        training(settings, fold.train().length, s));
                acc.add(model.accuracy(xTest, Rows.select(task.labels(), fold.test())));
                bar.step();
            }
        }
        return new Scores(acc.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Every channel multiplied by a seeded log-normal gain exp(sigma z), the same for all trials. */
    static double[][][] withChannelGains(double[][][] trials, long seed) {
        int channels = trials[0].length;
        double[] gains = new double[channels];
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5eedL);
        for (int c = 0; c < channels; c++) {
            gains[c] = Math.exp(GAIN_SIGMA * Normals.next(rng));
        }
        double[][][] out = new double[trials.length][channels][];
        for (int i = 0; i < trials.length; i++) {
            for (int c = 0; c < channels; c++) {
                out[i][c] = trials[i][c].clone();
                for (int t = 0; t < out[i][c].length; t++) {
                    out[i][c][t] *= gains[c];
                }
            }
        }
        return out;
    }

    /** {max |a - b| over all values (as a fraction of the full scale 1), share of values that differ}. */
    private static double[] compare(float[][][][] a, float[][][][] b) {
        double max = 0;
        long differ = 0;
        long total = 0;
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                for (int y = 0; y < a[i][c].length; y++) {
                    for (int x = 0; x < a[i][c][y].length; x++) {
                        double d = Math.abs(a[i][c][y][x] - b[i][c][y][x]);
                        max = Math.max(max, d);
                        differ += d > 0 ? 1 : 0;
                        total++;
                    }
                }
            }
        }
        return new double[] {max, (double) differ / total};
    }

    private static double overallStd(double[][][] trials) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (double[][] trial : trials) {
            for (double[] ch : trial) {
                for (double v : ch) {
                    sum += v;
                    sq += v * v;
                    n++;
                }
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(sq / n - mean * mean, 1e-30));
    }

    /** How many samples EEGNet's input averages: the largest factor keeping the rate >= the profile's EEGNet rate. */
    static int decimation(EegTask task, Settings settings) {
        return Math.max(1, (int) Math.floor(task.sampleRate() / settings.eegNetRate()));
    }

    /** EEGNet-4,2 for the task's decimated trials, kernels by EEGNet's rule (half a second; an eighth). */
    static EegNetLike eegNetFor(EegTask task, Settings settings) {
        double rate = task.sampleRate() / decimation(task, settings);
        return EegNetLike.of(task.channels(), task.samples() / decimation(task, settings), task.classes().size())
                .withKernels((int) Math.round(rate / 2), (int) Math.max(2, Math.round(rate / 8)))
                .withBatchNormDecay(0.9);
    }

    /** Trials divided by {@code scale}, averaged over runs of {@code factor} samples. */
    private static float[][][] scaled(double[][][] trials, double scale, int factor) {
        float[][][] out = new float[trials.length][][];
        for (int i = 0; i < trials.length; i++) {
            out[i] = new float[trials[i].length][];
            for (int c = 0; c < trials[i].length; c++) {
                double[] x = trials[i][c];
                float[] y = new float[x.length / factor];
                for (int t = 0; t < y.length; t++) {
                    double sum = 0;
                    for (int k = 0; k < factor; k++) {
                        sum += x[t * factor + k];
                    }
                    y[t] = (float) (sum / factor / scale);
                }
                out[i][c] = y;
            }
        }
        return out;
    }

    static double accuracy(int[] predicted, int[] truth) {
        int ok = 0;
        for (int i = 0; i < truth.length; i++) {
            ok += predicted[i] == truth[i] ? 1 : 0;
        }
        return (double) ok / truth.length;
    }



}
