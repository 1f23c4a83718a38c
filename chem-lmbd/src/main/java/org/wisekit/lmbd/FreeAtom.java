package org.wisekit.lmbd;

/**
 * Free-atom dispersion parameters of one element, in atomic units (the TS columns of libMBD's
 * {@code vdw-params.csv}).
 *
 * @param atomicNumber the element
 * @param alpha0       static dipole polarizability (bohr^3)
 * @param c6           homonuclear C6 coefficient (hartree bohr^6)
 * @param r0           van der Waals radius (bohr)
 */
public record FreeAtom(int atomicNumber, double alpha0, double c6, double r0) {

    public FreeAtom {
        Elements.symbol(atomicNumber);
        if (!(alpha0 > 0) || !(c6 > 0) || !(r0 > 0) || Double.isInfinite(alpha0) || Double.isInfinite(c6)
                || Double.isInfinite(r0)) {
            throw new IllegalArgumentException(Elements.symbol(atomicNumber) + ": alpha0, c6 and r0 must be positive"
                    + " and finite, got " + alpha0 + ", " + c6 + ", " + r0);
        }
    }
}
