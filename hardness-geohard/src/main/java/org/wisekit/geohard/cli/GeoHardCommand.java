package org.wisekit.geohard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.datasets.io.Npy;
import org.wisekit.geohard.ClassHardness;
import org.wisekit.geohard.Correlation;
import org.wisekit.geohard.GeoHard;
import org.wisekit.geohard.Options;
import org.wisekit.harness.Progress;
import org.wisekit.text.embed.SentenceEncoder;
import org.wisekit.text.embed.SentenceEncoders;
import org.wisekit.geohard.Transform;
import org.wisekit.harness.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit geohard --data FILE.tsv [--embeddings FILE.npy|.csv] [--transform none|pca:K|umap:K] [--balance N]
 * [--seed S] [--f1 FILE.tsv] [--json]}: GeoHard (intra, inter, sum, rank) per class of the given embeddings, or of
 * the texts' all-MiniLM-L6-v2 embeddings (wisekit-text) without {@code --embeddings}, and, with {@code --f1},
 * Pearson and Spearman against the class-wise F1 (raw and sign-adjusted). Writes no files. Bad input throws
 * {@link IllegalArgumentException} with a one-line message naming the file and line.
 */
@Command(name = "geohard", mixinStandardHelpOptions = true,
        description = {"GeoHard class-wise hardness (Cai et al., Findings of ACL 2024), per class:",
                "  intra   = L2 norm of the per-dimension variance of the class's embeddings",
                "  inter   = minus the mean L1 distance from its centroid to the other centroids",
                "  geohard = intra + inter (higher is harder; rank 1 = hardest)",
                "With --f1: Pearson and Spearman against class-wise F1, raw and sign-adjusted",
                "(negated, higher is better). Writes no files."})
public final class GeoHardCommand implements Callable<Integer> {

    private final Progress progress;

    /** The command; embedding progress goes to {@code progress}. */
    public GeoHardCommand(Progress progress) {
        this.progress = progress;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.tsv",
            description = "label<TAB>text per line (optional header 'label<TAB>text').")
    Path data;

    @Option(names = "--embeddings", paramLabel = "FILE.npy|.csv",
            description = "One embedding row per data line (.npy 2-D float32/float64, or comma-separated .csv). "
                    + "Without it the texts are embedded with all-MiniLM-L6-v2 (mean pooled, L2-normalised, 128 tokens).")
    Path embeddings;

    @Option(names = "--transform", paramLabel = "none|pca:K|umap:K", defaultValue = "none",
            description = "Transform fitted on all rows before the statistics: pca:K (K principal components) or "
                    + "umap:K (UMAP to K dimensions, umap-learn defaults, seeded with --seed; the paper's pipeline) "
                    + "(default: ${DEFAULT-VALUE}).")
    String transform;

