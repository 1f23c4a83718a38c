package org.wisekit.calib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TemperatureScalingTest {

    @Test
    void nllRecoversAKnownTemperatureWithinFivePercent() {
        Logits data = SyntheticLogits.sample(20_000, 10, 4.0, 2.0, 11);
        double t = TemperatureScaling.nll().fit(data).temperature();
        assertThat(Math.abs(t - 2.0) / 2.0).isLessThan(0.05);
    }

    @Test
    void mseObjectiveRecoversItToo() {
        Logits data = SyntheticLogits.sample(20_000, 10, 4.0, 2.0, 12);
        double t = new TemperatureScaling(TemperatureScaling.Objective.MSE).fit(data).temperature();
        assertThat(Math.abs(t - 2.0) / 2.0).isLessThan(0.05);
    }

    @Test
    void recoversTemperaturesBelowOne() {
        Logits data = SyntheticLogits.sample(20_000, 5, 1.0, 0.5, 13);
        assertThat(TemperatureScaling.nll().fit(data).temperature()).isCloseTo(0.5, within(0.025));
    }

    @Test
    void fittedTemperatureChangesTheProbabilities() {
        Logits data = SyntheticLogits.sample(5_000, 10, 4.0, 2.0, 14);
        TemperatureCalibration fitted = TemperatureScaling.nll().fit(data);
        Probabilities raw = new Uncalibrated().apply(data);
        Probabilities scaled = fitted.apply(data);
        assertThat(scaled.confidence(0)).isLessThan(raw.confidence(0));
        assertThat(CalibrationMetrics.evaluate(scaled, data.labels()).ece())
                .isLessThan(CalibrationMetrics.evaluate(raw, data.labels()).ece() / 2);
    }

    @Test
    void perfectlySeparableDataDrivesTheTemperatureToItsLowerBound() {
        // separable, with margins small enough that the NLL still has a slope at T = 0.05
        double[] z = {1, 0, 0, 1, 0.5, 0, 0, 0.5};
        Logits data = new Logits(2, z, new int[] {0, 1, 0, 1});
        assertThat(TemperatureScaling.nll().fit(data).temperature())
                .isCloseTo(TemperatureScaling.MIN_TEMPERATURE, within(1e-6));
    }

    @Test
    void oodRowsWithZeroTargetsRaiseTheTemperature() {
        Logits val = SyntheticLogits.sample(2_000, 10, 4.0, 2.0, 15);
        Logits ood = SyntheticLogits.outOfDistribution(2_000, 10, 4.0, 16);
        double plain = new TemperatureScaling(TemperatureScaling.Objective.MSE).fit(val, ood).temperature();
        double withOod = new TemperatureScaling(TemperatureScaling.Objective.MSE_WITH_OOD).fit(val, ood).temperature();
        assertThat(withOod).isGreaterThan(plain);
    }

    @Test
    void rejectsOodRowsInTheValidationSet() {
        Logits ood = SyntheticLogits.outOfDistribution(10, 3, 1.0, 1);
        assertThatThrownBy(() -> TemperatureScaling.nll().fit(ood)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("validation");
        assertThatThrownBy(() -> new TemperatureCalibration(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
