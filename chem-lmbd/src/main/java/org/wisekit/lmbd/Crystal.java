package org.wisekit.lmbd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wisekit.lmbd.internal.NeighbourList;

/**
 * A periodic crystal: the atoms of one unit cell (Cartesian, bohr) and the three lattice vectors (rows, bohr), with
 * finite pieces cut from it: {@link #supercell} (plain replication) and {@link #cluster} (whole molecules around the
 * cell centre). Immutable; accessors return copies.
 */
public final class Crystal {

    /** Atoms closer than this (0.1 angstrom, in bohr), also across the periodic boundary, are rejected. */
    private static final double MIN_SEPARATION = 0.1 * Units.BOHR_PER_ANGSTROM;

    private final Geometry cell;
    private final double[] lattice;

    private Crystal(Geometry cell, double[] lattice) {
        this.cell = cell;
        this.lattice = lattice;
    }

    /**
     * The crystal with unit cell {@code cell} and lattice vectors {@code lattice} (9 values in bohr, row-major: the
     * rows are a, b, c).
     *
     * @throws IllegalArgumentException when the cell has no atom, the lattice has not 9 finite values or its vectors
     *                                  are (nearly) linearly dependent
     */
    public static Crystal of(Geometry cell, double[] lattice) {
        if (cell == null || cell.size() == 0) {
            throw new IllegalArgumentException("the unit cell needs at least one atom");
        }
        if (lattice == null || lattice.length != 9) {
            throw new IllegalArgumentException("lattice must hold 9 values (3 rows), got "
                    + (lattice == null ? null : lattice.length));
        }
        for (int k = 0; k < 9; k++) {
            if (!Double.isFinite(lattice[k])) {
                throw new IllegalArgumentException("lattice[" + k + "] is " + lattice[k]);
            }
        }
        double scale = length(lattice, 0) * length(lattice, 1) * length(lattice, 2);
        if (!(Math.abs(determinant(lattice)) > 1e-9 * scale)) {
            throw new IllegalArgumentException("the lattice vectors " + Arrays.toString(lattice)
                    + " are linearly dependent (cell volume " + determinant(lattice) + " bohr^3)");
        }
        return new Crystal(cell, lattice.clone());
    }

    /** The atoms of the unit cell, Cartesian, in bohr. */
    public Geometry cell() {
        return cell;
    }

    /** A copy of the lattice vectors in bohr, row-major (a, b, c). */
    public double[] lattice() {
        return lattice.clone();
    }

    public int atomsPerCell() {
        return cell.size();
    }

    /** The cell volume in bohr^3. */
    public double volume() {
        return Math.abs(determinant(lattice));
    }

