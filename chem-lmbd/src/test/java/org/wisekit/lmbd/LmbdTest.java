package org.wisekit.lmbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wisekit.lmbd.internal.DipoleTensors;

/** lMBD against a dense reference written from the definitions, and against full MBD where they must agree. */
class LmbdTest {

    static final FreeAtomTable CHO = FreeAtomTable.of(List.of(new FreeAtom(1, 4.5, 6.5, 3.1),
            new FreeAtom(6, 12.0, 46.6, 3.59), new FreeAtom(8, 5.4, 15.6, 3.19), new FreeAtom(18, 11.1, 64.3, 3.55)),
            "test");

    /** Random C/H/O atoms (H twice as likely) in a box, at least {@code minimum} A apart. */
    static Geometry randomMolecularCloud(int n, long seed, double box, double minimum) {
        return TestGeometries.cloud(n, seed, box, minimum, 1, 1, 6, 8);
    }

    static LmbdSettings small() {
        return LmbdSettings.defaults().withScs(3, 0.5, 3).withRadii(6, 4, 7).withThreads(1);
    }

    @Test
    void sparseEnergyMatchesTheDenseReference() {
        Geometry g = randomMolecularCloud(60, 11, 12, 1.6);
        AtomicParameters p = AtomicParameters.fromVolumeRatios(g, CHO, null);
        for (LmbdSettings settings : new LmbdSettings[] {small(), small().withOrder(9).withRadii(6, 4, 6),
            small().withScs(3, 0.5, 0)}) {
            Lmbd.Screened screened = Lmbd.localScreening(g, p, settings, f -> { });
            double[] reference = DenseReference.perAtom(g, p, settings, screened);
            LmbdResult result = Lmbd.energy(g, p, settings);
            for (int i = 0; i < g.size(); i++) {
                assertThat(result.perAtom()[i]).as("atom %d", i)
                        .isCloseTo(reference[i], within(1e-11 * Math.abs(reference[i]) + 1e-16));
            }
        }
    }

    @Test
    void exactSettingsEqualFullMbdInItsAcfdtForm() {
        Geometry g = randomMolecularCloud(16, 5, 7, 1.4);
        AtomicParameters p = AtomicParameters.fromVolumeRatios(g, CHO, null);
        FrequencyGrid grid = FrequencyGrid.quadratic(13, 4);
        MbdResult full = Mbd.rsScs(g, p, MbdSettings.defaults());
        double acfdt = Mbd.acfdt(g, full.screened(), 0.83, 6, grid);
        LmbdResult local = Lmbd.energy(g, p, LmbdSettings.exact(100, grid));
        assertThat(local.energy()).isCloseTo(acfdt, within(1e-10 * Math.abs(acfdt)));
        // On a fine grid both tend to the eigenvalue form.
        FrequencyGrid fine = FrequencyGrid.gaussLegendre(100, 0.6);
        assertThat(Lmbd.energy(g, p, LmbdSettings.exact(100, fine)).energy())
                .isCloseTo(full.energy(), within(1e-10 * Math.abs(full.energy())));
    }

    @Test
    void fittedLogConvergesToTheExactOneWithOrder() {
        Geometry g = randomMolecularCloud(30, 8, 9, 1.4);
        AtomicParameters p = AtomicParameters.fromVolumeRatios(g, CHO, null);
        FrequencyGrid grid = FrequencyGrid.quadratic(13, 4);
        LmbdSettings exact = LmbdSettings.exact(100, grid);
        double reference = Lmbd.energy(g, p, exact).energy();
        double previous = Double.POSITIVE_INFINITY;
        for (int order : new int[] {4, 8, 12}) {
            double fitted = Lmbd.energy(g, p, exact.withLog(LmbdSettings.Log.FIT).withOrder(order)).energy();
            double error = Math.abs(fitted - reference);
            assertThat(error).as("order %d", order).isLessThan(previous);
            previous = error;
        }
        assertThat(previous).isLessThan(1e-6 * Math.abs(reference));
    }

