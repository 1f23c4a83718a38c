package org.wisekit.lmbd;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.wisekit.lmbd.internal.Cholesky;
import org.wisekit.lmbd.internal.DipoleTensors;
import org.wisekit.lmbd.internal.Separation;
import org.wisekit.lmbd.internal.SymmetricEigen;

/**
 * Full (dense) many-body dispersion for finite systems, as libMBD defines it: range-separated self-consistent
 * screening (rsSCS), the MBD@rsSCS energy from the eigenvalues of the coupled-oscillator matrix, the equivalent
 * ACFDT (adiabatic-connection) form, plain MBD without screening, and the pairwise TS energy. Cost O(N^3) time and
 * O(N^2) memory (3N x 3N matrices); this is the reference the linear-scaling {@link Lmbd} is checked against.
 * Stateless and thread-safe.
 */
public final class Mbd {

    /** Atoms closer than this (0.1 angstrom, in bohr) are rejected as a geometry error. */
    public static final double MIN_SEPARATION = 0.1 * Units.BOHR_PER_ANGSTROM;

    private Mbd() {
    }

    /**
     * The MBD@rsSCS energy (hartree) with its screened parameters.
     *
     * @throws IllegalArgumentException           when the sizes differ or two atoms are closer than 0.1 angstrom
     * @throws PolarizationCatastropheException when the screening or the coupled oscillators are unstable
     */
    public static MbdResult rsScs(Geometry geometry, AtomicParameters parameters, MbdSettings settings) {
        AtomicParameters screened = screen(geometry, parameters, settings);
        double[] eigenvalues = couplingEigenvalues(geometry, screened, settings.beta(), settings.a());
        return new MbdResult(energyFromEigenvalues(eigenvalues, screened), screened);
    }

    /**
     * Plain MBD: the coupled-oscillator energy of the unscreened parameters (libMBD's {@code variant='plain'}),
     * with the Fermi damping at beta (R_i + R_j).
     */
    public static double plain(Geometry geometry, AtomicParameters parameters, MbdSettings settings) {
        check(geometry, parameters);
        return energyFromEigenvalues(couplingEigenvalues(geometry, parameters, settings.beta(), settings.a()), parameters);
    }

    /**
     * The TS pairwise energy {@code -sum_{i<j} C6_ij f(R_ij) / R_ij^6} with the combination rule
     * C6_ij = 2 C6_i C6_j / (alpha_j/alpha_i C6_i + alpha_i/alpha_j C6_j) and the damping
     * f = 1 / (1 + exp(-d (R / (sR (R_i + R_j)) - 1))) (libMBD's {@code ts_energy}; sR 0.94, d 20 for PBE).
     */
    public static double ts(Geometry geometry, AtomicParameters parameters, double sR, double d) {
        check(geometry, parameters);
        if (!(sR > 0) || !(d > 0)) {
            throw new IllegalArgumentException("sR and d must be positive, got " + sR + " and " + d);
        }
        double energy = 0;
        for (int i = 0; i < geometry.size(); i++) {
            for (int j = i + 1; j < geometry.size(); j++) {
                energy += tsPair(geometry.distance(i, j), parameters, i, j, sR, d);
            }
        }
        return energy;
    }

    /** One TS pair term, -C6_ij f(R) / R^6 (hartree); shared with the 2-body tail of {@link Lmbd}. */
    static double tsPair(double r, AtomicParameters p, int i, int j, double sR, double d) {
        double c6 = 2 * p.c6(i) * p.c6(j) / (p.alpha0(j) / p.alpha0(i) * p.c6(i) + p.alpha0(i) / p.alpha0(j) * p.c6(j));
        double r2 = r * r;
        return -c6 * DipoleTensors.fermi(r, sR * (p.r0(i) + p.r0(j)), d) / (r2 * r2 * r2);
    }

    /**
     * Range-separated self-consistent screening: at every frequency u of the grid, the screened polarizability
     * (A(u)^-1 + T_SR(u))^-1 with T_SR = (1 - f) T_GG, contracted per atom as alpha_i(u) = (1/3) Tr sum_j Abar_ij;
     * then C6_i = (3/pi) sum_k w_k alpha_i(u_k)^2 and R_i = R0_i (alpha_i(0) / alpha0_i)^(1/3).
     *
     * @return the screened static polarizabilities, C6 coefficients and radii
     * @throws PolarizationCatastropheException naming the frequency and atom where A^-1 + T_SR is not positive
     *                                          definite
     */
    public static AtomicParameters screen(Geometry geometry, AtomicParameters parameters, MbdSettings settings) {
        check(geometry, parameters);
        FrequencyGrid grid = settings.grid();
        int n = geometry.size();
        double[][] alphaScs = new double[grid.size()][];
        runParallel(grid.size(), settings.threads(), k -> alphaScs[k] = screenedAt(geometry, parameters, grid.point(k),
                settings.beta(), settings.a()));
        double[] alpha0 = new double[n];
        double[] c6 = new double[n];
        double[] r0 = new double[n];
        for (int i = 0; i < n; i++) {
            alpha0[i] = alphaScs[0][i];
            double sum = 0;
            for (int k = 0; k < grid.size(); k++) {
                sum += grid.weight(k) * alphaScs[k][i] * alphaScs[k][i];
            }
            c6[i] = 3 / Math.PI * sum;
            if (!(alpha0[i] > 0)) {
                throw new PolarizationCatastropheException("screened static polarizability of atom " + (i + 1) + " ("
                        + geometry.symbol(i) + ") is " + alpha0[i]);
            }
            r0[i] = parameters.r0(i) * Math.cbrt(alpha0[i] / parameters.alpha0(i));
        }
        return AtomicParameters.of(alpha0, c6, r0);
    }

