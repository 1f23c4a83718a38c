package org.wisekit.calib;

import java.util.List;
import java.util.Locale;
import org.wisekit.calib.internal.Softmax;

/**
 * Fitted isotonic calibration: {@code q_k = f_k(softmax(z / T)_k) + 1e-9 softmax(z / T)_k}, then each row
 * divided by its sum. One map shared by all classes (IRM) or one per class (IROvA, IROvA-TS).
 *
 * @param method      the calibrator's name, for {@link #describe()}
 * @param temperature T applied before the maps (1 for IRM and IROvA)
 * @param maps        one map for all classes, or one per class
 */
public record IsotonicCalibration(String method, double temperature, List<IsotonicFunction> maps)
        implements Calibration {

    public IsotonicCalibration {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature);
        }
        if (maps == null || maps.isEmpty()) {
            throw new IllegalArgumentException("need at least one isotonic map");
        }
        maps = List.copyOf(maps);
    }

    @Override
    public Probabilities apply(Logits logits) {
        int classes = logits.classes();
        if (maps.size() != 1 && maps.size() != classes) {
            throw new IllegalArgumentException("fitted for " + maps.size() + " classes, got logits of " + classes);
        }
        double[] p = Softmax.softmaxRows(logits.values(), classes, temperature);
        double[] q = new double[p.length];
        for (int offset = 0; offset < p.length; offset += classes) {
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                IsotonicFunction f = maps.size() == 1 ? maps.get(0) : maps.get(k);
                double v = f.valueAt(p[offset + k]) + IsotonicCalibrator.TIE_BREAK * p[offset + k];
                q[offset + k] = v;
                sum += v;
            }
            for (int k = 0; k < classes; k++) {
                q[offset + k] /= sum;
            }
        }
        return new Probabilities(classes, q);
    }

    @Override
    public String describe() {
        int points = maps.stream().mapToInt(m -> m.x().length).sum();
        return String.format(Locale.ROOT, "%s: T = %.4f, %d isotonic map(s), %d fitted points", method, temperature,
                maps.size(), points);
    }
}