    @Test
    void localScreeningOfAWholeSystemIsTheFullScreening() {
        // With rScs beyond the system there is no boundary: the central atom's contraction is libMBD's.
        Geometry g = randomMolecularCloud(25, 2, 7, 1.4);
        AtomicParameters p = AtomicParameters.fromVolumeRatios(g, CHO, null);
        LmbdSettings settings = LmbdSettings.defaults().withRadii(60, 60, 60).withScs(50, 0.5, 0);
        Lmbd.Screened local = Lmbd.localScreening(g, p, settings, f -> { });
        double[] full = Mbd.screenedAt(g, p, 0, 0.83, 6);
        for (int i = 0; i < g.size(); i++) {
            assertThat(local.alpha[i]).isCloseTo(full[i], within(1e-12 * full[i]));
        }
    }

    @Test
    void isolatedAtomsKeepTheirFreeOscillator() {
        Geometry g = Geometry.ofAngstrom(new int[] {6, 8}, new double[] {0, 0, 0, 40, 0, 0});
        AtomicParameters p = AtomicParameters.fromVolumeRatios(g, CHO, null);
        LmbdResult result = Lmbd.energy(g, p, LmbdSettings.defaults());
        assertThat(result.alphaScs()[0]).isCloseTo(12.0, within(1e-12));
        assertThat(result.omegaScs()[0]).isCloseTo(p.omega(0), within(1e-12));
        assertThat(result.omegaScs()[1]).isCloseTo(p.omega(1), within(1e-12));
        assertThat(result.energy()).isZero();
    }

    @Test
    void farApartFragmentsAddUp() {
        Geometry a = randomMolecularCloud(20, 3, 6, 1.4);
        Geometry b = randomMolecularCloud(18, 4, 6, 1.4)
                .transformed(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {60, 0, 0});
        Geometry both = Geometry.concat(a, b);
        LmbdSettings settings = LmbdSettings.defaults().withThreads(2);
        double ea = Lmbd.energy(a, AtomicParameters.fromVolumeRatios(a, CHO, null), settings).energy();
        double eb = Lmbd.energy(b, AtomicParameters.fromVolumeRatios(b, CHO, null), settings).energy();
        double eab = Lmbd.energy(both, AtomicParameters.fromVolumeRatios(both, CHO, null), settings).energy();
        assertThat(eab).isCloseTo(ea + eb, within(1e-13 * Math.abs(eab)));
    }

    /**
     * Two atoms 12 A apart (beyond rMbd2 and rScs, within rMbd and r2b): the energy is the two-body tail, whose
     * second order is -(1/2 pi) sum_k w_k alpha_1(u) alpha_2(u) 6 f^2 / R^6 (Tr T^2 = 6 / R^6); odd orders vanish and
     * the fourth order is the small rest.
     */
    @Test
    void twoDistantAtomsGiveTheTwoBodyTail() {
        double distance = 12 * Units.BOHR_PER_ANGSTROM;
        Geometry g = Geometry.ofBohr(new int[] {18, 6}, new double[] {0, 0, 0, 0, 0, distance});
        AtomicParameters p = AtomicParameters.fromVolumeRatios(g, CHO, null);
        LmbdSettings settings = LmbdSettings.defaults();
        LmbdResult result = Lmbd.energy(g, p, settings);
        double f = DipoleTensors.fermi(distance, 0.83 * (p.r0(0) + p.r0(1)), 6);
        double tail = 0;
        for (int k = 0; k < settings.grid().size(); k++) {
            double u = settings.grid().point(k);
            double a1 = p.alpha0(0) / (1 + Math.pow(u / p.omega(0), 2));
            double a2 = p.alpha0(1) / (1 + Math.pow(u / p.omega(1), 2));
            tail -= settings.grid().weight(k) * a1 * a2 * 6 * f * f / Math.pow(distance, 6);
        }
        tail /= 2 * Math.PI;
        assertThat(result.energy()).isCloseTo(tail, within(1e-3 * Math.abs(tail)));
        assertThat(result.perAtom()[0]).isCloseTo(result.perAtom()[1], within(1e-15));
    }

    @Test
    void energyIsInvariantUnderRotationTranslationAndThreads() {
        Geometry g = randomMolecularCloud(60, 6, 12, 1.5);
        double c = Math.cos(1.1);
        double s = Math.sin(1.1);
        Geometry moved = g.transformed(new double[] {c, 0, s, 0, 1, 0, -s, 0, c}, new double[] {-5, 2, 9});
        LmbdSettings settings = small();
        LmbdResult one = Lmbd.energy(g, AtomicParameters.fromVolumeRatios(g, CHO, null), settings);
        LmbdResult two = Lmbd.energy(g, AtomicParameters.fromVolumeRatios(g, CHO, null), settings.withThreads(2));
        LmbdResult rotated = Lmbd.energy(moved, AtomicParameters.fromVolumeRatios(moved, CHO, null), settings);
        assertThat(two.perAtom()).containsExactly(one.perAtom());
        assertThat(rotated.energy()).isCloseTo(one.energy(), within(1e-11 * Math.abs(one.energy())));
    }

