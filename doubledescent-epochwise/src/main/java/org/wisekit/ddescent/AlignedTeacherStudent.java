package org.wisekit.ddescent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.wisekit.ddescent.internal.Checks;
import org.wisekit.ddescent.internal.Dense;
import org.wisekit.tensor.Normals;

/**
 * The "aligned teacher-student" data of the note (2.3), built so that the decoupled theory is exact:
 * {@code X = Q diag(sqrt(n lambda)) V^T} (Q: n x dx with orthonormal columns) gives
 * {@code X^T X / n = V diag(lambda) V^T}, and Y is built so that {@code Y^T X / n = U diag(sigma) V^T}, with
 * random orthonormal U (dy x dy) and V (dx x dx) from the QR decomposition of Gaussian matrices. The first
 * {@code m = min(dx, dy)} columns of U and V are the modes; input directions beyond m have sigma = 0.
 *
 * <p>The teacher is {@code W* = U diag(teacher) V^T}; the population has input covariance
 * {@code Sigma_xx} (the same as training: {@code lambdaTest = lambda}) and label noise of variance
 * {@code noiseStd^2} per output, so the population test error of a network is
 * {@code tr((W - W*) Sigma_xx (W - W*)^T) + dy noiseStd^2}, in the mode picture
 * {@code sum_i lambda_i (z_i - teacher_i)^2 + dy noiseStd^2}.
 *
 * <p>Label noise: Y = X W*^T + N with N i.i.d. {@code N(0, noiseStd^2)}; the part of N in the column span of X is
 * <b>projected</b> on the mode diagonal (its off-diagonal components in the (U, V) bases are removed) so that
 * {@code Sigma_yx} stays exactly diagonal; the part orthogonal to X is kept (it changes the training loss, not
 * the dynamics). {@link #fromTeacher} draws the noise and reads sigma off the result,
 * {@code sigma_i = lambda_i teacher_i + (projected noise)_i}; {@link #generate} imposes given sigma (the in-span
 * noise is then whatever makes {@code Sigma_yx = U diag(sigma) V^T}; the orthogonal noise is still drawn).
 * Identities hold to rounding (about 1e-15 relative). Immutable: accessors return copies.
 */
public final class AlignedTeacherStudent {

    private final RegressionData data;
    private final double[][] u;
    private final double[][] v;
    private final double[] lambda;
    private final double[] sigma;
    private final double[] teacher;
    private final double noiseStd;

    private AlignedTeacherStudent(RegressionData data, double[][] u, double[][] v, double[] lambda, double[] sigma,
            double[] teacher, double noiseStd) {
        this.data = data;
        this.u = u;
        this.v = v;
        this.lambda = lambda;
        this.sigma = sigma;
        this.teacher = teacher;
        this.noiseStd = noiseStd;
    }

    /**
     * Data with imposed training spectra: {@code X^T X / n = V diag(lambda) V^T} and
     * {@code Y^T X / n = U diag(sigma) V^T}.
     *
     * @param n samples, {@code >= dx}
     * @param dx inputs, {@code >= 1}
     * @param dy outputs, {@code >= 1}
     * @param lambda eigenvalues of {@code Sigma_xx}, length dx, each finite and {@code > 0}
     * @param sigma singular values of {@code Sigma_yx} for the first {@code min(dx, dy)} modes
     * @param teacher the teacher's coefficient per mode (the test targets), length {@code min(dx, dy)}
     * @param noiseStd label-noise standard deviation, {@code >= 0} (orthogonal part and population constant)
     * @param seed the seed (U, V, Q and the noise are drawn in that order from one generator)
     * @return the data set
     * @throws IllegalArgumentException naming the parameter on a bad argument or lengths that differ
     */
    public static AlignedTeacherStudent generate(int n, int dx, int dy, double[] lambda, double[] sigma,
            double[] teacher, double noiseStd, long seed) {
        Objects.requireNonNull(sigma, "sigma");
        checkCommon(n, dx, dy, lambda, teacher, noiseStd);
        Checks.finite("sigma", sigma);
        Checks.sameLength("sigma", sigma.length, "min(dx, dy)", Math.min(dx, dy));
        return build(n, dx, dy, lambda, sigma, teacher, noiseStd, seed);
    }

