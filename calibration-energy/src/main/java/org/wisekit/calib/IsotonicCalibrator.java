package org.wisekit.calib;

import java.util.ArrayList;
import java.util.List;
import org.wisekit.calib.internal.Softmax;

/**
 * Isotonic-regression calibrators from Mix-n-Match (Zhang et al. 2020), as the reference code runs them:
 * <ul>
 *   <li>{@link Kind#MULTICLASS} (IRM): one isotonic map fitted on all N x K softmax entries against the
 *       flattened one-hot labels, applied to every entry;</li>
 *   <li>{@link Kind#ONE_VS_ALL} (IROvA): one map per class k, fitted on {@code p_k} against {@code [y = k]};</li>
 *   <li>{@link Kind#ONE_VS_ALL_AFTER_TS} (IROvA-TS): IROvA on {@code softmax(z / T)}, with T fitted by the
 *       mean squared error as in the reference code.</li>
 * </ul>
 * Mapped entries get {@code 1e-9 p} added, as in the reference, so that no row becomes all zeros.
 * <b>Deviation:</b> the reference leaves the rows unnormalised; here each row is divided by its sum so
 * that every calibrator returns probability vectors (the predicted class can differ from the raw argmax).
 *
 * @param kind which variant
 */
public record IsotonicCalibrator(Kind kind) implements Calibrator {

    /** Added to every mapped entry, times the entry's input probability (the reference's constant). */
    static final double TIE_BREAK = 1e-9;

    /** The variants. */
    public enum Kind { MULTICLASS, ONE_VS_ALL, ONE_VS_ALL_AFTER_TS }

    public IsotonicCalibrator {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
    }

    @Override
    public String name() {
        return switch (kind) {
            case MULTICLASS -> "IRM";
            case ONE_VS_ALL -> "IROvA";
            case ONE_VS_ALL_AFTER_TS -> "IROvA-TS";
        };
    }

    @Override
    public IsotonicCalibration fit(Logits validation) {
        return fit(validation, Logits.empty(validation.classes()));
    }

    @Override
    public IsotonicCalibration fit(Logits validation, Logits oodTuning) {
        validation.requireLabelled("validation");
        int classes = validation.classes();
        int n = validation.size();
        double temperature = kind == Kind.ONE_VS_ALL_AFTER_TS ? TemperatureScaling.fitTemperature(validation, false) : 1.0;
        double[] p = Softmax.softmaxRows(validation.values(), classes, temperature);
        int[] labels = validation.labels();
        if (kind == Kind.MULTICLASS) {
            double[] targets = new double[p.length];
            for (int i = 0; i < n; i++) {
                targets[i * classes + labels[i]] = 1;
            }
            return new IsotonicCalibration(name(), temperature, List.of(IsotonicFunction.fit(p, targets)));
        }
        List<IsotonicFunction> maps = new ArrayList<>(classes);
        double[] scores = new double[n];
        double[] targets = new double[n];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < n; i++) {
                scores[i] = p[i * classes + k];
                targets[i] = labels[i] == k ? 1 : 0;
            }
            maps.add(IsotonicFunction.fit(scores, targets));
        }
        return new IsotonicCalibration(name(), temperature, maps);
    }
}
