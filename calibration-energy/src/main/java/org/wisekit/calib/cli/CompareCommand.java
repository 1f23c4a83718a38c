package org.wisekit.calib.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.theme.XChartTheme;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.wisekit.calib.CalibrationMetrics;
import org.wisekit.calib.Calibrators;
import org.wisekit.calib.FittedCalibration;
import org.wisekit.calib.LogitFiles;
import org.wisekit.calib.Logits;
import org.wisekit.calib.Method;
import org.wisekit.calib.Probabilities;
import org.wisekit.calib.ReliabilityDiagram;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.harness.Json;
import org.wisekit.harness.Plots;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit calib compare --val VAL --test TEST [--ood OOD] [--methods a,b,c|all] [--plot FILE.png] [--json]}:
 * fits several methods on the validation logits and prints one table of test metrics, optionally with a
 * reliability diagram (accuracy against confidence per method, and the number of test rows in each bin).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Fit several calibration methods on labelled validation logits and compare them on labelled test "
                + "logits: accuracy, ECE, adaptive ECE, NLL and Brier score per method.",
                "--plot writes a reliability diagram with the bin counts (PNG). Nothing else is written."})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    CalibCommand parent;

    @Option(names = "--val", required = true, paramLabel = "FILE", description = "Validation logits with labels (fit set).")
    Path validation;

    @Option(names = "--test", required = true, paramLabel = "FILE", description = "Test logits with labels (scored).")
    Path test;

    @Option(names = "--ood", paramLabel = "FILE", description = "OOD tuning logits; used by energy, ts-ood and energy-no-ood-density.")
    Path ood;

    @Option(names = "--methods", defaultValue = "all", paramLabel = "IDS",
            description = "Comma-separated method ids, or 'all': every method that applies to these inputs (default: ${DEFAULT-VALUE}).")
    String methods;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Write a reliability diagram with bin counts here (PNG).")
    Path plot;

    @Option(names = "--bins", defaultValue = "15", paramLabel = "B", description = "Bins for ECE, adaptive ECE and the diagram (default: ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Mixin
    MethodOptions methodOptions = new MethodOptions();

    /** One method's scores. */
    private record Row(Method method, FittedCalibration fitted, CalibrationMetrics metrics, ReliabilityDiagram diagram,
                       double fitSeconds) {
    }

    @Override
    public Integer call() {
        if (bins < 1) {
            throw new IllegalArgumentException("--bins must be >= 1, got " + bins);
        }
        if (plot != null && !plot.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("--plot " + plot + ": the diagram is a PNG; name a file ending in .png");
        }
        CliSupport.notAnInput(plot, "--plot", validation, test, ood);
        Logits val = LogitFiles.readLabelled(validation);
        Logits testLogits = LogitFiles.readLabelled(test, val.classes());
        Logits oodLogits = ood == null ? Logits.empty(val.classes()) : LogitFiles.readOutOfDistribution(ood, val.classes());
        boolean all = methods.strip().equalsIgnoreCase("all");
        List<Method> chosen = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        if (all) {
            for (Method m : Method.values()) {
                if (!m.supports(val.classes())) {
                    skipped.put(m.id(), "needs 2 classes");
                } else if (m == Method.TS_OOD && oodLogits.isEmpty()) {
                    skipped.put(m.id(), "needs --ood");
                } else {
                    chosen.add(m);
                }
            }
        } else {
            Set<Method> unique = new LinkedHashSet<>();
            for (String id : methods.split(",")) {
                if (id.isBlank()) {
                    throw new IllegalArgumentException("--methods '" + methods + "' has an empty entry");
                }
                Method m = Method.byId(id);
                if (!m.supports(val.classes())) {
                    throw new IllegalArgumentException("--methods: " + m.id() + " needs 2 classes, the logits have " + val.classes());
                }
                if (m == Method.TS_OOD && oodLogits.isEmpty()) {
                    throw new IllegalArgumentException("--methods: ts-ood needs OOD tuning logits (--ood FILE)");
                }
                unique.add(m);
            }
            chosen.addAll(unique);
        }

        List<Row> rows = new ArrayList<>();
        Progress progress = parent.progress();
        try (Progress.Task task = progress.start("fitting " + chosen.size() + " methods", chosen.size())) {
            for (Method m : chosen) {
                task.status(m.id());
                long start = System.nanoTime();
                FittedCalibration fitted;
                try (CliSupport.ProgressListener listener = new CliSupport.ProgressListener(progress, "fit " + m.id())) {
                    fitted = Calibrators.fit(m, methodOptions.calibrator(m), val, oodLogits, listener);
                } catch (IllegalArgumentException e) {
                    if (!all) {
                        throw new IllegalArgumentException("--methods: " + m.id() + " cannot be fitted: " + e.getMessage());
                    }
                    skipped.put(m.id(), e.getMessage());
                    task.step();
                    continue;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Probabilities p = fitted.apply(testLogits);
                rows.add(new Row(m, fitted, CalibrationMetrics.evaluate(p, testLogits.labels(), bins),
                        ReliabilityDiagram.equalWidth(p, testLogits.labels(), bins), seconds));
                task.step();
            }
        }
        if (plot != null) {
            AtomicFiles.write(plot, diagram(rows, bins, testLogits.size()));
        }

        PrintWriter printer = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("classes", val.classes());
            result.put("validationRows", val.size());
            result.put("testRows", testLogits.size());
            result.put("oodRows", ood == null ? null : oodLogits.size());
            result.put("bins", bins);
            List<Map<String, Object>> list = new ArrayList<>();
            for (Row r : rows) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("method", r.method().id());
                entry.put("name", r.method().displayName());
                entry.putAll(CliSupport.metrics(r.metrics()));
                entry.put("fitSeconds", r.fitSeconds());
                entry.put("calibrator", r.fitted().calibration().describe());
                List<Map<String, Object>> binList = new ArrayList<>();
                for (ReliabilityDiagram.Bin b : r.diagram().bins()) {
                    Map<String, Object> bin = new LinkedHashMap<>();
                    bin.put("lower", b.lower());
                    bin.put("upper", b.upper());
                    bin.put("count", b.count());
                    bin.put("meanConfidence", b.meanConfidence());
                    bin.put("accuracy", b.accuracy());
                    binList.add(bin);
                }
                entry.put("reliability", binList);
                list.add(entry);
            }
            result.put("methods", list);
            List<Map<String, Object>> skippedList = new ArrayList<>();
            skipped.forEach((id, why) -> skippedList.add(new LinkedHashMap<>(Map.of("method", id, "reason", why))));
            result.put("skipped", skippedList);
            result.put("plot", CliSupport.path(plot));
            printer.println(Json.write(result));
            printer.flush();
            return 0;
        }
        printer.printf(Locale.ROOT, "validation: %d rows x %d classes (%s); test: %d rows (%s); ood tuning: %s%n", val.size(),
                val.classes(), validation, testLogits.size(), test, ood == null ? "none" : oodLogits.size() + " rows");
        printer.println();
        printer.println(CliSupport.header("method") + String.format(Locale.ROOT, " %8s", "fit s"));
        for (Row r : rows) {
            printer.println(CliSupport.row(r.method().id(), r.metrics()) + String.format(Locale.ROOT, " %8.2f", r.fitSeconds()));
        }
        skipped.forEach((id, why) -> printer.printf(Locale.ROOT, "skipped %s: %s%n", id, why));
        if (plot != null) {
            printer.printf(Locale.ROOT, "wrote the reliability diagram (%d bins, with counts) to %s%n", bins, plot);
        }
        printer.flush();
        return 0;
    }

    /** Two panels: accuracy against mean confidence per method; below, the test rows in each bin per method. */
    static byte[] diagram(List<Row> rows, int bins, int testRows) {
        XYChart curves = Plots.xy("Reliability on the test set (" + bins + " equal-width bins)", "mean confidence in bin",
                "accuracy in bin");
        curves.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        XYSeries ideal = curves.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1});
        ideal.setMarker(SeriesMarkers.NONE);
        ideal.setLineColor(Color.GRAY);
        CategoryChart counts = Plots.bars("Test rows per confidence bin (of " + testRows + ")", "confidence bin", "rows");
        counts.getStyler().setXAxisLabelRotation(45);
        List<String> categories = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            categories.add(String.format(Locale.ROOT, "%.2f-%.2f", (double) b / bins, (b + 1.0) / bins));
        }
        curves.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        counts.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        Color[] palette = new XChartTheme().getSeriesColors();
        for (int m = 0; m < rows.size(); m++) {
            Row r = rows.get(m);
            Color color = palette[m % palette.length];
            List<ReliabilityDiagram.Bin> nonEmpty = r.diagram().bins();
            double[] x = new double[nonEmpty.size()];
            double[] y = new double[nonEmpty.size()];
            List<Integer> perBin = new ArrayList<>();
            for (int b = 0; b < bins; b++) {
                perBin.add(0);
            }
            for (int i = 0; i < x.length; i++) {
                ReliabilityDiagram.Bin bin = nonEmpty.get(i);
                x[i] = bin.meanConfidence();
                y[i] = bin.accuracy();
                int index = (int) Math.round(bin.lower() * bins);
                perBin.set(Math.min(bins - 1, index), bin.count());
            }
            String name = r.method().id() + String.format(Locale.ROOT, " (ECE %.2f %%)", 100 * r.metrics().ece());
            if (x.length > 0) {
                XYSeries curve = curves.addSeries(name, x, y);
                curve.setLineColor(color);
                curve.setMarkerColor(color);
            }
            counts.addSeries(r.method().id(), categories, perBin).setFillColor(color);
        }
        BufferedImage top = BitmapEncoder.getBufferedImage(curves);
        BufferedImage bottom = BitmapEncoder.getBufferedImage(counts);
        BufferedImage image = new BufferedImage(Math.max(top.getWidth(), bottom.getWidth()), top.getHeight() + bottom.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(top, 0, 0, null);
        g.drawImage(bottom, 0, top.getHeight(), null);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
