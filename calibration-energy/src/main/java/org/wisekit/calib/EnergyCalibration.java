package org.wisekit.calib;

import java.util.Locale;
import org.wisekit.calib.internal.Softmax;

/**
 * Fitted energy-based instance-wise scaling: {@code p(x) = softmax(z / T(x))} with
 * {@code T(x) = max(eps, t - thetaCorrect phi_c(F(x)) + thetaIncorrect phi_i(F(x)))}, where
 * {@code F(x) = -LSE(z(x))} and phi_c, phi_i are the densities of the energy of correctly and incorrectly
 * classified (or OOD) inputs. With both thetas 0 this is exactly temperature scaling at t.
 *
 * @param temperature     the global temperature t (> 0)
 * @param thetaCorrect    theta1 >= 0: how much an energy typical of correct predictions lowers T
 * @param thetaIncorrect  theta2 >= 0: how much an energy typical of wrong or OOD inputs raises T
 * @param correctEnergy   density of F over correctly classified validation rows
 * @param incorrectEnergy density of F over misclassified validation rows (and OOD tuning rows)
 */
public record EnergyCalibration(double temperature, double thetaCorrect, double thetaIncorrect,
                                Gaussian correctEnergy, Gaussian incorrectEnergy) implements Calibration {

    public EnergyCalibration {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature);
        }
        if (!(thetaCorrect >= 0) || !(thetaIncorrect >= 0) || Double.isInfinite(thetaCorrect)
                || Double.isInfinite(thetaIncorrect)) {
            throw new IllegalArgumentException("thetas must be finite and >= 0, got " + thetaCorrect + ", " + thetaIncorrect);
        }
        if (correctEnergy == null || incorrectEnergy == null) {
            throw new IllegalArgumentException("both energy densities are required");
        }
    }

    /** Instance temperatures of a set of inputs, and how many were clamped at the floor. */
    public record InstanceTemperatures(double[] values, int clamped) {
    }

    /** The same densities and t with other thetas (theta = 0 gives TS; used by the ablations). */
    public EnergyCalibration withThetas(double correct, double incorrect) {
        return new EnergyCalibration(temperature, correct, incorrect, correctEnergy, incorrectEnergy);
    }

    /** T(x) of every row of {@code logits}. */
    public InstanceTemperatures temperatures(Logits logits) {
        int classes = logits.classes();
        double[] t = new double[logits.size()];
        int clamped = 0;
        for (int i = 0; i < t.length; i++) {
            double energy = Softmax.freeEnergy(logits.values(), i * classes, classes);
            double raw = unclamped(temperature, thetaCorrect, thetaIncorrect, correctEnergy.density(energy),
                    incorrectEnergy.density(energy));
            if (raw < EnergyScaling.MIN_INSTANCE_TEMPERATURE) {
                clamped++;
            }
            t[i] = Math.max(EnergyScaling.MIN_INSTANCE_TEMPERATURE, raw);
        }
        return new InstanceTemperatures(t, clamped);
    }

    @Override
    public Probabilities apply(Logits logits) {
        int classes = logits.classes();
        double[] t = temperatures(logits).values();
        double[] p = new double[logits.values().length];
        for (int i = 0; i < t.length; i++) {
            Softmax.softmax(logits.values(), i * classes, classes, t[i], p, i * classes);
        }
        return new Probabilities(classes, p);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT,
                "t = %.4f, theta = (%.4f, %.4f), correct-energy N(%.3f, %.3f^2), incorrect-energy N(%.3f, %.3f^2)",
                temperature, thetaCorrect, thetaIncorrect, correctEnergy.mean(), correctEnergy.sd(),
                incorrectEnergy.mean(), incorrectEnergy.sd());
    }

    /** {@code max(eps, t - theta1 phiCorrect + theta2 phiIncorrect)}. */
    static double instanceTemperature(double t, double theta1, double theta2, double phiCorrect, double phiIncorrect) {
        return Math.max(EnergyScaling.MIN_INSTANCE_TEMPERATURE, unclamped(t, theta1, theta2, phiCorrect, phiIncorrect));
    }

    private static double unclamped(double t, double theta1, double theta2, double phiCorrect, double phiIncorrect) {
        return t - theta1 * phiCorrect + theta2 * phiIncorrect;
    }
}
