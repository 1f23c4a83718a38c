package org.wisekit.dfmsd.repro;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.wisekit.dfmsd.data.Canvases;
import org.wisekit.dfmsd.dl4j.Detector;
import org.wisekit.dfmsd.dl4j.DetectorTrainer;
import org.wisekit.dfmsd.eval.CocoMetrics;
import org.wisekit.dfmsd.eval.EvalSettings;
import org.wisekit.harness.Plots;
import org.wisekit.harness.RunContext;
import org.wisekit.harness.SeedSummary;

/** Set-up text, tables and plots of {@code distill-dfmsd/hetero}. */
final class StudyReport {

    private final RunContext context;
    private final HeteroReproduction.Settings s;

    StudyReport(RunContext context, HeteroReproduction.Settings s) {
        this.context = context;
        this.s = s;
    }

    void variant(HeteroReproduction.Variant v, Canvases.Splits splits, Detector hetero, Detector bridge,
                 double teacherSeconds, boolean[] cached, double[] trainSeconds, EvalSettings eval) {
        String source = v.name.equals("fashion") ? "Fashion-MNIST" : "CIFAR-10";
        Detector student = new org.wisekit.dfmsd.dl4j.FcosLite(HeteroReproduction.CLASSES, hetero.inputChannels(),
                s.canvas(), 1, 32, 0);
        context.report().paragraph(String.format(Locale.ROOT, "## %s items\n\n**Data: real pixels, synthetic layout.**"
                        + " %d x %d px canvases with 1-4 %s items each (rescaled bilinearly to %d-%d px, pairwise box IoU"
                        + " < 0.3, tight boxes, class = item label), background noise sigma 0.05 and up to 2 unboxed"
                        + " low-contrast fragments; %d train / %d val / %d test canvases (%d / %d / %d boxes), train and"
                        + " val from disjoint training items, test from test items, seed %d. AP is COCO-style (IoU"
                        + " .50:.05:.95, 101-point interpolation, 100 detections) with the area ranges scaled to the"
                        + " canvas: small < %.0f px^2, large > %.0f px^2.",
                source, s.canvas(), s.canvas(), source, Math.round(s.canvas() / 4.0), Math.round(7 * s.canvas() / 12.0),
                splits.train().count(), splits.val().count(), splits.test().count(), splits.train().totalBoxes(),
                splits.val().totalBoxes(), splits.test().totalBoxes(), context.seed(), eval.smallArea(),
                eval.largeArea()));
        context.report().paragraph(String.format(Locale.ROOT, "**Models (CPU-scale, this project's choice).** Student:"
                        + " %s. Heterogeneous teacher: %s. Homogeneous bridge teacher: %s. Teachers: %d epochs, frozen"
                        + " afterwards; their FPN features are computed once in evaluation mode (batch-norm running"
                        + " statistics) and fed to every distillation step, so no teacher weight can change. Teacher"
                        + " training: %s. Students: AdamW 2e-3 (warm-up 100 steps, cosine), weight decay 1e-4,"
                        + " batch 32, clip 10, %d epochs; the staged DFMSD arms spend the first %d epochs on the bridge"
                        + " teacher and the rest on the CenterNet teacher. %d seed(s): a seed fixes the student's start,"
                        + " the batch order and the masks, the same for every arm, so arms are compared by paired"
                        + " differences.",
                student.describe(), hetero.describe(), bridge.describe(), s.teacherEpochs(),
                teacherTime(cached, trainSeconds, teacherSeconds), s.studentEpochs(), Math.min(s.bridgeEpochs(), s.studentEpochs() - 1), s.seeds()));
        context.report().paragraph("**Distillers.** FGD, MGD and PKD follow their code (FGD's attention-weighted"
                + " foreground/background, attention and GcBlock global terms with relative weights 1e-3/5e-4/1e-3/5e-6,"
                + " temperature 0.5, box cells with H and W in the right order; MGD's random mask 0.65 and 3x3 generator;"
                + " PKD's per-channel standardised MSE). **DFMSD is a reconstruction** (no paper body or code is"
                + " available): per-level standardisation (semantic alignment), spatial and channel masks hiding the"
                + " top 50 % of the teacher's FGD attention, the spatial attention raised inside boxes by 1 + gamma_k"
                + " (gamma_k = k/K per stage), MGD generators followed by ECA gates, self-adjusting weights with"
                + " learnable log sigma, and stages from the bridge teacher to the heterogeneous one. A student's"
                + " distillation loss is weighted so that it equals the detection loss on the stage's first batch"
                + " (the published weights are for sum-reduced 256-channel COCO maps and do not transfer); the weight"
                + " is the same rule for every method.");
        List<List<String>> teacherRows = List.of(
                List.of("CenterNet (heterogeneous)", pct(v.heteroTeacher.ap()), pct(v.heteroTeacher.ap50()),
                        pct(v.heteroTeacher.ap75()), String.valueOf(hetero.parameterCount())),
                List.of("FCOS-lite x2 (bridge)", pct(v.bridgeTeacher.ap()), pct(v.bridgeTeacher.ap50()),
                        pct(v.bridgeTeacher.ap75()), String.valueOf(bridge.parameterCount())));
        context.report().table("Teachers on the test canvases (" + source + ")",
                List.of("teacher", "AP", "AP50", "AP75", "parameters"), teacherRows);
        List<List<String>> rows = new ArrayList<>();
        double baseMs = v.firstSeed.get(HeteroReproduction.Arm.NO_KD).msPerStep();
        for (HeteroReproduction.Arm arm : HeteroReproduction.Arm.values()) {
            SeedSummary sum = SeedSummary.of(v.ap.get(arm));
            DetectorTrainer.Result r = v.firstSeed.get(arm);
            rows.add(List.of(arm.label, apCell(sum), mean(v, arm, CocoMetrics::ap50), mean(v, arm, CocoMetrics::ap75),
                    mean(v, arm, CocoMetrics::apSmall), mean(v, arm, CocoMetrics::apMedium),
                    mean(v, arm, CocoMetrics::apLarge), String.format(Locale.ROOT, "%.0f", r.msPerStep()),
                    String.format(Locale.ROOT, "%.2f", r.msPerStep() / baseMs)));
        }
        context.report().table("Students on the test canvases (" + source + "): AP mean over seeds with the 95 %"
                        + " Student-t interval; other metrics are means; step time of the first seed (2 arms run at a"
                        + " time on the 2 cores) and its ratio to no-KD",
                List.of("arm", "AP", "AP50", "AP75", "APs", "APm", "APl", "ms/step", "x no-KD"), rows);
        apPlot(v, source);
        lossPlot(v, source);
        overheadPlot(v, source, baseMs);
    }

