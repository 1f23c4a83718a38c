package org.wisekit.ddescent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.ddescent.DigitsAnalysis;
import org.wisekit.ddescent.DigitsResult;
import org.wisekit.ddescent.Mode;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit ddescent data --csv FILE --outputs K}: the analysis of {@link DigitsAnalysis} on a user's
 * labelled data: gradient descent of the two-layer linear network (one-hot K outputs, seeded label noise on the
 * training split, standardised features) measured on the test split, against the decoupled theory from the
 * training covariances; prints the gap, the double-descent flags of both curves and the conditions on the theory.
 *
 * <p>The CSV: comma-separated numeric features with the integer class label (0 to K-1) in the last column, one row
 * per line; the first line is a header, and skipped, when one of its fields is not a number; blank lines are
 * skipped; every row must have the first row's number of fields. {@code --out} writes the CSV
 * {@code t,step,e_gd,e_theory}. Warnings (K = 1: a single output has one singular value) go to stderr.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"Gradient descent vs the two-layer theory on your labelled CSV (features..., label 0..K-1).",
                "One-hot outputs, seeded label noise on the training split, standardised features; prints the gap,"
                        + " double-descent flags and the conditions C1/C2."})
public final class DataCommand implements Callable<Integer> {

    @ParentCommand
    DdescentCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--csv", required = true, paramLabel = "FILE",
            description = "Numeric features, integer label (0..K-1) in the last column; header optional.")
    Path csv;

    @Option(names = "--outputs", required = true, paramLabel = "K", description = "Number of classes K (one-hot outputs).")
    int outputs;

    @Option(names = "--label-noise", defaultValue = "0.2", paramLabel = "F",
            description = "Fraction of training labels replaced by another class, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double labelNoise;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of split, noise and init (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--steps", defaultValue = "20000", paramLabel = "N", description = "Gradient-descent steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--step-size", defaultValue = "0.05", paramLabel = "H", description = "Gradient-descent step (default: ${DEFAULT-VALUE}).")
    double stepSize;

    @Option(names = "--test-fraction", defaultValue = "0.2", paramLabel = "F", description = "Held-out fraction, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--init-scale", defaultValue = "1e-3", paramLabel = "S", description = "Std of the random initial weights (default: ${DEFAULT-VALUE}).")
    double initScale;

    @Option(names = "--points", defaultValue = "200", paramLabel = "N", description = "Log-spaced recorded steps (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--hidden", defaultValue = "0", paramLabel = "H", description = "Hidden width; 0: the number of features (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV t,step,e_gd,e_theory.")
    Path out;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        if (outputs < 1) {
            throw new IllegalArgumentException("--outputs must be >= 1, got " + outputs);
        }
        DigitsAnalysis.Settings settings = settings();
        Table table = read(csv, outputs);
        long start = System.nanoTime();
        DigitsResult r;
        try (Progress.Task task = parent.progress().start("gradient descent", settings.steps())) {
            long[] done = {0};
            r = DigitsAnalysis.run(table.x(), table.labels(), outputs, settings, seed, s -> {
                task.step(s - done[0]);
                done[0] = s;
            });
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(optionNames(e.getMessage()), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter err = spec.commandLine().getErr();
        for (String w : r.warnings()) {
            err.println("warning: " + w);
        }
        err.flush();
        double[] t = r.times();
        double[] gd = r.gdTestError();
        double[] th = r.theoryTestError();
        if (out != null) {
            StringBuilder s = new StringBuilder("t,step,e_gd,e_theory\n");
            for (int k = 0; k < t.length; k++) {
                s.append(Values.csv(t[k])).append(',').append(Math.round(t[k] / r.settings().stepSize())).append(',')
                        .append(Values.csv(gd[k])).append(',').append(Values.csv(th[k])).append('\n');
            }
            AtomicFiles.writeString(out, s.toString());
        }
        int last = t.length - 1;
        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("csv", csv.toString());
            o.put("rows", table.labels().length);
            o.put("headerSkipped", table.header());
            o.put("trainSize", r.trainSize());
            o.put("testSize", r.testSize());
            o.put("features", r.features());
            o.put("droppedFeatures", r.droppedFeatures());
            o.put("classes", r.classes());
            o.put("noisyLabels", r.noisyLabels());
            o.put("seed", seed);
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("labelNoise", r.settings().labelNoise());
            st.put("testFraction", r.settings().testFraction());
            st.put("stepSize", r.settings().stepSize());
            st.put("steps", r.settings().steps());
            st.put("initScale", r.settings().initScale());
            st.put("points", r.settings().points());
            st.put("hidden", r.settings().hidden());
            o.put("settings", st);
            List<Object> modes = new ArrayList<>();
            double[] gammas = r.gammas();
            for (int i = 0; i < r.modes().size(); i++) {
                Map<String, Object> m = Values.mode(r.modes().get(i));
                m.put("gamma", gammas[i]);
                modes.add(m);
            }
            o.put("modes", modes);
            o.put("theoryConstant", r.theoryConstant());
            o.put("maxRelativeGap", Values.num(r.maxRelativeGap()));
            o.put("misalignment", Values.num(r.misalignment()));
            o.put("finalTime", t[last]);
            o.put("gdFinalTestError", gd[last]);
            o.put("theoryFinalTestError", th[last]);
            o.put("gdMinTestError", min(gd));
            o.put("theoryMinTestError", min(th));
            o.put("gd", Values.detection(r.gdDetection()));
            o.put("theory", Values.detection(r.theoryDetection()));
            o.put("conditions", Values.conditions(r.conditions()));
            o.put("warnings", r.warnings());
            o.put("seconds", seconds);
            o.put("out", out == null ? null : out.toString());
            pw.println(Json.write(o));
        } else {
            pw.printf(Locale.ROOT, "%d rows -> %d train / %d test; %d features (%d constant dropped), %d classes, %d"
                    + " noisy training labels; %d modes%n", table.labels().length, r.trainSize(), r.testSize(),
                    r.features(), r.droppedFeatures().size(), r.classes(), r.noisyLabels(), r.modes().size());
            pw.printf(Locale.ROOT, "GD vs theory: max relative gap %.4g (misalignment %.3g); test error at t = %.4g:"
                    + " GD %.5g, theory %.5g; minimum: GD %.5g, theory %.5g%n", r.maxRelativeGap(),
                    r.misalignment(), t[last], gd[last], th[last], min(gd), min(th));
            pw.println("GD:     " + Values.detectionLine(r.gdDetection()));
            pw.println("theory: " + Values.detectionLine(r.theoryDetection()));
            pw.println("conditions on the theory: " + Values.conditionsLine(r.conditions()));
            pw.printf(Locale.ROOT, "%d steps of %s in %.2f s%n", r.settings().steps(), r.settings().stepSize(),
                    seconds);
            if (out != null) {
                pw.println("wrote " + out);
            }
        }
        pw.flush();
        return 0;
    }

    private DigitsAnalysis.Settings settings() {
        if (!(labelNoise >= 0 && labelNoise < 1)) {
            throw new IllegalArgumentException("--label-noise must be in [0, 1), got " + labelNoise);
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("--test-fraction must be in (0, 1), got " + testFraction);
        }
        if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
            throw new IllegalArgumentException("--step-size must be finite and > 0, got " + stepSize);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        if (!(initScale > 0) || !Double.isFinite(initScale)) {
            throw new IllegalArgumentException("--init-scale must be finite and > 0, got " + initScale);
        }
        if (points < 2) {
            throw new IllegalArgumentException("--points must be >= 2, got " + points);
        }
        if (hidden < 0) {
            throw new IllegalArgumentException("--hidden must be >= 0 (0: the number of features), got " + hidden);
        }
        return new DigitsAnalysis.Settings(labelNoise, testFraction, stepSize, steps, initScale, points, hidden);
    }

    /** The library's message with its parameter names replaced by this command's options. */
    private String optionNames(String message) {
        String m = message == null ? "" : message;
        if (m.startsWith("stepSize")) {
            return "--step-size" + m.substring("stepSize".length());
        }
        if (m.startsWith("testFraction")) {
            return "--test-fraction" + m.substring("testFraction".length());
        }
        return "--csv " + csv + ": " + m;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    /** The parsed CSV. */
    record Table(double[][] x, int[] labels, boolean header) {
    }

    /** Reads the CSV; {@link IllegalArgumentException} naming the file and the line on malformed input. */
    static Table read(Path file, int classes) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--csv " + file + ": no such file");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException("--csv " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int width = -1;
        boolean header = false;
        boolean first = true;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (ln == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            String where = "--csv " + file + " line " + (ln + 1);
            if (first) {
                first = false;
                if (!allNumbers(f)) {
                    header = true;
                    continue;
                }
            }
            if (width < 0) {
                width = f.length;
                if (width < 2) {
                    throw new IllegalArgumentException(where + ": need at least one feature and the label, got "
                            + width + " field");
                }
            }
            if (f.length != width) {
                throw new IllegalArgumentException(where + ": expected " + width + " fields like the first row, got "
                        + f.length);
            }
            double[] x = new double[width - 1];
            for (int j = 0; j < width - 1; j++) {
                x[j] = number(f[j], where + " field " + (j + 1));
            }
            double lab = number(f[width - 1], where + " label (last field)");
            if (lab != Math.rint(lab)) {
                throw new IllegalArgumentException(where + ": label '" + f[width - 1].strip() + "' is not an integer");
            }
            if (lab < 0 || lab >= classes) {
                throw new IllegalArgumentException(where + ": label " + (long) lab + " is not in [0, " + classes
                        + ") for --outputs " + classes);
            }
            rows.add(x);
            labels.add((int) lab);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("--csv " + file + " has no data rows");
        }
        if (rows.size() < 2) {
            throw new IllegalArgumentException("--csv " + file + " has 1 data row; need at least 2 (train and test)");
        }
        return new Table(rows.toArray(new double[0][]), labels.stream().mapToInt(Integer::intValue).toArray(),
                header);
    }

    private static boolean allNumbers(String[] fields) {
        for (String s : fields) {
            try {
                Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static double number(String s, String where) {
        double v;
        try {
            v = Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": not a number: '" + s.strip() + "'");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(where + ": not a finite number: '" + s.strip() + "'");
        }
        return v;
    }
}