    /**
     * Data from a teacher plus projected label noise (the note's construction): sigma is the result,
     * {@code sigma_i = lambda_i teacher_i + sqrt(lambda_i / n) u_i^T N^T q_i}.
     *
     * @param n samples, {@code >= dx}
     * @param dx inputs, {@code >= 1}
     * @param dy outputs, {@code >= 1}
     * @param lambda eigenvalues of {@code Sigma_xx}, length dx, each {@code > 0}
     * @param teacher the teacher's coefficient per mode, length {@code min(dx, dy)}
     * @param noiseStd label-noise standard deviation, {@code >= 0}
     * @param seed the seed
     * @return the data set
     * @throws IllegalArgumentException naming the parameter on a bad argument or lengths that differ
     */
    public static AlignedTeacherStudent fromTeacher(int n, int dx, int dy, double[] lambda, double[] teacher,
            double noiseStd, long seed) {
        checkCommon(n, dx, dy, lambda, teacher, noiseStd);
        return build(n, dx, dy, lambda, null, teacher, noiseStd, seed);
    }

    private static void checkCommon(int n, int dx, int dy, double[] lambda, double[] teacher, double noiseStd) {
        LinearNet.positiveInt("dx", dx);
        LinearNet.positiveInt("dy", dy);
        if (n < dx) {
            throw new IllegalArgumentException("n must be >= dx = " + dx + ", got " + n);
        }
        Objects.requireNonNull(lambda, "lambda");
        Objects.requireNonNull(teacher, "teacher");
        Checks.sameLength("lambda", lambda.length, "dx", dx);
        for (int i = 0; i < lambda.length; i++) {
            Checks.positive("lambda[" + i + "]", lambda[i]);
        }
        Checks.finite("teacher", teacher);
        Checks.sameLength("teacher", teacher.length, "min(dx, dy)", Math.min(dx, dy));
        Checks.nonNegative("noiseStd", noiseStd);
    }

