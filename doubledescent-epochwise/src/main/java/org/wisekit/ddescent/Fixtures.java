package org.wisekit.ddescent;

import java.util.List;

/**
 * The note's four two-mode fixtures (<b>reconstructed</b>: found and verified by the note's author, not taken
 * from the paper): eta = 1, z0 = 1e-4 for both modes, {@code lambdaTest = lambda}, mode A overfits with
 * {@code zTarget_A = 0.6 sigma_A / lambda_A}, mode B is monotone with {@code zTarget_B = sigma_B / lambda_B};
 * both targets are derived here from sigma and lambda (the note warns that rounded targets flip flags). The
 * linear-regression limit is the closed form at gamma = 1e3, the two-layer model gamma = 1e-3, on
 * {@code t = logspace(-4, 8, 12000)} with the appendix detector at tolerance 1e-6.
 *
 * <table>
 * <caption>The fixtures and their expected flags</caption>
 * <tr><th>case</th><th>sigma_A</th><th>lambda_A</th><th>sigma_B</th><th>lambda_B</th><th>LR DD</th>
 * <th>two-layer DD</th></tr>
 * <tr><td>1</td><td>1.16</td><td>6.23</td><td>2.75</td><td>0.0474</td><td>no</td><td>yes</td></tr>
 * <tr><td>2</td><td>0.0801</td><td>0.267</td><td>0.052</td><td>0.261</td><td>yes</td><td>no</td></tr>
 * <tr><td>3</td><td>0.178</td><td>5.59</td><td>0.0326</td><td>2.91</td><td>yes</td><td>yes</td></tr>
 * <tr><td>4</td><td>0.109</td><td>0.209</td><td>1.07</td><td>0.0135</td><td>no</td><td>no</td></tr>
 * </table>
 */
public final class Fixtures {

    /** Effective learning rate of the fixtures. */
    public static final double ETA = 1;
    /** Initial coefficient of both modes. */
    public static final double Z0 = 1e-4;
    /** gamma standing for the linear-regression limit. */
    public static final double GAMMA_LINEAR_REGRESSION = 1e3;
    /** gamma of the two-layer model (small initialisation imbalance). */
    public static final double GAMMA_TWO_LAYER = 1e-3;
    /** Target ratio {@code zTarget_A / (sigma_A / lambda_A)} of the overfitting mode A. */
    public static final double TARGET_RATIO_A = 0.6;
    /** First grid time. */
    public static final double T_MIN = 1e-4;
    /** Last grid time. */
    public static final double T_MAX = 1e8;
    /** Number of grid times. */
    public static final int POINTS = 12000;
    /** The detector's relative tolerance. */
    public static final double TOLERANCE = 1e-6;

    private static final List<Case> ALL = List.of(
            new Case(1, 1.16, 6.23, 2.75, 0.0474, false, true),
            new Case(2, 0.0801, 0.267, 0.052, 0.261, true, false),
            new Case(3, 0.178, 5.59, 0.0326, 2.91, true, true),
            new Case(4, 0.109, 0.209, 1.07, 0.0135, false, false));

    private Fixtures() {
    }

    /**
     * One fixture.
     *
     * @param number the case number, 1 to 4
     * @param sigmaA singular value of the overfitting mode A
     * @param lambdaA eigenvalue of mode A
     * @param sigmaB singular value of the monotone mode B
     * @param lambdaB eigenvalue of mode B
     * @param linearRegressionDoubleDescent the expected flag at gamma = {@value Fixtures#GAMMA_LINEAR_REGRESSION}
     * @param twoLayerDoubleDescent the expected flag at gamma = {@value Fixtures#GAMMA_TWO_LAYER}
     */
    public record Case(int number, double sigmaA, double lambdaA, double sigmaB, double lambdaB,
            boolean linearRegressionDoubleDescent, boolean twoLayerDoubleDescent) {

        /**
         * The two modes, targets derived from sigma and lambda.
         *
         * @return modes A and B
         */
        public List<Mode> modes() {
            return List.of(Mode.withTargetRatio(sigmaA, lambdaA, TARGET_RATIO_A, Z0),
                    Mode.withTargetRatio(sigmaB, lambdaB, 1, Z0));
        }

        /**
         * E_gen on the fixtures' grid at a given gamma (eta = 1).
         *
         * @param gamma imbalance, {@code >= 0}
         * @return the curve on {@link Fixtures#grid()}
         */
        public double[] testError(double gamma) {
            return TestError.twoLayer(modes(), gamma, ETA, grid());
        }

        /**
         * The appendix detector on {@link #testError}.
         *
         * @param gamma imbalance, {@code >= 0}
         * @return the detection (its {@code doubleDescent()} is the note's flag)
         */
        public DoubleDescent.Detection detect(double gamma) {
            return DoubleDescent.detect(testError(gamma), grid(), TOLERANCE);
        }

        /**
         * The expected flag at a model's gamma.
         *
         * @param linearRegression true for the linear-regression limit, false for the two-layer model
         * @return the flag of the note's table
         */
        public boolean expected(boolean linearRegression) {
            return linearRegression ? linearRegressionDoubleDescent : twoLayerDoubleDescent;
        }
    }

    /**
     * The four fixtures, in order.
     *
     * @return cases 1 to 4
     */
    public static List<Case> all() {
        return ALL;
    }

    /**
     * One fixture.
     *
     * @param number 1 to 4
     * @return the case
     * @throws IllegalArgumentException when number is not 1 to 4
     */
    public static Case get(int number) {
        if (number < 1 || number > ALL.size()) {
            throw new IllegalArgumentException("number must be 1 to " + ALL.size() + ", got " + number);
        }
        return ALL.get(number - 1);
    }

    /**
     * The fixtures' grid, {@code logspace(-4, 8, 12000)}.
     *
     * @return a fresh array
     */
    public static double[] grid() {
        return LogGrid.of(T_MIN, T_MAX, POINTS);
    }
}
