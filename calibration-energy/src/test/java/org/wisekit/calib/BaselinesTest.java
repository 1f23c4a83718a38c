package org.wisekit.calib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    private static final Logits VALIDATION = SyntheticLogits.sample(3_000, 6, 4.0, 2.0, 31);
    private static final Logits TEST = SyntheticLogits.sample(2_000, 6, 4.0, 2.0, 32);

    @Test
    void etsWeightsLieOnTheSimplexAndBeatEveryVertex() {
        EnsembleCalibration ets = new EnsembleTemperatureScaling().fit(VALIDATION);
        assertThat(ets.weightScaled() + ets.weightRaw() + ets.weightUniform()).isCloseTo(1, within(1e-12));
        double fitted = mse(ets.apply(VALIDATION), VALIDATION);
        for (double[] w : List.of(new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1})) {
            EnsembleCalibration vertex = new EnsembleCalibration(ets.temperature(), w[0], w[1], w[2]);
            assertThat(fitted).isLessThanOrEqualTo(mse(vertex.apply(VALIDATION), VALIDATION) + 1e-15);
        }
    }

    @Test
    void everyMethodReturnsProbabilityRowsAndCalibratesSyntheticOverconfidence() {
        double raw = CalibrationMetrics.evaluate(new Uncalibrated().apply(TEST), TEST.labels()).ece();
        for (Method method : Method.values()) {
            if (!method.supports(6)) {
                continue;                       // Beta calibration: 2 classes only (ExtraBaselinesTest)
            }
            Calibration fitted = method.calibrator().fit(VALIDATION, SyntheticLogits.outOfDistribution(100, 6, 1.0, 33));
            Probabilities p = fitted.apply(TEST);    // the record checks rows sum to 1
            assertThat(p.size()).isEqualTo(TEST.size());
            if (method != Method.UNCALIBRATED) {
                assertThat(CalibrationMetrics.evaluate(p, TEST.labels()).ece()).as(method.id()).isLessThan(raw);
            }
            assertThat(fitted.describe()).isNotBlank();
        }
    }

    @Test
    void isotonicMapsInterpolateAndClip() {
        IsotonicFunction f = IsotonicFunction.fit(new double[] {0.1, 0.3, 0.3, 0.9}, new double[] {0, 1, 0, 1});
        assertThat(f.x()).containsExactly(0.1, 0.3, 0.9);
        assertThat(f.y()).containsExactly(0, 0.5, 1);
        assertThat(f.valueAt(0.0)).isZero();
        assertThat(f.valueAt(0.2)).isCloseTo(0.25, within(1e-15));
        assertThat(f.valueAt(0.6)).isCloseTo(0.75, within(1e-15));
        assertThat(f.valueAt(2.0)).isEqualTo(1);
        IsotonicFunction pooled = IsotonicFunction.fit(new double[] {0.2, 0.4, 0.6}, new double[] {1, 0, 0});
        assertThat(pooled.y()).containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3);
    }

    @Test
    void irovaIsMonotoneInEachClassProbability() {
        IsotonicCalibration irova = new IsotonicCalibrator(IsotonicCalibrator.Kind.ONE_VS_ALL).fit(VALIDATION);
        assertThat(irova.maps()).hasSize(6);
        for (IsotonicFunction f : irova.maps()) {
            for (int i = 1; i < f.y().length; i++) {
                assertThat(f.y()[i]).isGreaterThanOrEqualTo(f.y()[i - 1]);
            }
        }
        assertThat(new IsotonicCalibrator(IsotonicCalibrator.Kind.ONE_VS_ALL_AFTER_TS).fit(VALIDATION).temperature())
                .isCloseTo(2.0, within(0.2));
        assertThat(Method.byId("IRM")).isEqualTo(Method.IRM);
    }

    private static double mse(Probabilities p, Logits data) {
        double sum = 0;
        for (int i = 0; i < p.size(); i++) {
            for (int k = 0; k < p.classes(); k++) {
                double d = p.get(i, k) - (k == data.labels()[i] ? 1 : 0);
                sum += d * d;
            }
        }
        return sum / (p.size() * p.classes());
    }
}
