package org.wisekit.ddescent;

import java.util.List;
import java.util.Objects;
import org.wisekit.ddescent.internal.Checks;

/**
 * The generalisation error of the decoupled model with a linear teacher whose population input covariance
 * shares the eigenbasis of the training one (reconstructed, note 2.2):
 * {@code E_gen(t) = sum_i lambdaTest_i (z_i(t) - zTarget_i)^2}, without the constant (label-noise variance
 * and the teacher's unmodelled part) that the data adds; {@link AlignedTeacherStudent#testErrorConstant()}
 * gives it for generated data. The double-descent detector and the note's fixtures use the curve without the
 * constant.
 */
public final class TestError {

    private TestError() {
    }

    /**
     * E_gen of the two-layer model from the closed form.
     *
     * @param modes the modes
     * @param gamma imbalance, {@code >= 0}
     * @param eta effective learning rate, {@code > 0}
     * @param times times {@code >= 0}, non-decreasing
     * @return E_gen at each time
     * @throws IllegalArgumentException on a bad argument
     */
    public static double[] twoLayer(List<Mode> modes, double gamma, double eta, double[] times) {
        return fromTrajectories(modes, ModeDynamics.closedForm(modes, gamma, eta, times));
    }

    /**
     * E_gen of linear regression (the gamma to infinity limit, {@link ModeDynamics#linearRegression}).
     *
     * @param modes the modes
     * @param rate learning rate, {@code > 0}
     * @param times times {@code >= 0}, non-decreasing
     * @return E_gen at each time
     * @throws IllegalArgumentException on a bad argument
     */
    public static double[] linearRegression(List<Mode> modes, double rate, double[] times) {
        return fromTrajectories(modes, ModeDynamics.linearRegression(modes, rate, times));
    }

    /**
     * E_gen for given coefficients.
     *
     * @param modes the modes
     * @param z one coefficient per mode
     * @return {@code sum_i lambdaTest_i (z_i - zTarget_i)^2}
     * @throws IllegalArgumentException when the lengths differ
     */
    public static double of(List<Mode> modes, double[] z) {
        Objects.requireNonNull(modes, "modes");
        Objects.requireNonNull(z, "z");
        Checks.sameLength("modes", modes.size(), "z", z.length);
        double e = 0;
        for (int i = 0; i < z.length; i++) {
            e += term(modes.get(i), z[i]);
        }
        return e;
    }

    /**
     * E_gen along trajectories.
     *
     * @param modes the modes
     * @param z {@code z[i][k]} for mode i at time index k (every row the same length)
     * @return E_gen at each time index
     * @throws IllegalArgumentException when the shapes differ
     */
    public static double[] fromTrajectories(List<Mode> modes, double[][] z) {
        double[][] terms = terms(modes, z);
        double[] e = new double[terms[0].length];
        for (double[] row : terms) {
            for (int k = 0; k < e.length; k++) {
                e[k] += row[k];
            }
        }
        return e;
    }

    /**
     * The per-mode terms {@code lambdaTest_i (z_i - zTarget_i)^2} along trajectories.
     *
     * @param modes the modes
     * @param z {@code z[i][k]} (every row the same length, at least one column)
     * @return {@code term[i][k]}
     * @throws IllegalArgumentException when the shapes differ
     */
    public static double[][] terms(List<Mode> modes, double[][] z) {
        List<Mode> ms = Checks.nonEmpty("modes", modes);
        Objects.requireNonNull(z, "z");
        Checks.sameLength("modes", ms.size(), "z", z.length);
        int n = z[0].length;
        double[][] out = new double[ms.size()][n];
        for (int i = 0; i < ms.size(); i++) {
            Checks.sameLength("z[0]", n, "z[" + i + "]", z[i].length);
            Mode m = ms.get(i);
            for (int k = 0; k < n; k++) {
                out[i][k] = term(m, z[i][k]);
            }
        }
        return out;
    }

    private static double term(Mode m, double z) {
        double d = z - m.zTarget();
        return m.lambdaTest() * d * d;
    }
}
