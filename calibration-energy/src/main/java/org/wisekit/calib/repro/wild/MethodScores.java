package org.wisekit.calib.repro.wild;

import java.util.function.ToDoubleFunction;
import org.wisekit.calib.Calibration;
import org.wisekit.calib.CalibrationMetrics;
import org.wisekit.calib.Method;
import org.wisekit.calib.shift.Corruption;
import org.wisekit.harness.Stats;

/**
 * One method fitted on one seed's validation (and OOD tuning) logits and scored on every test set. The
 * array is shared, not copied.
 *
 * @param method      the method
 * @param calibration what was fitted
 * @param id          metrics on the ID test set (level 0)
 * @param corrupted   metrics per corruption (ordinal) and severity (index severity - 1)
 * @param ood         metrics on the semantic-OOD test set (level 6)
 */
public record MethodScores(Method method, Calibration calibration, CalibrationMetrics id,
                           CalibrationMetrics[][] corrupted, CalibrationMetrics ood) {

    /** Levels: 0 = ID, 1..5 = corruption severity, 6 = semantic OOD. */
    public static final int LEVELS = Corruption.MAX_SEVERITY + 2;
    public static final int OOD_LEVEL = LEVELS - 1;

    /** {@code metric} at {@code level}; at a severity level, the mean over the corruptions. */
    public double atLevel(int level, ToDoubleFunction<CalibrationMetrics> metric) {
        if (level == 0) {
            return metric.applyAsDouble(id);
        }
        if (level == OOD_LEVEL) {
            return metric.applyAsDouble(ood);
        }
        double[] byCorruption = new double[corrupted.length];
        for (int c = 0; c < corrupted.length; c++) {
            byCorruption[c] = metric.applyAsDouble(corrupted[c][level - 1]);
        }
        return Stats.mean(byCorruption);
    }
}
