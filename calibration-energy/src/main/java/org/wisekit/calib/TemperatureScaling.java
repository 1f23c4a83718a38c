package org.wisekit.calib;

import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.wisekit.calib.internal.Losses;

/**
 * Temperature scaling (Guo et al. 2017): one temperature T for all inputs, {@code p = softmax(z / T)},
 * fitted by minimising a loss on held-out data over {@code T in [0.05, 5]} (the reference code's bounds).
 *
 * <p>The search is Brent's method on {@code log T}. The NLL is convex in {@code 1/T}, hence unimodal in
 * {@code log T}, so Brent finds its global minimum without the iteration-limit trouble that L-BFGS
 * implementations of TS are known for.
 *
 * @param objective what T minimises
 */
public record TemperatureScaling(Objective objective) implements Calibrator {

    /** The reference code's bounds on T. */
    public static final double MIN_TEMPERATURE = 0.05;
    public static final double MAX_TEMPERATURE = 5.0;
    private static final int MAX_EVALUATIONS = 500;

    /** The loss a temperature is fitted with. */
    public enum Objective {
        /** Mean NLL on the validation set: standard TS, and the energy method's global temperature. */
        NLL,
        /** Mean squared error over all classes on the validation set (the reference's IROvA-TS uses it). */
        MSE,
        /**
         * Mean squared error on validation plus OOD tuning rows with all-zero targets: the energy method's
         * objective with the instance-wise term removed (the "TS fitted on val + OOD" ablation).
         */
        MSE_WITH_OOD
    }

    public TemperatureScaling {
        if (objective == null) {
            throw new IllegalArgumentException("objective must not be null");
        }
    }

    /** Standard TS: NLL on the validation set. */
    public static TemperatureScaling nll() {
        return new TemperatureScaling(Objective.NLL);
    }

    @Override
    public String name() {
        return switch (objective) {
            case NLL -> "TS";
            case MSE -> "TS (MSE)";
            case MSE_WITH_OOD -> "TS val+OOD";
        };
    }

    @Override
    public TemperatureCalibration fit(Logits validation) {
        return fit(validation, Logits.empty(validation.classes()));
    }

    @Override
    public TemperatureCalibration fit(Logits validation, Logits oodTuning) {
        validation.requireLabelled("validation");
        Logits data = validation;
        if (objective == Objective.MSE_WITH_OOD) {
            validation.requireSameClasses(oodTuning, "oodTuning");
            data = validation.concat(Logits.outOfDistribution(oodTuning.classes(), oodTuning.values()));
        }
        return new TemperatureCalibration(fitTemperature(data, objective == Objective.NLL));
    }

    /** The temperature in [0.05, 5] minimising the NLL (or else the mean squared error) on {@code data}. */
    static double fitTemperature(Logits data, boolean nll) {
        double[] z = data.values();
        int classes = data.classes();
        int[] labels = data.labels();
        UnivariateObjectiveFunction loss = new UnivariateObjectiveFunction(logT -> nll
                ? Losses.negativeLogLikelihood(z, classes, labels, Math.exp(logT))
                : Losses.meanSquaredError(z, classes, labels, Math.exp(logT)));
        UnivariatePointValuePair best = new BrentOptimizer(1e-12, 1e-14).optimize(new MaxEval(MAX_EVALUATIONS),
                loss, GoalType.MINIMIZE,
                new SearchInterval(Math.log(MIN_TEMPERATURE), Math.log(MAX_TEMPERATURE), 0.0));
        return Math.exp(best.getPoint());
    }
}
