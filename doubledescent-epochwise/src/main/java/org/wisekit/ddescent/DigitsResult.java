package org.wisekit.ddescent;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link DigitsAnalysis#run}: full-matrix gradient descent on a labelled data set (measured on
 * the test split) beside the decoupled theory built from the training covariances, with the double-descent
 * detector on both curves and the necessary conditions on the theory. Immutable: the array accessors return
 * copies.
 *
 * <p>The curves are comparable in absolute terms: both are the test mean squared error
 * {@code (1/n_test) sum_r ||y_r - W x_r||^2} (no factor 1/2), the theory as
 * {@code sum_i lambdaTest_i (z_i(t) - zTarget_i)^2 + theoryConstant}, which is exactly the test error of the
 * network {@code sum_i z_i(t) u_i v_i^T} (see {@link DigitsAnalysis}).
 *
 * @param settings the settings of the run, with {@code hidden} resolved to the width used
 * @param seed the seed of the run
 * @param trainSize training rows
 * @param testSize test rows
 * @param features features kept after dropping the columns that are constant on the training split
 * @param droppedFeatures indices (in the input's columns) of the dropped columns, increasing
 * @param classes number of classes K (one-hot outputs)
 * @param noisyLabels number of training labels replaced by another class
 * @param modes the modes of the theory, in decreasing order of sigma (modes whose training eigenvalue
 *     vanishes are left out, with a warning)
 * @param gammas the imbalance of each mode, same order as {@code modes}
 * @param times flow times {@code step * stepSize} of the recorded steps, the first one 0
 * @param gdTestError the test error of gradient descent at each time
 * @param theoryTestError the test error of the theory at each time
 * @param theoryConstant the constant added to {@link TestError} of the modes
 * @param maxRelativeGap {@code max_k |gd_k - theory_k| / gd_k} over the recorded times
 * @param misalignment {@code max_i ||Sigma_xx v_i - lambda_i v_i|| / ||Sigma_xx v_i||} over the modes (training
 *     covariance): 0 when the right singular vectors are eigenvectors of {@code Sigma_xx} (the theory's
 *     assumption), the sine of the largest angle between {@code v_i} and {@code Sigma_xx v_i} otherwise
 * @param gdDetection the appendix detector (tolerance {@value DoubleDescent#DEFAULT_TOLERANCE}) on the
 *     gradient-descent curve
 * @param theoryDetection the detector on the theory curve (with its constant)
 * @param conditions C1 and C2 on the theory's mode trajectories (without the constant)
 * @param warnings what makes the comparison doubtful (single output, dropped modes, noise not applied, ...)
 */
public record DigitsResult(DigitsAnalysis.Settings settings, long seed, int trainSize, int testSize, int features,
        List<Integer> droppedFeatures, int classes, int noisyLabels, List<Mode> modes, double[] gammas,
        double[] times, double[] gdTestError, double[] theoryTestError, double theoryConstant,
        double maxRelativeGap, double misalignment, DoubleDescent.Detection gdDetection,
        DoubleDescent.Detection theoryDetection, ConditionReport conditions, List<String> warnings) {

    /**
     * Copies the arrays and lists and checks their lengths.
     *
     * @throws IllegalArgumentException when the curve or mode arrays differ in length
     */
    public DigitsResult {
        Objects.requireNonNull(settings, "settings");
        droppedFeatures = List.copyOf(Objects.requireNonNull(droppedFeatures, "droppedFeatures"));
        modes = List.copyOf(Objects.requireNonNull(modes, "modes"));
        gammas = Objects.requireNonNull(gammas, "gammas").clone();
        times = Objects.requireNonNull(times, "times").clone();
        gdTestError = Objects.requireNonNull(gdTestError, "gdTestError").clone();
        theoryTestError = Objects.requireNonNull(theoryTestError, "theoryTestError").clone();
        Objects.requireNonNull(gdDetection, "gdDetection");
        Objects.requireNonNull(theoryDetection, "theoryDetection");
        Objects.requireNonNull(conditions, "conditions");
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
        if (gammas.length != modes.size()) {
            throw new IllegalArgumentException("gammas (length " + gammas.length + ") and modes (length "
                    + modes.size() + ") must have the same length");
        }
        if (gdTestError.length != times.length || theoryTestError.length != times.length) {
            throw new IllegalArgumentException("gdTestError (length " + gdTestError.length + ") and theoryTestError"
                    + " (length " + theoryTestError.length + ") must have the length of times (" + times.length + ")");
        }
    }

    /**
     * The imbalances.
     *
     * @return a copy
     */
    @Override
    public double[] gammas() {
        return gammas.clone();
    }

    /**
     * The times.
     *
     * @return a copy
     */
    @Override
    public double[] times() {
        return times.clone();
    }

    /**
     * The gradient-descent test error.
     *
     * @return a copy
     */
    @Override
    public double[] gdTestError() {
        return gdTestError.clone();
    }

    /**
     * The theory's test error.
     *
     * @return a copy
     */
    @Override
    public double[] theoryTestError() {
        return theoryTestError.clone();
    }

    /**
     * Whether the gradient-descent test error descends, ascends and descends again
     * ({@link DoubleDescent.Detection#secondDescent()}).
     *
     * @return the flag
     */
    public boolean gdDoubleDescent() {
        return gdDetection.secondDescent();
    }

    /**
     * Whether the theory's test error descends, ascends and descends again.
     *
     * @return the flag
     */
    public boolean theoryDoubleDescent() {
        return theoryDetection.secondDescent();
    }
}
