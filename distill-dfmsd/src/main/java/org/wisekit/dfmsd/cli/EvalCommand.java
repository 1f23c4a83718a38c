package org.wisekit.dfmsd.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.dfmsd.coco.CocoDataset;
import org.wisekit.dfmsd.coco.CocoFiles;
import org.wisekit.dfmsd.eval.CocoEvaluator;
import org.wisekit.dfmsd.eval.CocoMetrics;
import org.wisekit.dfmsd.eval.Detection;
import org.wisekit.dfmsd.eval.EvalSettings;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit dfmsd eval --gt gt.json --pred dets.json}: COCO box AP/AR of a result file against a ground-truth
 * file, with pycocotools' semantics ({@link CocoEvaluator}); area bounds and the detection limit can be changed
 * for small images. Writes no files.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"COCO-style box AP/AR (pycocotools semantics) of your detections against COCO ground truth.",
                "GT: COCO JSON (images, annotations, categories); PRED: JSON array of",
                "{image_id, category_id, bbox [x,y,w,h], score}. Undefined metrics: n/a (pycocotools: -1; JSON: null)."})
public final class EvalCommand implements Callable<Integer> {

    @ParentCommand
    DfmsdCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--gt", required = true, paramLabel = "GT.json", description = "COCO ground-truth file.")
    Path gt;

    @Option(names = "--pred", required = true, paramLabel = "DETS.json", description = "COCO result file.")
    Path pred;

    @Option(names = "--area-small", paramLabel = "PX2",
            description = "Upper area bound of 'small' objects, in pixels^2 (default: 1024 = 32^2, COCO).")
    Double areaSmall;

    @Option(names = "--area-large", paramLabel = "PX2",
            description = "Lower area bound of 'large' objects, in pixels^2 (default: 9216 = 96^2, COCO).")
    Double areaLarge;

    @Option(names = "--max-dets", defaultValue = "100", paramLabel = "N",
            description = "Detections per image and class for AP (default: ${DEFAULT-VALUE}); AR at 1, 10 and N.")
    int maxDets;

