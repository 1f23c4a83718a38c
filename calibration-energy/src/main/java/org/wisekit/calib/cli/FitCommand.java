package org.wisekit.calib.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.wisekit.calib.Calibration;
import org.wisekit.calib.CalibrationMetrics;
import org.wisekit.calib.EnergyCalibration;
import org.wisekit.calib.EnergyScaling;
import org.wisekit.calib.LogitFiles;
import org.wisekit.calib.Logits;
import org.wisekit.calib.Method;
import org.wisekit.calib.Probabilities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit calib fit --val val.csv --test test.csv --method energy [--ood ood.csv] [--out probs.csv]}:
 * fits a method on the validation logits (and OOD tuning logits), prints the test metrics before and
 * after, and writes the calibrated test probabilities. File layout: see {@link LogitFiles}.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fit a calibration method on validation logits and calibrate test logits.",
                "Files: CSV (label, then K logits per row; optional header) or .npy float32/float64 of shape (N, K+1)."})
public final class FitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--val", required = true, paramLabel = "FILE", description = "Validation logits with labels (fit set).")
    Path validation;

    @Option(names = "--test", required = true, paramLabel = "FILE", description = "Test logits with labels (calibrated and scored).")
    Path test;

    @Option(names = "--method", defaultValue = "energy", paramLabel = "ID",
            description = "uncal, ts, ets, irm, irova, irova-ts, energy, ts-ood, energy-no-ood-density (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--ood", paramLabel = "FILE",
            description = "OOD tuning logits (K columns, or K+1 with the first ignored); used by energy and ts-ood.")
    Path ood;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the calibrated test probabilities (.csv or .npy; default: <test>-<method>-probs.csv).")
    Path out;

    @Option(names = "--bins", defaultValue = "15", paramLabel = "B", description = "Bins for ECE and adaptive ECE (default: ${DEFAULT-VALUE}).")
    int bins;

    @Override
    public Integer call() {
        Method chosen = Method.byId(method);
        if (bins < 1) {
            throw new IllegalArgumentException("--bins must be >= 1, got " + bins);
        }
        Logits val = LogitFiles.readLabelled(validation);
        Logits testLogits = LogitFiles.readLabelled(test, val.classes());
        Logits oodLogits = ood == null ? Logits.empty(val.classes()) : LogitFiles.readOutOfDistribution(ood, val.classes());
        if (chosen == Method.TS_OOD && oodLogits.isEmpty()) {
            throw new IllegalArgumentException("--method ts-ood needs OOD tuning logits (--ood FILE)");
        }
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "validation: %d rows x %d classes (%s)%n", val.size(), val.classes(), validation);
        printer.printf(Locale.ROOT, "test:       %d rows (%s)%n", testLogits.size(), test);
        printer.printf(Locale.ROOT, "ood tuning: %s%n", ood == null ? "none" : oodLogits.size() + " rows (" + ood + ")"
                + (chosen.usesOod() ? "" : ", not used by " + chosen.id()));
        if (chosen.usesOod() && oodLogits.isEmpty()) {
            printer.println("note: without --ood the incorrect-energy density is fitted on misclassified validation rows only");
        }

        Calibration calibration = chosen.calibrator().fit(val, oodLogits);
        printer.println("fitted " + chosen.displayName() + ": " + calibration.describe());
        Probabilities before = Method.UNCALIBRATED.calibrator().fit(val).apply(testLogits);
        Probabilities after = calibration.apply(testLogits);
        printer.printf(Locale.ROOT, "%n%-14s %8s %8s %9s %9s %8s%n", "test", "acc %", "ECE %", "adaECE %", "NLL", "Brier");
        printRow(printer, "uncalibrated", CalibrationMetrics.evaluate(before, testLogits.labels(), bins));
        printRow(printer, chosen.id(), CalibrationMetrics.evaluate(after, testLogits.labels(), bins));
        if (calibration instanceof EnergyCalibration energy) {
            printer.printf(Locale.ROOT, "instance temperature clamped at %.0e on %d of %d test rows%n",
                    EnergyScaling.MIN_INSTANCE_TEMPERATURE, energy.temperatures(testLogits).clamped(), testLogits.size());
        }
        Path target = out != null ? out : defaultOutput(chosen);
        LogitFiles.writeProbabilities(target, after);
        printer.printf(Locale.ROOT, "wrote %d x %d calibrated probabilities to %s%n", after.size(), after.classes(), target);
        printer.flush();
        return 0;
    }

    private Path defaultOutput(Method chosen) {
        String name = test.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return test.resolveSibling(stem + "-" + chosen.id() + "-probs.csv");
    }

    private static void printRow(PrintWriter printer, String name, CalibrationMetrics m) {
        printer.printf(Locale.ROOT, "%-14s %8.2f %8.2f %9.2f %9.4f %8.4f%n", name, 100 * m.accuracy(), 100 * m.ece(),
                100 * m.adaptiveEce(), m.nll(), m.brier());
    }
}
