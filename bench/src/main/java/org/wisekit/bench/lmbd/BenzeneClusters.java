package org.wisekit.bench.lmbd;

import java.util.Locale;
import org.wisekit.datasets.Dataset;
import org.wisekit.datasets.Datasets;
import org.wisekit.lmbd.AtomicParameters;
import org.wisekit.lmbd.Crystal;
import org.wisekit.lmbd.FreeAtomTable;
import org.wisekit.lmbd.FrequencyGrid;
import org.wisekit.lmbd.Geometry;
import org.wisekit.lmbd.GeometryFiles;
import org.wisekit.lmbd.Lmbd;
import org.wisekit.lmbd.LmbdSettings;
import org.wisekit.lmbd.LmbdSystem;
import org.wisekit.lmbd.Units;

/**
 * The systems of the {@code lmbd} suite and the flop counts its ratios rest on: whole-molecule clusters cut from the
 * X23 benzene crystal ({@link Crystal#cluster}) with free-atom parameters (every Hirshfeld ratio nu = 1) from libMBD's
 * table, both read through {@link Datasets#fromEnvironment()}.
 *
 * <p>Flop counts (multiply and add each one flop; what the kernels must do, not every instruction they execute):
 * <ul>
 * <li>lMBD, one atom: {@code W * P * (54 E + 108 (m - 1))} with W the frequencies of non-zero weight (13), P the
 * sparse products per frequency, ceil(order / 2) - 1 = 2 at order 6, m the atoms of the central atom's sphere and E
 * the stored couplings within rMbd2 between sphere atoms other than the centre (directed pairs). Each coupling is a
 * 3x3 block times the three columns (27 multiply-adds = 54 flops; the 9 multiplications that apply its damping are
 * not counted); the central atom's column and row add 2 x 27 multiply-adds per other sphere atom. The sphere search,
 * the local coupling lists, the central column's tensors and the traces are not counted (they are timed).</li>
 * <li>Full MBD@rsSCS of N atoms, n = 3N: screening {@code G (n^3 / 3 + 6 n^2)} (per frequency of libMBD's G = 16, a
 * Cholesky factorization and the solves for three right-hand sides) plus {@code (4/3) n^3} for the eigenvalues of
 * the coupled-oscillator matrix (the tridiagonal reduction); matrix assembly is not counted.</li>
 * </ul>
 */
final class BenzeneClusters {

    /** The benzene crystal in the molecules dataset. */
    static final String POSCAR = "molecules/x23/06benzene/POSCAR";
    /** libMBD's free-atom parameters. */
    static final String FREE_ATOMS = "molecules/libmbd/vdw-params.csv";
    /**
     * Atoms asked of {@link Crystal#cluster} for the lMBD systems: the central atom's sphere at rMbd 15 (23 A) holds
     * 5184 atoms of the crystal, of which a cluster of 8000 atoms has 5178 and one of 9000 all ({@link
     * #requireFullSphere} checks it).
     */
    static final int LMBD_CLUSTER_ATOMS = 9000;
    /** rMbd2 of every lMBD benchmark (angstrom), TurboGAP's default. */
    static final double R_MBD2 = 8;

    private final Crystal crystal;
    private final FreeAtomTable table;

    private BenzeneClusters(Crystal crystal, FreeAtomTable table) {
        this.crystal = crystal;
        this.table = table;
    }

    /** Reads the crystal and the free-atom table from the data directory (checksums verified). */
    static BenzeneClusters load() {
        Datasets data = Datasets.fromEnvironment();
        return new BenzeneClusters(GeometryFiles.readPoscar(data.verifiedPath(Dataset.MOLECULES, POSCAR)),
                FreeAtomTable.read(data.verifiedPath(Dataset.MOLECULES, FREE_ATOMS)));
    }

    /** The cluster of at least {@code atoms} atoms (whole molecules nearest the cell centre). */
    Geometry cluster(int atoms) {
        return crystal.cluster(atoms);
    }

    /** Free-atom parameters (nu = 1) for every atom of {@code geometry}. */
    AtomicParameters freeAtoms(Geometry geometry) {
        return AtomicParameters.fromVolumeRatios(geometry, table, null);
    }

    /** lMBD with TurboGAP's defaults but rMbd = r2b = {@code rMbd} and rMbd2 = 8 A, on every processor. */
    static LmbdSettings lmbdSettings(double rMbd) {
        return LmbdSettings.defaults().withRadii(rMbd, R_MBD2, rMbd);
    }

