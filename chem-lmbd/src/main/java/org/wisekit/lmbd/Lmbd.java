package org.wisekit.lmbd;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;
import org.wisekit.lmbd.internal.CellGrid;
import org.wisekit.lmbd.internal.Cholesky;
import org.wisekit.lmbd.internal.DipoleTensors;
import org.wisekit.lmbd.internal.Lanczos;
import org.wisekit.lmbd.internal.LogPolynomial;
import org.wisekit.lmbd.internal.NeighbourList;
import org.wisekit.lmbd.internal.SymmetricEigen;

/**
 * Linear-scaling atom-wise many-body dispersion (lMBD; Muhli, Ala-Nissila and Caro, arXiv 2407.06409), following
 * TurboGAP's {@code vdw.f90} for energies. The MBD energy in its ACFDT form, (1/2 pi) integral of Tr ln(1 + M(u)) with
 * M = A^(1/2) T_LR A^(1/2), is split into atom contributions, the diagonal 3x3 blocks of the log, and each atom's block
 * is evaluated in a sphere around it:
 * <ol>
 * <li>Local SCS: per atom, the screened polarizability of the atoms within rScs is solved with the atoms up to 2 rScs
 * as a boundary condition (bare polarizabilities, smooth switches), at u = 0 and at u = omegaRef omega_free; a
 * single-oscillator fit of the two values gives omega_SCS = u / sqrt(alpha(0) / alpha(u) - 1).</li>
 * <li>Local energy: the central atom couples to every atom within rMbd, the other atoms of its sphere to each other
 * within rMbd2 (sparse); the atom's diagonal block of the polynomial sum_k c_k M^k comes from sparse products
 * on its three columns only, on a quadratic frequency grid with the trapezoid rule.</li>
 * </ol>
 * Differences from TurboGAP, none of which changes the value beyond rounding: {@code (M^k)_ii} is formed as
 * {@code V_a^T V_b} with {@code a + b = k} and {@code V_a = M^a e_i}, which needs ceil(order / 2) - 1 products per
 * frequency instead of order - 2; the two-body cutoff r2b may differ from rMbd in one call. Energies only (no forces).
 * Stateless and thread-safe; parallel over atoms.
 */
public final class Lmbd {

    private static final double ANGSTROM = Units.BOHR_PER_ANGSTROM;

    private Lmbd() {
    }

    /** The lMBD energy; see {@link #energy(Geometry, AtomicParameters, LmbdSettings, DoubleConsumer)}. */
    public static LmbdResult energy(Geometry geometry, AtomicParameters parameters, LmbdSettings settings) {
        return energy(geometry, parameters, settings, fraction -> { });
    }

    /**
     * The lMBD energy of a finite system.
     *
     * @param progress told the fraction of atoms done (0 to 1), from worker threads, about a hundred times
     * @throws IllegalArgumentException           when the sizes differ or two atoms are closer than 0.1 angstrom
     * @throws PolarizationCatastropheException naming the atom when a local screening or the log is unstable
     */
    public static LmbdResult energy(Geometry geometry, AtomicParameters parameters, LmbdSettings settings,
            DoubleConsumer progress) {
        long start = System.nanoTime();
        LmbdSystem system = prepare(geometry, parameters, settings, fraction -> progress.accept(fraction / 2));
        long middle = System.nanoTime();
        int n = geometry.size();
        double[] perAtom = new double[n];
        AtomicInteger done = new AtomicInteger();
        Mbd.runParallel(n, settings.threads(), i -> {
            perAtom[i] = system.atomEnergy(i);
            report(fraction -> progress.accept(0.5 + fraction / 2), done.incrementAndGet(), n);
        });
        long end = System.nanoTime();
        double total = 0;
        for (double e : perAtom) {
            total += e;
        }
        return new LmbdResult(total, perAtom, system.alphaScs(), system.omegaScs(), (middle - start) * 1e-9,
                (end - middle) * 1e-9);
    }

