/**
 * Implementation details of chem-lmbd, not API (may change in any release): dipole tensors, the dense kernels of
 * full MBD (Householder-QL symmetric eigenvalues, blocked Cholesky), the Lanczos spectral bounds and the polynomial
 * fits of ln(1 - x) used by lMBD, cell-list neighbour search and sphere queries, and the strict JSON reader of the
 * S22 file.
 */
package org.wisekit.lmbd.internal;
