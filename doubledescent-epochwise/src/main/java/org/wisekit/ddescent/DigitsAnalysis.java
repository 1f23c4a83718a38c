package org.wisekit.ddescent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.wisekit.datasets.LabeledImages;
import org.wisekit.ddescent.internal.Checks;
import org.wisekit.tensor.Shuffles;

/**
 * The theory on real, non-aligned data (note 2.3, step 4; the digits analysis): full-matrix gradient
 * descent of the two-layer linear network on a labelled data set, compared with the decoupled per-mode theory
 * built from the eigen/SVD decomposition of the training covariances. Digits is not aligned, so the agreement
 * is reported ({@link DigitsResult#maxRelativeGap()}, {@link DigitsResult#misalignment()}), not asserted.
 *
 * <p>The pipeline of {@link #run(double[][], int[], int, Settings, long)}, all random choices from one
 * {@link SplittableRandom} seeded with {@code seed}, in this order:
 * <ol>
 * <li><b>Split</b>: a uniform random permutation of the rows; the first {@code round(testFraction n)} rows of it
 * form the test split, the rest the training split (each kept in input order; not stratified).</li>
 * <li><b>Label noise</b> on the training split only: exactly {@code round(labelNoise n_train)} training rows, drawn
 * uniformly without replacement, get a label drawn uniformly among the {@code K - 1} other classes. Test labels
 * stay clean. With {@code K = 1} there is no other class: no label is changed (warning).</li>
 * <li><b>Standardisation</b> with the training statistics (mean and standard deviation with divisor
 * {@code n_train}); columns that are constant on the training split are dropped. Outputs are one-hot over the
 * K classes, not centred (the model has no bias).</li>
 * <li><b>Gradient descent</b> ({@link GradientDescent}, {@code eta_a = eta_b = 1}, step {@code stepSize}) from
 * {@link LinearNet#random} with standard deviation {@code initScale}, hidden width {@code hidden} (0: the number
 * of kept features, as in the note's {@code h = d}), recorded at step 0 and at {@code points} log-spaced steps
 * from 1 to {@code steps} (rounded, duplicates removed); time {@code t = step stepSize}.</li>
 * <li><b>Modes</b>: {@code Sigma_yx = U S V^T} (compact SVD of the K x d training covariance, Commons Math),
 * {@code sigma_i = S_ii}, {@code lambda_i = v_i^T Sigma_xx v_i}; population = the <i>test</i> covariances on the
 * same bases: {@code lambdaTest_i = v_i^T SigmaTest_xx v_i},
 * {@code zTarget_i = (u_i^T SigmaTest_yx v_i) / lambdaTest_i} (0 where {@code lambdaTest_i = 0}). Singular values
 * below {@code 1e-12 sqrt(tr Sigma_yy tr Sigma_xx)} (their Cauchy-Schwarz bound) are rounding, not signal: one-hot
 * outputs sum to 1 and the standardised inputs have zero training mean, so {@code Sigma_yx} has rank at most
 * K - 1 (none for K = 1). Such modes are left out: their coefficient stays 0 under gradient flow, and their test
 * contribution is part of the constant below.</li>
 * <li><b>Initial state of each mode</b> (<b>reconstructed</b>, a choice of this implementation): with
 * {@code p_i = W1 v_i} and {@code q_i = W2^T u_i} from the initial network, {@code z0_i = q_i . p_i} (the
 * projection {@code u_i^T W2 W1 v_i}) and
 * {@code gamma_i = sqrt((|p_i|^2 + |q_i|^2)^2 - 4 z0_i^2)}. When the data's covariances are diagonal in
 * (U, V) and the network's cross terms vanish, {@code p_i' = c_i q_i}, {@code q_i' = c_i p_i} with
 * {@code c_i = sigma_i - lambda_i z_i}, so {@code dz_i/dt = (|p_i|^2 + |q_i|^2) c_i}, and both
 * {@code |p_i|^2 - |q_i|^2} and {@code |p_i|^2 |q_i|^2 - z_i^2} are conserved: the rate factor is
 * {@code sqrt(gamma_i^2 + 4 z_i^2)} with this constant gamma_i, the paper's per-mode equation (eta = 1). For a
 * scalar (aligned) mode it reduces to {@code |a0^2 - b0^2|}.</li>
 * <li><b>Theory curve</b>: the closed form per mode ({@link ModeDynamics#closedForm}, each mode with its own
 * gamma), {@code E(t) = sum_i lambdaTest_i (z_i(t) - zTarget_i)^2 + C} with
 * {@code C = tr(SigmaTest_yy) - sum_i lambdaTest_i zTarget_i^2}: the exact test error of the network
 * {@code sum_i z_i(t) u_i v_i^T} (so at t = 0 it differs from the measured one only by the part of the random
 * initial network outside the modes, of order {@code initScale^2}).</li>
 * <li><b>Detection</b>: {@link DoubleDescent#detect} at tolerance {@value DoubleDescent#DEFAULT_TOLERANCE} on both
 * curves (a double descent is {@link DoubleDescent.Detection#secondDescent()}; the appendix count is reported too),
 * {@link Conditions#evaluate} on the theory's mode trajectories.</li>
 * </ol>
 *
 * <p>Defaults ({@link Settings#defaults()}): 20 % label noise, 20 % test rows, 2 x 10^4 steps of size 0.05
 * (flow time 10^3, where descent on digits has converged), initial standard deviation 10^-3, 200 log-spaced
 * points, hidden width = features. On sklearn digits (1797 x 64, 10 classes, 61 varying pixels) a run takes
 * about 4 s on one core; its test-error curve stays within 0.4 % (relative) of a run with step 5 x 10^-3.
 */