    /** The atom nearest the centroid (unweighted mean position) of {@code geometry}; the lowest index on ties. */
    static int centralAtom(Geometry geometry) {
        int n = geometry.size();
        double[] xyz = geometry.coordinates();
        double cx = 0;
        double cy = 0;
        double cz = 0;
        for (int i = 0; i < n; i++) {
            cx += xyz[3 * i];
            cy += xyz[3 * i + 1];
            cz += xyz[3 * i + 2];
        }
        cx /= n;
        cy /= n;
        cz /= n;
        int best = 0;
        double bestD2 = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double dx = xyz[3 * i] - cx;
            double dy = xyz[3 * i + 1] - cy;
            double dz = xyz[3 * i + 2] - cz;
            double d2 = dx * dx + dy * dy + dz * dz;
            if (d2 < bestD2) {
                bestD2 = d2;
                best = i;
            }
        }
        return best;
    }

    /**
     * Checks that the sphere of {@code radiusAngstrom} around atom {@code centre} of {@code cluster} holds every atom
     * the crystal has there: a cluster twice as large (which contains this one) must add none.
     *
     * @throws IllegalStateException when the cluster is too small
     */
    void requireFullSphere(Geometry cluster, int centre, double radiusAngstrom) {
        double radius = radiusAngstrom * Units.BOHR_PER_ANGSTROM;
        double[] at = {cluster.coordinate(centre, 0), cluster.coordinate(centre, 1), cluster.coordinate(centre, 2)};
        int inside = countWithin(cluster, at, radius);
        int inCrystal = countWithin(crystal.cluster(2 * cluster.size()), at, radius);
        if (inside != inCrystal) {
            throw new IllegalStateException("the " + radiusAngstrom + " A sphere of atom " + (centre + 1) + " holds "
                    + inside + " atoms of the " + cluster.size() + "-atom cluster but " + inCrystal
                    + " of the crystal: the cluster is too small");
        }
    }

    private static int countWithin(Geometry geometry, double[] at, double radius) {
        double[] xyz = geometry.coordinates();
        double r2 = radius * radius;
        int count = 0;
        for (int i = 0; i < geometry.size(); i++) {
            double dx = xyz[3 * i] - at[0];
            double dy = xyz[3 * i + 1] - at[1];
            double dz = xyz[3 * i + 2] - at[2];
            if (dx * dx + dy * dy + dz * dz <= r2) {
                count++;
            }
        }
        return count;
    }

    /**
     * The sphere of one lMBD atom as its kernel sees it: m atoms within {@link LmbdSettings#sphereRadius()} of
     * {@code centre} (itself included) and the E directed pairs of its other atoms within rMbd2, counted pair by pair.
     */
    record Sphere(int atoms, long couplings) {

        static Sphere of(Geometry geometry, int centre, LmbdSettings settings) {
            double radius = settings.sphereRadius() * Units.BOHR_PER_ANGSTROM;
            double cutoff = settings.rMbd2() * Units.BOHR_PER_ANGSTROM;
            double[] xyz = geometry.coordinates();
            int n = geometry.size();
            int[] members = new int[n];
            int m = 0;
            double r2 = radius * radius;
            for (int a = 0; a < n; a++) {
                double dx = xyz[3 * a] - xyz[3 * centre];
                double dy = xyz[3 * a + 1] - xyz[3 * centre + 1];
                double dz = xyz[3 * a + 2] - xyz[3 * centre + 2];
                if (dx * dx + dy * dy + dz * dz <= r2) {
                    members[m++] = a;
                }
            }
            double c2 = cutoff * cutoff;
            long pairs = 0;
            for (int p = 0; p < m; p++) {
                int a = members[p];
                if (a == centre) {
                    continue;
                }
                for (int q = p + 1; q < m; q++) {
                    int b = members[q];
                    if (b == centre) {
                        continue;
                    }
                    double dx = xyz[3 * a] - xyz[3 * b];
                    double dy = xyz[3 * a + 1] - xyz[3 * b + 1];
                    double dz = xyz[3 * a + 2] - xyz[3 * b + 2];
                    if (dx * dx + dy * dy + dz * dz <= c2) {
                        pairs += 2;
                    }
                }
            }
            return new Sphere(m, pairs);
        }

        /** Flops of one atom's energy under {@code settings}; see the class comment. */
        double flops(LmbdSettings settings) {
            FrequencyGrid grid = settings.grid();
            int frequencies = 0;
            for (int k = 0; k < grid.size(); k++) {
                if (grid.weight(k) != 0) {
                    frequencies++;
                }
            }
            int products = (settings.order() + 1) / 2 - 1;
            return (double) frequencies * products * (54.0 * couplings + 108.0 * (atoms - 1));
        }
    }

    /**
     * {@link Lmbd#prepare} with its wall time printed to the JMH log, after which the kernel's sphere of atom
     * {@code centre} must have the {@code sphere.atoms()} atoms counted.
     *
     * @throws IllegalStateException when the sizes differ (the flop count would be wrong)
     */
    static LmbdSystem prepare(Geometry cluster, AtomicParameters parameters, LmbdSettings settings, int centre,
            Sphere sphere) {
        long start = System.nanoTime();
        LmbdSystem system = Lmbd.prepare(cluster, parameters, settings, fraction -> { });
        double seconds = (System.nanoTime() - start) * 1e-9;
        if (system.sphereSize(centre) != sphere.atoms()) {
            throw new IllegalStateException("lMBD's sphere of atom " + (centre + 1) + " has "
                    + system.sphereSize(centre) + " atoms, the flop count assumed " + sphere.atoms());
        }
        System.out.printf(Locale.ROOT, "%nlmbd: %d atoms prepared in %.1f s on %d threads (rMbd %s A); atom %d: sphere"
                + " of %d atoms, %d couplings, %.3g flops%n", cluster.size(), seconds, settings.threads(),
                settings.rMbd(), centre + 1, sphere.atoms(), sphere.couplings(), sphere.flops(settings));
        return system;
    }

    /** Flops of the rsSCS screening of {@code atoms} atoms on a grid of {@code frequencies} points. */
    static double screenFlops(int atoms, int frequencies) {
        double n = 3.0 * atoms;
        return frequencies * (n * n * n / 3 + 6 * n * n);
    }

    /** Flops of the eigenvalues of the coupled-oscillator matrix of {@code atoms} atoms. */
    static double eigenFlops(int atoms) {
        double n = 3.0 * atoms;
        return 4.0 / 3 * n * n * n;
    }
}
