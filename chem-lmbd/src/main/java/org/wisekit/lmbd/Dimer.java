package org.wisekit.lmbd;

/**
 * A benchmark complex of two molecules and its reference interaction energy
 * {@code E(complex) - E(monomerA) - E(monomerB)}, as read by {@link Benchmarks}. Immutable.
 *
 * @param name            the benchmark's name of the complex, e.g. {@code Water_dimer}
 * @param complex         the atoms of monomer A followed by those of monomer B
 * @param monomerA        the first molecule, at its position in the complex
 * @param monomerB        the second molecule, at its position in the complex
 * @param referenceEnergy the benchmark's CCSD(T) interaction energy, in hartree (negative when bound)
 */
public record Dimer(String name, Geometry complex, Geometry monomerA, Geometry monomerB, double referenceEnergy) {

    /**
     * @throws IllegalArgumentException when the name is blank, a monomer has no atom, the complex is not monomer A
     *                                  followed by monomer B, or the energy is not finite
     */
    public Dimer {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got " + (name == null ? null : "'" + name + "'"));
        }
        if (complex == null || monomerA == null || monomerB == null) {
            throw new IllegalArgumentException(name + ": complex, monomerA and monomerB are required");
        }
        if (monomerA.size() == 0 || monomerB.size() == 0) {
            throw new IllegalArgumentException(name + ": each monomer needs at least one atom, got " + monomerA.size()
                    + " and " + monomerB.size());
        }
        if (complex.size() != monomerA.size() + monomerB.size()) {
            throw new IllegalArgumentException(name + ": the complex has " + complex.size() + " atoms, the monomers "
                    + monomerA.size() + " + " + monomerB.size());
        }
        checkSame(name, complex, 0, monomerA, "A");
        checkSame(name, complex, monomerA.size(), monomerB, "B");
        if (!Double.isFinite(referenceEnergy)) {
            throw new IllegalArgumentException(name + ": referenceEnergy must be finite, got " + referenceEnergy);
        }
    }

    /** The dimer of two monomers, with the complex built as A followed by B. */
    public static Dimer of(String name, Geometry monomerA, Geometry monomerB, double referenceEnergy) {
        if (monomerA == null || monomerB == null) {
            throw new IllegalArgumentException(name + ": monomerA and monomerB are required");
        }
        return new Dimer(name, Geometry.concat(monomerA, monomerB), monomerA, monomerB, referenceEnergy);
    }

    private static void checkSame(String name, Geometry complex, int offset, Geometry monomer, String which) {
        for (int i = 0; i < monomer.size(); i++) {
            boolean same = complex.atomicNumber(offset + i) == monomer.atomicNumber(i);
            for (int c = 0; c < 3 && same; c++) {
                same = complex.coordinate(offset + i, c) == monomer.coordinate(i, c);
            }
            if (!same) {
                throw new IllegalArgumentException(name + ": atom " + (offset + i + 1) + " of the complex is not atom "
                        + (i + 1) + " of monomer " + which + " (the complex must be A followed by B)");
            }
        }
    }
}
