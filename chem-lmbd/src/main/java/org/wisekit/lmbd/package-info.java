/**
 * Many-body dispersion (MBD) for finite systems, in atomic units: the dense reference {@link org.wisekit.lmbd.Mbd}
 * (MBD@rsSCS, plain MBD and TS exactly as libMBD defines them, checked against libMBD's reference values) and the
 * linear-scaling atom-wise {@link org.wisekit.lmbd.Lmbd} of Muhli, Ala-Nissila and Caro (arXiv 2407.06409), which
 * follows TurboGAP's {@code vdw.f90} (local SCS with a two-frequency oscillator fit, per-atom polynomial of the
 * ACFDT log on sparse sphere matrices), with every knob in {@link org.wisekit.lmbd.LmbdSettings}.
 *
 * <p>Inputs: a {@link org.wisekit.lmbd.Geometry} (from {@link org.wisekit.lmbd.GeometryFiles}: XYZ, POSCAR via
 * {@link org.wisekit.lmbd.Crystal}; or the S22 and S66 sets via {@link org.wisekit.lmbd.Benchmarks}) and
 * {@link org.wisekit.lmbd.AtomicParameters}, usually free-atom values from libMBD's table
 * ({@link org.wisekit.lmbd.FreeAtomTable}) scaled by Hirshfeld volume ratios. Energies are in hartree
 * ({@link org.wisekit.lmbd.Units} converts). Unstable systems raise
 * {@link org.wisekit.lmbd.PolarizationCatastropheException}; bad input raises {@link IllegalArgumentException} naming
 * the atom, file or parameter.
 *
 * <p>This package needs only Commons Math. The tool {@code wisekit mbd} ({@code org.wisekit.lmbd.cli}) and the
 * reproduction {@code chem-lmbd/scaling} ({@code org.wisekit.lmbd.repro}) need the optional wisekit-harness,
 * wisekit-datasets and picocli.
 */
package org.wisekit.lmbd;
