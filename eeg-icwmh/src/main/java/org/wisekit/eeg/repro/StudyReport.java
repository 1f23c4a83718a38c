package org.wisekit.eeg.repro;

import static org.wisekit.eeg.repro.PreprocessingReproduction.CSP;
import static org.wisekit.eeg.repro.PreprocessingReproduction.EEGNET;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.eeg.dl4j.EegNetLike;
import org.wisekit.eeg.dl4j.LightCnn;
import org.wisekit.eeg.dl4j.ModelStats;
import org.wisekit.eeg.internal.GreyPng;
import org.wisekit.eeg.preprocess.Preprocessor;
import org.wisekit.eeg.repro.PreprocessingReproduction.Arm;
import org.wisekit.eeg.repro.PreprocessingReproduction.Settings;
import org.wisekit.eeg.repro.PreprocessingReproduction.TaskRun;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Plots;
import org.wisekit.harness.RunContext;
import org.wisekit.harness.SeedSummary;
import org.wisekit.harness.Threshold;
import org.wisekit.harness.Verdict;

/** Tables, plots and claims of {@code eeg-icwmh/preprocessing}. */
final class StudyReport {

    private final RunContext context;
    private final Settings settings;
    private final Map<String, String> stageImages = new LinkedHashMap<>();

    StudyReport(RunContext context, Settings settings) {
        this.context = context;
        this.settings = settings;
    }

    void introduction(List<EegTask> tasks) {
        StringBuilder sb = new StringBuilder();
        sb.append("**Reconstructed method.** The paper publishes no code or formulas; this module implements a"
                + " reconstruction from its description: ICWMH divides each channel by its magnitude max|x_c|"
                + " (per trial), the trial becomes an 8-bit image (min-max per trial) resized to ")
                .append(settings.height()).append(" x ").append(settings.width())
                .append(" for 64 channels, half as high for Eye State's 14 (bilinear), a 5 x 5 Gaussian blur and Canny (100/200) give the edge map E, and the CNN input"
                        + " is the Hadamard skip fusion I (1 + E). Every arm trains the same light CNN"
                        + " (conv-BN-ReLU-pool x 3 with " + java.util.Arrays.toString(settings.widths())
                        + " filters, global average pooling, softmax; Adam 1e-3, batches of max(16, n_train / 3), ")
                .append(settings.epochs()).append(" epochs) with the same folds and seeds ")
                .append(java.util.Arrays.toString(settings.seeds()))
                .append(" (EEGNet: the first ").append(settings.eegNetSeeds()).append(", on signals averaged down to about ")
                .append((int) settings.eegNetRate()).append(" Hz, BN decay 0.9 for these short runs); accuracies are means over folds x seeds with 95 % Student-t intervals. The paper's"
                        + " datasets (Perceive Lab, High-Gamma) are not available here; these are small real sets, so"
                        + " the intervals are wide.\n\n| task | trials | channels x samples | classes | folds |\n"
                        + "|---|---|---|---|---|\n");
        for (EegTask t : tasks) {
            sb.append("| ").append(t.id()).append(": ").append(t.title()).append(" | ").append(t.trials().length)
                    .append(" | ").append(t.channels()).append(" x ").append(t.samples()).append(" | ")
                    .append(String.join(", ", t.classes())).append(" | ").append(t.note()).append(" |\n");
        }
        context.report().paragraph(sb.toString());
    }

    /** Writes the first trial's stages (raw image, ICWMH image, edges, fused input) as one PNG. */
    void stages(EegTask task, Preprocessor full) {
        double[][] trial = task.trials()[0];
        Preprocessor raw = new Preprocessor(PreprocessingReproduction.preprocessing(Arm.RAW, settings, task));
        List<float[][]> panels = List.of(raw.image(trial), full.image(trial), toFloat(full.edges(trial)),
                full.apply(trial)[0]);
        int scale = Math.max(1, 256 / settings.width());
        byte[] png = GreyPng.strip(panels, scale, 4);
        String file = "stages-" + task.id() + ".png";
        AtomicFiles.write(context.outputDirectory().resolve(file), png);
        stageImages.put(task.id(), file);
    }

