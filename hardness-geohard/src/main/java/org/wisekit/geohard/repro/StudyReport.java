package org.wisekit.geohard.repro;

import static org.wisekit.geohard.repro.ClassHardnessReproduction.INDEPENDENT;
import static org.wisekit.geohard.repro.ClassHardnessReproduction.MINILM_LR;
import static org.wisekit.geohard.repro.ClassHardnessReproduction.PCA;
import static org.wisekit.geohard.repro.ClassHardnessReproduction.UMAP;
import static org.wisekit.geohard.repro.ClassHardnessReproduction.key;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.wisekit.geohard.ClassHardness;
import org.wisekit.geohard.repro.ClassHardnessReproduction.SetRun;
import org.wisekit.geohard.repro.ClassHardnessReproduction.Settings;
import org.wisekit.harness.Claim;
import org.wisekit.harness.Plots;
import org.wisekit.harness.RunContext;
import org.wisekit.harness.Threshold;

/** The tables, plots and claims of {@code hardness-geohard/class-hardness}, computed from the per-set runs. */
final class StudyReport {

    /** A row of the Table-2-style matrix: a hardness score (higher = harder) and its label. */
    record Row(String key, String label, boolean baseline) {
    }

    static final Row GEOHARD = new Row(key("geohard", UMAP, "train"), "GeoHard (UMAP-2, train; headline)", false);
    static final Row INTRA = new Row(key("intra", UMAP, "train"), "GeoHard-Intra (UMAP-2, train)", false);
    static final Row INTER = new Row(key("inter", UMAP, "train"), "GeoHard-Inter (UMAP-2, train)", false);
    static final List<Row> ROWS = List.of(
            GEOHARD, INTRA, INTER,
            new Row(key("geohard", "none", "train"), "GeoHard (raw 384-d, train)", false),
            new Row(key("intra", "none", "train"), "GeoHard-Intra (raw, train)", false),
            new Row(key("inter", "none", "train"), "GeoHard-Inter (raw, train)", false),
            new Row(key("geohard", PCA, "train"), "GeoHard (PCA-10, train)", false),
            new Row(key("geohard", UMAP, "test"), "GeoHard (UMAP-2, test)", false),
            new Row(key("geohard", "none", "test"), "GeoHard (raw, test)", false),
            new Row("knn", "kNN label disagreement (k = 10)", true),
            new Row("silhouette", "Silhouette (negated)", true),
            new Row("thrust", "Thrust, 25th percentile (negated)", true),
            new Row("dm-confidence", "Data-maps confidence (negated)", true),
            new Row("dm-variability", "Data-maps variability", true),
            new Row("pvi", "PVI (negated)", true));

    private final RunContext context;
    private final Settings settings;
    private final List<SetRun> runs;
    private final List<SetRun> averaged;

    StudyReport(RunContext context, Settings settings, List<SetRun> runs) {
        this.context = context;
        this.settings = settings;
        this.runs = runs;
        this.averaged = runs.stream().filter(r -> r.set().inAverages()).toList();
    }

    // ------------------------------------------------------------------ arithmetic

    /** Per seed row of the score, the sign-adjusted Pearson averaged over {@code learners}; null if not computed. */
    static double[] perSeed(SetRun run, String metric, List<String> learners) {
        double[][] h = run.hardness().get(metric);
        if (h == null) {
            return null;
        }
        double[] out = new double[h.length];
        for (int s = 0; s < h.length; s++) {
            double sum = 0;
            for (String learner : learners) {
                sum += Metrics.signAdjusted(h[s], run.meanF1(learner), false).value();
            }
            out[s] = sum / learners.size();
        }
        return out;
    }

    /** The score's mean over seeds on one set; NaN if not computed. */
    static double score(SetRun run, String metric, List<String> learners) {
        double[] s = perSeed(run, metric, learners);
        return s == null ? Double.NaN : Metrics.mean(s);
    }