    /**
     * {@code na x nb x nc} copies of the cell, translated by {@code ia a + ib b + ic c} for {@code 0 <= ia < na}
     * (outermost), {@code ib}, {@code ic} (innermost), each copy's atoms in cell order.
     *
     * @throws IllegalArgumentException when a count is below 1 or the result would be too large for an array
     */
    public Geometry supercell(int na, int nb, int nc) {
        if (na < 1 || nb < 1 || nc < 1) {
            throw new IllegalArgumentException("supercell counts must be at least 1, got " + na + " x " + nb + " x " + nc);
        }
        long total = (long) na * nb * nc * cell.size();
        if (3 * total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + na + " x " + nb + " x " + nc + " supercell has " + total
                    + " atoms, too many");
        }
        int n = cell.size();
        int[] cellZ = cell.atomicNumbers();
        double[] cellXyz = cell.coordinates();
        int[] z = new int[(int) total];
        double[] xyz = new double[3 * (int) total];
        int atom = 0;
        for (int ia = 0; ia < na; ia++) {
            for (int ib = 0; ib < nb; ib++) {
                for (int ic = 0; ic < nc; ic++) {
                    for (int i = 0; i < n; i++, atom++) {
                        z[atom] = cellZ[i];
                        for (int c = 0; c < 3; c++) {
                            xyz[3 * atom + c] = cellXyz[3 * i + c] + ia * lattice[c] + ib * lattice[3 + c]
                                    + ic * lattice[6 + c];
                        }
                    }
                }
            }
        }
        return Geometry.ofBohr(z, xyz);
    }

    /**
     * A finite cluster of whole molecules cut from the crystal: molecules are the covalently bonded fragments
     * ({@link Fragments}'s criterion) of the periodic structure, each made whole across the cell boundary; their
     * periodic copies are ordered by the distance of their centroid (unweighted mean position) from the centre of the
     * cell, {@code (a + b + c) / 2}, ties in a fixed order, and taken whole in that order until there are at least
     * {@code targetAtoms} atoms. So the cluster has between {@code targetAtoms} and {@code targetAtoms} plus one
     * molecule's atoms, molecule after molecule, each molecule's atoms in cell order. Deterministic.
     *
     * @throws IllegalArgumentException when {@code targetAtoms} is not in [1, 10^7], two atoms are closer than
     *                                  0.1 angstrom (also across the boundary), an element has no covalent radius, or
     *                                  bonds connect an atom to its own periodic copy (a polymer or network solid,
     *                                  which has no finite molecules)
     */
    public Geometry cluster(int targetAtoms) {
        if (targetAtoms < 1 || targetAtoms > 10_000_000) {
            throw new IllegalArgumentException("targetAtoms must be in [1, 10^7], got " + targetAtoms);
        }
        List<int[]> molecules = new ArrayList<>();
        double[] whole = wholeMolecules(molecules);
        int count = molecules.size();
        double[] centroid = new double[3 * count];
        double largest = 0;
        for (int m = 0; m < count; m++) {
            int[] atoms = molecules.get(m);
            for (int atom : atoms) {
                for (int c = 0; c < 3; c++) {
                    centroid[3 * m + c] += whole[3 * atom + c] / atoms.length;
                }
            }
            for (int atom : atoms) {
                largest = Math.max(largest, distance(whole, 3 * atom, centroid, 3 * m));
            }
        }
        double[] centre = new double[3];
        for (int c = 0; c < 3; c++) {
            centre[c] = 0.5 * (lattice[c] + lattice[3 + c] + lattice[6 + c]);
        }
        double[] width = planeWidths();
        // A first radius from the density, grown until the copies within it hold enough atoms.
        double radius = Math.cbrt(3.0 * targetAtoms * volume() / (4 * Math.PI * cell.size())) + 2 * largest;
        Copies copies;
        while ((copies = copiesWithin(radius, centroid, molecules, centre, width)).atoms < targetAtoms) {
            radius *= 1.5;
        }
        Integer[] order = new Integer[copies.size];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        double[] distance = copies.distance;
        Arrays.sort(order, (p, q) -> Double.compare(distance[p], distance[q]));

        int taken = 0;
        int used = 0;
        while (taken < targetAtoms) {
            taken += molecules.get(copies.molecule[order[used++]]).length;
        }
        int[] z = new int[taken];
        double[] xyz = new double[3 * taken];
        int atom = 0;
        for (int k = 0; k < used; k++) {
            int copy = order[k];
            int[] shift = {copies.shift[3 * copy], copies.shift[3 * copy + 1], copies.shift[3 * copy + 2]};
            for (int i : molecules.get(copies.molecule[copy])) {
                z[atom] = cell.atomicNumber(i);
                for (int c = 0; c < 3; c++) {
                    xyz[3 * atom + c] = whole[3 * i + c] + shift[0] * lattice[c] + shift[1] * lattice[3 + c]
                            + shift[2] * lattice[6 + c];
                }
                atom++;
            }
        }
        return Geometry.ofBohr(z, xyz);
    }

    /** Every periodic copy of every molecule whose centroid is within {@code radius} of {@code centre}. */
    private Copies copiesWithin(double radius, double[] centroid, List<int[]> molecules, double[] centre,
            double[] width) {
        // Centroids are in the home cell (fractions in [0, 1)), so shifts beyond these bounds are farther than radius.
        int[] reach = new int[3];
        for (int a = 0; a < 3; a++) {
            reach[a] = (int) Math.ceil(radius / width[a]) + 1;
        }
        Copies copies = new Copies();
        double r2 = radius * radius;
        for (int ia = -reach[0]; ia <= reach[0]; ia++) {
            for (int ib = -reach[1]; ib <= reach[1]; ib++) {
                for (int ic = -reach[2]; ic <= reach[2]; ic++) {
                    for (int m = 0; m < molecules.size(); m++) {
                        double d2 = 0;
                        for (int c = 0; c < 3; c++) {
                            double d = centroid[3 * m + c] + ia * lattice[c] + ib * lattice[3 + c] + ic * lattice[6 + c]
                                    - centre[c];
                            d2 += d * d;
                        }
                        if (d2 <= r2) {
                            copies.add(m, ia, ib, ic, Math.sqrt(d2), molecules.get(m).length);
                        }
                    }
                }
            }
        }
        return copies;
    }

    /** Periodic copies of molecules: molecule index, lattice shift, centroid distance; and their atom total. */
    private static final class Copies {

        int size;
        long atoms;
        int[] molecule = new int[64];
        int[] shift = new int[3 * 64];
        double[] distance = new double[64];

        void add(int m, int ia, int ib, int ic, double d, int atomsOfMolecule) {
            if (size == molecule.length) {
                molecule = Arrays.copyOf(molecule, 2 * size);
                shift = Arrays.copyOf(shift, 6 * size);
                distance = Arrays.copyOf(distance, 2 * size);
            }
            molecule[size] = m;
            shift[3 * size] = ia;
            shift[3 * size + 1] = ib;
            shift[3 * size + 2] = ic;
            distance[size++] = d;
            atoms += atomsOfMolecule;
        }
    }

    /**
     * Finds the molecules (atom indices of the cell, ascending, in order of their first atom) and returns the cell's
     * coordinates moved by lattice vectors so that every molecule is whole and its centroid lies in the home cell.
     */
    private double[] wholeMolecules(List<int[]> molecules) {
        int n = cell.size();
        double[] radius = Fragments.radii(cell);
        double maxRadius = 0;
        for (double r : radius) {
            maxRadius = Math.max(maxRadius, r);
        }
        double bond = 2 * Fragments.BOND_TOLERANCE * maxRadius;
        double cutoff = Math.max(bond, MIN_SEPARATION);
        double[] width = planeWidths();
        double[] inverse = inverse(lattice);

        // Wrap every atom into the home cell; remember how far it moved (in lattice vectors).
        double[] home = cell.coordinates();
        int[] wrapped = new int[3 * n];
        for (int i = 0; i < n; i++) {
            double[] f = fractional(home, 3 * i, inverse);
            for (int a = 0; a < 3; a++) {
                wrapped[3 * i + a] = (int) Math.floor(f[a]);
            }
            translate(home, 3 * i, -wrapped[3 * i], -wrapped[3 * i + 1], -wrapped[3 * i + 2]);
        }

        // Images of the home cell near enough for any bond from a home-cell atom: |shift| <= reach per axis.
        int[] reach = new int[3];
        for (int a = 0; a < 3; a++) {
            reach[a] = (int) Math.floor(cutoff / width[a]) + 1;
        }
        int images = (2 * reach[0] + 1) * (2 * reach[1] + 1) * (2 * reach[2] + 1);
        int[] imageShift = new int[3 * images];
        double[] replica = new double[3 * n * images];
        double[] replicaRadius = new double[n * images];
        int centralImage = -1;
        int image = 0;
        for (int ia = -reach[0]; ia <= reach[0]; ia++) {
            for (int ib = -reach[1]; ib <= reach[1]; ib++) {
                for (int ic = -reach[2]; ic <= reach[2]; ic++, image++) {
                    imageShift[3 * image] = ia;
                    imageShift[3 * image + 1] = ib;
                    imageShift[3 * image + 2] = ic;
                    if (ia == 0 && ib == 0 && ic == 0) {
                        centralImage = image;
                    }
                    System.arraycopy(home, 0, replica, 3 * n * image, 3 * n);
                    System.arraycopy(radius, 0, replicaRadius, n * image, n);
                    for (int i = 0; i < n; i++) {
                        translate(replica, 3 * (n * image + i), ia, ib, ic);
                    }
                }
            }
        }
        NeighbourList list = NeighbourList.build(replica, n * images, cutoff);

        // Breadth-first over bonds, placing each atom at the lattice shift that keeps its molecule whole.
        int[] placed = new int[3 * n];
        int[] label = new int[n];
        Arrays.fill(label, -1);
        int[] queue = new int[n];
        int[] offsets = list.offsets();
        int[] neighbours = list.neighbours();
        double min2 = MIN_SEPARATION * MIN_SEPARATION;
        for (int seed = 0; seed < n; seed++) {
            if (label[seed] >= 0) {
                continue;
            }
            int molecule = molecules.size();
            label[seed] = molecule;
            int head = 0;
            int tail = 0;
            queue[tail++] = seed;
            while (head < tail) {
                int i = queue[head++];
                int p = n * centralImage + i;
                for (int k = offsets[p]; k < offsets[p + 1]; k++) {
                    int q = neighbours[k];
                    int j = q % n;
                    int img = q / n;
                    if (distance2(replica, p, q) < min2) {
                        throw new IllegalArgumentException("atoms " + (i + 1) + " (" + cell.symbol(i) + ") and " + (j + 1)
                                + " (" + cell.symbol(j) + ") of the cell are closer than 0.1 A (lattice shift "
                                + shiftText(imageShift, img) + ")");
                    }
                    if (!Fragments.bonded(replica, p, q, replicaRadius)) {
                        continue;
                    }
                    int sa = placed[3 * i] + imageShift[3 * img];
                    int sb = placed[3 * i + 1] + imageShift[3 * img + 1];
                    int sc = placed[3 * i + 2] + imageShift[3 * img + 2];
                    if (label[j] < 0) {
                        label[j] = molecule;
                        placed[3 * j] = sa;
                        placed[3 * j + 1] = sb;
                        placed[3 * j + 2] = sc;
                        queue[tail++] = j;
                    } else if (placed[3 * j] != sa || placed[3 * j + 1] != sb || placed[3 * j + 2] != sc) {
                        throw new IllegalArgumentException("atom " + (j + 1) + " (" + cell.symbol(j)
                                + ") is bonded to a periodic copy of its own molecule: the crystal has no finite"
                                + " molecules (a polymer or network solid), so no cluster of whole molecules exists");
                    }
                }
            }
            int[] atoms = new int[tail];
            System.arraycopy(queue, 0, atoms, 0, tail);
            Arrays.sort(atoms);
            molecules.add(atoms);
        }

        double[] whole = home;  // updated in place: wrapped, then each molecule made whole
        for (int i = 0; i < n; i++) {
            translate(whole, 3 * i, placed[3 * i], placed[3 * i + 1], placed[3 * i + 2]);
        }
        // Move each molecule so that its centroid lies in the home cell.
        for (int[] atoms : molecules) {
            double[] c = new double[3];
            for (int atom : atoms) {
                for (int a = 0; a < 3; a++) {
                    c[a] += whole[3 * atom + a] / atoms.length;
                }
            }
            double[] f = fractional(c, 0, inverse);
            for (int atom : atoms) {
                translate(whole, 3 * atom, -(int) Math.floor(f[0]), -(int) Math.floor(f[1]), -(int) Math.floor(f[2]));
            }
        }
        return whole;
    }

    private static String shiftText(int[] shift, int image) {
        return "(" + shift[3 * image] + ", " + shift[3 * image + 1] + ", " + shift[3 * image + 2] + ")";
    }

    private void translate(double[] xyz, int at, int ia, int ib, int ic) {
        for (int c = 0; c < 3; c++) {
            xyz[at + c] += ia * lattice[c] + ib * lattice[3 + c] + ic * lattice[6 + c];
        }
    }

    private static double distance2(double[] xyz, int p, int q) {
        double dx = xyz[3 * p] - xyz[3 * q];
        double dy = xyz[3 * p + 1] - xyz[3 * q + 1];
        double dz = xyz[3 * p + 2] - xyz[3 * q + 2];
        return dx * dx + dy * dy + dz * dz;
    }

    private static double distance(double[] a, int at, double[] b, int bt) {
        double dx = a[at] - b[bt];
        double dy = a[at + 1] - b[bt + 1];
        double dz = a[at + 2] - b[bt + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** The distances between opposite faces of the cell: volume / |b x c|, and likewise for b and c. */
    private double[] planeWidths() {
        double v = volume();
        return new double[] {v / crossLength(3, 6), v / crossLength(6, 0), v / crossLength(0, 3)};
    }

    private double crossLength(int p, int q) {
        double x = lattice[p + 1] * lattice[q + 2] - lattice[p + 2] * lattice[q + 1];
        double y = lattice[p + 2] * lattice[q] - lattice[p] * lattice[q + 2];
        double z = lattice[p] * lattice[q + 1] - lattice[p + 1] * lattice[q];
        return Math.sqrt(x * x + y * y + z * z);
    }

    /** Fractional coordinates f of the Cartesian point at {@code xyz[at..at+3)}: r = f_a a + f_b b + f_c c. */
    private static double[] fractional(double[] xyz, int at, double[] inverse) {
        double[] f = new double[3];
        for (int a = 0; a < 3; a++) {
            f[a] = xyz[at] * inverse[a] + xyz[at + 1] * inverse[3 + a] + xyz[at + 2] * inverse[6 + a];
        }
        return f;
    }

    /** The inverse of a row-major 3x3 matrix. */
    private static double[] inverse(double[] m) {
        double det = determinant(m);
        double[] inv = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                int r1 = (c + 1) % 3;
                int r2 = (c + 2) % 3;
                int c1 = (r + 1) % 3;
                int c2 = (r + 2) % 3;
                inv[3 * r + c] = (m[3 * r1 + c1] * m[3 * r2 + c2] - m[3 * r1 + c2] * m[3 * r2 + c1]) / det;
            }
        }
        return inv;
    }

    private static double length(double[] m, int row) {
        return Math.sqrt(m[3 * row] * m[3 * row] + m[3 * row + 1] * m[3 * row + 1] + m[3 * row + 2] * m[3 * row + 2]);
    }

    /** The determinant of a row-major 3x3 matrix (the signed cell volume). */
    static double determinant(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }
}