    @Option(names = "--balance", paramLabel = "N", defaultValue = "0",
            description = "Draw N items of every class (seeded); 0 uses all (default: ${DEFAULT-VALUE}).")
    int balance;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--f1", paramLabel = "FILE.tsv", description = "class<TAB>f1 per line, one per class (optional header).")
    Path f1;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Transform t;
        try {
            t = Transform.parse(transform);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--transform: " + e.getMessage(), e);
        }
        Options options = new Options(t, checkBalance(balance), seed);
        Items items = readData(data);
        List<String> labels = items.labels();
        double[][] x = embeddings == null ? embed(items.texts()) : readEmbeddings(embeddings);
        if (x.length != labels.size()) {
            throw new IllegalArgumentException("--embeddings " + embeddings + " has " + x.length + " rows but --data "
                    + data + " has " + labels.size() + " items; they must match one to one");
        }
        List<ClassHardness> classes = GeoHard.compute(x, labels.toArray(String[]::new), options);
        Correlation.Result pearson = null;
        Correlation.Result spearman = null;
        double[] f1Values = null;
        if (f1 != null) {
            Map<String, Double> byClass = readF1(f1, classes);
            f1Values = classes.stream().mapToDouble(c -> byClass.get(c.label())).toArray();
            double[] h = Correlation.geoHard(classes);
            pearson = Correlation.pearson(h, f1Values);
            spearman = Correlation.spearman(h, f1Values);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(toJson(classes, f1Values, pearson, spearman, options, x[0].length, labels.size())));
        } else {
            printText(out, classes, f1Values, pearson, spearman, options, x[0].length, labels.size());
        }
        out.flush();
        return 0;
    }

    private static int checkBalance(int n) {
        if (n != 0 && n < 2) {
            throw new IllegalArgumentException("--balance must be 0 (off) or >= 2, got " + n);
        }
        return n;
    }

    /** The labels and texts of the data file, in line order. */
    record Items(List<String> labels, List<String> texts) {
    }

    /** The texts' all-MiniLM-L6-v2 embeddings (ONNX Runtime when present, else the Java forward pass). */
    private double[][] embed(List<String> texts) {
        float[][] v;
        try (SentenceEncoder encoder = SentenceEncoders.miniLm();
             Progress.Task task = progress.start("embedding " + texts.size() + " texts (all-MiniLM-L6-v2)", texts.size())) {
            int[] reported = {0};
            v = encoder.encode(texts, done -> {
                task.step(done - reported[0]);
                reported[0] = done;
            });
        }
        double[][] x = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            x[i] = new double[v[i].length];
            for (int j = 0; j < v[i].length; j++) {
                x[i][j] = v[i][j];
            }
        }
        return x;
    }

    /**
     * Labels and texts of {@code label<TAB>text} lines; an optional first line {@code label<TAB>text} is a header.
     * An empty label or an empty text is an error naming the line.
     */
    static Items readData(Path file) throws IOException {
        List<String> lines = readLines(file, "--data");
        List<String> labels = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = stripBom(lines.get(i), i);
            if (i == 0 && line.trim().equalsIgnoreCase("label\ttext")) {
                continue;
            }
            if (line.isBlank() && allBlankFrom(lines, i)) {
                break;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected label<TAB>text, found no tab");
            }
            String label = line.substring(0, tab).trim();
            if (label.isEmpty()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": empty label");
            }
            String text = line.substring(tab + 1).strip();
            if (text.isEmpty()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": empty text");
            }
            labels.add(label);
            texts.add(text);
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("--data " + file + " has no data lines");
        }
        return new Items(labels, texts);
    }

    /** Rows of a 2-D {@code .npy}, or of a comma-separated {@code .csv} (numbers only, no header). */
    static double[][] readEmbeddings(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--embeddings " + file + ": no such file");
            }
            Npy.Array2d a = Npy.read(file);
            double[][] rows = new double[a.rows()][a.columns()];
            for (int r = 0; r < a.rows(); r++) {
                System.arraycopy(a.values(), r * a.columns(), rows[r], 0, a.columns());
            }
            return rows;
        }
        if (!name.endsWith(".csv")) {
            throw new IllegalArgumentException("--embeddings must be a .npy or .csv file, got " + file);
        }
        List<String> lines = readLines(file, "--embeddings");
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = stripBom(lines.get(i), i);
            if (line.isBlank() && allBlankFrom(lines, i)) {
                break;
            }
            String[] cells = line.split(",", -1);
            double[] row = new double[cells.length];
            for (int c = 0; c < cells.length; c++) {
                try {
                    row[c] = Double.parseDouble(cells[c].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": column " + (c + 1)
                            + " is not a number: '" + cells[c].trim() + "'");
                }
                if (!Double.isFinite(row[c])) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": column " + (c + 1) + " is " + row[c]);
                }
            }
            if (!rows.isEmpty() && row.length != rows.get(0).length) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + row.length + " columns, line 1 has "
                        + rows.get(0).length);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("--embeddings " + file + " has no rows");
        }
        return rows.toArray(double[][]::new);
    }

    /** {@code class<TAB>f1} lines; every class must appear once, and only known classes. */
    static Map<String, Double> readF1(Path file, List<ClassHardness> classes) throws IOException {
        List<String> known = classes.stream().map(ClassHardness::label).toList();
        List<String> lines = readLines(file, "--f1");
        Map<String, Double> f1 = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = stripBom(lines.get(i), i);
            if (i == 0 && line.trim().equalsIgnoreCase("class\tf1")) {
                continue;
            }
            if (line.isBlank() && allBlankFrom(lines, i)) {
                break;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != 2) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected class<TAB>f1");
            }
            String label = cells[0].trim();
            if (!known.contains(label)) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": unknown class '" + label
                        + "' (classes in --data: " + String.join(", ", known) + ")");
            }
            double v;
            try {
                v = Double.parseDouble(cells[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": f1 is not a number: '" + cells[1].trim() + "'");
            }
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": f1 is " + v);
            }
            if (f1.put(label, v) != null) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": class '" + label + "' given twice");
            }
        }
        for (String label : known) {
            if (!f1.containsKey(label)) {
                throw new IllegalArgumentException("--f1 " + file + " has no value for class '" + label + "'");
            }
        }
        return f1;
    }

    private static List<String> readLines(Path file, String option) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static String stripBom(String line, int i) {
        return i == 0 && line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static boolean allBlankFrom(List<String> lines, int i) {
        return lines.subList(i, lines.size()).stream().allMatch(String::isBlank);
    }

    private static Map<String, Object> toJson(List<ClassHardness> classes, double[] f1, Correlation.Result pearson,
            Correlation.Result spearman, Options options, int dims, int items) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("items", items);
        root.put("classes", classes.size());
        root.put("dimensions", dims);
        root.put("transform", options.transform().toString());
        root.put("balance", options.balance());
        root.put("seed", options.seed());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            ClassHardness h = classes.get(c);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("class", h.label());
            row.put("n", h.n());
            row.put("intra", h.intra());
            row.put("inter", h.inter());
            row.put("geoHard", h.geoHard());
            row.put("rank", h.rank());
            row.put("f1", f1 == null ? null : f1[c]);
            rows.add(row);
        }
        root.put("perClass", rows);
        root.put("pearson", correlationJson(pearson));
        root.put("spearman", correlationJson(spearman));
        return root;
    }

    private static Map<String, Object> correlationJson(Correlation.Result r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("raw", r.defined() ? r.value() : null);
        m.put("signAdjusted", r.defined() ? r.signAdjusted() : null);
        m.put("defined", r.defined());
        m.put("trivial", r.trivial());
        m.put("note", r.reason().isEmpty() ? null : r.reason());
        return m;
    }

    private static void printText(PrintWriter out, List<ClassHardness> classes, double[] f1, Correlation.Result pearson,
            Correlation.Result spearman, Options options, int dims, int items) {
        out.printf(Locale.ROOT, "GeoHard: %d items, %d classes, %d dimensions, transform %s, balance %s%n", items,
                classes.size(), dims, options.transform(), options.balance() == 0 ? "off"
                        : options.balance() + " per class (seed " + options.seed() + ")");
        out.printf(Locale.ROOT, "%-20s %7s %12s %12s %12s %5s%s%n", "class", "n", "intra", "inter", "geohard", "rank",
                f1 == null ? "" : String.format(Locale.ROOT, " %10s", "f1"));
        for (int c = 0; c < classes.size(); c++) {
            ClassHardness h = classes.get(c);
            out.printf(Locale.ROOT, "%-20s %7d %12.6g %12.6g %12.6g %5d%s%n", h.label(), h.n(), h.intra(), h.inter(),
                    h.geoHard(), h.rank(), f1 == null ? "" : String.format(Locale.ROOT, " %10.4f", f1[c]));
        }
        out.println("rank 1 = hardest (highest GeoHard)");
        for (Correlation.Result r : new Correlation.Result[] {pearson, spearman}) {
            if (r == null) {
                continue;
            }
            if (r.defined()) {
                out.printf(Locale.ROOT, "%s vs f1: %.4f raw, %.4f sign-adjusted (higher is better)%s%n", r.method(),
                        r.value(), r.signAdjusted(), r.trivial() ? " [trivial: " + r.reason() + "]" : "");
            } else {
                out.printf(Locale.ROOT, "%s vs f1: undefined: %s%n", r.method(), r.reason());
            }
        }
    }
}
