package org.wisekit.lmbd;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A finite set of atoms: atomic numbers and Cartesian coordinates in bohr. Immutable; accessors return copies.
 * Readers for files are {@link GeometryFiles} (XYZ, POSCAR) and {@link Benchmarks} (S22, S66).
 */
public final class Geometry {

    private final int[] atomicNumbers;
    private final double[] coordinates;

    private Geometry(int[] atomicNumbers, double[] coordinates) {
        this.atomicNumbers = atomicNumbers;
        this.coordinates = coordinates;
    }

    /**
     * Atoms with atomic numbers {@code atomicNumbers} at {@code coordinates} in bohr, x, y, z per atom in a row.
     *
     * @throws IllegalArgumentException when the lengths disagree, an atomic number is out of range or a
     *                                  coordinate is not finite
     */
    public static Geometry ofBohr(int[] atomicNumbers, double[] coordinates) {
        if (atomicNumbers == null || coordinates == null) {
            throw new IllegalArgumentException("atomicNumbers and coordinates are required");
        }
        if (coordinates.length != 3 * atomicNumbers.length) {
            throw new IllegalArgumentException("coordinates must hold 3 values per atom: " + atomicNumbers.length
                    + " atoms, " + coordinates.length + " coordinates");
        }
        for (int i = 0; i < atomicNumbers.length; i++) {
            if (atomicNumbers[i] < 1 || atomicNumbers[i] > Elements.MAX_ATOMIC_NUMBER) {
                throw new IllegalArgumentException("atom " + (i + 1) + ": atomic number " + atomicNumbers[i]
                        + " is not an element");
            }
            for (int c = 0; c < 3; c++) {
                if (!Double.isFinite(coordinates[3 * i + c])) {
                    throw new IllegalArgumentException("atom " + (i + 1) + ": coordinate " + "xyz".charAt(c) + " is "
                            + coordinates[3 * i + c]);
                }
            }
        }
        return new Geometry(atomicNumbers.clone(), coordinates.clone());
    }

    /** Like {@link #ofBohr}, with coordinates in angstrom. */
    public static Geometry ofAngstrom(int[] atomicNumbers, double[] coordinatesAngstrom) {
        if (coordinatesAngstrom == null) {
            throw new IllegalArgumentException("coordinates are required");
        }
        double[] bohr = coordinatesAngstrom.clone();
        for (int k = 0; k < bohr.length; k++) {
            bohr[k] *= Units.BOHR_PER_ANGSTROM;
        }
        return ofBohr(atomicNumbers, bohr);
    }

    /** The number of atoms. */
    public int size() {
        return atomicNumbers.length;
    }

    public int atomicNumber(int atom) {
        return atomicNumbers[atom];
    }

    public String symbol(int atom) {
        return Elements.symbol(atomicNumbers[atom]);
    }

    /** Coordinate {@code axis} (0 = x, 1 = y, 2 = z) of {@code atom}, in bohr. */
    public double coordinate(int atom, int axis) {
        return coordinates[3 * atom + axis];
    }

    /** A copy of the atomic numbers. */
    public int[] atomicNumbers() {
        return atomicNumbers.clone();
    }

    /** A copy of the coordinates in bohr, x, y, z per atom. */
    public double[] coordinates() {
        return coordinates.clone();
    }

    /** The distance between two atoms, in bohr. */
    public double distance(int a, int b) {
        double dx = coordinates[3 * a] - coordinates[3 * b];
        double dy = coordinates[3 * a + 1] - coordinates[3 * b + 1];
        double dz = coordinates[3 * a + 2] - coordinates[3 * b + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** The atoms at the given indices, in that order. */
    public Geometry subset(int... atoms) {
        int[] z = new int[atoms.length];
        double[] xyz = new double[3 * atoms.length];
        for (int k = 0; k < atoms.length; k++) {
            if (atoms[k] < 0 || atoms[k] >= size()) {
                throw new IllegalArgumentException("atom index " + atoms[k] + " is out of range for " + size() + " atoms");
            }
            z[k] = atomicNumbers[atoms[k]];
            System.arraycopy(coordinates, 3 * atoms[k], xyz, 3 * k, 3);
        }
        return new Geometry(z, xyz);
    }

    /** The atoms of {@code first} followed by those of {@code second}. */
    public static Geometry concat(Geometry first, Geometry second) {
        int[] z = Arrays.copyOf(first.atomicNumbers, first.size() + second.size());
        System.arraycopy(second.atomicNumbers, 0, z, first.size(), second.size());
        double[] xyz = Arrays.copyOf(first.coordinates, 3 * z.length);
        System.arraycopy(second.coordinates, 0, xyz, 3 * first.size(), 3 * second.size());
        return new Geometry(z, xyz);
    }

    /**
     * Every atom moved to {@code rotation * r + shift}: {@code rotation} is a row-major 3x3 matrix, {@code shift}
     * a vector in bohr. Used to check invariances; the rotation is not checked for orthogonality.
     */
    public Geometry transformed(double[] rotation, double[] shift) {
        if (rotation.length != 9 || shift.length != 3) {
            throw new IllegalArgumentException("rotation must have 9 entries and shift 3, got " + rotation.length
                    + " and " + shift.length);
        }
        double[] xyz = new double[coordinates.length];
        for (int i = 0; i < size(); i++) {
            for (int r = 0; r < 3; r++) {
                double s = shift[r];
                for (int c = 0; c < 3; c++) {
                    s += rotation[3 * r + c] * coordinates[3 * i + c];
                }
                xyz[3 * i + r] = s;
            }
        }
        return new Geometry(atomicNumbers.clone(), xyz);
    }

    /** The chemical formula in Hill order (C, H, then alphabetical), e.g. {@code C6H6}. */
    public String formula() {
        Map<String, Integer> counts = new TreeMap<>();
        for (int z : atomicNumbers) {
            counts.merge(Elements.symbol(z), 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder();
        for (String first : new String[] {"C", "H"}) {
            if (counts.containsKey("C") && counts.containsKey(first)) {
                append(out, first, counts.remove(first));
            }
        }
        counts.forEach((symbol, count) -> append(out, symbol, count));
        return out.toString();
    }

    private static void append(StringBuilder out, String symbol, int count) {
        out.append(symbol);
        if (count > 1) {
            out.append(count);
        }
    }

    @Override
    public String toString() {
        return "Geometry[" + formula() + ", " + size() + " atoms]";
    }
}