    @Test
    void errorAgainstFullMbdFallsWithTheRadius() {
        // An argon cluster: the locality error of the energy step alone (full screening, exact log, same grid).
        Geometry g = MbdTest.randomCluster(45, 4, 12);
        AtomicParameters p = AtomicParameters.fromVolumeRatios(g, CHO, null);
        FrequencyGrid grid = FrequencyGrid.quadratic(13, 4);
        double reference = Mbd.acfdt(g, Mbd.screen(g, p, MbdSettings.defaults()), 0.83, 6, grid);
        double previous = Double.POSITIVE_INFINITY;
        for (double r : new double[] {5, 7, 9}) {
            LmbdSettings settings = LmbdSettings.exact(100, grid).withRadii(r, r, r);
            double error = Math.abs(Lmbd.energy(g, p, settings).energy() - reference);
            assertThat(error).as("rMbd %s", r).isLessThan(previous);
            previous = error;
        }
    }

    @Test
    void badSettingsAndCatastrophesAreReported() {
        assertThatThrownBy(() -> LmbdSettings.defaults().withRadii(4, 4, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rMbd must be at least rScs");
        assertThatThrownBy(() -> LmbdSettings.defaults().withScs(5, 1, 6)).hasMessageContaining("rLoc");
        assertThatThrownBy(() -> LmbdSettings.defaults().withOrder(1)).hasMessageContaining("order");
        Geometry close = Geometry.ofAngstrom(new int[] {18, 18}, new double[] {0, 0, 0, 0, 0, 1});
        AtomicParameters huge = AtomicParameters.of(new double[] {500, 500}, new double[] {50, 50},
                new double[] {0.2, 0.2});
        // The Taylor series cannot see it (TurboGAP's default neither); the exact log and the fit's bounds do.
        assertThatThrownBy(() -> Lmbd.energy(close, huge, LmbdSettings.defaults().withLog(LmbdSettings.Log.EXACT)))
                .isInstanceOf(PolarizationCatastropheException.class).hasMessageContaining("atom 1");
        assertThatThrownBy(() -> Lmbd.energy(close, huge, LmbdSettings.defaults().withLog(LmbdSettings.Log.FIT)))
                .isInstanceOf(PolarizationCatastropheException.class).hasMessageContaining("atom 1");
    }

    /** Per-atom lMBD energies from dense sphere matrices and dense matrix powers, written from the definitions. */
    static final class DenseReference {

        static double[] perAtom(Geometry g, AtomicParameters p, LmbdSettings s, Lmbd.Screened scr) {
            double ang = Units.BOHR_PER_ANGSTROM;
            int n = g.size();
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                int centre = i;
                int[] sphere = java.util.stream.IntStream.range(0, n)
                        .filter(k -> g.distance(centre, k) <= s.sphereRadius() * ang).toArray();
                int m = sphere.length;
                double[] alpha = new double[m];
                double[] omega = new double[m];
                double[] radius = new double[m];
                for (int k = 0; k < m; k++) {
                    int a = sphere[k];
                    alpha[k] = scr.alpha[a];
                    omega[k] = scr.omega[a];
                    radius[k] = scr.radius[a];
                    double r = g.distance(i, a);
                    int slot = indexOf(scr.sites[i], a);
                    if (s.rLoc() > 0 && r <= s.rLoc() * ang && slot >= 0) {
                        double t = r / (s.rLoc() * ang);
                        double sw = 10 * t * t * t - 15 * t * t * t * t + 6 * t * t * t * t * t;
                        double la = scr.siteAlpha[i][slot];
                        alpha[k] = la * (1 - sw) + scr.alpha[a] * sw;
                        omega[k] = scr.siteOmega[i][slot] * (1 - sw) + scr.omega[a] * sw;
                        radius[k] = p.r0(a) * (Math.cbrt(la / p.alpha0(a)) * (1 - sw)
                                + Math.cbrt(scr.alpha[a] / p.alpha0(a)) * sw);
                    }
                }
                int ci = indexOf(sphere, i);
                double[] t = coupling(g, s, sphere, radius, ci, s.rMbd());
                double[] t2b = coupling(g, s, sphere, radius, ci, s.r2b());
                double[] c = Lmbd.logOnePlus(org.wisekit.lmbd.internal.LogPolynomial.taylor(s.order()));
                double energy = 0;
                for (int f = 0; f < s.grid().size(); f++) {
                    double u = s.grid().point(f);
                    double[] d = new double[m];
                    for (int k = 0; k < m; k++) {
                        d[k] = Math.sqrt(alpha[k] / (1 + (u / omega[k]) * (u / omega[k])));
                    }
                    double[] mat = scaled(t, d, m);
                    double[] mat2b = scaled(t2b, d, m);
                    double integrand = 3 * c[0];
                    // (M^k)_ii from k products of M with i's three unit columns.
                    double[] columns = unitColumns(m, ci);
                    for (int k = 1; k <= s.order(); k++) {
                        columns = multiply(mat, columns, 3 * m);
                        double trace = 0;
                        double[] source = k == 2 ? multiply(mat2b, multiply(mat2b, unitColumns(m, ci), 3 * m), 3 * m)
                                : columns;
                        for (int a = 0; a < 3; a++) {
                            trace += source[(3 * ci + a) * 3 + a];
                        }
                        integrand += c[k] * trace;
                    }
                    energy += s.grid().weight(f) * integrand;
                }
                out[i] = energy / (2 * Math.PI);
            }
            return out;
        }

        /** T_LR of the sphere: central pairs within centralCutoff, the others within rMbd2, switched and damped. */
        static double[] coupling(Geometry g, LmbdSettings s, int[] sphere, double[] radius, int ci, double centralCutoff) {
            double ang = Units.BOHR_PER_ANGSTROM;
            int m = sphere.length;
            int dim = 3 * m;
            double[] t = new double[dim * dim];
            double[] block = new double[9];
            for (int p = 0; p < m; p++) {
                for (int q = 0; q < m; q++) {
                    if (p == q) {
                        continue;
                    }
                    double r = g.distance(sphere[p], sphere[q]);
                    double cutoff = (p == ci || q == ci ? centralCutoff : s.rMbd2()) * ang;
                    if (r > cutoff) {
                        continue;
                    }
                    double b = s.buffer() * ang;
                    double x = r <= cutoff - b ? 0 : (r - cutoff + b) / b;
                    double w = 1 - 3 * x * x + 2 * x * x * x;
                    double f = DipoleTensors.fermi(r, s.beta() * (radius[p] + radius[q]), s.a());
                    DipoleTensors.bare(g.coordinate(sphere[p], 0) - g.coordinate(sphere[q], 0),
                            g.coordinate(sphere[p], 1) - g.coordinate(sphere[q], 1),
                            g.coordinate(sphere[p], 2) - g.coordinate(sphere[q], 2), f * w, block, 0);
                    for (int a = 0; a < 3; a++) {
                        for (int bb = 0; bb < 3; bb++) {
                            t[(3 * p + a) * dim + 3 * q + bb] = block[3 * a + bb];
                        }
                    }
                }
            }
            return t;
        }

        static double[] scaled(double[] t, double[] d, int m) {
            int dim = 3 * m;
            double[] out = new double[dim * dim];
            for (int r = 0; r < dim; r++) {
                for (int c = 0; c < dim; c++) {
                    out[r * dim + c] = d[r / 3] * t[r * dim + c] * d[c / 3];
                }
            }
            return out;
        }

        /** a (dim x dim) times b (dim x 3). */
        static double[] multiply(double[] a, double[] b, int dim) {
            double[] out = new double[dim * 3];
            for (int r = 0; r < dim; r++) {
                for (int k = 0; k < dim; k++) {
                    for (int c = 0; c < 3; c++) {
                        out[r * 3 + c] += a[r * dim + k] * b[k * 3 + c];
                    }
                }
            }
            return out;
        }

        static double[] unitColumns(int m, int ci) {
            double[] e = new double[9 * m];
            for (int a = 0; a < 3; a++) {
                e[(3 * ci + a) * 3 + a] = 1;
            }
            return e;
        }

        static int indexOf(int[] values, int value) {
            for (int k = 0; k < values.length; k++) {
                if (values[k] == value) {
                    return k;
                }
            }
            return -1;
        }
    }
}