    /**
     * The screening step and the shared sparse couplings of a system, after which any atom's energy can be asked
     * for on its own ({@link LmbdSystem#atomEnergy}); {@link #energy} sums them over all atoms.
     *
     * @param progress told the fraction of the screening done
     */
    public static LmbdSystem prepare(Geometry geometry, AtomicParameters parameters, LmbdSettings settings,
            DoubleConsumer progress) {
        Mbd.check(geometry, parameters);
        Screened screened = settings.screening() == LmbdSettings.Screening.FULL
                ? fullScreening(geometry, parameters, settings)
                : localScreening(geometry, parameters, settings, progress);
        return new LmbdSystem(new EnergyStep(geometry, parameters, settings, screened));
    }

    /** Screened static polarizabilities, frequencies and radii; per atom, its local SCS of its sites (or null). */
    static final class Screened {
        final double[] alpha;
        final double[] omega;
        final double[] radius;
        final int[][] sites;
        final double[][] siteAlpha;
        final double[][] siteOmega;

        Screened(int n, boolean local) {
            alpha = new double[n];
            omega = new double[n];
            radius = new double[n];
            sites = local ? new int[n][] : null;
            siteAlpha = local ? new double[n][] : null;
            siteOmega = local ? new double[n][] : null;
        }
    }

