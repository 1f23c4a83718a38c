package org.wisekit.lmbd;

import java.util.Random;

/** Seeded random clouds of atoms for the energy tests. */
final class TestGeometries {

    private TestGeometries() {
    }

    /** {@code n} atoms drawn from {@code elements} uniformly in a box of {@code box} A, at least {@code minimum} A apart. */
    static Geometry cloud(int n, long seed, double box, double minimum, int... elements) {
        Random random = new Random(seed);
        int[] z = new int[n];
        double[] xyz = new double[3 * n];
        int placed = 0;
        while (placed < n) {
            for (int c = 0; c < 3; c++) {
                xyz[3 * placed + c] = random.nextDouble() * box;
            }
            boolean ok = true;
            for (int j = 0; j < placed && ok; j++) {
                double d2 = 0;
                for (int c = 0; c < 3; c++) {
                    double d = xyz[3 * placed + c] - xyz[3 * j + c];
                    d2 += d * d;
                }
                ok = d2 > minimum * minimum;
            }
            if (ok) {
                z[placed] = elements[random.nextInt(elements.length)];
                placed++;
            }
        }
        return Geometry.ofAngstrom(z, xyz);
    }
}