    private static float[][] toFloat(byte[][] edges) {
        float[][] out = new float[edges.length][edges[0].length];
        for (int y = 0; y < edges.length; y++) {
            for (int x = 0; x < edges[y].length; x++) {
                out[y][x] = edges[y][x];
            }
        }
        return out;
    }

    List<Claim> finish(List<TaskRun> runs) {
        accuracyTable(runs);
        accuracyPlot(runs);
        mechanismTable(runs);
        modelTable(runs);
        List<List<String>> time = new ArrayList<>();
        for (TaskRun r : runs) {
            r.seconds().forEach((step, sec) -> time.add(List.of(r.task().id(), step,
                    String.format(Locale.ROOT, "%.1f", sec))));
        }
        context.report().table("Where the time went (seconds, this machine; preprocessing and every fold x seed)",
                List.of("task", "arm", "s"), time);
        StringBuilder sb = new StringBuilder("Each strip: the first trial as the raw image, the ICWMH image, its"
                + " edge map and the fused CNN input (each panel scaled to its own maximum).\n\n");
        stageImages.forEach((task, file) -> sb.append("![").append(task).append(" stages](").append(file)
                .append(")\n\n"));
        context.report().paragraph(sb.toString());
        return claims(runs);
    }

    // ------------------------------------------------------------------ claims

