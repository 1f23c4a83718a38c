package org.wisekit.calib.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wisekit.calib.Calibrators;
import org.wisekit.calib.FittedCalibration;
import org.wisekit.calib.LogitFiles;
import org.wisekit.calib.Logits;
import org.wisekit.calib.Probabilities;
import org.wisekit.harness.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wisekit calib apply --calibrator CAL.json --logits FILE --out PROBS [--json]}: calibrates unlabelled
 * logits with a calibrator that {@code calib fit --save} wrote.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Calibrate unlabelled logits with a saved calibrator (from 'calib fit --save').",
                "Logits: CSV with K columns (optional header) or .npy float32/float64 of shape (N, K)."})
public final class ApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--calibrator", required = true, paramLabel = "FILE", description = "The saved calibrator (JSON).")
    Path calibrator;

    @Option(names = "--logits", required = true, paramLabel = "FILE", description = "Unlabelled logits, K per row.")
    Path logits;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the probabilities (.csv or .npy).")
    Path out;

    @Option(names = "--json", description = "Print one JSON object instead of the text summary.")
    boolean json;

    @Override
    public Integer call() {
        CliSupport.notAnInput(out, "--out", calibrator, logits);
        FittedCalibration fitted = Calibrators.load(calibrator);
        Logits input = LogitFiles.readUnlabelled(logits, fitted.classes());
        Probabilities p = fitted.apply(input);
        LogitFiles.writeProbabilities(out, p);
        double confidence = 0;
        int[] predicted = new int[p.classes()];
        for (int i = 0; i < p.size(); i++) {
            confidence += p.confidence(i);
            predicted[p.prediction(i)]++;
        }
        confidence /= p.size();
        PrintWriter printer = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("method", fitted.method().id());
            result.put("classes", fitted.classes());
            result.put("rows", p.size());
            result.put("meanConfidence", confidence);
            result.put("predictedPerClass", predicted);
            result.put("out", out.toString());
            printer.println(Json.write(result));
        } else {
            printer.printf(Locale.ROOT, "calibrator: %s, %d classes (%s): %s%n", fitted.method().displayName(),
                    fitted.classes(), calibrator, fitted.calibration().describe());
            printer.printf(Locale.ROOT, "wrote %d x %d calibrated probabilities to %s (mean confidence %.4f)%n", p.size(),
                    p.classes(), out, confidence);
        }
        printer.flush();
        return 0;
    }
}