    private static String teacherTime(boolean[] cached, double[] trainSeconds, double wallSeconds) {
        String[] names = {"CenterNet", "bridge"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String time = Double.isNaN(trainSeconds[i]) ? "time not recorded"
                    : String.format(Locale.ROOT, "%.0f s", trainSeconds[i]);
            parts.add(names[i] + (cached[i] ? " loaded from teachers-cache/, trained by an earlier run (" + time + ")"
                    : " trained in this run (" + time + ")"));
        }
        return String.join("; ", parts) + String.format(Locale.ROOT, "; both teachers, run two at a time: %.0f s"
                + " wall", wallSeconds);
    }

    private void apPlot(HeteroReproduction.Variant v, String source) {
        CategoryChart chart = Plots.bars("Student AP per arm (" + source + ")", "arm", "AP (%)");
        List<String> names = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (HeteroReproduction.Arm arm : HeteroReproduction.Arm.values()) {
            SeedSummary sum = SeedSummary.of(v.ap.get(arm));
            names.add(arm.label);
            means.add(sum.mean());
            errors.add(sum.n() < 2 || Double.isNaN(sum.high()) ? 0.0 : sum.high() - sum.mean());
        }
        chart.addSeries("AP", names, means, errors);
        chart.getStyler().setXAxisLabelRotation(45);
        context.report().plot("ap-" + v.name, chart, "Student AP per arm on the " + source + " test canvases;"
                + " error bars: 95 % interval half-widths over seeds.");
    }

    private void lossPlot(HeteroReproduction.Variant v, String source) {
        XYChart chart = Plots.xy("DFMSD loss terms per stage (" + source + ", first seed)", "epoch", "loss");
        DetectorTrainer.Result r = v.firstSeed.get(HeteroReproduction.Arm.DFMSD);
        int epoch = 0;
        for (int k = 0; k < r.detectionLoss().size(); k++) {
            double[] det = r.detectionLoss().get(k);
            double[] kd = r.distillationLoss().get(k);
            List<Double> x = new ArrayList<>();
            List<Double> yDet = new ArrayList<>();
            List<Double> yKd = new ArrayList<>();
            for (int e = 0; e < det.length; e++) {
                x.add((double) ++epoch);
                yDet.add(det[e]);
                yKd.add(kd[e]);
            }
            String stage = r.detectionLoss().size() == 2 ? (k == 0 ? "stage 1 (bridge)" : "stage 2 (CenterNet)")
                    : "stage " + (k + 1);
            chart.addSeries("detection, " + stage, x, yDet);
            chart.addSeries("distillation, " + stage, x, yKd);
        }
        XYChart noKd = chart;
        DetectorTrainer.Result base = v.firstSeed.get(HeteroReproduction.Arm.NO_KD);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int e = 0; e < base.detectionLoss().get(0).length; e++) {
            x.add((double) (e + 1));
            y.add(base.detectionLoss().get(0)[e]);
        }
        noKd.addSeries("detection, no-KD", x, y);
        context.report().plot("loss-" + v.name, chart, "Mean detection and weighted distillation loss per epoch of the"
                + " DFMSD student (weights per stage " + r.weights() + "), with the no-KD student's detection loss.");
    }

    private void overheadPlot(HeteroReproduction.Variant v, String source, double baseMs) {
        CategoryChart chart = Plots.bars("Training step time per arm (" + source + ")", "arm", "ms per step");
        List<String> names = new ArrayList<>();
        List<Double> ms = new ArrayList<>();
        for (HeteroReproduction.Arm arm : HeteroReproduction.Arm.values()) {
            names.add(arm.label);
            ms.add(v.firstSeed.get(arm).msPerStep());
        }
        chart.addSeries("ms/step", names, ms);
        chart.getStyler().setXAxisLabelRotation(45);
        context.report().plot("overhead-" + v.name, chart, String.format(Locale.ROOT, "Distillation overhead: step"
                + " time (batch 32, forward + backward + AdamW, first epoch excluded) per arm; no-KD %.0f ms. Two arms"
                + " train at a time on the two cores, so times include their contention.", baseMs));
    }

    private static String apCell(SeedSummary s) {
        if (s.n() < 2) {
            return String.format(Locale.ROOT, "%.2f", s.mean());
        }
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", s.mean(), s.low(), s.high());
    }

    private static String mean(HeteroReproduction.Variant v, HeteroReproduction.Arm arm,
                               java.util.function.ToDoubleFunction<CocoMetrics> f) {
        double sum = 0;
        int n = 0;
        for (CocoMetrics m : v.metrics.get(arm)) {
            double x = f.applyAsDouble(m);
            if (x >= 0) {
                sum += x;
                n++;
            }
        }
        return n == 0 ? "n/a" : pct(sum / n);
    }

    private static String pct(double x) {
        return x < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", 100 * x);
    }
}