    private List<Claim> claims(List<TaskRun> runs) {
        List<Claim> claims = new ArrayList<>();
        int significant = 0;
        int byMean = 0;
        List<String> notes = new ArrayList<>();
        for (TaskRun r : runs) {
            SeedSummary diff = SeedSummary.of(difference(r.arms().get(Arm.FULL.label).values(),
                    r.arms().get(Arm.RAW.label).values()));
            boolean mean = diff.mean() >= PreprocessingReproduction.GAIN_POINTS;
            boolean sig = mean && diff.n() >= 2 && diff.low() > 0;
            byMean += mean ? 1 : 0;
            significant += sig ? 1 : 0;
            notes.add(String.format(Locale.ROOT, "%s %+.1f points (95 %% CI %+.1f to %+.1f)", r.task().id(), diff.mean(),
                    diff.low(), diff.high()));
        }
        int need = Math.min(2, runs.size());
        Verdict v = significant >= need ? Verdict.REPRODUCED : byMean >= need || byMean > 0 ? Verdict.PARTIAL
                : Verdict.NOT_REPRODUCED;
        claims.add(new Claim("full-vs-raw", "The full method beats the raw-image CNN by >= "
                + PreprocessingReproduction.GAIN_POINTS + " accuracy points (mean over folds x seeds, paired) on at least "
                + need + " of " + runs.size() + " tasks, with the paired 95 % interval above 0", "+2 to 5 % over baselines",
                (double) significant, "tasks", ">= " + need + " tasks (PARTIAL: by the mean only)", v,
                "Paired difference full - raw: " + String.join("; ", notes)));

        double full = meanOver(runs, Arm.FULL.label);
        double icwmh = meanOver(runs, Arm.ICWMH.label);
        double raw = meanOver(runs, Arm.RAW.label);
        int order = (full >= icwmh ? 1 : 0) + (icwmh >= raw ? 1 : 0);
        claims.add(Claim.counted("ablation-order", "Ablation order full >= ICWMH-only >= raw image (mean accuracy over"
                        + " tasks)", "edges and ICWMH each add accuracy", order, 2, 1)
                .withNote(String.format(Locale.ROOT, "full %.1f %%, ICWMH-only %.1f %%, raw %.1f %%, z-score %.1f %%",
                        100 * full, 100 * icwmh, 100 * raw, meanOver(runs, Arm.ZSCORE.label) * 100)));

        double maxDiff = runs.stream().mapToDouble(TaskRun::imageMaxDiff).max().orElse(Double.NaN);
        double share = runs.stream().mapToDouble(TaskRun::imageDifferingShare).max().orElse(Double.NaN);
        claims.add(Claim.invariant("gain-invariance", "The ICWMH image is unchanged when every channel is multiplied by a"
                        + " seeded log-normal gain (sigma 1), up to 8-bit rounding", maxDiff <= 1.0, maxDiff,
                "gray levels", "max difference <= 1 gray level").withNote(String.format(Locale.ROOT,
                "A rounding step can still flip a Canny edge pixel: %.4f of the fused CNN input values differ (worst"
                        + " task).", share)));

        List<Double> rawDrops = new ArrayList<>();
        for (TaskRun r : runs) {
            double[] before = r.arms().get(Arm.RAW.label).values();
            double[] after = r.gained().get(Arm.RAW.label).values();
            for (int i = 0; i < before.length; i++) {
                rawDrops.add(100 * (before[i] - after[i]));
            }
        }
        claims.add(Claim.overSeeds("dominant-leads-hurt-raw", "With dominant leads (seeded log-normal channel gains,"
                        + " sigma 1) the raw-image CNN loses >= " + PreprocessingReproduction.MECHANISM_LOSS_RAW
                        + " accuracy points (paired drop over tasks x folds x seeds, 95 % interval)",
                "no dominant lead information after ICWMH", rawDrops.stream().mapToDouble(Double::doubleValue).toArray(),
                "points", Threshold.atLeast(PreprocessingReproduction.MECHANISM_LOSS_RAW)));
        double fullLoss = 100 * (meanOver(runs, Arm.FULL.label) - meanGained(runs, Arm.FULL.label));
        claims.add(Claim.invariant("dominant-leads-spare-full", "The full method's accuracy moves by < "
                        + PreprocessingReproduction.MECHANISM_LOSS_FULL + " point under the same gains (it follows from"
                        + " the invariance of its input up to rounding)", Math.abs(fullLoss) < PreprocessingReproduction
                        .MECHANISM_LOSS_FULL, fullLoss, "points", "|change| < 1 point"));

        double ratio = runs.stream().mapToDouble(r -> r.preprocessSeconds() / r.inferenceSeconds()).max()
                .orElse(Double.NaN);
        claims.add(Claim.atMost("preprocessing-cost", "Preprocessing (ICWMH, image, blur, Canny, fusion) takes < 10 % of"
                        + " the CNN's inference time per trial (worst task)", "cheap preprocessing, small CNN", ratio,
                "of inference time", PreprocessingReproduction.COST_SHARE));

        claims.add(Claim.outOfScope("perceive-lab", "About 66 % accuracy on Perceive Lab (40 classes)", "about 66 %",
                "dataset not available here; its block design also confounds class with recording time (Li et al.,"
                        + " TPAMI 2021), so its accuracies are suspect"));
        claims.add(Claim.outOfScope("high-gamma", "About 57.2 % accuracy on High-Gamma (4 classes)", "about 57.2 %",
                "dataset not available here (a large download outside the registries)"));
        return claims;
    }

