package org.wisekit.calib.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.calib.CalibrationMetrics;
import org.wisekit.calib.Calibrators;
import org.wisekit.calib.EnergyCalibration;
import org.wisekit.calib.EnergyScaling;
import org.wisekit.calib.FittedCalibration;
import org.wisekit.calib.LogitFiles;
import org.wisekit.calib.Logits;
import org.wisekit.calib.Method;
import org.wisekit.calib.Probabilities;
import org.wisekit.calib.Uncalibrated;
import org.wisekit.harness.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit calib fit --val VAL [--ood OOD] --method M [--test TEST] [--out PROBS] [--save CAL.json] [--json]}:
 * fits a method on labelled validation logits (and OOD tuning logits), optionally scores it on labelled test
 * logits (metrics before and after), and writes files only where named: {@code --out} the calibrated test
 * probabilities, {@code --save} the fitted calibrator (for {@code calib apply}). File layout: see
 * {@link LogitFiles}.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fit a calibration method on labelled validation logits; optionally score it on test logits, "
                + "write the calibrated test probabilities (--out) and save the calibrator (--save).",
                "Files: CSV (label, then K logits per row; optional header) or .npy float32/float64 of shape (N, K+1).",
                "Nothing is written unless --out or --save names it."})
public final class FitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    CalibCommand parent;

    @Option(names = "--val", required = true, paramLabel = "FILE", description = "Validation logits with labels (fit set).")
    Path validation;

    @Option(names = "--test", paramLabel = "FILE", description = "Test logits with labels: scored before and after.")
    Path test;

    @Option(names = "--method", defaultValue = "energy", paramLabel = "ID",
            description = "uncal, ts, ets, irm, irova, irova-ts, energy, ts-ood, energy-no-ood-density, hist, vector, "
                    + "matrix, dirichlet, beta (2 classes) (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--ood", paramLabel = "FILE",
            description = "OOD tuning logits (K columns, or K+1 with the first ignored); used by energy and ts-ood.")
    Path ood;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the calibrated --test probabilities here (.csv or .npy); needs --test.")
    Path out;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the fitted calibrator here (JSON; read by 'calib apply').")
    Path save;

    @Option(names = "--bins", defaultValue = "15", paramLabel = "B", description = "Bins for ECE and adaptive ECE (default: ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--json", description = "Print one JSON object instead of the text summary.")
    boolean json;

    @Mixin
    MethodOptions methodOptions = new MethodOptions();

    @Override
    public Integer call() {
        Method chosen = Method.byId(method);
        if (bins < 1) {
            throw new IllegalArgumentException("--bins must be >= 1, got " + bins);
        }
        if (out != null && test == null) {
            throw new IllegalArgumentException("--out " + out + " needs --test: it holds the calibrated test probabilities");
        }
        CliSupport.notAnInput(out, "--out", validation, test, ood);
        CliSupport.notAnInput(save, "--save", validation, test, ood);
        if (out != null && save != null && out.toAbsolutePath().normalize().equals(save.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--out and --save both name " + out + "; name two files");
        }
        Logits val = LogitFiles.readLabelled(validation);
        if (!chosen.supports(val.classes())) {
            throw new IllegalArgumentException("--method " + chosen.id() + " needs 2 classes, --val " + validation + " has "
                    + val.classes());
        }
        Logits testLogits = test == null ? null : LogitFiles.readLabelled(test, val.classes());
        Logits oodLogits = ood == null ? Logits.empty(val.classes()) : LogitFiles.readOutOfDistribution(ood, val.classes());
        if (chosen == Method.TS_OOD && oodLogits.isEmpty()) {
            throw new IllegalArgumentException("--method ts-ood needs OOD tuning logits (--ood FILE)");
        }

        FittedCalibration fitted;
        try (CliSupport.ProgressListener listener = new CliSupport.ProgressListener(parent.progress(), "fit " + chosen.id())) {
            fitted = Calibrators.fit(chosen, methodOptions.calibrator(chosen), val, oodLogits, listener);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("method", chosen.id());
        result.put("name", chosen.displayName());
        result.put("classes", val.classes());
        result.put("validationRows", val.size());
        result.put("oodRows", ood == null ? null : oodLogits.size());
        result.put("calibrator", fitted.calibration().describe());
        Map<String, Object> testResult = null;
        Probabilities after = null;
        CalibrationMetrics beforeMetrics = null;
        CalibrationMetrics afterMetrics = null;
        Integer clamped = null;
        if (testLogits != null) {
            beforeMetrics = CalibrationMetrics.evaluate(new Uncalibrated().apply(testLogits), testLogits.labels(), bins);
            after = fitted.apply(testLogits);
            afterMetrics = CalibrationMetrics.evaluate(after, testLogits.labels(), bins);
            if (fitted.calibration() instanceof EnergyCalibration energy) {
                clamped = energy.temperatures(testLogits).clamped();
            }
            testResult = new LinkedHashMap<>();
            testResult.put("rows", testLogits.size());
            testResult.put("bins", bins);
            testResult.put("before", CliSupport.metrics(beforeMetrics));
            testResult.put("after", CliSupport.metrics(afterMetrics));
            testResult.put("clampedTemperatures", clamped);
        }
        result.put("test", testResult);
        if (out != null) {
            LogitFiles.writeProbabilities(out, after);
        }
        if (save != null) {
            Calibrators.save(fitted, save);
        }
        result.put("out", CliSupport.path(out));
        result.put("saved", CliSupport.path(save));

        PrintWriter printer = spec.commandLine().getOut();
        if (json) {
            printer.println(Json.write(result));
            printer.flush();
            return 0;
        }
        printer.printf(Locale.ROOT, "validation: %d rows x %d classes (%s)%n", val.size(), val.classes(), validation);
        printer.printf(Locale.ROOT, "ood tuning: %s%n", ood == null ? "none" : oodLogits.size() + " rows (" + ood + ")"
                + (chosen.usesOod() ? "" : ", not used by " + chosen.id()));
        if (chosen.usesOod() && oodLogits.isEmpty()) {
            printer.println("note: without --ood the incorrect-energy density is fitted on misclassified validation rows only");
        }
        printer.println("fitted " + chosen.displayName() + ": " + fitted.calibration().describe());
        if (testLogits != null) {
            printer.printf(Locale.ROOT, "%ntest: %d rows (%s)%n", testLogits.size(), test);
            printer.println(CliSupport.header("test"));
            printer.println(CliSupport.row("uncalibrated", beforeMetrics));
            printer.println(CliSupport.row(chosen.id(), afterMetrics));
            if (clamped != null) {
                printer.printf(Locale.ROOT, "instance temperature clamped at %.0e on %d of %d test rows%n",
                        EnergyScaling.MIN_INSTANCE_TEMPERATURE, clamped, testLogits.size());
            }
        }
        if (out != null) {
            printer.printf(Locale.ROOT, "wrote %d x %d calibrated probabilities to %s%n", after.size(), after.classes(), out);
        }
        if (save != null) {
            printer.printf(Locale.ROOT, "saved the calibrator to %s (apply it with: wisekit calib apply --calibrator %s "
                    + "--logits FILE --out FILE)%n", save, save);
        }
        printer.flush();
        return 0;
    }
}
