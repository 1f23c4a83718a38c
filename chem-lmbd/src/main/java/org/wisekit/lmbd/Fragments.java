package org.wisekit.lmbd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wisekit.lmbd.internal.NeighbourList;

/**
 * Molecules as connected components of the covalent-bond graph: atoms i and j are bonded when
 * {@code d(i, j) <= 1.2 (r_i + r_j)}, with r the single-bond covalent radii of Cordero et al., "Covalent radii
 * revisited", Dalton Trans. 2008, 2832 (elements H to Xe; carbon sp3 0.76 A, Mn, Fe, Co low spin). Stateless.
 */
public final class Fragments {

    /** The bond criterion's tolerance: bonded when the distance is at most this times the sum of the radii. */
    public static final double BOND_TOLERANCE = 1.2;

    /** Cordero et al. 2008 covalent radii in angstrom, by atomic number (index 0 unused). */
    private static final double[] RADII_ANGSTROM = {Double.NaN,
        0.31, 0.28,                                                             // H He
        1.28, 0.96, 0.84, 0.76, 0.71, 0.66, 0.57, 0.58,                         // Li .. Ne
        1.66, 1.41, 1.21, 1.11, 1.07, 1.05, 1.02, 1.06,                         // Na .. Ar
        2.03, 1.76, 1.70, 1.60, 1.53, 1.39, 1.39, 1.32, 1.26, 1.24, 1.32, 1.22, // K .. Zn
        1.22, 1.20, 1.19, 1.20, 1.20, 1.16,                                     // Ga .. Kr
        2.20, 1.95, 1.90, 1.75, 1.64, 1.54, 1.47, 1.46, 1.42, 1.39, 1.45, 1.44, // Rb .. Cd
        1.42, 1.39, 1.39, 1.38, 1.39, 1.40};                                    // In .. Xe

    private Fragments() {
    }

    /**
     * The covalent radius of element {@code atomicNumber}, in bohr.
     *
     * @throws IllegalArgumentException naming the element when it has no radius here (beyond Xe)
     */
    public static double covalentRadius(int atomicNumber) {
        String symbol = Elements.symbol(atomicNumber);
        if (atomicNumber >= RADII_ANGSTROM.length) {
            throw new IllegalArgumentException("no covalent radius for element " + symbol + " (Z = " + atomicNumber
                    + "); radii are known for H to Xe");
        }
        return RADII_ANGSTROM[atomicNumber] * Units.BOHR_PER_ANGSTROM;
    }

    /**
     * The fragment of every atom: labels 0 .. k-1, numbered in order of each fragment's first atom (atom 0 is in
     * fragment 0).
     *
     * @throws IllegalArgumentException naming the atom and element when an element has no covalent radius
     */
    public static int[] labels(Geometry geometry) {
        int n = geometry.size();
        double[] xyz = geometry.coordinates();
        double[] radius = radii(geometry);
        double largest = 0;
        for (double r : radius) {
            largest = Math.max(largest, r);
        }
        NeighbourList list = NeighbourList.build(xyz, n, 2 * BOND_TOLERANCE * largest);
        int[] offsets = list.offsets();
        int[] neighbours = list.neighbours();
        int[] label = new int[n];
        Arrays.fill(label, -1);
        int[] queue = new int[n];
        int fragments = 0;
        for (int seed = 0; seed < n; seed++) {
            if (label[seed] >= 0) {
                continue;
            }
            label[seed] = fragments;
            int head = 0;
            int tail = 0;
            queue[tail++] = seed;
            while (head < tail) {
                int i = queue[head++];
                for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                    int j = neighbours[k];
                    if (label[j] < 0 && bonded(xyz, i, j, radius)) {
                        label[j] = fragments;
                        queue[tail++] = j;
                    }
                }
            }
            fragments++;
        }
        return label;
    }

    /** The atom indices of each fragment (ascending), fragments in the order of {@link #labels}. */
    public static List<int[]> split(Geometry geometry) {
        int[] label = labels(geometry);
        int fragments = 0;
        for (int l : label) {
            fragments = Math.max(fragments, l + 1);
        }
        int[] sizes = new int[fragments];
        for (int l : label) {
            sizes[l]++;
        }
        List<int[]> out = new ArrayList<>(fragments);
        for (int f = 0; f < fragments; f++) {
            out.add(new int[sizes[f]]);
        }
        int[] fill = new int[fragments];
        for (int i = 0; i < label.length; i++) {
            out.get(label[i])[fill[label[i]]++] = i;
        }
        return out;
    }

    /** The covalent radius of every atom in bohr, or an error naming the first atom without one. */
    static double[] radii(Geometry geometry) {
        double[] radius = new double[geometry.size()];
        for (int i = 0; i < radius.length; i++) {
            try {
                radius[i] = covalentRadius(geometry.atomicNumber(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("atom " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return radius;
    }

    /** Whether atoms i and j of {@code xyz} (bohr) are bonded, given the radii in bohr. */
    static boolean bonded(double[] xyz, int i, int j, double[] radius) {
        double dx = xyz[3 * i] - xyz[3 * j];
        double dy = xyz[3 * i + 1] - xyz[3 * j + 1];
        double dz = xyz[3 * i + 2] - xyz[3 * j + 2];
        double limit = BOND_TOLERANCE * (radius[i] + radius[j]);
        return dx * dx + dy * dy + dz * dz <= limit * limit;
    }
}
