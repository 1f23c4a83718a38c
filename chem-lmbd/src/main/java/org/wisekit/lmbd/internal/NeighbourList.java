package org.wisekit.lmbd.internal;

import java.util.Arrays;

/**
 * Every pair of atoms within a cutoff, found in O(N) with a cell list, stored in compressed sparse row form: the
 * neighbours of atom {@code i} are {@code neighbours()[offsets()[i] .. offsets()[i + 1])}, sorted ascending, and the
 * list is symmetric (j is a neighbour of i exactly when i is a neighbour of j). Immutable.
 *
 * <p>Atoms are binned into cubic cells of edge {@code cutoff}; only occupied cells are stored (a hash table keyed by
 * the cell's integer coordinates), so a huge, sparse or flat bounding box costs no more memory than the atoms do.
 * When the box spans more than 2^20 cutoffs along an axis the cells grow to keep the cell coordinates in 21 bits;
 * larger cells stay correct, since any pair within the cutoff is still in the same or adjacent cells.
 */
public final class NeighbourList {

    private static final int AXIS_BITS = 21;
    private static final double MAX_CELLS_PER_AXIS = 1 << (AXIS_BITS - 1);

    private final int atoms;
    private final double cutoff;
    private final int[] offsets;
    private final int[] neighbours;

    private NeighbourList(int atoms, double cutoff, int[] offsets, int[] neighbours) {
        this.atoms = atoms;
        this.cutoff = cutoff;
        this.offsets = offsets;
        this.neighbours = neighbours;
    }

    /**
     * The pairs i != j with {@code d(i, j)^2 <= cutoff^2}.
     *
     * @param xyz    coordinates in bohr, x, y, z per atom; only the first {@code 3 * atoms} values are read
     * @param atoms  the number of atoms
     * @param cutoff the cutoff in bohr, finite and non-negative
     * @throws IllegalArgumentException when {@code atoms} is negative or exceeds {@code xyz}, the cutoff is negative
     *                                  or not finite, or a coordinate is not finite (naming the atom)
     */
    public static NeighbourList build(double[] xyz, int atoms, double cutoff) {
        Cells cells = Cells.of(xyz, atoms, cutoff, "cutoff");
        double c2 = cutoff * cutoff;
        int[] offsets = new int[atoms + 1];
        int[] found = new int[(int) Math.min(1L << 26, Math.max(16L, 8L * atoms))];
        int size = 0;
        int[] start = cells.start;
        int[] members = cells.members;
        int[] adjacent = cells.adjacent;
        for (int i = 0; i < atoms; i++) {
            double xi = xyz[3 * i];
            double yi = xyz[3 * i + 1];
            double zi = xyz[3 * i + 2];
            int from = size;
            for (int a = 27 * cells.cellOf[i], last = a + 27; a < last; a++) {
                int cell = adjacent[a];
                if (cell < 0) {
                    continue;
                }
                for (int m = start[cell], end = start[cell + 1]; m < end; m++) {
                    int j = members[m];
                    double ddx = xyz[3 * j] - xi;
                    double ddy = xyz[3 * j + 1] - yi;
                    double ddz = xyz[3 * j + 2] - zi;
                    if (j != i && ddx * ddx + ddy * ddy + ddz * ddz <= c2) {
                        if (size == found.length) {
                            found = Arrays.copyOf(found, grow(found.length));
                        }
                        found[size++] = j;
                    }
                }
            }
            Arrays.sort(found, from, size);
            offsets[i + 1] = size;
        }
        return new NeighbourList(atoms, cutoff, offsets, Arrays.copyOf(found, size));
    }

    /**
     * The first pair closer than {@code below} (strictly: {@code d^2 < below^2}) in the order of the smaller index,
     * then the larger, as {@code {i, j}} with {@code i < j}; null when no two atoms are that close. Two atoms at the
     * same position are a pair for any positive {@code below}.
     *
     * @throws IllegalArgumentException as {@link #build}, for {@code below} in place of the cutoff
     */
    public static int[] closestPair(double[] xyz, int atoms, double below) {
        Cells cells = Cells.of(xyz, atoms, below, "below");
        double b2 = below * below;
        int[] start = cells.start;
        int[] members = cells.members;
        int[] adjacent = cells.adjacent;
        for (int i = 0; i < atoms; i++) {
            double xi = xyz[3 * i];
            double yi = xyz[3 * i + 1];
            double zi = xyz[3 * i + 2];
            int best = Integer.MAX_VALUE;
            for (int a = 27 * cells.cellOf[i], last = a + 27; a < last; a++) {
                int cell = adjacent[a];
                if (cell < 0) {
                    continue;
                }
                for (int m = start[cell], end = start[cell + 1]; m < end; m++) {
                    int j = members[m];
                    if (j <= i || j >= best) {
                        continue;
                    }
                    double ddx = xyz[3 * j] - xi;
                    double ddy = xyz[3 * j + 1] - yi;
                    double ddz = xyz[3 * j + 2] - zi;
                    if (ddx * ddx + ddy * ddy + ddz * ddz < b2) {
                        best = j;
                    }
                }
            }
            if (best != Integer.MAX_VALUE) {
                return new int[] {i, best};
            }
        }
        return null;
    }

    private static int grow(int length) {
        if (length >= Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more than " + length + " neighbour pairs");
        }
        return (int) Math.min(Integer.MAX_VALUE - 8L, 2L * length);
    }

    /** The number of atoms. */
    public int atoms() {
        return atoms;
    }

    /** The cutoff the list was built with, in bohr. */
    public double cutoff() {
        return cutoff;
    }

