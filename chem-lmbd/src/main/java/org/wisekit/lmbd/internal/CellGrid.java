package org.wisekit.lmbd.internal;

import java.util.Arrays;

/**
 * Atoms sorted into cubic cells, for "which atoms lie within r of this point" queries in time proportional to the
 * atoms in the cells the sphere touches. Immutable after construction and safe to query from many threads.
 */
public final class CellGrid {

    private final double[] xyz;
    private final double cell;
    private final double[] origin = new double[3];
    private final int[] dims = new int[3];
    private final int[] cellStart;
    private final int[] cellAtoms;

    /** A grid of cell edge {@code cell} bohr over the atoms at {@code xyz} (3 per atom); the array is not copied. */
    public CellGrid(double[] xyz, int atoms, double cell) {
        if (!(cell > 0)) {
            throw new IllegalArgumentException("cell must be positive, got " + cell);
        }
        this.xyz = xyz;
        double[] max = new double[3];
        Arrays.fill(origin, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < atoms; i++) {
            for (int c = 0; c < 3; c++) {
                origin[c] = Math.min(origin[c], xyz[3 * i + c]);
                max[c] = Math.max(max[c], xyz[3 * i + c]);
            }
        }
        // Never more cells than about the number of atoms along the grid: a sparse cloud gets bigger cells.
        double edge = cell;
        long total;
        do {
            total = 1;
            for (int c = 0; c < 3; c++) {
                dims[c] = atoms == 0 ? 1 : (int) Math.min(Integer.MAX_VALUE / 4, Math.floor((max[c] - origin[c]) / edge) + 1);
                total *= dims[c];
            }
            edge *= 2;
        } while (total > Math.max(64L, 4L * atoms));
        this.cell = edge / 2;
        int[] counts = new int[(int) total + 1];
        int[] owner = new int[atoms];
        for (int i = 0; i < atoms; i++) {
            owner[i] = index(i);
            counts[owner[i] + 1]++;
        }
        for (int k = 0; k < total; k++) {
            counts[k + 1] += counts[k];
        }
        cellStart = counts.clone();
        cellAtoms = new int[atoms];
        for (int i = 0; i < atoms; i++) {
            cellAtoms[counts[owner[i]]++] = i;
        }
    }

    private int index(int atom) {
        int k = 0;
        for (int c = 0; c < 3; c++) {
            int v = (int) Math.floor((xyz[3 * atom + c] - origin[c]) / cell);
            k = k * dims[c] + Math.max(0, Math.min(dims[c] - 1, v));
        }
        return k;
    }

    /**
     * The atoms within {@code radius} of atom {@code center} (itself included), ascending, written into
     * {@code out} (grown when too small; the possibly new array is returned in {@code out[0]} of {@code holder}).
     *
     * @return how many atoms were written
     */
    public int within(int center, double radius, int[][] holder) {
        double cx = xyz[3 * center];
        double cy = xyz[3 * center + 1];
        double cz = xyz[3 * center + 2];
        double r2 = radius * radius;
        int[] lo = new int[3];
        int[] hi = new int[3];
        double[] p = {cx, cy, cz};
        for (int c = 0; c < 3; c++) {
            lo[c] = Math.max(0, (int) Math.floor((p[c] - radius - origin[c]) / cell));
            hi[c] = Math.min(dims[c] - 1, (int) Math.floor((p[c] + radius - origin[c]) / cell));
        }
        int[] out = holder[0];
        int count = 0;
        for (int a = lo[0]; a <= hi[0]; a++) {
            for (int b = lo[1]; b <= hi[1]; b++) {
                for (int c = lo[2]; c <= hi[2]; c++) {
                    int k = (a * dims[1] + b) * dims[2] + c;
                    for (int s = cellStart[k]; s < cellStart[k + 1]; s++) {
                        int j = cellAtoms[s];
                        double dx = xyz[3 * j] - cx;
                        double dy = xyz[3 * j + 1] - cy;
                        double dz = xyz[3 * j + 2] - cz;
                        if (dx * dx + dy * dy + dz * dz <= r2) {
                            if (count == out.length) {
                                out = Arrays.copyOf(out, Math.max(16, 2 * out.length));
                            }
                            out[count++] = j;
                        }
                    }
                }
            }
        }
        Arrays.sort(out, 0, count);
        holder[0] = out;
        return count;
    }
}
