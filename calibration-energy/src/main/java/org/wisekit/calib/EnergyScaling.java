package org.wisekit.calib;

import java.util.Arrays;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.wisekit.calib.internal.Losses;
import org.wisekit.calib.internal.Softmax;

/**
 * Energy-based instance-wise temperature scaling (Kim &amp; Kwon, ECCV 2024), as the official code does it.
 *
 * <ol>
 *   <li>Global temperature t: {@link TemperatureScaling} (NLL) on the validation set.</li>
 *   <li>Free energy at temperature 1: {@code F(x) = -LSE(z(x))}.</li>
 *   <li>Two energy densities, Gaussian maximum-likelihood fits: {@code N(mu_c, sd_c)} on the correctly
 *       classified validation rows, {@code N(mu_i, sd_i)} on the misclassified ones plus every OOD tuning
 *       row.</li>
 *   <li>Instance temperature {@code T(x) = max(eps, t - theta1 phi_c(F(x)) + theta2 phi_i(F(x)))} with the
 *       Gaussian pdfs phi; {@code p = softmax(z / T(x))}.</li>
 *   <li>theta in {@code [0, 10]^2} minimises {@code (1/(N K)) sum (p - y)^2} over the validation rows
 *       (one-hot y) and the OOD rows (y = 0), from theta = 0, by BOBYQA.</li>
 * </ol>
 *
 * <p>The reference code declares a third, unused theta and an equality constraint that L-BFGS-B ignores;
 * the effective model, implemented here, has two free parameters in a box. <b>Deviation:</b> the
 * reference does not guard {@code T(x) <= 0}; here T(x) is clamped at {@value #MIN_INSTANCE_TEMPERATURE}
 * and {@link EnergyCalibration#temperatures} counts how often.
 *
 * @param oodInIncorrectDensity whether OOD tuning rows join the incorrect-set Gaussian (the method: true;
 *                              false is the ablation where they enter only the theta fit)
 */
public record EnergyScaling(boolean oodInIncorrectDensity) implements Calibrator {

    /** The floor of T(x): keeps the argmax and avoids division by zero. */
    public static final double MIN_INSTANCE_TEMPERATURE = 1e-3;
    /** Upper bound of each theta (the reference code's box). */
    public static final double MAX_THETA = 10.0;
    private static final double INITIAL_TRUST_RADIUS = 1.0;
    private static final double STOPPING_TRUST_RADIUS = 1e-8;
    private static final int MAX_EVALUATIONS = 2000;

    /** The method as published: OOD tuning rows in the incorrect-set density. */
    public static EnergyScaling standard() {
        return new EnergyScaling(true);
    }

    @Override
    public String name() {
        return oodInIncorrectDensity ? "Energy" : "Energy (OOD not in density)";
    }

    @Override
    public EnergyCalibration fit(Logits validation) {
        return fit(validation, Logits.empty(validation.classes()));
    }

    @Override
    public EnergyCalibration fit(Logits validation, Logits oodTuning) {
        validation.requireLabelled("validation");
        validation.requireSameClasses(oodTuning, "oodTuning");
        int classes = validation.classes();
        double t = TemperatureScaling.fitTemperature(validation, true);

        double[] validationEnergy = energies(validation);
        double[] oodEnergy = energies(oodTuning);
        boolean[] correct = new boolean[validation.size()];
        int correctCount = 0;
        for (int i = 0; i < correct.length; i++) {
            correct[i] = Softmax.argmax(validation.values(), i * classes, classes) == validation.labels()[i];
            correctCount += correct[i] ? 1 : 0;
        }
        double[] correctEnergy = new double[correctCount];
        double[] incorrectEnergy = new double[validation.size() - correctCount
                + (oodInIncorrectDensity ? oodEnergy.length : 0)];
        for (int i = 0, c = 0, w = 0; i < correct.length; i++) {
            if (correct[i]) {
                correctEnergy[c++] = validationEnergy[i];
            } else {
                incorrectEnergy[w++] = validationEnergy[i];
            }
        }
        if (oodInIncorrectDensity) {
            System.arraycopy(oodEnergy, 0, incorrectEnergy, validation.size() - correctCount, oodEnergy.length);
        }
        Gaussian correctDensity = Gaussian.fit(correctEnergy, "energy of correctly classified validation rows");
        Gaussian incorrectDensity = Gaussian.fit(incorrectEnergy, oodInIncorrectDensity
                ? "energy of misclassified validation rows and OOD tuning rows"
                : "energy of misclassified validation rows");

        Logits fitSet = validation.concat(Logits.outOfDistribution(classes, oodTuning.values()));
        double[] energy = Arrays.copyOf(validationEnergy, fitSet.size());
        System.arraycopy(oodEnergy, 0, energy, validation.size(), oodEnergy.length);
        double[] theta = fitTheta(fitSet, energy, t, correctDensity, incorrectDensity);
        return new EnergyCalibration(t, theta[0], theta[1], correctDensity, incorrectDensity);
    }

    /** The free energy {@code -LSE(z)} of every row. */
    static double[] energies(Logits logits) {
        return Softmax.freeEnergies(logits.values(), logits.classes());
    }

    private static double[] fitTheta(Logits fitSet, double[] energy, double t, Gaussian correct, Gaussian incorrect) {
        int n = fitSet.size();
        double[] phiCorrect = new double[n];
        double[] phiIncorrect = new double[n];
        for (int i = 0; i < n; i++) {
            phiCorrect[i] = correct.density(energy[i]);
            phiIncorrect[i] = incorrect.density(energy[i]);
        }
        double[] temperatures = new double[n];
        ObjectiveFunction loss = new ObjectiveFunction(theta -> {
            for (int i = 0; i < n; i++) {
                temperatures[i] = EnergyCalibration.instanceTemperature(t, theta[0], theta[1], phiCorrect[i], phiIncorrect[i]);
            }
            return Losses.meanSquaredError(fitSet.values(), fitSet.classes(), fitSet.labels(), temperatures);
        });
        BOBYQAOptimizer optimizer = new BOBYQAOptimizer(5, INITIAL_TRUST_RADIUS, STOPPING_TRUST_RADIUS);
        PointValuePair best = optimizer.optimize(new MaxEval(MAX_EVALUATIONS), loss, GoalType.MINIMIZE,
                new InitialGuess(new double[] {0, 0}),
                new SimpleBounds(new double[] {0, 0}, new double[] {MAX_THETA, MAX_THETA}));
        double[] theta = best.getPoint();
        return new double[] {clamp(theta[0]), clamp(theta[1])};
    }

    private static double clamp(double theta) {
        return Math.min(MAX_THETA, Math.max(0, theta));
    }
}