    /** Row offsets, length {@code atoms() + 1}: the backing array, shared for speed; do not modify it. */
    public int[] offsets() {
        return offsets;
    }

    /** All neighbour indices, row by row: the backing array, shared for speed; do not modify it. */
    public int[] neighbours() {
        return neighbours;
    }

    /** The number of neighbours of {@code atom}. */
    public int count(int atom) {
        return offsets[atom + 1] - offsets[atom];
    }

    /** The {@code k}-th neighbour of {@code atom} (ascending index order), {@code 0 <= k < count(atom)}. */
    public int neighbour(int atom, int k) {
        if (k < 0 || k >= count(atom)) {
            throw new IndexOutOfBoundsException("neighbour " + k + " of atom " + atom + ", which has " + count(atom));
        }
        return neighbours[offsets[atom] + k];
    }

    /** The total number of (ordered) neighbour entries, twice the number of pairs. */
    public int size() {
        return neighbours.length;
    }

    /**
     * The occupied cells: atoms grouped by cell ({@code members[start[c] .. start[c + 1])}, ascending within a
     * cell), the cell of every atom, and for every cell the up to 27 occupied cells around it and itself
     * ({@code adjacent[27 c .. 27 c + 27)}, -1 where a cell is empty).
     */
    private static final class Cells {

        final int[] start;
        final int[] members;
        final int[] cellOf;
        final int[] adjacent;

        private Cells(int[] start, int[] members, int[] cellOf, int[] adjacent) {
            this.start = start;
            this.members = members;
            this.cellOf = cellOf;
            this.adjacent = adjacent;
        }

        static Cells of(double[] xyz, int atoms, double cutoff, String cutoffName) {
            if (xyz == null) {
                throw new IllegalArgumentException("xyz is required");
            }
            if (atoms < 0 || 3L * atoms > xyz.length) {
                throw new IllegalArgumentException("atoms must be in [0, xyz.length / 3 = " + xyz.length / 3 + "], got "
                        + atoms);
            }
            if (!(cutoff >= 0) || Double.isInfinite(cutoff)) {
                throw new IllegalArgumentException(cutoffName + " must be finite and non-negative, got " + cutoff);
            }
            double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
            double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (int i = 0; i < atoms; i++) {
                for (int c = 0; c < 3; c++) {
                    double v = xyz[3 * i + c];
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("xyz[" + (3 * i + c) + "] (atom index " + i + ") is " + v);
                    }
                    min[c] = Math.min(min[c], v);
                    max[c] = Math.max(max[c], v);
                }
            }
            double maxExtent = 0;
            for (int c = 0; c < 3 && atoms > 0; c++) {
                maxExtent = Math.max(maxExtent, max[c] - min[c]);
            }
            double edge = Math.max(cutoff, maxExtent / MAX_CELLS_PER_AXIS);
            double inverse = edge > 0 ? 1 / edge : 0;

            // Occupied cells get numbers in order of their first atom.
            int capacity = Integer.highestOneBit(Math.max(4, 2 * atoms - 1)) << 1;
            long[] keys = new long[capacity];
            int[] slots = new int[capacity];
            Arrays.fill(slots, -1);
            int[] cellOf = new int[atoms];
            long[] cellKey = new long[atoms];
            int[] counts = new int[atoms + 1];
            int cells = 0;
            for (int i = 0; i < atoms; i++) {
                long key = pack((int) ((xyz[3 * i] - min[0]) * inverse), (int) ((xyz[3 * i + 1] - min[1]) * inverse),
                        (int) ((xyz[3 * i + 2] - min[2]) * inverse));
                int slot = slot(keys, slots, key);
                if (slots[slot] < 0) {
                    keys[slot] = key;
                    cellKey[cells] = key;
                    slots[slot] = cells++;
                }
                cellOf[i] = slots[slot];
                counts[cellOf[i] + 1]++;
            }
            int[] start = Arrays.copyOf(counts, cells + 1);
            for (int c = 0; c < cells; c++) {
                start[c + 1] += start[c];
            }
            int[] fill = Arrays.copyOf(start, cells);
            int[] members = new int[atoms];
            for (int i = 0; i < atoms; i++) {
                members[fill[cellOf[i]]++] = i;
            }
            int[] adjacent = new int[27 * cells];
            long low = (1L << AXIS_BITS) - 1;
            for (int c = 0; c < cells; c++) {
                int x = (int) (cellKey[c] >>> (2 * AXIS_BITS));
                int y = (int) ((cellKey[c] >>> AXIS_BITS) & low);
                int z = (int) (cellKey[c] & low);
                int k = 27 * c;
                for (int dx = -1; dx <= 1; dx++) {
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dz = -1; dz <= 1; dz++) {
                            boolean inside = x + dx >= 0 && y + dy >= 0 && z + dz >= 0;
                            adjacent[k++] = inside ? slots[slot(keys, slots, pack(x + dx, y + dy, z + dz))] : -1;
                        }
                    }
                }
            }
            return new Cells(start, members, cellOf, adjacent);
        }

        private static long pack(int x, int y, int z) {
            return ((long) x << (2 * AXIS_BITS)) | ((long) y << AXIS_BITS) | z;
        }

        /** The slot holding {@code key}, or the empty slot where it would go (linear probing). */
        private static int slot(long[] keys, int[] slots, long key) {
            int mask = keys.length - 1;
            int s = (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
            while (slots[s] >= 0 && keys[s] != key) {
                s = (s + 1) & mask;
            }
            return s;
        }
    }
}
