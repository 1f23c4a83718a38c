package org.wisekit.ddescent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.wisekit.ddescent.internal.Checks;

/**
 * One decoupled mode of the two-layer linear network: the singular value {@code sigma} of the training
 * input-output covariance, the matching eigenvalue {@code lambda} of the training input covariance, the
 * population (test) eigenvalue {@code lambdaTest} and target coefficient {@code zTarget} that enter the
 * generalisation error {@code lambdaTest (z - zTarget)^2}, and the initial end-to-end coefficient {@code z0}.
 * Immutable.
 *
 * <p>The network coefficient converges to {@code sigma / lambda}; the mode "overfits" (condition C1 of
 * {@link Conditions}) when {@code zTarget} lies strictly between {@code z0} and {@code sigma / lambda}.
 *
 * @param sigma training singular value of Sigma_yx (finite; usually {@code >= 0})
 * @param lambda training eigenvalue of Sigma_xx, finite and {@code > 0}
 * @param lambdaTest population eigenvalue, finite and {@code >= 0}
 * @param zTarget population target coefficient (teacher), finite
 * @param z0 initial coefficient, finite
 */
public record Mode(double sigma, double lambda, double lambdaTest, double zTarget, double z0) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException naming the field and the value when one is not finite,
     *     {@code lambda <= 0} or {@code lambdaTest < 0}
     */
    public Mode {
        Checks.finite("sigma", sigma);
        Checks.positive("lambda", lambda);
        Checks.nonNegative("lambdaTest", lambdaTest);
        Checks.finite("zTarget", zTarget);
        Checks.finite("z0", z0);
    }

    /**
     * The mode of the note's fixtures: {@code lambdaTest = lambda} and {@code zTarget = ratio * sigma / lambda},
     * computed here from sigma and lambda (never from a rounded target).
     *
     * @param sigma training singular value
     * @param lambda training eigenvalue, {@code > 0}
     * @param targetRatio {@code zTarget / (sigma / lambda)}; 1 gives a mode that does not overfit
     * @param z0 initial coefficient
     * @return the mode
     */
    public static Mode withTargetRatio(double sigma, double lambda, double targetRatio, double z0) {
        Checks.finite("targetRatio", targetRatio);
        Checks.positive("lambda", lambda);
        return new Mode(sigma, lambda, lambda, targetRatio * (sigma / lambda), z0);
    }

    /**
     * Modes from parallel arrays.
     *
     * @param sigma singular values
     * @param lambda eigenvalues, same length
     * @param lambdaTest population eigenvalues, same length
     * @param zTarget targets, same length
     * @param z0 one initial coefficient for every mode
     * @return the immutable list of modes
     * @throws IllegalArgumentException naming the arrays when their lengths differ, or a bad value
     */
    public static List<Mode> list(double[] sigma, double[] lambda, double[] lambdaTest, double[] zTarget,
            double z0) {
        Objects.requireNonNull(sigma, "sigma");
        Objects.requireNonNull(lambda, "lambda");
        Objects.requireNonNull(lambdaTest, "lambdaTest");
        Objects.requireNonNull(zTarget, "zTarget");
        if (sigma.length == 0) {
            throw new IllegalArgumentException("sigma must hold at least one mode, got none");
        }
        Checks.sameLength("sigma", sigma.length, "lambda", lambda.length);
        Checks.sameLength("sigma", sigma.length, "lambdaTest", lambdaTest.length);
        Checks.sameLength("sigma", sigma.length, "zTarget", zTarget.length);
        List<Mode> out = new ArrayList<>(sigma.length);
        for (int i = 0; i < sigma.length; i++) {
            try {
                out.add(new Mode(sigma[i], lambda[i], lambdaTest[i], zTarget[i], z0));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mode " + i + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Modes with {@code lambdaTest = lambda} and {@code zTarget_i = targetRatio_i * sigma_i / lambda_i}.
     *
     * @param sigma singular values
     * @param lambda eigenvalues, same length
     * @param targetRatio target ratios, same length
     * @param z0 one initial coefficient for every mode
     * @return the immutable list of modes
     * @throws IllegalArgumentException naming the arrays when their lengths differ, or a bad value
     */
    public static List<Mode> withTargetRatios(double[] sigma, double[] lambda, double[] targetRatio, double z0) {
        Objects.requireNonNull(sigma, "sigma");
        Objects.requireNonNull(lambda, "lambda");
        Objects.requireNonNull(targetRatio, "targetRatio");
        if (sigma.length == 0) {
            throw new IllegalArgumentException("sigma must hold at least one mode, got none");
        }
        Checks.sameLength("sigma", sigma.length, "lambda", lambda.length);
        Checks.sameLength("sigma", sigma.length, "targetRatio", targetRatio.length);
        List<Mode> out = new ArrayList<>(sigma.length);
        for (int i = 0; i < sigma.length; i++) {
            try {
                out.add(withTargetRatio(sigma[i], lambda[i], targetRatio[i], z0));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mode " + i + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The limit of the coefficient under gradient flow, {@code sigma / lambda} (the same for every gamma).
     *
     * @return {@code sigma / lambda}
     */
    public double zInfinity() {
        return sigma / lambda;
    }

    /**
     * This mode with another initial coefficient.
     *
     * @param newZ0 the initial coefficient
     * @return the new mode
     */
    public Mode withZ0(double newZ0) {
        return new Mode(sigma, lambda, lambdaTest, zTarget, newZ0);
    }
}
