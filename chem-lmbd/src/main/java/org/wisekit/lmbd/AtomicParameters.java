package org.wisekit.lmbd;

/**
 * The per-atom inputs of TS, MBD and lMBD in atomic units: static polarizability alpha0 (bohr^3), C6
 * (hartree bohr^6) and van der Waals radius R (bohr). From free atoms and Hirshfeld volume ratios nu
 * (libMBD's {@code from_volumes}): alpha0 = nu alpha0_free, C6 = nu^2 C6_free, R = nu^(1/3) R_free.
 * Immutable; accessors return copies.
 */
public final class AtomicParameters {

    private final double[] alpha0;
    private final double[] c6;
    private final double[] r0;

    private AtomicParameters(double[] alpha0, double[] c6, double[] r0) {
        this.alpha0 = alpha0;
        this.c6 = c6;
        this.r0 = r0;
    }

    /**
     * Explicit parameters, one value per atom each.
     *
     * @throws IllegalArgumentException when the lengths differ or a value is not positive and finite
     */
    public static AtomicParameters of(double[] alpha0, double[] c6, double[] r0) {
        if (alpha0.length != c6.length || alpha0.length != r0.length) {
            throw new IllegalArgumentException("alpha0, c6 and r0 need one value per atom, got lengths " + alpha0.length
                    + ", " + c6.length + ", " + r0.length);
        }
        for (int i = 0; i < alpha0.length; i++) {
            positive("alpha0", i, alpha0[i]);
            positive("c6", i, c6[i]);
            positive("r0", i, r0[i]);
        }
        return new AtomicParameters(alpha0.clone(), c6.clone(), r0.clone());
    }

    /**
     * Free-atom parameters scaled by Hirshfeld volume ratios: {@code nu[i]} for atom i, or every ratio 1 (free
     * atoms) when {@code nu} is null.
     *
     * @throws IllegalArgumentException naming the atom when a ratio is not positive and finite, or when the table
     *                                  has no parameters for an element
     */
    public static AtomicParameters fromVolumeRatios(Geometry geometry, FreeAtomTable table, double[] nu) {
        int n = geometry.size();
        if (nu != null && nu.length != n) {
            throw new IllegalArgumentException("nu needs one ratio per atom: " + n + " atoms, " + nu.length + " ratios");
        }
        double[] alpha0 = new double[n];
        double[] c6 = new double[n];
        double[] r0 = new double[n];
        for (int i = 0; i < n; i++) {
            double v = nu == null ? 1 : nu[i];
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("nu of atom " + (i + 1) + " (" + geometry.symbol(i)
                        + ") must be positive and finite, got " + v);
            }
            FreeAtom free = table.get(geometry.atomicNumber(i));
            alpha0[i] = v * free.alpha0();
            c6[i] = v * v * free.c6();
            r0[i] = Math.cbrt(v) * free.r0();
        }
        return new AtomicParameters(alpha0, c6, r0);
    }

    private static void positive(String name, int atom, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " of atom " + (atom + 1) + " must be positive and finite, got "
                    + value);
        }
    }

    /** The number of atoms. */
    public int size() {
        return alpha0.length;
    }

    public double alpha0(int atom) {
        return alpha0[atom];
    }

    public double c6(int atom) {
        return c6[atom];
    }

    public double r0(int atom) {
        return r0[atom];
    }

    /** The characteristic frequency omega = 4 C6 / (3 alpha0^2) of atom {@code atom}'s oscillator, in hartree. */
    public double omega(int atom) {
        return 4 * c6[atom] / (3 * alpha0[atom] * alpha0[atom]);
    }

    public double[] alpha0() {
        return alpha0.clone();
    }

    public double[] c6() {
        return c6.clone();
    }

    public double[] r0() {
        return r0.clone();
    }

    /** The parameters of the atoms at the given indices, in that order. */
    public AtomicParameters subset(int... atoms) {
        double[] a = new double[atoms.length];
        double[] c = new double[atoms.length];
        double[] r = new double[atoms.length];
        for (int k = 0; k < atoms.length; k++) {
            a[k] = alpha0[atoms[k]];
            c[k] = c6[atoms[k]];
            r[k] = r0[atoms[k]];
        }
        return new AtomicParameters(a, c, r);
    }
}