    /** The contracted screened polarizabilities at imaginary frequency u. */
    static double[] screenedAt(Geometry geometry, AtomicParameters p, double u, double beta, double a) {
        int n = geometry.size();
        int dim = 3 * n;
        double[] matrix = screeningMatrix(geometry, p, u, beta, a);
        int failed = Cholesky.factor(matrix, dim);
        if (failed >= 0) {
            throw new PolarizationCatastropheException("screening at u = " + u + " Ha: A^-1 + T_SR is not positive"
                    + " definite (pivot of atom " + (failed / 3 + 1) + ", " + geometry.symbol(failed / 3) + ")");
        }
        double[] rhs = new double[dim * 3];
        for (int row = 0; row < dim; row++) {
            rhs[row * 3 + row % 3] = 1;
        }
        Cholesky.solve(matrix, dim, rhs, 3);
        double[] alpha = new double[n];
        for (int i = 0; i < n; i++) {
            alpha[i] = (rhs[(3 * i) * 3] + rhs[(3 * i + 1) * 3 + 1] + rhs[(3 * i + 2) * 3 + 2]) / 3;
        }
        return alpha;
    }

    /** A(u)^-1 + T_SR(u), dense 3N x 3N, both triangles. */
    static double[] screeningMatrix(Geometry geometry, AtomicParameters p, double u, double beta, double a) {
        int n = geometry.size();
        int dim = 3 * n;
        double[] alpha = new double[n];
        double[] sigma = new double[n];
        for (int i = 0; i < n; i++) {
            double w = p.omega(i);
            alpha[i] = p.alpha0(i) / (1 + (u / w) * (u / w));
            sigma[i] = Math.cbrt(Math.sqrt(2 / Math.PI) * alpha[i] / 3);
        }
        double[] matrix = new double[dim * dim];
        double[] block = new double[9];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                matrix[(3 * i + c) * dim + 3 * i + c] = 1 / alpha[i];
            }
            for (int j = i + 1; j < n; j++) {
                double x = geometry.coordinate(i, 0) - geometry.coordinate(j, 0);
                double y = geometry.coordinate(i, 1) - geometry.coordinate(j, 1);
                double z = geometry.coordinate(i, 2) - geometry.coordinate(j, 2);
                double r = Math.sqrt(x * x + y * y + z * z);
                double damping = 1 - DipoleTensors.fermi(r, beta * (p.r0(i) + p.r0(j)), a);
                double sij = Math.sqrt(sigma[i] * sigma[i] + sigma[j] * sigma[j]);
                DipoleTensors.gaussian(x, y, z, sij, damping, block, 0);
                putBlock(matrix, dim, i, j, block);
            }
        }
        return matrix;
    }

    /**
     * The eigenvalues (ascending) of the coupled-oscillator matrix C = diag(omega^2) + omega_i omega_j
     * sqrt(alpha_i alpha_j) f T_bare, with the Fermi damping f at beta (R_i + R_j) of the given parameters.
     */
    static double[] couplingEigenvalues(Geometry geometry, AtomicParameters p, double beta, double a) {
        int n = geometry.size();
        int dim = 3 * n;
        double[] matrix = new double[dim * dim];
        double[] pre = new double[n];
        for (int i = 0; i < n; i++) {
            double w = p.omega(i);
            pre[i] = w * Math.sqrt(p.alpha0(i));
            for (int c = 0; c < 3; c++) {
                matrix[(3 * i + c) * dim + 3 * i + c] = w * w;
            }
        }
        double[] block = new double[9];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double x = geometry.coordinate(i, 0) - geometry.coordinate(j, 0);
                double y = geometry.coordinate(i, 1) - geometry.coordinate(j, 1);
                double z = geometry.coordinate(i, 2) - geometry.coordinate(j, 2);
                double r = Math.sqrt(x * x + y * y + z * z);
                double scale = pre[i] * pre[j] * DipoleTensors.fermi(r, beta * (p.r0(i) + p.r0(j)), a);
                DipoleTensors.bare(x, y, z, scale, block, 0);
                putBlock(matrix, dim, i, j, block);
            }
        }
        return SymmetricEigen.eigenvalues(matrix, dim);
    }

    /** E = (1/2) sum_p sqrt(lambda_p) - (3/2) sum_i omega_i. */
    static double energyFromEigenvalues(double[] eigenvalues, AtomicParameters p) {
        if (eigenvalues[0] <= 0) {
            throw new PolarizationCatastropheException("the MBD coupling matrix has a non-positive eigenvalue "
                    + eigenvalues[0] + " (polarization catastrophe)");
        }
        double sum = 0;
        for (double lambda : eigenvalues) {
            sum += Math.sqrt(lambda);
        }
        double omegas = 0;
        for (int i = 0; i < p.size(); i++) {
            omegas += p.omega(i);
        }
        return sum / 2 - 1.5 * omegas;
    }

    /**
     * The MBD energy of already-screened parameters in the ACFDT form, (1/2 pi) integral over u of
     * ln det(I + A(u) T_LR) with A(u) = diag(alpha_i / (1 + u^2 / omega_i^2)), on {@code grid}. Equals the
     * eigenvalue form as the grid is refined; {@link Lmbd} splits the same trace into atom contributions.
     */
    public static double acfdt(Geometry geometry, AtomicParameters screened, double beta, double a, FrequencyGrid grid) {
        check(geometry, screened);
        int n = geometry.size();
        int dim = 3 * n;
        double[] coupling = dampedBare(geometry, screened, beta, a);
        double[] matrix = new double[dim * dim];
        double[] root = new double[n];
        double energy = 0;
        for (int k = 0; k < grid.size(); k++) {
            if (grid.weight(k) == 0) {
                continue;
            }
            double u = grid.point(k);
            for (int i = 0; i < n; i++) {
                double w = screened.omega(i);
                root[i] = Math.sqrt(screened.alpha0(i) / (1 + (u / w) * (u / w)));
            }
            for (int r = 0; r < dim; r++) {
                for (int c = 0; c < dim; c++) {
                    matrix[r * dim + c] = root[r / 3] * coupling[r * dim + c] * root[c / 3];
                }
            }
            // ln det(I + S) = sum ln(1 + mu) over the eigenvalues mu of S: log1p keeps the small terms of the high
            // frequencies exact, where a determinant of I + S (a Cholesky factor near 1) loses them to rounding.
            double[] mu = SymmetricEigen.eigenvalues(matrix, dim);
            if (mu[0] <= -1) {
                throw new PolarizationCatastropheException("I + A T_LR has a non-positive eigenvalue " + (1 + mu[0])
                        + " at u = " + u + " Ha (polarization catastrophe)");
            }
            double logDet = 0;
            for (double value : mu) {
                logDet += Math.log1p(value);
            }
            energy += grid.weight(k) * logDet;
        }
        return energy / (2 * Math.PI);
    }

    /** f(R; beta (R_i + R_j), a) T_bare as a dense 3N x 3N matrix (zero diagonal blocks). */
    static double[] dampedBare(Geometry geometry, AtomicParameters p, double beta, double a) {
        int n = geometry.size();
        int dim = 3 * n;
        double[] matrix = new double[dim * dim];
        double[] block = new double[9];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double x = geometry.coordinate(i, 0) - geometry.coordinate(j, 0);
                double y = geometry.coordinate(i, 1) - geometry.coordinate(j, 1);
                double z = geometry.coordinate(i, 2) - geometry.coordinate(j, 2);
                double r = Math.sqrt(x * x + y * y + z * z);
                DipoleTensors.bare(x, y, z, DipoleTensors.fermi(r, beta * (p.r0(i) + p.r0(j)), a), block, 0);
                putBlock(matrix, dim, i, j, block);
            }
        }
        return matrix;
    }

    /** Writes the symmetric pair of blocks (i, j) and (j, i) (T_ji = T_ij^T = T_ij). */
    private static void putBlock(double[] matrix, int dim, int i, int j, double[] block) {
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                matrix[(3 * i + r) * dim + 3 * j + c] = block[3 * r + c];
                matrix[(3 * j + c) * dim + 3 * i + r] = block[3 * r + c];
            }
        }
    }

    static void check(Geometry geometry, AtomicParameters parameters) {
        if (geometry.size() != parameters.size()) {
            throw new IllegalArgumentException("parameters are for " + parameters.size() + " atoms, the geometry has "
                    + geometry.size());
        }
        if (geometry.size() == 0) {
            throw new IllegalArgumentException("the geometry has no atoms");
        }
        Separation.require(geometry, MIN_SEPARATION);
    }

    interface Task {
        void run(int index);
    }

    /** Runs task(0..count-1) on up to {@code threads} threads; rethrows the first failure unwrapped. */
    static void runParallel(int count, int threads, Task task) {
        if (threads == 1 || count == 1) {
            for (int k = 0; k < count; k++) {
                task.run(k);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, count));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                int index = k;
                futures.add(pool.submit(() -> task.run(index)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