    /** Per seed, the macro average over {@code sets} (seed rows aligned; a one-row score is broadcast). */
    static double[] macroPerSeed(List<SetRun> sets, String metric, List<String> learners) {
        int seeds = 1;
        List<double[]> per = new ArrayList<>();
        for (SetRun r : sets) {
            double[] s = perSeed(r, metric, learners);
            if (s == null) {
                return null;
            }
            per.add(s);
            seeds = Math.max(seeds, s.length);
        }
        double[] macro = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            double sum = 0;
            for (double[] p : per) {
                sum += p[p.length == 1 ? 0 : s];
            }
            macro[s] = sum / per.size();
        }
        return macro;
    }

    /** The per-set means (over seeds) of the score over {@code sets}; null if some set lacks it. */
    static double[] perSet(List<SetRun> sets, String metric, List<String> learners) {
        double[] out = new double[sets.size()];
        for (int i = 0; i < sets.size(); i++) {
            out[i] = score(sets.get(i), metric, learners);
            if (Double.isNaN(out[i])) {
                return null;
            }
        }
        return out;
    }

    /** Mean pairwise Spearman of the three learners' class F1 on one set. */
    static double consistency(SetRun run) {
        List<String> learners = new ArrayList<>(INDEPENDENT);
        learners.add(MINILM_LR);
        double sum = 0;
        int n = 0;
        for (int a = 0; a < learners.size(); a++) {
            for (int b = a + 1; b < learners.size(); b++) {
                sum += Metrics.spearmanOfF1(run.meanF1(learners.get(a)), run.meanF1(learners.get(b)));
                n++;
            }
        }
        return sum / n;
    }

    // ------------------------------------------------------------------ claims

    List<Claim> claims() {
        List<Claim> claims = new ArrayList<>();
        List<SetRun> k4 = runs.stream().filter(r -> r.set().k() >= 4).toList();
        int holding = (int) k4.stream().filter(r -> consistency(r) >= ClassHardnessReproduction.CONSISTENCY).count();
        claims.add(Claim.counted("class-f1-consistency", "Class-wise F1 ranks agree across learners: mean pairwise"
                        + " Spearman of TF-IDF LR, n-gram NB and MiniLM LR class F1 >= " + ClassHardnessReproduction.CONSISTENCY
                        + " on every set with K >= 4 (" + names(k4) + ")",
                "hardness is consistent across learning paradigms", holding, Math.max(1, k4.size()),
                Math.max(1, k4.size() - 1)).withNote(consistencyNote(k4)));

        List<SetRun> named = runs.stream().filter(r -> List.of("trec-coarse", "agnews", "spam").contains(r.set().id()))
                .toList();
        int above = (int) named.stream().filter(r -> score(r, GEOHARD.key(), INDEPENDENT) >= ClassHardnessReproduction.PER_SET)
                .count();
        claims.add(Claim.counted("geohard-per-set", "GeoHard (UMAP-2, train) sign-adjusted Pearson with class F1 >= "
                        + ClassHardnessReproduction.PER_SET + " on " + names(named) + " (mean over UMAP seeds)",
                "AG News .980 (Table 3); .8852-.9998 on most Table 2 sets", above, Math.max(1, named.size()),
                Math.max(1, named.size() - 1)).withNote(perSetNote(named)));

        double[] macro = macroPerSeed(averaged, GEOHARD.key(), INDEPENDENT);
        claims.add(Claim.overSeeds("geohard-macro", "GeoHard (UMAP-2, train) macro-average sign-adjusted Pearson over the"
                        + " sets with K >= 3 (" + names(averaged) + ") >= " + ClassHardnessReproduction.MACRO
                        + ", over UMAP seeds", ".8854 +- .0262 (Table 2, 8 sets)", macro, "r",
                Threshold.atLeast(ClassHardnessReproduction.MACRO)));

        double geo = Metrics.mean(macro);
        Row best = null;
        double bestMacro = Double.NEGATIVE_INFINITY;
        for (Row row : ROWS) {
            double[] m = row.baseline() ? macroPerSeed(averaged, row.key(), INDEPENDENT) : null;
            if (m != null && Metrics.mean(m) > bestMacro) {
                bestMacro = Metrics.mean(m);
                best = row;
            }
        }
        double knn = Metrics.mean(macroPerSeed(averaged, "knn", INDEPENDENT));
        String knnNote = knn > geo
                ? String.format(Locale.ROOT, "kNN label disagreement (%.3f) beats GeoHard (%.3f) here.", knn, geo)
                : String.format(Locale.ROOT, "kNN label disagreement: %.3f, below GeoHard's %.3f.", knn, geo);
        claims.add(Claim.atLeast("geohard-vs-baselines", "GeoHard's macro average minus the best aggregated baseline's"
                                + " (of kNN disagreement, silhouette, Thrust, data-maps confidence/variability, PVI) >= "
                                + ClassHardnessReproduction.MARGIN,
                        ".8854 vs .2936 (Thrust), +.59", geo - bestMacro, "r", ClassHardnessReproduction.MARGIN)
                .withNote(String.format(Locale.ROOT, "Best baseline: %s at %.3f; GeoHard %.3f. %s", best.label(),
                        bestMacro, geo, knnNote)));

        double intra = Metrics.mean(macroPerSeed(averaged, INTRA.key(), INDEPENDENT));
        double inter = Metrics.mean(macroPerSeed(averaged, INTER.key(), INDEPENDENT));
        int parts = (geo >= intra ? 1 : 0) + (geo >= inter ? 1 : 0);
        claims.add(Claim.counted("geohard-vs-components", "GeoHard's macro average >= GeoHard-Intra's and >="
                        + " GeoHard-Inter's (UMAP-2, train)", ".8854 vs .7362 (intra), .7972 (inter)", parts, 2, 1)
                .withNote(String.format(Locale.ROOT, "GeoHard %.3f, intra %.3f, inter %.3f", geo, intra, inter)));

        claims.add(Claim.outOfScope("class-aware-icl", "Class-aware in-context demonstration selection guided by GeoHard"
                        + " improves LLM in-context learning", "gains over random demonstrations (Section 6)",
                "needs a large language model for in-context learning; not available on this CPU"));
        return claims;
    }

    private static String names(List<SetRun> sets) {
        return String.join(", ", sets.stream().map(r -> r.set().id()).toList());
    }

    private static String consistencyNote(List<SetRun> sets) {
        List<String> parts = new ArrayList<>();
        for (SetRun r : sets) {
            parts.add(String.format(Locale.ROOT, "%s %.3f", r.set().id(), consistency(r)));
        }
        return "Mean pairwise Spearman: " + String.join(", ", parts);
    }

    private static String perSetNote(List<SetRun> sets) {
        List<String> parts = new ArrayList<>();
        for (SetRun r : sets) {
            double[] s = perSeed(r, GEOHARD.key(), INDEPENDENT);
            parts.add(String.format(Locale.ROOT, "%s %.3f (seeds %s)", r.set().id(), Metrics.mean(s), fixed(s)));
        }
        return String.join("; ", parts);
    }

    // ------------------------------------------------------------------ report

    void write() {
        matrix("Table-2-style matrix: sign-adjusted Pearson of each hardness score against class F1 (TF-IDF LR and"
                + " n-gram NB, averaged), per set; macro average +- population std over the K >= 3 sets", INDEPENDENT);
        matrix("The same against the class F1 of logistic regression on the MiniLM vectors (shares the embedding's"
                + " geometry)", List.of(MINILM_LR));
        learnerTable();
        perLearner();
        for (SetRun r : runs) {
            classTable(r);
            plot(r);
        }
        macroPlot();
        timing();
    }

    private void matrix(String caption, List<String> learners) {
        List<String> header = new ArrayList<>(List.of("score"));
        for (SetRun r : runs) {
            header.add(r.set().id() + (r.set().inAverages() ? "" : " (K=2)"));
        }
        header.add("macro (K >= 3)");
        List<List<String>> rows = new ArrayList<>();
        for (Row row : ROWS) {
            List<String> cells = new ArrayList<>(List.of(row.label()));
            for (SetRun r : runs) {
                double[] s = perSeed(r, row.key(), learners);
                cells.add(s == null ? "n/a" : s.length == 1 ? fixed(s[0]) : fixed(Metrics.mean(s)) + " +- "
                        + fixed(Metrics.std(s)));
            }
            double[] perSet = perSet(averaged, row.key(), learners);
            cells.add(perSet == null ? "n/a" : fixed(Metrics.mean(perSet)) + " +- " + fixed(Metrics.std(perSet)));
            rows.add(cells);
        }
        context.report().table(caption, header, rows);
        List<String> skipped = new ArrayList<>();
        for (SetRun r : runs) {
            r.skipped().forEach((split, why) -> skipped.add(r.set().id() + " " + split + ": " + why));
        }
        if (!skipped.isEmpty() && learners == INDEPENDENT) {
            context.report().paragraph("n/a: not computed (" + String.join("; ", skipped) + "). UMAP rows are means +-"
                    + " std over the UMAP seeds.");
        }
    }

    private void learnerTable() {
        List<List<String>> rows = new ArrayList<>();
        for (SetRun r : runs) {
            List<String> cells = new ArrayList<>(List.of(r.set().id()));
            for (String learner : List.of("tfidf-lr", "ngram-nb", MINILM_LR)) {
                double[] macro = r.f1().get(learner).runs().stream().mapToDouble(run -> run.macroF1()).toArray();
                cells.add(fixed(Metrics.mean(macro)) + " +- " + fixed(Metrics.std(macro)));
            }
            cells.add(fixed(consistency(r)));
            rows.add(cells);
        }
        context.report().table("Macro-F1 of each learner on the test split (mean +- std over seeds) and the mean pairwise"
                        + " Spearman of their class F1",
                List.of("set", "TF-IDF LR", "n-gram NB", "MiniLM LR", "mean pairwise Spearman"), rows);
    }

    /** Pearson and Spearman per set and learner for the main GeoHard variants and kNN disagreement. */
    private void perLearner() {
        List<String> learners = List.of("tfidf-lr", "ngram-nb", MINILM_LR);
        List<String> header = new ArrayList<>(List.of("set", "score"));
        for (String learner : learners) {
            header.add(learner + " Pearson");
            header.add(learner + " Spearman");
        }
        List<List<String>> rows = new ArrayList<>();
        for (SetRun r : runs) {
            for (Row row : List.of(GEOHARD, ROWS.get(3), ROWS.get(9))) {
                double[][] h = r.hardness().get(row.key());
                if (h == null) {
                    continue;
                }
                List<String> cells = new ArrayList<>(List.of(r.set().id(), row.label()));
                for (String learner : learners) {
                    double p = 0;
                    double sp = 0;
                    for (double[] seedRow : h) {
                        p += Metrics.signAdjusted(seedRow, r.meanF1(learner), false).value() / h.length;
                        sp += Metrics.signAdjusted(seedRow, r.meanF1(learner), true).value() / h.length;
                    }
                    cells.add(fixed(p));
                    cells.add(fixed(sp));
                }
                rows.add(cells);
            }
        }
        context.report().table("Sign-adjusted Pearson and Spearman per set and learner (means over UMAP seeds where"
                + " there are several)", header, rows);
    }

    private void classTable(SetRun r) {
        List<List<String>> rows = new ArrayList<>();
        int[] trainCounts = TextSet.counts(r.set().train().labels(), r.set().k());
        int[] testCounts = TextSet.counts(r.set().test().labels(), r.set().k());
        double[][] geo = r.hardness().get(GEOHARD.key());
        double[][] raw = r.hardness().get(key("geohard", "none", "train"));
        for (int c = 0; c < r.set().k(); c++) {
            List<String> cells = new ArrayList<>(List.of(r.set().classes().get(c), Integer.toString(trainCounts[c]),
                    Integer.toString(testCounts[c])));
            for (String learner : List.of("tfidf-lr", "ngram-nb", MINILM_LR)) {
                cells.add(fixed(r.meanF1(learner)[c]));
            }
            int cls = c;
            ClassHardness h = r.headline() == null ? null : r.headline().stream()
                    .filter(x -> Integer.parseInt(x.label()) == cls).findFirst().orElse(null);
            cells.add(h == null ? "n/a" : fixed(h.intra()));
            cells.add(h == null ? "n/a" : fixed(h.inter()));
            cells.add(geo == null ? "n/a" : fixed(geo[0][c]));
            cells.add(raw == null ? "n/a" : fixed(raw[0][c]));
            cells.add(fixed(r.hardness().get("knn")[0][c]));
            rows.add(cells);
        }
        context.report().table(r.set().id() + ": per class, F1 on the test split (mean over seeds) and hardness (UMAP"
                        + " seed " + settings.umapSeeds()[0] + ")",
                List.of("class", "train", "test", "F1 TF-IDF LR", "F1 NB", "F1 MiniLM LR", "intra (UMAP)",
                        "inter (UMAP)", "GeoHard (UMAP)", "GeoHard (raw)", "kNN disagreement"), rows);
    }

    private void plot(SetRun r) {
        double[][] geo = r.hardness().get(GEOHARD.key());
        if (geo == null) {
            return;
        }
        double[] f1 = new double[r.set().k()];
        for (String learner : INDEPENDENT) {
            double[] m = r.meanF1(learner);
            for (int c = 0; c < f1.length; c++) {
                f1[c] += m[c] / INDEPENDENT.size();
            }
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < f1.length; c++) {
            if (Double.isFinite(f1[c]) && Double.isFinite(geo[0][c])) {
                xs.add(geo[0][c]);
                ys.add(f1[c]);
                names.add(r.set().classes().get(c));
            }
        }
        XYChart chart = Plots.xy(r.set().id() + ": GeoHard vs class F1 (r = "
                        + fixed(score(r, GEOHARD.key(), INDEPENDENT)) + ")",
                "GeoHard (UMAP-2, train; higher = harder)", "class F1 (TF-IDF LR and NB, mean)");
        XYSeries series = chart.addSeries("classes", xs, ys);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
        for (int i = 0; i < xs.size(); i++) {
            chart.addAnnotation(new AnnotationText(names.get(i), xs.get(i), ys.get(i), false));
        }
        context.report().plot("geohard-vs-f1-" + r.set().id(), chart, r.set().id()
                + ": each class's GeoHard on the training split (UMAP-2, first seed) against its class F1; the paper"
                + " expects a falling line (harder class, lower F1).");
    }

    private void macroPlot() {
        CategoryChart chart = Plots.bars("Macro-average sign-adjusted Pearson (K >= 3 sets)", "score", "r");
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (Row row : ROWS) {
            double[] perSet = perSet(averaged, row.key(), INDEPENDENT);
            if (perSet != null) {
                labels.add(row.label().replaceAll(" \\(.*\\)", "") + (row.baseline() ? "" : " " + shortSpace(row)));
                values.add(Metrics.mean(perSet));
                errors.add(Metrics.std(perSet));
            }
        }
        chart.addSeries("macro +- std over sets", labels, values, errors);
        chart.getStyler().setXAxisLabelRotation(60);
        context.report().plot("macro-pearson", chart, "The Table-2 comparison at a glance: macro-average"
                + " sign-adjusted Pearson of every score, error bars the std over sets.");
    }

    private static String shortSpace(Row row) {
        String[] parts = row.key().split("/");
        return "[" + parts[1] + ", " + parts[2] + "]";
    }

    private void timing() {
        List<List<String>> rows = new ArrayList<>();
        for (SetRun r : runs) {
            for (Map.Entry<String, Double> e : r.seconds().entrySet()) {
                rows.add(List.of(r.set().id(), e.getKey(), String.format(Locale.ROOT, "%.2f", e.getValue())));
            }
        }
        context.report().table("Where the time went (seconds, this machine)", List.of("set", "step", "s"), rows);
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String fixed(double[] v) {
        List<String> parts = new ArrayList<>();
        for (double x : v) {
            parts.add(fixed(x));
        }
        return String.join(", ", parts);
    }
}
