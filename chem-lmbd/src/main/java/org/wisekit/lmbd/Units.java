package org.wisekit.lmbd;

/**
 * Unit conversions. Everything inside this module is in atomic units (bohr, hartree); readers convert from
 * angstrom on the way in, results carry hartree and convert to eV on the way out. The constants are libMBD's.
 */
public final class Units {

    /** Bohr per angstrom, {@code 1 / 0.529177249} (libMBD's {@code ang}). */
    public static final double BOHR_PER_ANGSTROM = 1 / 0.529177249;

    /** Electronvolt per hartree (CODATA 2018). */
    public static final double EV_PER_HARTREE = 27.211386245988;

    /** Kilocalorie per mole per hartree (CODATA 2018 hartree, thermochemical calorie). */
    public static final double KCAL_PER_MOL_PER_HARTREE = 627.509474;

    private Units() {
    }
}
