package org.wisekit.lmbd;

/**
 * A system prepared for lMBD by {@link Lmbd#prepare}: its screened polarizabilities and the sparse couplings its
 * atoms' spheres share. Each atom's energy is independent of the others', so a caller may ask for some atoms only
 * (a region of interest) or spread atoms over threads. Thread-safe: every thread gets its own scratch space.
 */
public final class LmbdSystem {

    private final Lmbd.EnergyStep step;
    private final ThreadLocal<Lmbd.Workspace> workspaces;

    LmbdSystem(Lmbd.EnergyStep step) {
        this.step = step;
        this.workspaces = ThreadLocal.withInitial(() -> new Lmbd.Workspace(step.n));
    }

    /** The number of atoms. */
    public int size() {
        return step.n;
    }

    /**
     * The lMBD energy of atom {@code atom} in hartree.
     *
     * @throws IllegalArgumentException         when the index is out of range
     * @throws PolarizationCatastropheException when its sphere is unstable (exact log or fit)
     */
    public double atomEnergy(int atom) {
        if (atom < 0 || atom >= step.n) {
            throw new IllegalArgumentException("atom must be in [0, " + step.n + "), got " + atom);
        }
        return workspaces.get().atomEnergy(step, atom);
    }

    /** The number of atoms in {@code atom}'s sphere (the size of its local problem). */
    public int sphereSize(int atom) {
        if (atom < 0 || atom >= step.n) {
            throw new IllegalArgumentException("atom must be in [0, " + step.n + "), got " + atom);
        }
        return workspaces.get().sphereSize(step, atom);
    }

    /** The number of stored couplings (directed atom pairs within rMbd2) shared by the spheres. */
    public int couplings() {
        return step.pairs.size();
    }

    /** Each atom's screened static polarizability (bohr^3). */
    public double[] alphaScs() {
        return step.scr.alpha.clone();
    }

    /** Each atom's screened characteristic frequency (hartree). */
    public double[] omegaScs() {
        return step.scr.omega.clone();
    }
}
