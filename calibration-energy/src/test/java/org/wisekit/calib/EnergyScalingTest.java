package org.wisekit.calib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.wisekit.calib.internal.Losses;

class EnergyScalingTest {

    private static final Logits VALIDATION = SyntheticLogits.sample(4_000, 10, 4.0, 2.0, 21);
    private static final Logits OOD = SyntheticLogits.outOfDistribution(300, 10, 1.5, 22);
    private static final Logits TEST = SyntheticLogits.sample(2_000, 10, 4.0, 2.0, 23)
            .concat(SyntheticLogits.outOfDistribution(300, 10, 1.5, 24));

    @Test
    void thetaZeroIsTemperatureScalingBitForBit() {
        EnergyCalibration energy = EnergyScaling.standard().fit(VALIDATION, OOD);
        TemperatureCalibration ts = TemperatureScaling.nll().fit(VALIDATION);
        assertThat(energy.temperature()).isEqualTo(ts.temperature());
        assertThat(energy.withThetas(0, 0).apply(TEST).values()).isEqualTo(ts.apply(TEST).values());
    }

    @Test
    void fittedThetasStayInTheBoxAndDoNotWorsenTheObjective() {
        EnergyCalibration fitted = EnergyScaling.standard().fit(VALIDATION, OOD);
        assertThat(fitted.thetaCorrect()).isBetween(0.0, EnergyScaling.MAX_THETA);
        assertThat(fitted.thetaIncorrect()).isBetween(0.0, EnergyScaling.MAX_THETA);
        Logits fitSet = VALIDATION.concat(OOD);
        assertThat(objective(fitted, fitSet)).isLessThanOrEqualTo(objective(fitted.withThetas(0, 0), fitSet));
        // the OOD rows push theta2 up: their energy sits in the incorrect density
        assertThat(fitted.thetaIncorrect()).isPositive();
    }

    @Test
    void lowersOodConfidenceBelowTsWhileKeepingTheArgmax() {
        EnergyCalibration energy = EnergyScaling.standard().fit(VALIDATION, OOD);
        TemperatureCalibration ts = TemperatureScaling.nll().fit(VALIDATION);
        Logits oodTest = TEST.rows(2_000, 2_300);
        double energyConfidence = CalibrationMetrics.evaluate(energy.apply(oodTest), oodTest.labels()).ece();
        double tsConfidence = CalibrationMetrics.evaluate(ts.apply(oodTest), oodTest.labels()).ece();
        assertThat(energyConfidence).isLessThan(tsConfidence);
        Probabilities raw = new Uncalibrated().apply(TEST);
        Probabilities calibrated = energy.apply(TEST);
        for (int i = 0; i < TEST.size(); i++) {
            assertThat(calibrated.prediction(i)).isEqualTo(raw.prediction(i));
        }
    }

    @Test
    void gaussiansAreMaximumLikelihoodFitsOfTheFreeEnergy() {
        EnergyCalibration fitted = EnergyScaling.standard().fit(VALIDATION, OOD);
        double[] energy = EnergyScaling.energies(VALIDATION);
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (int i = 0; i < energy.length; i++) {
            if (new Uncalibrated().apply(VALIDATION.rows(i, i + 1)).prediction(0) == VALIDATION.labels()[i]) {
                sum += energy[i];
                n++;
            }
        }
        double mean = sum / n;
        for (int i = 0; i < energy.length; i++) {
            if (new Uncalibrated().apply(VALIDATION.rows(i, i + 1)).prediction(0) == VALIDATION.labels()[i]) {
                squares += (energy[i] - mean) * (energy[i] - mean);
            }
        }
        assertThat(fitted.correctEnergy().mean()).isCloseTo(mean, within(1e-9));
        assertThat(fitted.correctEnergy().sd()).isCloseTo(Math.sqrt(squares / n), within(1e-9));
        assertThat(Gaussian.fit(new double[] {1, 2, 3, 4}, "x").sd()).isCloseTo(Math.sqrt(1.25), within(1e-15));
        assertThat(new Gaussian(0, 2).density(0)).isCloseTo(1 / (2 * Math.sqrt(2 * Math.PI)), within(1e-15));
    }

    @Test
    void temperatureIsClampedPositiveAndTheClampCounted() {
        // a narrow correct-energy density makes t - theta1 phi_c negative near its mean (F = -10 for row 0)
        Gaussian narrow = new Gaussian(-10, 0.01);
        EnergyCalibration calibration = new EnergyCalibration(1.0, 10, 0, narrow, new Gaussian(0, 1));
        Logits logits = new Logits(2, new double[] {10 - Math.log(2), 10 - Math.log(2), 3, 1}, new int[] {0, 1});
        EnergyCalibration.InstanceTemperatures t = calibration.temperatures(logits);
        assertThat(t.values()[0]).isEqualTo(EnergyScaling.MIN_INSTANCE_TEMPERATURE);
        assertThat(t.values()[1]).isCloseTo(1.0, within(1e-9));
        assertThat(t.clamped()).isEqualTo(1);
        Probabilities p = calibration.apply(logits);
        assertThat(p.prediction(1)).isEqualTo(0);
    }

    @Test
    void raisingTheta2NeverLowersTheTemperature() {
        EnergyCalibration fitted = EnergyScaling.standard().fit(VALIDATION, OOD);
        double[] previous = fitted.withThetas(fitted.thetaCorrect(), 0).temperatures(TEST).values();
        for (double theta2 = 0.5; theta2 <= 10; theta2 += 0.5) {
            double[] current = fitted.withThetas(fitted.thetaCorrect(), theta2).temperatures(TEST).values();
            for (int i = 0; i < current.length; i++) {
                assertThat(current[i]).isGreaterThanOrEqualTo(previous[i]);
                assertThat(current[i]).isGreaterThanOrEqualTo(EnergyScaling.MIN_INSTANCE_TEMPERATURE);
            }
            previous = current;
        }
    }

    @Test
    void fitsWithoutOodDataAndRejectsDegenerateSets() {
        EnergyCalibration noOod = EnergyScaling.standard().fit(VALIDATION);
        assertThat(noOod.incorrectEnergy().sd()).isPositive();
        Logits allCorrect = new Logits(2, new double[] {3, 0, 0, 2, 4, 1}, new int[] {0, 1, 0});
        assertThatThrownBy(() -> EnergyScaling.standard().fit(allCorrect)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("misclassified");
        assertThatThrownBy(() -> EnergyScaling.standard().fit(VALIDATION, Logits.empty(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("classes");
    }

    @Test
    void fittingIsDeterministic() {
        EnergyCalibration a = EnergyScaling.standard().fit(VALIDATION, OOD);
        EnergyCalibration b = EnergyScaling.standard().fit(VALIDATION, OOD);
        assertThat(a).isEqualTo(b);
        assertThat(CalibrationMetrics.evaluate(a.apply(TEST), TEST.labels()))
                .isEqualTo(CalibrationMetrics.evaluate(b.apply(TEST), TEST.labels()));
    }

    private static double objective(EnergyCalibration calibration, Logits fitSet) {
        return Losses.meanSquaredError(fitSet.values(), fitSet.classes(), fitSet.labels(),
                calibration.temperatures(fitSet).values());
    }
}
