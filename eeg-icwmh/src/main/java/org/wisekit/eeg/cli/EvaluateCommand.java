package org.wisekit.eeg.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.wisekit.eeg.baselines.CspLda;
import org.wisekit.eeg.data.Fold;
import org.wisekit.eeg.data.Folds;
import org.wisekit.eeg.data.PhysioNetMmi;
import org.wisekit.eeg.data.TrialSet;
import org.wisekit.eeg.dl4j.Classifier;
import org.wisekit.eeg.internal.Rows;
import org.wisekit.eeg.dl4j.LightCnn;
import org.wisekit.eeg.dl4j.TrainSettings;
import org.wisekit.eeg.preprocess.Fusion;
import org.wisekit.eeg.preprocess.Preprocessor;
import org.wisekit.harness.Json;
import org.wisekit.harness.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit eeg evaluate --edf-dir DIR --runs 4,8,12 --method full|raw|zscore|icwmh|csp}: leave-one-run-out
 * accuracy of one method on a subject's PhysioNet-style runs ({@code SxxxRyy.edf}, T1/T2 epochs 0 to 4 s). Image
 * methods train the light CNN (seeded) on the other runs; {@code csp} is CSP + log-variance + LDA. Writes no files.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Leave-one-run-out accuracy of a preprocessing + classifier on your PhysioNet-style EDF runs.",
                "Files DIR/SxxxRyy.edf; trials are the T1/T2 annotations, 0 to 4 s."})
public final class EvaluateCommand implements Callable<Integer> {

    private static final Pattern RUN_FILE = Pattern.compile("(S\\d{3})R(\\d{2})\\.edf");

    @ParentCommand
    EegCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--edf-dir", required = true, paramLabel = "DIR", description = "Folder with SxxxRyy.edf files.")
    Path dir;

    @Option(names = "--subject", paramLabel = "SXXX", description = "Subject prefix when DIR holds several (e.g. S001).")
    String subject;

    @Option(names = "--runs", required = true, split = ",", paramLabel = "N,N,...", description = "Runs, e.g. 4,8,12 (at least 2).")
    List<Integer> runs;

    @Option(names = "--method", defaultValue = "full", paramLabel = "full|icwmh|zscore|raw|csp",
            description = "Preprocessing + classifier (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--epochs", defaultValue = "25", paramLabel = "N", description = "CNN epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--size", defaultValue = "32x64", paramLabel = "HxW", description = "Image size (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "CNN seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--edf-dir " + dir + ": no such folder");
        }
        if (runs.size() < 2) {
            throw new IllegalArgumentException("--runs needs at least 2 runs for leave-one-run-out, got " + runs);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        String who = subject != null ? subject : onlySubject();
        String m = method.toLowerCase(Locale.ROOT);
        Preprocessor.Settings settings = switch (m) {
            case "full" -> image(Preprocessor.ChannelNorm.ICWMH, Fusion.Mode.HADAMARD);
            case "icwmh" -> image(Preprocessor.ChannelNorm.ICWMH, Fusion.Mode.IMAGE_ONLY);
            case "zscore" -> image(Preprocessor.ChannelNorm.ZSCORE, Fusion.Mode.IMAGE_ONLY);
            case "raw" -> image(Preprocessor.ChannelNorm.NONE, Fusion.Mode.IMAGE_ONLY);
            case "csp" -> null;
            default -> throw new IllegalArgumentException("--method must be full, icwmh, zscore, raw or csp, got '"
                    + method + "'");
        };
        TrialSet trials = PhysioNetMmi.trials(dir, who, runs, PhysioNetMmi.leftRightSpec());
        List<Fold> folds = Folds.leaveOneGroupOut(trials.runs());
        List<Map<String, Object>> perFold = new ArrayList<>();
        float[][][][] images = settings == null ? null : new Preprocessor(settings).apply(trials.data());
        double sum = 0;
        try (Progress.Task task = parent.progress().start("evaluate " + m + " on " + who, folds.size())) {
            for (Fold fold : folds) {
                int[] trainY = Rows.select(trials.labels(), fold.train());
                int[] testY = Rows.select(trials.labels(), fold.test());
                int[] predicted;
                if (settings == null) {
                    predicted = CspLda.fit(Rows.select(trials.data(), fold.train()), trainY, CspLda.Settings.defaults())
                            .predict(Rows.select(trials.data(), fold.test()));
                } else {
                    LightCnn net = LightCnn.of(images[0].length, settings.height(), settings.width(), 2);
                    predicted = Classifier.fit(net, Rows.select(images, fold.train()), trainY,
                            TrainSettings.defaults().withEpochs(epochs).withSeed(seed)).predict(Rows.select(images, fold.test()));
                }
                int ok = 0;
                for (int i = 0; i < testY.length; i++) {
                    ok += predicted[i] == testY[i] ? 1 : 0;
                }
                double acc = (double) ok / testY.length;
                sum += acc;
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("testRun", trials.runs()[fold.test()[0]]);
                f.put("trials", testY.length);
                f.put("accuracy", acc);
                perFold.add(f);
                task.step();
            }
        }
        double mean = sum / folds.size();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("subject", who);
            o.put("runs", runs);
            o.put("method", m);
            o.put("trials", trials.size());
            o.put("folds", perFold);
            o.put("meanAccuracy", mean);
            out.println(Json.write(o));
        } else {
            out.printf(Locale.ROOT, "%s runs %s, %d trials, method %s (leave-one-run-out)%n", who, runs, trials.size(), m);
            for (Map<String, Object> f : perFold) {
                out.printf(Locale.ROOT, "  test run %2d: %3d trials, accuracy %.3f%n", f.get("testRun"), f.get("trials"),
                        (Double) f.get("accuracy"));
            }
            out.printf(Locale.ROOT, "mean accuracy %.3f%n", mean);
        }
        out.flush();
        return 0;
    }

    private Preprocessor.Settings image(Preprocessor.ChannelNorm norm, Fusion.Mode fusion) {
        return ImageSize.apply(Preprocessor.Settings.defaults().withChannelNorm(norm).withFusion(fusion), size);
    }

    private String onlySubject() throws IOException {
        TreeSet<String> subjects = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher mm = RUN_FILE.matcher(f.getFileName().toString());
                if (mm.matches()) {
                    subjects.add(mm.group(1));
                }
            });
        }
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("--edf-dir " + dir + " has no SxxxRyy.edf files");
        }
        if (subjects.size() > 1) {
            throw new IllegalArgumentException("--edf-dir " + dir + " holds several subjects " + subjects
                    + "; choose one with --subject");
        }
        return subjects.first();
    }



}
