package org.wisekit.calib.repro.wild;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.wisekit.calib.Calibration;
import org.wisekit.calib.CalibrationMetrics;
import org.wisekit.calib.Logits;
import org.wisekit.calib.Method;
import org.wisekit.calib.shift.Corruption;
import org.wisekit.harness.Progress;

/**
 * Fits each method on one seed's ID validation logits (the OOD-using methods also on the OOD tuning
 * logits) and scores it on the ID test set, every corrupted test set and the semantic-OOD test set.
 */
public final class SeedEvaluation {

    private SeedEvaluation() {
    }

    /** Scores of every method in {@code methods}, in that order; {@code task} steps once per method. */
    public static Map<Method, MethodScores> evaluate(SeedLogits logits, List<Method> methods, Progress.Task task) {
        Map<Method, MethodScores> scores = new EnumMap<>(Method.class);
        for (Method method : methods) {
            Calibration calibration = method.calibrator().fit(logits.validation(), logits.oodTuning());
            Corruption[] corruptions = Corruption.values();
            CalibrationMetrics[][] corrupted = new CalibrationMetrics[corruptions.length][Corruption.MAX_SEVERITY];
            for (Corruption c : corruptions) {
                for (int s = 1; s <= Corruption.MAX_SEVERITY; s++) {
                    corrupted[c.ordinal()][s - 1] = score(calibration, logits.corrupted(c, s));
                }
            }
            scores.put(method, new MethodScores(method, calibration, score(calibration, logits.test()), corrupted,
                    score(calibration, logits.oodTest())));
            task.step();
        }
        return scores;
    }

    private static CalibrationMetrics score(Calibration calibration, Logits set) {
        return CalibrationMetrics.evaluate(calibration.apply(set), set.labels());
    }
}
