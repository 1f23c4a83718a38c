/**
 * The {@code wisekit mbd} tool: {@code energy} (the MBD@rsSCS, lMBD, TS or plain-MBD dispersion energy of an XYZ
 * file, or of a finite cluster cut from a POSCAR, with per-atom lMBD energies as CSV) and {@code dimers} (dispersion
 * interaction energies of the S22 or S66 complexes beside their CCSD(T) references). Needs wisekit-harness,
 * wisekit-datasets and picocli, optional dependencies of this artifact.
 */
package org.wisekit.lmbd.cli;