    @Option(names = "--per-class", description = "Also print AP per category.")
    boolean perClass;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        EvalSettings settings = settings();
        Progress progress = parent == null ? Progress.SILENT : parent.progress();
        CocoDataset dataset;
        List<Detection> detections;
        CocoMetrics metrics;
        try (Progress.Task task = progress.start("dfmsd eval", 3)) {
            dataset = prefixed("--gt", () -> CocoFiles.readDataset(gt));
            task.step();
            CocoDataset truth = dataset;
            detections = prefixed("--pred", () -> CocoFiles.readResults(pred, truth));
            task.step();
            metrics = new CocoEvaluator(settings).evaluate(dataset.groundTruths(), detections, dataset.imageIds(),
                    dataset.categoryIds());
            task.step();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(jsonObject(settings, dataset, detections, metrics)));
        } else {
            printTable(out, settings, dataset, detections, metrics);
        }
        out.flush();
        return 0;
    }

    private EvalSettings settings() {
        if (maxDets < 1) {
            throw new IllegalArgumentException("--max-dets must be >= 1, got " + maxDets);
        }
        double small = areaSmall != null ? areaSmall : 32.0 * 32.0;
        double large = areaLarge != null ? areaLarge : 96.0 * 96.0;
        if (!(small > 0) || !Double.isFinite(small)) {
            throw new IllegalArgumentException("--area-small must be a finite number > 0, got " + small);
        }
        if (!(large > small)) {
            throw new IllegalArgumentException("--area-large must be greater than --area-small (" + fmt(small)
                    + "), got " + fmt(large));
        }
        if (!(large < EvalSettings.MAX_AREA)) {
            throw new IllegalArgumentException("--area-large must be below 1e10, got " + large);
        }
        return EvalSettings.scaledAreas(small, large).withMaxDets(maxDets);
    }

    private interface Reader<T> {
        T read();
    }

    /** Runs {@code reader}, naming the option in a bad-input message (the file's own message names the file). */
    private static <T> T prefixed(String option, Reader<T> reader) {
        try {
            return reader.read();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage(), e);
        }
    }

    private Map<String, Object> jsonObject(EvalSettings settings, CocoDataset dataset, List<Detection> detections,
            CocoMetrics metrics) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("gt", gt.toString());
        o.put("pred", pred.toString());
        o.put("images", dataset.images().size());
        o.put("categories", dataset.categories().size());
        o.put("annotations", dataset.annotations().size());
        o.put("detections", detections.size());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("iouThresholds", settings.iouThresholds());
        s.put("recallPoints", settings.recallPoints());
        s.put("maxDets", settings.maxDets());
        s.put("areaSmall", settings.smallArea());
        s.put("areaLarge", settings.largeArea());
        o.put("settings", s);
        Map<String, Object> m = new LinkedHashMap<>();
        double[] stats = metrics.stats();
        for (int i = 0; i < stats.length; i++) {
            m.put(CocoMetrics.STAT_NAMES.get(i), defined(stats[i]));
        }
        o.put("metrics", m);
        if (perClass) {
            Map<Integer, String> names = dataset.categoryNames();
            List<Map<String, Object>> rows = new ArrayList<>();
            metrics.perCategoryAp().forEach((id, ap) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", id);
                row.put("name", names.get(id));
                row.put("ap", defined(ap));
                rows.add(row);
            });
            o.put("perClass", rows);
        }
        return o;
    }

    private static Double defined(double v) {
        return v < 0 ? null : v;
    }

    private void printTable(PrintWriter out, EvalSettings settings, CocoDataset dataset, List<Detection> detections,
            CocoMetrics metrics) {
        List<Integer> md = settings.maxDets();
        out.printf(Locale.ROOT, "%s vs %s: %d images, %d categories, %d objects, %d detections%n", pred, gt,
                dataset.images().size(), dataset.categories().size(), dataset.annotations().size(), detections.size());
        out.printf(Locale.ROOT, "area ranges (px^2, bounds included): small [0, %s], medium [%s, %s], large [%s, 1e10]%n",
                fmt(settings.smallArea()), fmt(settings.smallArea()), fmt(settings.largeArea()),
                fmt(settings.largeArea()));
        String all = iouRange(settings);
        double[] s = metrics.stats();
        String[][] rows = {
            {"AP", all, "all", "" + md.get(2)}, {"AP", "0.50", "all", "" + md.get(2)},
            {"AP", "0.75", "all", "" + md.get(2)}, {"AP", all, "small", "" + md.get(2)},
            {"AP", all, "medium", "" + md.get(2)}, {"AP", all, "large", "" + md.get(2)},
            {"AR", all, "all", "" + md.get(0)}, {"AR", all, "all", "" + md.get(1)},
            {"AR", all, "all", "" + md.get(2)}, {"AR", all, "small", "" + md.get(2)},
            {"AR", all, "medium", "" + md.get(2)}, {"AR", all, "large", "" + md.get(2)}};
        for (int i = 0; i < rows.length; i++) {
            out.printf(Locale.ROOT, " %-5s %s @[ IoU=%-9s | area=%6s | maxDets=%3s ] = %s%n", CocoMetrics.STAT_NAMES.get(i),
                    rows[i][0], rows[i][1], rows[i][2], rows[i][3], value(s[i]));
        }
        if (perClass) {
            Map<Integer, String> names = dataset.categoryNames();
            out.println("AP per category (IoU " + all + ", area all):");
            metrics.perCategoryAp().forEach((id, ap) -> out.printf(Locale.ROOT, "  %6d  %-24s %s%n", id, names.get(id),
                    value(ap)));
        }
        boolean undefined = java.util.Arrays.stream(s).anyMatch(v -> v < 0)
                || perClass && metrics.perCategoryAp().values().stream().anyMatch(v -> v < 0);
        if (undefined) {
            out.println("n/a: no ground truth there (pycocotools prints -1)");
        }
    }

    private static String iouRange(EvalSettings settings) {
        List<Double> t = settings.iouThresholds();
        return String.format(Locale.ROOT, "%.2f:%.2f", t.get(0), t.get(t.size() - 1));
    }

    private static String value(double v) {
        return v < 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