public final class DigitsAnalysis {

    /** Largest number of chunks the descent is cut into for progress reports. */
    private static final int PROGRESS_CHUNKS = 25;

    private DigitsAnalysis() {
    }

    /**
     * Settings of {@link DigitsAnalysis#run}.
     *
     * @param labelNoise fraction of the training labels replaced by another class, in [0, 1)
     * @param testFraction fraction of the rows held out for testing, in (0, 1)
     * @param stepSize gradient-descent step, finite and {@code > 0}
     * @param steps number of gradient-descent steps, {@code >= 1}
     * @param initScale standard deviation of the random initial weights, finite and {@code > 0}
     * @param points number of log-spaced recorded steps (before rounding removes duplicates), {@code >= 2}
     * @param hidden hidden width, {@code >= 1}, or 0 for the number of kept features
     */
    public record Settings(double labelNoise, double testFraction, double stepSize, int steps, double initScale,
            int points, int hidden) {

        /**
         * Validates the fields.
         *
         * @throws IllegalArgumentException naming the field and the value when one is out of range
         */
        public Settings {
            if (!(labelNoise >= 0 && labelNoise < 1)) {
                throw new IllegalArgumentException("labelNoise must be in [0, 1), got " + labelNoise);
            }
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
            }
            Checks.positive("stepSize", stepSize);
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            }
            Checks.positive("initScale", initScale);
            if (points < 2) {
                throw new IllegalArgumentException("points must be >= 2, got " + points);
            }
            if (hidden < 0) {
                throw new IllegalArgumentException("hidden must be >= 0 (0: the number of features), got " + hidden);
            }
        }

        /**
         * The defaults: label noise 0.2, test fraction 0.2, step 0.05, 20000 steps, init scale 1e-3, 200 points,
         * hidden = features.
         *
         * @return the defaults
         */
        public static Settings defaults() {
            return new Settings(0.2, 0.2, 0.05, 20_000, 1e-3, 200, 0);
        }

        /**
         * These settings with another label-noise fraction.
         *
         * @param value in [0, 1)
         * @return the new settings
         */
        public Settings withLabelNoise(double value) {
            return new Settings(value, testFraction, stepSize, steps, initScale, points, hidden);
        }

        /**
         * These settings with another test fraction.
         *
         * @param value in (0, 1)
         * @return the new settings
         */
        public Settings withTestFraction(double value) {
            return new Settings(labelNoise, value, stepSize, steps, initScale, points, hidden);
        }

        /**
         * These settings with another step size.
         *
         * @param value {@code > 0}
         * @return the new settings
         */
        public Settings withStepSize(double value) {
            return new Settings(labelNoise, testFraction, value, steps, initScale, points, hidden);
        }

        /**
         * These settings with another number of steps.
         *
         * @param value {@code >= 1}
         * @return the new settings
         */
        public Settings withSteps(int value) {
            return new Settings(labelNoise, testFraction, stepSize, value, initScale, points, hidden);
        }

        /**
         * These settings with another initial scale.
         *
         * @param value {@code > 0}
         * @return the new settings
         */
        public Settings withInitScale(double value) {
            return new Settings(labelNoise, testFraction, stepSize, steps, value, points, hidden);
        }

        /**
         * These settings with another number of recorded points.
         *
         * @param value {@code >= 2}
         * @return the new settings
         */
        public Settings withPoints(int value) {
            return new Settings(labelNoise, testFraction, stepSize, steps, initScale, value, hidden);
        }

        /**
         * These settings with another hidden width.
         *
         * @param value {@code >= 1}, or 0 for the number of features
         * @return the new settings
         */
        public Settings withHidden(int value) {
            return new Settings(labelNoise, testFraction, stepSize, steps, initScale, points, value);
        }
    }

    /**
     * Runs the analysis on sklearn digits or any other labelled images: each image flattened into one row
     * (row-major pixels), classes = the number of class names.
     *
     * @param data the images and labels
     * @param settings the settings
     * @param seed the seed
     * @return the result
     * @throws IllegalArgumentException on a bad argument (see {@link #run(double[][], int[], int, Settings, long)})
     */
    public static DigitsResult run(LabeledImages data, Settings settings, long seed) {
        Objects.requireNonNull(data, "data");
        int n = data.size();
        int d = data.images().size() / n;
        float[] pixels = data.images().data();
        double[][] x = new double[n][d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                x[r][j] = pixels[r * d + j];
            }
        }
        return run(x, data.labels(), data.classNames().size(), settings, seed, null);
    }

    /**
     * Runs the analysis (see the class comment).
     *
     * @param x features, n x d, finite, {@code n >= 2}
     * @param labels class of each row, in {@code [0, classes)}
     * @param classes number of classes K, {@code >= 1}
     * @param settings the settings
     * @param seed the seed of the split, the label noise and the initial network
     * @return the result
     * @throws IllegalArgumentException naming the parameter and the value on bad input, or naming stepSize when
     *     gradient descent diverges
     */
    public static DigitsResult run(double[][] x, int[] labels, int classes, Settings settings, long seed) {
        return run(x, labels, classes, settings, seed, null);
    }

    /**
     * {@link #run(double[][], int[], int, Settings, long)} reporting the number of gradient-descent steps done.
     *
     * @param x features, n x d, finite, {@code n >= 2}
     * @param labels class of each row, in {@code [0, classes)}
     * @param classes number of classes K, {@code >= 1}
     * @param settings the settings
     * @param seed the seed
     * @param stepsDone called with the number of steps done so far (up to {@code settings.steps()}); may be null
     * @return the result
     * @throws IllegalArgumentException on bad input, or naming stepSize when gradient descent diverges
     */
    public static DigitsResult run(double[][] x, int[] labels, int classes, Settings settings, long seed,
            LongConsumer stepsDone) {
        Checks.matrix("x", x, -1, -1);
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(settings, "settings");
        Checks.sameLength("x rows", x.length, "labels", labels.length);
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException("labels[" + r + "] must be in [0, " + classes + "), got "
                        + labels[r]);
            }
        }
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("x must have at least 2 rows (train and test), got " + n);
        }
        List<String> warnings = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(seed);
        Split split = split(n, settings.testFraction(), rng);
        int[] trainLabels = new int[split.train().length];
        for (int r = 0; r < trainLabels.length; r++) {
            trainLabels[r] = labels[split.train()[r]];
        }
        int noisy = 0;
        if (classes == 1) {
            if (settings.labelNoise() > 0) {
                warnings.add("labelNoise = " + settings.labelNoise() + " not applied: with a single class there is"
                        + " no other class to draw");
            }
        } else {
            noisy = corruptLabels(trainLabels, classes, settings.labelNoise(), rng);
        }
        long initSeed = rng.nextLong();

        Standardiser std = Standardiser.fit(x, split.train());
        if (std.kept().length == 0) {
            throw new IllegalArgumentException("x has no column that varies on the training split ("
                    + split.train().length + " rows)");
        }
        double[][] xTrain = std.apply(x, split.train());
        double[][] xTest = std.apply(x, split.test());
        int[] testLabels = new int[split.test().length];
        for (int r = 0; r < testLabels.length; r++) {
            testLabels[r] = labels[split.test()[r]];
        }
        RegressionData train = RegressionData.of(xTrain, oneHot(trainLabels, classes));
        RegressionData test = RegressionData.of(xTest, oneHot(testLabels, classes));
        return analyse(train, test, settings, seed, initSeed, classes, std.dropped(), noisy, warnings,
                stepsDone);
    }

    /**
     * The core on prepared training and test sets (any regression data, aligned or not).
     */
    static DigitsResult analyse(RegressionData train, RegressionData test, Settings settings, long seed,
            long initSeed, int classes, List<Integer> dropped, int noisy, List<String> warningsSoFar,
            LongConsumer stepsDone) {
        List<String> warnings = new ArrayList<>(warningsSoFar);
        warnings.addAll(train.warnings());
        int d = train.inputs();
        int k = train.outputs();
        int hidden = settings.hidden() == 0 ? d : settings.hidden();
        Settings used = settings.withHidden(hidden);

        // modes from the training covariances, population from the test covariances
        Theory theory = Theory.of(train, test, warnings);
        LinearNet init = LinearNet.random(hidden, d, k, settings.initScale(), initSeed);
        List<Mode> modes = new ArrayList<>();
        double[] gammas = new double[theory.size()];
        for (int i = 0; i < theory.size(); i++) {
            double[] pq = theory.initialState(init, i);
            modes.add(new Mode(theory.sigma[i], theory.lambda[i], theory.lambdaTest[i], theory.zTarget[i], pq[0]));
            gammas[i] = pq[1];
        }
        List<Integer> behind = new ArrayList<>();
        for (int i = 0; i < modes.size(); i++) {
            if (Conditions.targetBehindStart(modes.get(i))) {
                behind.add(i);
            }
        }
        if (!behind.isEmpty()) {
            warnings.add("modes " + behind + " have their target behind z0 (their term rises from t = 0): C1 and C2"
                    + " are not necessary conditions for them");
        }

        // gradient descent, in chunks for progress (continuing from the last snapshot is the same iteration)
        long[] recordSteps = recordSteps(settings.steps(), settings.points());
        double[] times = new double[recordSteps.length];
        for (int r = 0; r < times.length; r++) {
            times[r] = recordSteps[r] * settings.stepSize();
        }
        double[] gd = new double[recordSteps.length];
        int chunk = Math.max(1, (recordSteps.length + PROGRESS_CHUNKS - 1) / PROGRESS_CHUNKS);
        LinearNet current = init;
        long base = 0;
        for (int start = 0; start < recordSteps.length; start += chunk) {
            int end = Math.min(recordSteps.length, start + chunk);
            long[] rel = new long[end - start];
            for (int r = start; r < end; r++) {
                rel[r - start] = recordSteps[r] - base;
            }
            Trajectory tr = GradientDescent.runAt(current, train, 1, 1, settings.stepSize(), rel);
            for (int r = start; r < end; r++) {
                gd[r] = testError(tr.states().get(r - start), test);
            }
            current = tr.last();
            base = recordSteps[end - 1];
            if (stepsDone != null) {
                stepsDone.accept(base);
            }
        }

        // theory: each mode with its own gamma, eta = 1
        double[][] z = new double[modes.size()][];
        for (int i = 0; i < modes.size(); i++) {
            z[i] = ModeDynamics.closedForm(List.of(modes.get(i)), gammas[i], 1, times)[0];
        }
        double[] th;
        ConditionReport conditions;
        if (modes.isEmpty()) {
            th = new double[times.length];
            conditions = new ConditionReport(false, false, List.of(), List.of(), -1, -1, Double.NaN);
        } else {
            th = TestError.fromTrajectories(modes, z);
            conditions = Conditions.evaluate(modes, times, z, DoubleDescent.DEFAULT_TOLERANCE);
        }
        for (int r = 0; r < th.length; r++) {
            th[r] += theory.constant;
        }
        double gap = 0;
        for (int r = 0; r < gd.length; r++) {
            double denom = Math.max(Math.abs(gd[r]), Double.MIN_NORMAL);
            gap = Math.max(gap, Math.abs(gd[r] - th[r]) / denom);
        }
        DoubleDescent.Detection gdDetection = DoubleDescent.detect(gd, times, DoubleDescent.DEFAULT_TOLERANCE);
        DoubleDescent.Detection thDetection = DoubleDescent.detect(th, times, DoubleDescent.DEFAULT_TOLERANCE);
        return new DigitsResult(used, seed, train.size(), test.size(), d, dropped, classes, noisy, modes, gammas,
                times, gd, th, theory.constant, gap, theory.misalignment, gdDetection, thDetection, conditions,
                warnings);
    }

    /** Training and test row indices, each increasing. */
    record Split(int[] train, int[] test) {
    }

    /** The seeded split: the first {@code round(testFraction n)} rows of a random permutation are the test rows. */
    static Split split(int n, double testFraction, SplittableRandom rng) {
        int nTest = (int) Math.round(testFraction * n);
        if (nTest < 1 || nTest > n - 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "testFraction = %s gives %d test rows of %d; need at least 1 test and 1 training row",
                    testFraction, nTest, n));
        }
        int[] perm = Shuffles.permutation(n, rng);
        int[] test = Arrays.copyOf(perm, nTest);
        int[] train = Arrays.copyOfRange(perm, nTest, n);
        Arrays.sort(test);
        Arrays.sort(train);
        return new Split(train, test);
    }

    /**
     * Replaces exactly {@code round(fraction labels.length)} labels, at positions drawn uniformly without
     * replacement, by a class drawn uniformly among the {@code classes - 1} others. Needs {@code classes >= 2}.
     *
     * @return the number of labels changed
     */
    static int corruptLabels(int[] labels, int classes, double fraction, SplittableRandom rng) {
        int count = (int) Math.round(fraction * labels.length);
        int[] pos = Shuffles.identity(labels.length);
        // partial Fisher-Yates: the first count positions are a uniform sample without replacement
        for (int i = 0; i < count; i++) {
            int j = i + rng.nextInt(labels.length - i);
            int t = pos[i];
            pos[i] = pos[j];
            pos[j] = t;
            int old = labels[pos[i]];
            int draw = rng.nextInt(classes - 1);
            labels[pos[i]] = draw >= old ? draw + 1 : draw;
        }
        return count;
    }

    /** Recorded steps: 0, then {@code points} log-spaced steps from 1 to {@code steps}, rounded, without repeats. */
    static long[] recordSteps(int steps, int points) {
        long[] out = new long[points + 1];
        int m = 0;
        out[m++] = 0;
        double top = Math.log10(steps);
        for (int k = 0; k < points; k++) {
            long s = k == points - 1 ? steps : Math.round(Math.pow(10, top * k / (points - 1)));
            s = Math.max(1, Math.min(steps, s));
            if (s > out[m - 1]) {
                out[m++] = s;
            }
        }
        return Arrays.copyOf(out, m);
    }

    static double[][] oneHot(int[] labels, int classes) {
        double[][] y = new double[labels.length][classes];
        for (int r = 0; r < labels.length; r++) {
            y[r][labels[r]] = 1;
        }
        return y;
    }

    /**
     * Test mean squared error {@code (1/n) sum_r ||y_r - W x_r||^2} from the test covariances:
     * {@code tr(Syy) - 2 tr(W Syx^T) + tr(W Sxx W^T)}.
     */
    static double testError(LinearNet net, RegressionData test) {
        double[][] w = net.product();
        double[] sxx = test.sxx();
        double[] syx = test.syx();
        int d = test.inputs();
        double e = traceYy(test);
        for (int i = 0; i < w.length; i++) {
            double[] wi = w[i];
            double cross = 0;
            double quad = 0;
            for (int j = 0; j < d; j++) {
                cross += wi[j] * syx[i * d + j];
                double s = 0;
                for (int l = 0; l < d; l++) {
                    s += sxx[j * d + l] * wi[l];
                }
                quad += wi[j] * s;
            }
            e += quad - 2 * cross;
        }
        return e;
    }

    /** {@code tr(Y^T Y / n)}. */
    static double traceYy(RegressionData data) {
        double[][] y = data.rawY();
        double s = 0;
        for (double[] row : y) {
            for (double v : row) {
                s += v * v;
            }
        }
        return s / y.length;
    }

    /** Column statistics of the training rows; columns constant on them are dropped. */
    record Standardiser(int[] kept, double[] mean, double[] std, List<Integer> dropped) {

        static Standardiser fit(double[][] x, int[] rows) {
            int d = x[0].length;
            List<Integer> keptList = new ArrayList<>();
            List<Integer> dropped = new ArrayList<>();
            double[] mean = new double[d];
            double[] std = new double[d];
            for (int j = 0; j < d; j++) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                double s = 0;
                for (int r : rows) {
                    double v = x[r][j];
                    s += v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                if (min == max) {
                    dropped.add(j);
                    continue;
                }
                double mu = s / rows.length;
                double ss = 0;
                for (int r : rows) {
                    double dv = x[r][j] - mu;
                    ss += dv * dv;
                }
                mean[j] = mu;
                std[j] = Math.sqrt(ss / rows.length);
                keptList.add(j);
            }
            int[] kept = keptList.stream().mapToInt(Integer::intValue).toArray();
            return new Standardiser(kept, mean, std, List.copyOf(dropped));
        }

        double[][] apply(double[][] x, int[] rows) {
            double[][] out = new double[rows.length][kept.length];
            for (int r = 0; r < rows.length; r++) {
                double[] src = x[rows[r]];
                for (int c = 0; c < kept.length; c++) {
                    int j = kept[c];
                    out[r][c] = (src[j] - mean[j]) / std[j];
                }
            }
            return out;
        }
    }

    /** The decomposition of the training and test covariances on the training SVD bases. */
    static final class Theory {
        final double[][] u;
        final double[][] v;
        final double[] sigma;
        final double[] lambda;
        final double[] lambdaTest;
        final double[] zTarget;
        final double constant;
        final double misalignment;

        private Theory(double[][] u, double[][] v, double[] sigma, double[] lambda, double[] lambdaTest,
                double[] zTarget, double constant, double misalignment) {
            this.u = u;
            this.v = v;
            this.sigma = sigma;
            this.lambda = lambda;
            this.lambdaTest = lambdaTest;
            this.zTarget = zTarget;
            this.constant = constant;
            this.misalignment = misalignment;
        }

        int size() {
            return sigma.length;
        }

        static Theory of(RegressionData train, RegressionData test, List<String> warnings) {
            int d = train.inputs();
            int k = train.outputs();
            double[] sxx = train.sxx();
            double[] sxxT = test.sxx();
            double[] syxT = test.syx();
            SingularValueDecomposition svd = new SingularValueDecomposition(
                    new Array2DRowRealMatrix(train.sigmaYX(), false));
            RealMatrix um = svd.getU();
            RealMatrix vm = svd.getV();
            double[] s = svd.getSingularValues();
            int p = s.length;
            double trace = 0;
            for (int j = 0; j < d; j++) {
                trace += sxx[j * d + j];
            }
            double floor = 1e-12 * trace / d;
            // Cauchy-Schwarz: sigma_i <= sqrt(tr Sigma_yy tr Sigma_xx); a singular value below 1e-12 of that bound is
            // rounding (one-hot outputs sum to 1 and the inputs have zero training mean: rank at most K - 1)
            double noSignal = 1e-12 * Math.sqrt(traceYy(train) * trace);
            List<double[]> us = new ArrayList<>();
            List<double[]> vs = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            List<Integer> droppedModes = new ArrayList<>();
            double misalignment = 0;
            double[] sv = new double[d];
            for (int i = 0; i < p; i++) {
                if (!(s[i] > noSignal)) {
                    continue;
                }
                double[] ui = um.getColumn(i);
                double[] vi = vm.getColumn(i);
                double lam = quadratic(sxx, vi, d, sv);
                if (!(lam > floor)) {
                    droppedModes.add(i);
                    continue;
                }
                double res = 0;
                double norm = 0;
                for (int j = 0; j < d; j++) {
                    double r = sv[j] - lam * vi[j];
                    res += r * r;
                    norm += sv[j] * sv[j];
                }
                misalignment = Math.max(misalignment, Math.sqrt(res / norm));
                double lamT = quadratic(sxxT, vi, d, sv);
                double cross = 0;
                for (int r = 0; r < k; r++) {
                    double t = 0;
                    for (int j = 0; j < d; j++) {
                        t += syxT[r * d + j] * vi[j];
                    }
                    cross += ui[r] * t;
                }
                double target = lamT > 0 ? cross / lamT : 0;
                us.add(ui);
                vs.add(vi);
                values.add(new double[] {s[i], lam, lamT, target});
            }
            if (!droppedModes.isEmpty()) {
                warnings.add("modes " + droppedModes + " of Sigma_yx left out: their training eigenvalue v^T Sigma_xx v"
                        + " is 0 (the input direction does not occur in the training rows)");
            }
            int m = values.size();
            double[] sigma = new double[m];
            double[] lambda = new double[m];
            double[] lambdaTest = new double[m];
            double[] zTarget = new double[m];
            double constant = traceYy(test);
            for (int i = 0; i < m; i++) {
                double[] v4 = values.get(i);
                sigma[i] = v4[0];
                lambda[i] = v4[1];
                lambdaTest[i] = v4[2];
                zTarget[i] = v4[3];
                constant -= lambdaTest[i] * zTarget[i] * zTarget[i];
            }
            return new Theory(columns(us, k), columns(vs, d), sigma, lambda, lambdaTest, zTarget, constant,
                    misalignment);
        }

        /** {z0_i, gamma_i} of mode i from the initial network (see the class comment). */
        double[] initialState(LinearNet net, int i) {
            double[][] w1 = net.w1();
            double[][] w2 = net.w2();
            int h = net.hidden();
            double pp = 0;
            double qq = 0;
            double z0 = 0;
            for (int c = 0; c < h; c++) {
                double pc = 0;
                for (int j = 0; j < v.length; j++) {
                    pc += w1[c][j] * v[j][i];
                }
                double qc = 0;
                for (int r = 0; r < u.length; r++) {
                    qc += w2[r][c] * u[r][i];
                }
                pp += pc * pc;
                qq += qc * qc;
                z0 += pc * qc;
            }
            double sum = pp + qq;
            double gamma = Math.sqrt(Math.max(0, (sum - 2 * z0) * (sum + 2 * z0)));
            return new double[] {z0, gamma};
        }

        private static double quadratic(double[] a, double[] x, int d, double[] ax) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double t = 0;
                for (int l = 0; l < d; l++) {
                    t += a[j * d + l] * x[l];
                }
                ax[j] = t;
                s += x[j] * t;
            }
            return s;
        }

        private static double[][] columns(List<double[]> cols, int rows) {
            double[][] out = new double[rows][cols.size()];
            for (int c = 0; c < cols.size(); c++) {
                for (int r = 0; r < rows; r++) {
                    out[r][c] = cols.get(c)[r];
                }
            }
            return out;
        }
    }
}