    static Screened fullScreening(Geometry geometry, AtomicParameters parameters, LmbdSettings settings) {
        MbdSettings mbd = new MbdSettings(settings.beta(), settings.a(), FrequencyGrid.libmbd(), settings.threads());
        AtomicParameters s = Mbd.screen(geometry, parameters, mbd);
        Screened out = new Screened(geometry.size(), false);
        for (int i = 0; i < geometry.size(); i++) {
            out.alpha[i] = s.alpha0(i);
            out.omega[i] = s.omega(i);
            out.radius[i] = s.r0(i);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ local SCS

    /** s(t) = 1 - 10 t^3 + 15 t^4 - 6 t^5, falling from 1 at t = 0 to 0 at t = 1. */
    static double fall(double t) {
        if (t <= 0) {
            return 1;
        }
        if (t >= 1) {
            return 0;
        }
        return 1 - t * t * t * (10 - 15 * t + 6 * t * t);
    }

    /** The switch of distance r over [edge - width, edge]: 1 inside, s((r - edge + width) / width) in the buffer. */
    static double switchOff(double r, double edge, double width) {
        return r > edge - width ? fall((r - edge + width) / width) : 1;
    }

    static Screened localScreening(Geometry geometry, AtomicParameters p, LmbdSettings settings,
            DoubleConsumer progress) {
        int n = geometry.size();
        double rScs = settings.rScs() * ANGSTROM;
        double buffer = Math.min(settings.buffer(), settings.rScs()) * ANGSTROM;
        double[] xyz = geometry.coordinates();
        NeighbourList near = NeighbourList.build(xyz, n, 2 * rScs);
        Screened out = new Screened(n, true);
        AtomicInteger done = new AtomicInteger();
        Mbd.runParallel(n, settings.threads(), i -> {
            localScs(geometry, p, settings, xyz, near, i, rScs, buffer, out);
            report(progress, done.incrementAndGet(), n);
        });
        for (int i = 0; i < n; i++) {
            out.radius[i] = p.r0(i) * Math.cbrt(out.alpha[i] / p.alpha0(i));
        }
        return out;
    }

    private static void report(DoubleConsumer progress, int done, int total) {
        if (done % Math.max(1, total / 100) == 0 || done == total) {
            progress.accept((double) done / total);
        }
    }

    /** TurboGAP's get_scs_polarizabilities for central atom i (both passes), into out. */
    private static void localScs(Geometry g, AtomicParameters p, LmbdSettings settings, double[] xyz, NeighbourList near,
            int i, double rScs, double buffer, Screened out) {
        // Candidates: i and its neighbours within 2 rScs; sites: those within rScs (i first).
        int count = near.count(i);
        int[] candidates = new int[count + 1];
        double[] fromCentre = new double[count + 1];
        candidates[0] = i;
        int sites = 1;
        for (int k = 0; k < count; k++) {
            int q = near.neighbour(i, k);
            double r = g.distance(i, q);
            candidates[k + 1] = q;
            fromCentre[k + 1] = r;
            if (r <= rScs) {
                sites++;
            }
        }
        // Order: i, then sites, then outer atoms (stable in neighbour order).
        int[] order = new int[count + 1];
        int s = 0;
        int o = sites;
        for (int k = 0; k < count + 1; k++) {
            if (fromCentre[k] <= rScs) {
                order[s++] = k;
            } else {
                order[o++] = k;
            }
        }
        int[] atoms = new int[count + 1];
        double[] dist = new double[count + 1];
        for (int k = 0; k < count + 1; k++) {
            atoms[k] = candidates[order[k]];
            dist[k] = fromCentre[order[k]];
        }
        double u = settings.omegaRef() * p.omega(i);
        double[][] alphaIso = new double[2][];
        for (int pass = 0; pass < 2; pass++) {
            double freq = pass == 0 ? 0 : u;
            alphaIso[pass] = solveLocal(g, p, settings, atoms, dist, sites, freq, rScs, buffer, i);
        }
        int[] siteAtoms = Arrays.copyOf(atoms, sites);
        double[] omega = new double[sites];
        for (int k = 0; k < sites; k++) {
            double ratio = alphaIso[0][k] / alphaIso[1][k];
            if (!(alphaIso[0][k] > 0) || !(ratio > 1)) {
                if (k == 0) {
                    throw new PolarizationCatastropheException("local SCS of atom " + (i + 1) + " (" + g.symbol(i)
                            + "): alpha(0) = " + alphaIso[0][0] + ", alpha(u) = " + alphaIso[1][0]
                            + ", no oscillator fits");
                }
                omega[k] = Double.NaN;
            } else {
                omega[k] = u / Math.sqrt(ratio - 1);
            }
        }
        out.alpha[i] = alphaIso[0][0];
        out.omega[i] = omega[0];
        out.sites[i] = siteAtoms;
        out.siteAlpha[i] = Arrays.copyOf(alphaIso[0], sites);
        out.siteOmega[i] = omega;
    }

    /** One pass of the local SCS: returns Tr(A_pp) / 3 for every site p. */
    private static double[] solveLocal(Geometry g, AtomicParameters p, LmbdSettings settings, int[] atoms,
            double[] dist, int sites, double u, double rScs, double buffer, int centre) {
        int total = atoms.length;
        double[] alpha = new double[total];
        double[] sigma = new double[total];
        for (int k = 0; k < total; k++) {
            int a = atoms[k];
            double w = p.omega(a);
            alpha[k] = p.alpha0(a) / (1 + (u / w) * (u / w));
            sigma[k] = Math.cbrt(Math.sqrt(2 / Math.PI) * alpha[k] / 3);
        }
        double[] w1 = new double[total];
        for (int k = 0; k < total; k++) {
            w1[k] = k < sites ? switchOff(dist[k], rScs, buffer) : switchOff(dist[k], 2 * rScs, buffer);
        }
        int dim = 3 * sites;
        double[] b = new double[dim * dim];
        double[] d = new double[dim * 3];
        double[] tau = new double[9];
        double innerRange = 2 * ANGSTROM;
        for (int ps = 0; ps < sites; ps++) {
            for (int c = 0; c < 3; c++) {
                b[(3 * ps + c) * dim + 3 * ps + c] = 1 / alpha[ps];
                d[(3 * ps + c) * 3 + c] = 1;
            }
            int pa = atoms[ps];
            for (int q = 0; q < total; q++) {
                if (q == ps) {
                    continue;
                }
                int qa = atoms[q];
                double rpq = g.distance(pa, qa);
                if (rpq > rScs) {
                    continue;
                }
                double x = g.coordinate(qa, 0) - g.coordinate(pa, 0);
                double y = g.coordinate(qa, 1) - g.coordinate(pa, 1);
                double z = g.coordinate(qa, 2) - g.coordinate(pa, 2);
                double damping = 1 - DipoleTensors.fermi(rpq, settings.beta() * (p.r0(pa) + p.r0(qa)), settings.a());
                double sij = Math.sqrt(sigma[ps] * sigma[ps] + sigma[q] * sigma[q]);
                DipoleTensors.gaussian(x, y, z, sij, damping, tau, 0);
                double w2 = switchOff(rpq, rScs, buffer);
                if (q < sites) {
                    double weight = w1[ps] * w1[q] * w2;
                    for (int r = 0; r < 3; r++) {
                        for (int c = 0; c < 3; c++) {
                            b[(3 * ps + r) * dim + 3 * q + c] = tau[3 * r + c] * weight;
                        }
                    }
                }
                // Atoms switched out of the system (buffer sites, outer atoms) act through the right-hand side
                // with their bare polarizabilities.
                boolean nearEdge = dist[q] > rScs - buffer;
                double inner = rpq < innerRange && nearEdge ? 1 - fall(rpq / innerRange) : 1;
                double rhsWeight = q < sites ? w1[ps] * (1 - w1[q]) * w2 * inner : w1[q] * w2 * inner;
                if (rhsWeight != 0) {
                    for (int r = 0; r < 3; r++) {
                        for (int c = 0; c < 3; c++) {
                            d[(3 * ps + r) * 3 + c] -= tau[3 * r + c] * alpha[q] * rhsWeight;
                        }
                    }
                }
            }
        }
        int failed = Cholesky.factor(b, dim);
        if (failed >= 0) {
            throw new PolarizationCatastropheException("local SCS of atom " + (centre + 1) + " (" + g.symbol(centre)
                    + ") at u = " + u + " Ha: the screening matrix is not positive definite (pivot of atom "
                    + (atoms[failed / 3] + 1) + ")");
        }
        Cholesky.solve(b, dim, d, 3);
        double[] iso = new double[sites];
        for (int ps = 0; ps < sites; ps++) {
            iso[ps] = (d[(3 * ps) * 3] + d[(3 * ps + 1) * 3 + 1] + d[(3 * ps + 2) * 3 + 2]) / 3;
        }
        return iso;
    }

    // ------------------------------------------------------------------------------------------ energy step

    /** The sparse couplings within rMbd2 shared by every sphere, then the per-atom energies. */
    static final class EnergyStep {
        final Geometry g;
        final AtomicParameters p;
        final LmbdSettings s;
        final Screened scr;
        final double[] xyz;
        final int n;
        final double buffer;
        final double rMbd;
        final double rMbd2;
        final double r2b;
        final double rLoc;
        final double sphere;
        final NeighbourList pairs;
        /** Per directed pair e (row p, column q in CSR order): T_bare(r_pq) w(r_pq) as 9 values, and f(r_pq). */
        final double[] tw;
        final double[] fermi;
        final CellGrid grid;
        final double[] coefficients;

        EnergyStep(Geometry g, AtomicParameters p, LmbdSettings s, Screened scr) {
            this.g = g;
            this.p = p;
            this.s = s;
            this.scr = scr;
            this.xyz = g.coordinates();
            this.n = g.size();
            this.buffer = s.buffer() * ANGSTROM;
            this.rMbd = s.rMbd() * ANGSTROM;
            this.rMbd2 = s.rMbd2() * ANGSTROM;
            this.r2b = s.r2b() * ANGSTROM;
            this.rLoc = scr.sites == null ? 0 : s.rLoc() * ANGSTROM;
            this.sphere = s.sphereRadius() * ANGSTROM;
            this.pairs = NeighbourList.build(xyz, n, rMbd2);
            int entries = pairs.size();
            this.tw = new double[9 * entries];
            this.fermi = new double[entries];
            int[] offsets = pairs.offsets();
            int[] neighbours = pairs.neighbours();
            for (int a = 0; a < n; a++) {
                for (int e = offsets[a]; e < offsets[a + 1]; e++) {
                    int b = neighbours[e];
                    double r = g.distance(a, b);
                    DipoleTensors.bare(xyz[3 * a] - xyz[3 * b], xyz[3 * a + 1] - xyz[3 * b + 1],
                            xyz[3 * a + 2] - xyz[3 * b + 2], switchPair(r, rMbd2), tw, 9 * e);
                    fermi[e] = DipoleTensors.fermi(r, s.beta() * (scr.radius[a] + scr.radius[b]), s.a());
                }
            }
            this.grid = new CellGrid(xyz, n, Math.max(rMbd2, 4 * ANGSTROM));
            this.coefficients = s.log() == LmbdSettings.Log.TAYLOR ? logOnePlus(LogPolynomial.taylor(s.order())) : null;
        }

        /** w = 1 - 3 t^2 + 2 t^3 over the buffer below the cutoff (TurboGAP's pair switch). */
        double switchPair(double r, double cutoff) {
            if (r > cutoff) {
                return 0;
            }
            if (r <= cutoff - buffer) {
                return 1;
            }
            double t = (r - cutoff + buffer) / buffer;
            return 1 - 3 * t * t + 2 * t * t * t;
        }

    }

    /** Coefficients of ln(1 + y) from those of ln(1 - x) (x = -y). */
    static double[] logOnePlus(double[] logOneMinus) {
        double[] c = logOneMinus.clone();
        for (int k = 1; k < c.length; k += 2) {
            c[k] = -c[k];
        }
        return c;
    }

    /** Per-thread scratch for the energy of one central atom at a time. */
    static final class Workspace {
        final int[] stamp;
        final int[] local;
        final int[] siteStamp;
        final int[] siteSlot;
        int[][] sphereHolder = {new int[256]};
        int m;
        int centre;
        double[] alpha = new double[0];
        double[] omega = new double[0];
        double[] radius = new double[0];
        double[] scale = new double[0];
        int[] rowStart = new int[1];
        int[] column = new int[0];
        int[] pair = new int[0];
        double[] damping = new double[0];
        double[] central = new double[0];
        double[] central2b = new double[0];
        double[][] v = new double[0][];
        double[] scaled = new double[0];
        double[] lanczosIn = new double[0];
        double[] lanczosOut = new double[0];
        final double[] rowOfCentre = new double[9];

        Workspace(int n) {
            stamp = new int[n];
            local = new int[n];
            siteStamp = new int[n];
            siteSlot = new int[n];
        }

        int sphereSize(EnergyStep step, int i) {
            return step.grid.within(i, step.sphere, sphereHolder);
        }

        double atomEnergy(EnergyStep step, int i) {
            centre = i;
            m = step.grid.within(i, step.sphere, sphereHolder);
            int[] sphere = sphereHolder[0];
            ensure(m, step);
            for (int k = 0; k < m; k++) {
                stamp[sphere[k]] = i + 1;
                local[sphere[k]] = k;
            }
            int ci = local[i];
            blendParameters(step, i, sphere);
            buildRows(step, i, sphere, ci);
            buildCentral(step, i, sphere, ci);
            double energy = 0;
            FrequencyGrid grid = step.s.grid();
            for (int f = 0; f < grid.size(); f++) {
                if (grid.weight(f) == 0) {
                    continue;
                }
                double u = grid.point(f);
                for (int k = 0; k < m; k++) {
                    scale[k] = Math.sqrt(alpha[k] / (1 + (u / omega[k]) * (u / omega[k])));
                }
                // v[1] = X, i's three columns of M(u); the products below read it.
                column(central, v[1], ci);
                double integrand = switch (step.s.log()) {
                    case TAYLOR -> polynomialTrace(step, step.coefficients, ci);
                    case FIT -> polynomialTrace(step, fitted(step, ci), ci);
                    case EXACT -> exactTrace(step, ci);
                };
                energy += grid.weight(f) * integrand;
            }
            return energy / (2 * Math.PI);
        }

        private void ensure(int size, EnergyStep step) {
            if (alpha.length < size) {
                int cap = Math.max(size, 2 * alpha.length);
                alpha = new double[cap];
                omega = new double[cap];
                radius = new double[cap];
                scale = new double[cap];
                rowStart = new int[cap + 1];
                central = new double[9 * cap];
                central2b = new double[9 * cap];
                scaled = new double[9 * cap];
                int vectors = (step.s.order() + 1) / 2 + 1;
                v = new double[vectors][9 * cap];
            }
        }

        /** alpha, omega, R of the sphere's atoms: the atoms' own SCS values, blended near i with i's local SCS. */
        private void blendParameters(EnergyStep step, int i, int[] sphere) {
            Screened scr = step.scr;
            if (step.rLoc > 0) {
                int[] sites = scr.sites[i];
                for (int k = 0; k < sites.length; k++) {
                    siteStamp[sites[k]] = i + 1;
                    siteSlot[sites[k]] = k;
                }
            }
            for (int k = 0; k < m; k++) {
                int a = sphere[k];
                alpha[k] = scr.alpha[a];
                omega[k] = scr.omega[a];
                radius[k] = scr.radius[a];
                double r = step.g.distance(i, a);
                if (step.rLoc > 0 && r <= step.rLoc && siteStamp[a] == i + 1) {
                    int slot = siteSlot[a];
                    double t = r / step.rLoc;
                    double sw = 1 - fall(t);
                    double localAlpha = scr.siteAlpha[i][slot];
                    double localOmega = Double.isNaN(scr.siteOmega[i][slot]) ? scr.omega[a] : scr.siteOmega[i][slot];
                    alpha[k] = localAlpha * (1 - sw) + scr.alpha[a] * sw;
                    omega[k] = localOmega * (1 - sw) + scr.omega[a] * sw;
                    double r0 = step.p.r0(a);
                    double a0 = step.p.alpha0(a);
                    radius[k] = r0 * (Math.cbrt(localAlpha / a0) * (1 - sw) + Math.cbrt(scr.alpha[a] / a0) * sw);
                }
            }
        }

        private boolean blended(EnergyStep step, int a) {
            return step.rLoc > 0 && step.g.distance(centre, a) <= step.rLoc;
        }

        /** Local CSR of the couplings between the sphere's atoms other than i, within rMbd2. */
        private void buildRows(EnergyStep step, int i, int[] sphere, int ci) {
            int[] offsets = step.pairs.offsets();
            int[] neighbours = step.pairs.neighbours();
            int entries = 0;
            for (int k = 0; k < m; k++) {
                int a = sphere[k];
                rowStart[k] = entries;
                if (k == ci) {
                    continue;
                }
                int need = entries + offsets[a + 1] - offsets[a];
                if (column.length < need) {
                    int cap = Math.max(need, 2 * column.length);
                    column = Arrays.copyOf(column, cap);
                    pair = Arrays.copyOf(pair, cap);
                    damping = Arrays.copyOf(damping, cap);
                }
                boolean aBlended = blended(step, a);
                for (int e = offsets[a]; e < offsets[a + 1]; e++) {
                    int b = neighbours[e];
                    if (b == i || stamp[b] != i + 1) {
                        continue;
                    }
                    int q = local[b];
                    column[entries] = q;
                    pair[entries] = e;
                    damping[entries] = aBlended || blended(step, b)
                            ? DipoleTensors.fermi(step.g.distance(a, b), step.s.beta() * (radius[k] + radius[q]),
                                    step.s.a())
                            : step.fermi[e];
                    entries++;
                }
            }
            rowStart[m] = entries;
        }

        /** The geometric part of i's column, f T_bare w within rMbd (and within r2b for the second order). */
        private void buildCentral(EnergyStep step, int i, int[] sphere, int ci) {
            Arrays.fill(central, 0, 9 * m, 0);
            Arrays.fill(central2b, 0, 9 * m, 0);
            double[] xyz = step.xyz;
            for (int k = 0; k < m; k++) {
                int a = sphere[k];
                if (k == ci) {
                    continue;
                }
                double r = step.g.distance(i, a);
                double f = DipoleTensors.fermi(r, step.s.beta() * (radius[k] + radius[ci]), step.s.a());
                double x = xyz[3 * a] - xyz[3 * i];
                double y = xyz[3 * a + 1] - xyz[3 * i + 1];
                double z = xyz[3 * a + 2] - xyz[3 * i + 2];
                if (r <= step.rMbd) {
                    DipoleTensors.bare(x, y, z, f * step.switchPair(r, step.rMbd), central, 9 * k);
                }
                if (r <= step.r2b) {
                    DipoleTensors.bare(x, y, z, f * step.switchPair(r, step.r2b), central2b, 9 * k);
                }
            }
        }

        /** V_1 = X, i's three columns of M at the current frequency, from a geometric column. */
        private void column(double[] geometric, double[] out, int ci) {
            double si = scale[ci];
            for (int k = 0; k < m; k++) {
                double f = scale[k] * si;
                for (int t = 0; t < 9; t++) {
                    out[9 * k + t] = f * geometric[9 * k + t];
                }
            }
        }

        /**
         * out = M in for three columns stored per atom as 3x3 row-major blocks (row = component of the atom,
         * column = one of the three vectors).
         */
        private void multiply(EnergyStep step, double[] in, double[] out, int ci) {
            double[] tw = step.tw;
            for (int k = 0; k < m; k++) {
                double sk = scale[k];
                for (int t = 0; t < 9; t++) {
                    scaled[9 * k + t] = sk * in[9 * k + t];
                }
            }
            double[] x = v[1];
            for (int k = 0; k < m; k++) {
                if (k == ci) {
                    continue;
                }
                double s00 = 0, s01 = 0, s02 = 0, s10 = 0, s11 = 0, s12 = 0, s20 = 0, s21 = 0, s22 = 0;
                for (int e = rowStart[k]; e < rowStart[k + 1]; e++) {
                    int q = 9 * column[e];
                    int b = 9 * pair[e];
                    double f = damping[e];
                    double t00 = f * tw[b], t01 = f * tw[b + 1], t02 = f * tw[b + 2];
                    double t10 = f * tw[b + 3], t11 = f * tw[b + 4], t12 = f * tw[b + 5];
                    double t20 = f * tw[b + 6], t21 = f * tw[b + 7], t22 = f * tw[b + 8];
                    double v0 = scaled[q], v1 = scaled[q + 1], v2 = scaled[q + 2];
                    double v3 = scaled[q + 3], v4 = scaled[q + 4], v5 = scaled[q + 5];
                    double v6 = scaled[q + 6], v7 = scaled[q + 7], v8 = scaled[q + 8];
                    s00 += t00 * v0 + t01 * v3 + t02 * v6;
                    s01 += t00 * v1 + t01 * v4 + t02 * v7;
                    s02 += t00 * v2 + t01 * v5 + t02 * v8;
                    s10 += t10 * v0 + t11 * v3 + t12 * v6;
                    s11 += t10 * v1 + t11 * v4 + t12 * v7;
                    s12 += t10 * v2 + t11 * v5 + t12 * v8;
                    s20 += t20 * v0 + t21 * v3 + t22 * v6;
                    s21 += t20 * v1 + t21 * v4 + t22 * v7;
                    s22 += t20 * v2 + t21 * v5 + t22 * v8;
                }
                double sk = scale[k];
                int o = 9 * k;
                int c = 9 * ci;
                // Plus M_ki in_i, with M_ki = X_k (i's column).
                out[o] = sk * s00 + x[o] * in[c] + x[o + 1] * in[c + 3] + x[o + 2] * in[c + 6];
                out[o + 1] = sk * s01 + x[o] * in[c + 1] + x[o + 1] * in[c + 4] + x[o + 2] * in[c + 7];
                out[o + 2] = sk * s02 + x[o] * in[c + 2] + x[o + 1] * in[c + 5] + x[o + 2] * in[c + 8];
                out[o + 3] = sk * s10 + x[o + 3] * in[c] + x[o + 4] * in[c + 3] + x[o + 5] * in[c + 6];
                out[o + 4] = sk * s11 + x[o + 3] * in[c + 1] + x[o + 4] * in[c + 4] + x[o + 5] * in[c + 7];
                out[o + 5] = sk * s12 + x[o + 3] * in[c + 2] + x[o + 4] * in[c + 5] + x[o + 5] * in[c + 8];
                out[o + 6] = sk * s20 + x[o + 6] * in[c] + x[o + 7] * in[c + 3] + x[o + 8] * in[c + 6];
                out[o + 7] = sk * s21 + x[o + 6] * in[c + 1] + x[o + 7] * in[c + 4] + x[o + 8] * in[c + 7];
                out[o + 8] = sk * s22 + x[o + 6] * in[c + 2] + x[o + 7] * in[c + 5] + x[o + 8] * in[c + 8];
            }
            // Row i: sum_k M_ik in_k with M_ik = X_k^T.
            double[] acc = rowOfCentre;
            Arrays.fill(acc, 0);
            for (int k = 0; k < m; k++) {
                if (k == ci) {
                    continue;
                }
                int o = 9 * k;
                for (int r = 0; r < 3; r++) {
                    for (int col = 0; col < 3; col++) {
                        acc[3 * r + col] += x[o + r] * in[o + col] + x[o + 3 + r] * in[o + 3 + col]
                                + x[o + 6 + r] * in[o + 6 + col];
                    }
                }
            }
            System.arraycopy(acc, 0, out, 9 * ci, 9);
        }

        /** The Frobenius inner product of two block vectors over the sphere. */
        private double dot(double[] a, double[] b) {
            double sum = 0;
            for (int t = 0; t < 9 * m; t++) {
                sum += a[t] * b[t];
            }
            return sum;
        }

        /** sum_k c_k Tr (M^k)_ii for coefficients of ln(1 + y); (M^0)_ii = I, (M^1)_ii = 0. */
        private double polynomialTrace(EnergyStep step, double[] c, int ci) {
            int order = c.length - 1;
            int half = (order + 1) / 2;
            for (int a = 2; a <= half; a++) {
                multiply(step, v[a - 1], v[a], ci);
            }
            double sum = 3 * c[0];
            for (int k = 2; k <= order; k++) {
                int a = k / 2;
                int b = k - a;
                double trace;
                if (k == 2 && step.r2b != step.rMbd) {
                    column(central2b, scaled, ci);
                    trace = dot(scaled, scaled);
                } else {
                    trace = dot(v[a], v[b]);
                }
                sum += c[k] * trace;
            }
            return sum;
        }

        private double[] fitted(EnergyStep step, int ci) {
            if (lanczosIn.length < 9 * m) {
                lanczosIn = new double[9 * alpha.length];
                lanczosOut = new double[9 * alpha.length];
            }
            double[] bounds = Lanczos.bounds((in, out) -> multiplySingle(step, in, out, ci), 3 * m, step.s.lanczosSteps(),
                    centre);
            if (bounds[0] <= -1) {
                throw new PolarizationCatastropheException("lMBD sphere of atom " + (centre + 1) + ": the coupling"
                        + " matrix has an eigenvalue near " + bounds[0] + " <= -1 (polarization catastrophe)");
            }
            // ln(1 + y) on [lo, hi] is ln(1 - x) on [-hi, -lo].
            return logOnePlus(LogPolynomial.leastSquares(-bounds[1], -bounds[0], step.s.order()));
        }

        /** One vector: out = M in (3m entries), through the three-column product with zero extra columns. */
        private void multiplySingle(EnergyStep step, double[] in, double[] out, int ci) {
            Arrays.fill(lanczosIn, 0, 9 * m, 0);
            for (int k = 0; k < 3 * m; k++) {
                lanczosIn[3 * k] = in[k];
            }
            multiply(step, lanczosIn, lanczosOut, ci);
            for (int k = 0; k < 3 * m; k++) {
                out[k] = lanczosOut[3 * k];
            }
        }

        /** Tr [ln(1 + M)]_ii from a dense eigendecomposition of the sphere's M. */
        private double exactTrace(EnergyStep step, int ci) {
            int dim = 3 * m;
            double[] dense = new double[dim * dim];
            double[] unit = new double[9 * m];
            double[] product = new double[9 * m];
            // Column by column: M e_j for the three unit vectors of each atom (3 columns at a time).
            for (int k = 0; k < m; k++) {
                Arrays.fill(unit, 0, 9 * m, 0);
                unit[9 * k] = 1;
                unit[9 * k + 4] = 1;
                unit[9 * k + 8] = 1;
                multiply(step, unit, product, ci);
                for (int row = 0; row < dim; row++) {
                    for (int c = 0; c < 3; c++) {
                        dense[row * dim + 3 * k + c] = product[3 * row + c];
                    }
                }
            }
            double[] lambda = SymmetricEigen.decompose(dense, dim);
            double sum = 0;
            for (int r = 0; r < dim; r++) {
                if (lambda[r] <= -1) {
                    throw new PolarizationCatastropheException("lMBD sphere of atom " + (centre + 1) + ": eigenvalue "
                            + lambda[r] + " <= -1 (polarization catastrophe)");
                }
                double log = Math.log1p(lambda[r]);
                for (int c = 0; c < 3; c++) {
                    double vec = dense[(3 * ci + c) * dim + r];
                    sum += vec * vec * log;
                }
            }
            return sum;
        }
    }
}