    private static AlignedTeacherStudent build(int n, int dx, int dy, double[] lambda, double[] sigmaOrNull,
            double[] teacher, double noiseStd, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] u = Dense.orthonormalColumns(dy, dy, rng);
        double[][] v = Dense.orthonormalColumns(dx, dx, rng);
        double[][] q = Dense.orthonormalColumns(n, dx, rng);
        double[][] noise = new double[n][dy];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < dy; c++) {
                noise[r][c] = noiseStd * Normals.next(rng);
            }
        }
        int m = Math.min(dx, dy);
        // N = N_par + N_perp, N_par = Q (Q^T N); only N_par reaches Sigma_yx.
        double[][] qtn = Dense.transposeTimes(q, noise); // dx x dy
        double[][] perp = Dense.copy(noise);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < dy; c++) {
                double s = 0;
                for (int k = 0; k < dx; k++) {
                    s += q[r][k] * qtn[k][c];
                }
                perp[r][c] -= s;
            }
        }
        double[] sigma = new double[m];
        for (int i = 0; i < m; i++) {
            if (sigmaOrNull != null) {
                sigma[i] = sigmaOrNull[i];
            } else {
                // R_ii = u_i^T N^T q_i = sum_c u[c][i] (Q^T N)[i][c]
                double rii = 0;
                for (int c = 0; c < dy; c++) {
                    rii += u[c][i] * qtn[i][c];
                }
                sigma[i] = lambda[i] * teacher[i] + Math.sqrt(lambda[i] / n) * rii;
            }
        }
        // X = Q diag(sqrt(n lambda)) V^T ; Y = sum_i sigma_i sqrt(n / lambda_i) q_i u_i^T + N_perp
        double[][] x = new double[n][dx];
        double[][] y = perp;
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < dx; k++) {
                double qs = q[r][k] * Math.sqrt(n * lambda[k]);
                for (int j = 0; j < dx; j++) {
                    x[r][j] += qs * v[j][k];
                }
            }
            for (int i = 0; i < m; i++) {
                double c = q[r][i] * sigma[i] * Math.sqrt(n / lambda[i]);
                for (int o = 0; o < dy; o++) {
                    y[r][o] += c * u[o][i];
                }
            }
        }
        RegressionData data = RegressionData.of(x, y);
        return new AlignedTeacherStudent(data, u, v, lambda.clone(), sigma, teacher.clone(), noiseStd);
    }

    /**
     * The training set.
     *
     * @return the data (immutable)
     */
    public RegressionData data() {
        return data;
    }

    /**
     * The output basis.
     *
     * @return a copy of U, dy x dy, orthonormal columns (mode i is column i)
     */
    public double[][] u() {
        return Dense.copy(u);
    }

    /**
     * The input basis.
     *
     * @return a copy of V, dx x dx, orthonormal columns
     */
    public double[][] v() {
        return Dense.copy(v);
    }

    /**
     * Number of modes.
     *
     * @return {@code min(dx, dy)}
     */
    public int modeCount() {
        return sigma.length;
    }

    /**
     * The eigenvalues of {@code Sigma_xx} (training and population).
     *
     * @return a copy, length dx
     */
    public double[] lambda() {
        return lambda.clone();
    }

    /**
     * The singular values of {@code Sigma_yx} per mode.
     *
     * @return a copy, length {@code min(dx, dy)}
     */
    public double[] sigma() {
        return sigma.clone();
    }

    /**
     * The teacher's coefficients (test targets).
     *
     * @return a copy, length {@code min(dx, dy)}
     */
    public double[] teacher() {
        return teacher.clone();
    }

    /**
     * The label-noise standard deviation.
     *
     * @return noiseStd
     */
    public double noiseStd() {
        return noiseStd;
    }

    /**
     * The teacher map.
     *
     * @return {@code W* = U diag(teacher) V^T}, dy x dx
     */
    public double[][] teacherMatrix() {
        int dy = u.length;
        int dx = v.length;
        double[][] w = new double[dy][dx];
        for (int i = 0; i < teacher.length; i++) {
            for (int r = 0; r < dy; r++) {
                for (int j = 0; j < dx; j++) {
                    w[r][j] += teacher[i] * u[r][i] * v[j][i];
                }
            }
        }
        return w;
    }

    /**
     * The modes of this data set: {@code (sigma_i, lambda_i, lambdaTest = lambda_i, zTarget = teacher_i, z0)}.
     *
     * @param z0 initial coefficient of every mode
     * @return the modes, length {@code min(dx, dy)}
     */
    public List<Mode> modes(double z0) {
        List<Mode> out = new ArrayList<>(sigma.length);
        for (int i = 0; i < sigma.length; i++) {
            out.add(new Mode(sigma[i], lambda[i], lambda[i], teacher[i], z0));
        }
        return List.copyOf(out);
    }

    /**
     * The constant of the population test error, the label-noise variance summed over outputs.
     *
     * @return {@code dy noiseStd^2}
     */
    public double testErrorConstant() {
        return u.length * noiseStd * noiseStd;
    }

    /**
     * The population test error of a network in closed form,
     * {@code tr((W - W*) Sigma_xx (W - W*)^T) + dy noiseStd^2}.
     *
     * @param net the network (shapes must match)
     * @return the test error
     * @throws IllegalArgumentException when the shapes do not match
     */
    public double testError(LinearNet net) {
        data.requireShape(net);
        double[][] w = net.product();
        double[][] ws = teacherMatrix();
        double[] sxx = data.sxx();
        int dx = v.length;
        double e = 0;
        double[] d = new double[dx];
        for (int r = 0; r < w.length; r++) {
            for (int j = 0; j < dx; j++) {
                d[j] = w[r][j] - ws[r][j];
            }
            for (int j = 0; j < dx; j++) {
                double s = 0;
                for (int k = 0; k < dx; k++) {
                    s += sxx[j * dx + k] * d[k];
                }
                e += d[j] * s;
            }
        }
        return e + testErrorConstant();
    }

    /**
     * The decoupled initialisation in this data's bases (see {@link LinearNet#decoupled}).
     *
     * @param a first-layer factors, at most {@code min(dx, dy)}
     * @param b second-layer factors, same length
     * @param hidden hidden width, {@code >= a.length}
     * @return the network
     * @throws IllegalArgumentException on shapes that do not fit
     */
    public LinearNet decoupledNet(double[] a, double[] b, int hidden) {
        return LinearNet.decoupled(u, v, a, b, hidden);
    }

    /**
     * Warnings of {@link RegressionData#warnings()} (for example a single output).
     *
     * @return the warnings
     */
    public List<String> warnings() {
        return data.warnings();
    }
}