    private static double[] difference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = 100 * (a[i] - b[i]);
        }
        return d;
    }

    private static double meanOver(List<TaskRun> runs, String arm) {
        return runs.stream().mapToDouble(r -> r.arms().get(arm).mean()).average().orElse(Double.NaN);
    }

    private static double meanGained(List<TaskRun> runs, String arm) {
        return runs.stream().mapToDouble(r -> r.gained().get(arm).mean()).average().orElse(Double.NaN);
    }

    // ------------------------------------------------------------------ tables and plots

    private static List<String> armNames() {
        List<String> names = new ArrayList<>();
        for (Arm a : Arm.values()) {
            names.add(a.label);
        }
        names.add(CSP);
        names.add(EEGNET);
        return names;
    }

    private void accuracyTable(List<TaskRun> runs) {
        List<String> header = new ArrayList<>(List.of("arm"));
        for (TaskRun r : runs) {
            header.add(r.task().id() + " accuracy % (95 % CI)");
        }
        List<List<String>> rows = new ArrayList<>();
        for (String arm : armNames()) {
            List<String> cells = new ArrayList<>(List.of(arm));
            for (TaskRun r : runs) {
                SeedSummary s = r.arms().get(arm).summary();
                cells.add(s.n() < 2 ? pct(s.mean()) : pct(s.mean()) + " (" + pct(s.low()) + "-" + pct(s.high()) + ")");
            }
            rows.add(cells);
        }
        context.report().table("Accuracy per arm and task (mean over folds x seeds; CSP + LDA is deterministic: folds"
                + " only)", header, rows);
        double icwmh = meanOver(runs, Arm.ICWMH.label);
        double z = meanOver(runs, Arm.ZSCORE.label);
        context.report().paragraph(String.format(Locale.ROOT, "ICWMH vs per-channel z-score (the obvious competitor):"
                        + " %.1f %% vs %.1f %% mean over tasks. %s", 100 * icwmh, 100 * z,
                Math.abs(icwmh - z) < 0.02 ? "They are within 2 points: any channel normalisation gives the gain, not"
                        + " ICWMH specifically." : icwmh > z ? "ICWMH is ahead here." : "z-scoring is ahead here."));
    }

    private void accuracyPlot(List<TaskRun> runs) {
        CategoryChart chart = Plots.bars("Accuracy per arm and task", "task", "accuracy (%)");
        List<String> tasks = runs.stream().map(r -> r.task().id()).toList();
        for (String arm : armNames()) {
            List<Double> means = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (TaskRun r : runs) {
                SeedSummary s = r.arms().get(arm).summary();
                means.add(100 * s.mean());
                errors.add(s.n() < 2 || Double.isNaN(s.high()) ? 0.0 : 100 * (s.high() - s.mean()));
            }
            chart.addSeries(arm, tasks, means, errors);
        }
        context.report().plot("accuracy", chart, "Accuracy of every arm on every task; error bars: 95 % interval"
                + " half-widths over folds x seeds.");
    }

    private void mechanismTable(List<TaskRun> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (TaskRun r : runs) {
            for (Arm arm : List.of(Arm.RAW, Arm.FULL)) {
                double before = r.arms().get(arm.label).mean();
                double after = r.gained().get(arm.label).mean();
                rows.add(List.of(r.task().id(), arm.label, pct(before), pct(after),
                        String.format(Locale.ROOT, "%+.1f", 100 * (after - before))));
            }
        }
        context.report().table("Dominant leads: every channel multiplied by a seeded log-normal gain (sigma 1, the same"
                        + " for all trials); accuracy before and after (points)",
                List.of("task", "arm", "original %", "with gains %", "change"), rows);
        List<List<String>> cost = new ArrayList<>();
        for (TaskRun r : runs) {
            cost.add(List.of(r.task().id(), String.format(Locale.ROOT, "%.3f", 1e3 * r.preprocessSeconds()),
                    String.format(Locale.ROOT, "%.3f", 1e3 * r.inferenceSeconds()),
                    String.format(Locale.ROOT, "%.3f", r.preprocessSeconds() / r.inferenceSeconds()),
                    String.format(Locale.ROOT, "%.2g", r.imageMaxDiff())));
        }
        context.report().table("Preprocessing vs CNN inference per trial (ms, this machine; batch inference) and the"
                        + " largest change of the full method's input under the gains",
                List.of("task", "preprocess ms", "inference ms", "ratio", "max ICWMH image change (gray levels)"), cost);
    }

    private void modelTable(List<TaskRun> runs) {
        EegTask t = runs.get(0).task();
        ModelStats light = PreprocessingReproduction.cnn(1, settings, t).stats();
        EegNetLike net = PreprocessingReproduction.eegNetFor(t, settings);
        ModelStats eegnet = net.stats();
        context.report().table("Model size (" + t.id() + " shapes)", List.of("model", "parameters", "multiply-adds"),
                List.of(List.of("light CNN (" + PreprocessingReproduction.imageHeight(settings, t) + " x "
                                + settings.width() + " image, filters " + java.util.Arrays.toString(settings.widths()) + ")",
                                Long.toString(light.parameters()), Long.toString(light.multiplyAdds())),
                        List.of("EEGNet-like (" + t.channels() + " x " + net.samples() + " raw)",
                                Long.toString(eegnet.parameters()), Long.toString(eegnet.multiplyAdds()))));
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.1f", 100 * v);
    }
}
