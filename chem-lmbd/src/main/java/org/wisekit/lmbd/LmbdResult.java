package org.wisekit.lmbd;

/**
 * An lMBD result.
 *
 * @param energy       total energy in hartree, the sum of {@code perAtom}
 * @param perAtom      each atom's energy in hartree
 * @param alphaScs     each atom's screened static polarizability (bohr^3)
 * @param omegaScs     each atom's screened characteristic frequency (hartree)
 * @param screeningSeconds wall time of the screening step
 * @param energySeconds    wall time of the energy step
 */
public record LmbdResult(double energy, double[] perAtom, double[] alphaScs, double[] omegaScs, double screeningSeconds,
        double energySeconds) {
}
