package org.wisekit.lmbd.internal;

import org.wisekit.lmbd.Geometry;
import org.wisekit.lmbd.Units;

/** The geometry check every energy runs first: no two atoms closer than a minimum separation. */
public final class Separation {

    private Separation() {
    }

    /**
     * @throws IllegalArgumentException naming both atoms (1-based, with their elements) and the distance in angstrom
     *                                  when two atoms are closer than {@code minimum} bohr
     */
    public static void require(Geometry geometry, double minimum) {
        int[] pair = NeighbourList.closestPair(geometry.coordinates(), geometry.size(), minimum);
        if (pair != null) {
            throw new IllegalArgumentException("atoms " + (pair[0] + 1) + " (" + geometry.symbol(pair[0]) + ") and "
                    + (pair[1] + 1) + " (" + geometry.symbol(pair[1]) + ") are "
                    + String.format("%.4f", geometry.distance(pair[0], pair[1]) / Units.BOHR_PER_ANGSTROM)
                    + " A apart, closer than " + String.format("%.2f", minimum / Units.BOHR_PER_ANGSTROM) + " A");
        }
    }
}
